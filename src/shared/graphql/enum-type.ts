import { registerEnumType } from '@nestjs/graphql';

/** The values of an enum made by enumType, as a type: `type LeadStatus = EnumValue<typeof LeadStatus>`. */
export type EnumValue<E> = E[keyof E];

/**
 * A GraphQL enum whose values are their names, declared once for TypeScript and the schema:
 * `export const LeadStatus = enumType('LeadStatus', ['NEW', 'QUALIFIED'])` is used like a string
 * enum (`LeadStatus.NEW`, `Object.values(LeadStatus)`) and is `enum LeadStatus { NEW QUALIFIED }`.
 */
export const enumType = <const Value extends string>(name: string, values: readonly Value[]): { readonly [V in Value]: V } => {
  const type = Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as { readonly [V in Value]: V };
  registerEnumType(type, { name });
  return type;
};
