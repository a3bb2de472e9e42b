import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRecordContext, useRefresh, type RaRecord } from 'react-admin';
import type { AnnalsDataProvider } from './dataProvider';

export type Success<T> = string | ((data: T) => [string, Record<string, unknown>]);

/**
 * Runs one command on the record in context, pessimistically: the button waits for the server,
 * which may refuse (another user acted first, the record moved on); its refusal is shown as it
 * was said, and the page reloads the record either way.
 */
export const useRecordCommand = <R extends RaRecord, T, V = void>(
  command: (dataProvider: AnnalsDataProvider, record: R, variables: V) => Promise<{ data: T }>,
  { success, onSuccess }: { success: Success<T>; onSuccess?: (data: T) => void },
) => {
  const record = useRecordContext<R>();
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: (variables: V) => command(dataProvider, record!, variables).then(({ data }) => data),
    onSuccess: (data) => {
      const [message, messageArgs] = typeof success === 'string' ? [success, {}] : success(data);
      notify(message, { type: 'success', messageArgs });
      refresh();
      onSuccess?.(data);
    },
    onError: (error: Error) => {
      notify(error.message, { type: 'error', messageArgs: { _: error.message } });
      refresh();
    },
  });
  return { record, ...mutation };
};
