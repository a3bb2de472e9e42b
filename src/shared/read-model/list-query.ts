import { EntityClass, QueryOrder } from '@mikro-orm/postgresql';
import { BadInputError } from '../domain/domain-error';
import { ListArgs, Page, SortOrder } from '../graphql/list.types';

/** A list query's read model: its entity and the fields the list sorts on. */
export interface ReadModelList<T> {
  entity: EntityClass<T>;
  sortable: readonly string[];
}

/** The field a list is sorted by: the one asked for, when the list sorts on it; else BAD_USER_INPUT naming those it does. */
export const sortField = (args: ListArgs, sortable: readonly string[], fallback = 'createdAt'): string => {
  const field = args.sortField ?? fallback;
  if (!sortable.includes(field)) throw new BadInputError({ sortField: [`cannot sort by "${field}"; sort by one of: ${sortable.join(', ')}`] });
  return field;
};

/** A read model's order for a list: the asked field, then id, so pages never repeat or skip a row. */
export const listOrder = (args: ListArgs, sortable: readonly string[]) => {
  const order = args.sortOrder === SortOrder.ASC ? QueryOrder.ASC : QueryOrder.DESC;
  return { [sortField(args, sortable)]: order, id: order };
};

/** The rows of the asked page (pages start at 1). */
export const pageOf = (args: ListArgs) => ({ limit: args.perPage, offset: (args.page - 1) * args.perPage });

/** An ILIKE pattern for a search term anywhere in a value, its own `%`, `_` and `\` taken literally; null for no term. */
export const likePattern = (q: string | null | undefined): string | null => {
  const term = q?.trim();
  return term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
};

/** Rows where any of the fields contains the search term; no condition for no term. */
export const containingAny = (q: string | null | undefined, fields: readonly string[]) => {
  const like = likePattern(q);
  return like ? { $or: fields.map((field) => ({ [field]: { $ilike: like } })) } : {};
};

/** Equality conditions for those of a filter's fields that are set (neither absent, null nor empty). */
export const equalTo = <Filter extends object, Field extends keyof Filter>(filter: Filter, ...fields: Field[]): Partial<Pick<Filter, Field>> =>
  Object.fromEntries(
    fields.filter((field) => filter[field] !== undefined && filter[field] !== null && filter[field] !== '').map((field) => [field, filter[field]]),
  ) as Partial<Pick<Filter, Field>>;

/** A page's items as another type, its total as it was. */
export const mapPage = <Row, Item>(page: Page<Row>, toItem: (row: Row) => Item): Page<Item> => ({ items: page.items.map(toItem), total: page.total });
