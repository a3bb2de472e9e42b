import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { AnnalsDataProvider, Lead } from '../dataProvider';

/**
 * Runs one lead command pessimistically: the button waits for the server, which may refuse
 * (another user acted first, the lead moved on); its refusal is shown as it was said.
 */
export const useLeadCommand = <T>(
  command: (dataProvider: AnnalsDataProvider, lead: Lead) => Promise<{ data: T }>,
  { success, onSuccess }: { success: string | ((data: T) => [string, Record<string, unknown>]); onSuccess?: (data: T) => void },
) => {
  const lead = useRecordContext<Lead>();
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: () => command(dataProvider, lead!).then(({ data }) => data),
    onSuccess: (data) => {
      const [message, messageArgs] = typeof success === 'string' ? [success, {}] : success(data);
      notify(message, { type: 'success', messageArgs });
      refresh();
      onSuccess?.(data);
    },
    onError: (error: Error) => {
      notify(error.message, { type: 'error', messageArgs: { _: error.message } });
      // The lead may have changed under us: show what it is now.
      refresh();
    },
  });
  return { lead, ...mutation };
};
