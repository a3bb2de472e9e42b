import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLRequestContext } from '../../shared/auth/caller';
import type { Origin } from '../application/sessions';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Where a request comes from (address, user agent), for operations without a caller: sign-in, invitations, resets. */
export const RequestOrigin = createParamDecorator((_data: unknown, context: ExecutionContext): Origin => {
  const { req } = GqlExecutionContext.create(context).getContext<GraphQLRequestContext>();
  return { ip: req.ip, userAgent: header(req.headers['user-agent'])?.slice(0, 500) };
});

/** How many `login` fields the operation holds (aliases, fragments included): a request may sign in once. */
export const loginFieldCount = (info: { operation: SelectionHolder; fragments: Record<string, SelectionHolder> }): number => {
  const seen = new Set<string>();
  const count = (holder: SelectionHolder): number =>
    holder.selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === 'Field') return total + (selection.name.value === 'login' ? 1 : 0);
      if (selection.kind === 'InlineFragment' && selection.selectionSet) return total + count(selection as SelectionHolder);
      if (selection.kind === 'FragmentSpread' && !seen.has(selection.name.value) && info.fragments[selection.name.value]) {
        seen.add(selection.name.value);
        return total + count(info.fragments[selection.name.value]);
      }
      return total;
    }, 0);
  return count(info.operation);
};

interface SelectionHolder {
  selectionSet: { selections: readonly ({ kind: string; name: { value: string } } & Partial<SelectionHolder>)[] };
}
