import {
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  type ButtonProps,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { Button, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { sendCommand } from './dataProvider';
import type { Commandable } from './records';
import { useHasRole } from './roles';

export type DialogField<R> = {
  name: string;
  /** i18n key of the input's label. */
  label: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'date';
  /** A select instead of a text input; names are i18n keys (or plain text when `translateChoices` is false). */
  choices?: { id: string; name: string }[];
  translateChoices?: boolean;
  /** i18n key. */
  helperText?: string;
  initial?: (record: R) => string;
};

export type Success<T> = string | ((data: T) => [string, Record<string, unknown>]);

export type CommandButtonProps<R extends RaRecord, T> = {
  /** The mutation's name: the button is there only when the record's `allowedCommands` (the server's deciders and your role) name it. */
  command: string;
  /** The mutation (a `gql` document from commands.ts). */
  document: string;
  /** Its variables, from the record and what the dialog asked. */
  variables: (record: R, values: Record<string, string>) => Record<string, unknown>;
  /** i18n key of the button. */
  label: string;
  icon: ReactElement;
  success: Success<T>;
  onSuccess?: (data: T) => void;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  /** The record, when not the one in context (a row of a list, a card of the board). */
  record?: R;
  /** Words to ask first (a reason, a reference...): a dialog with these inputs opens on click. */
  fields?: DialogField<R>[];
  /** i18n keys of the dialog; the title gets the record's fields as arguments. */
  title?: string;
  content?: string;
  confirmLabel?: string;
  /** For a command that creates a record (log an activity on this client): no record says what it allows, so these roles see it. */
  roles?: readonly string[];
};

/**
 * Runs one command pessimistically: each call of `mutate` is one user action with an
 * Idempotency-Key of its own; success and refusal are told in the server's words, and every
 * query on the page is refreshed either way (the record may have moved on).
 */
export const useCommand = <T,>(document: string, { success, onSuccess }: { success: Success<T>; onSuccess?: (data: T) => void }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const mutation = useMutation({
    mutationFn: ({ variables, key }: { variables: Record<string, unknown>; key: string }) => sendCommand<T>(document, variables, key),
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
  return { ...mutation, mutate: (variables: Record<string, unknown>) => mutation.mutate({ variables, key: crypto.randomUUID() }) };
};

/** Whether the server says the caller may run `command` on the record now. */
export const allows = (record: Partial<Commandable> | undefined | null, command: string) => !!record?.allowedCommands?.includes(command);

/**
 * The one button of every domain action: shown only when the record's `allowedCommands` names the
 * command, run pessimistically (the button waits for the server, which may still refuse: another
 * user acted first; its message is shown as said), with one Idempotency-Key per click, so a request
 * retried by the network has one effect. With `fields`, a dialog asks for them first and its confirm
 * button is the click.
 */
export const CommandButton = <R extends RaRecord & Partial<Commandable>, T = RaRecord>(props: CommandButtonProps<R, T>) => {
  const { command, document, variables, label, icon, success, onSuccess, color = 'primary', fields, title, content, confirmLabel, roles } = props;
  const variant = props.variant ?? (fields ? 'outlined' : 'contained');
  const context = useRecordContext<R>();
  const record = props.record ?? context;
  const translate = useTranslate();
  const dialogId = useId();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const mutation = useCommand<T>(document, {
    success,
    onSuccess: (data) => {
      setOpen(false);
      onSuccess?.(data);
    },
  });
  const permitted = useHasRole(roles ?? []);
  if (!record || !(roles ? permitted : allows(record, command))) return null;
  const run = (values: Record<string, string>) => mutation.mutate(variables(record, values));
  const busy = mutation.isPending;
  const progress = busy ? <CircularProgress size={16} color="inherit" /> : icon;

  if (!fields) {
    return (
      <Button label={label} onClick={() => run({})} disabled={busy} variant={variant} color={color} data-command={command}>
        {progress}
      </Button>
    );
  }

  const complete = fields.every((field) => !field.required || (values[field.name] ?? '').trim() !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete && !busy) run(values);
  };
  const start = () => {
    setValues(Object.fromEntries(fields.map((field) => [field.name, field.initial?.(record) ?? ''])));
    setOpen(true);
  };

  return (
    <>
      <Button label={label} onClick={start} color={color} variant={variant} data-command={command}>
        {icon}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} fullWidth maxWidth="sm" aria-labelledby={`${dialogId}-title`}>
        <form onSubmit={submit}>
          <DialogTitle id={`${dialogId}-title`}>{translate(title ?? label, record)}</DialogTitle>
          <DialogContent>
            {content ? <DialogContentText sx={{ mb: 2 }}>{translate(content, record)}</DialogContentText> : null}
            <Stack spacing={2} sx={{ pt: 1 }}>
              {fields.map((field, index) => (
                <TextField
                  key={field.name}
                  id={`${dialogId}-${field.name}`}
                  autoFocus={index === 0}
                  required={field.required}
                  fullWidth
                  select={!!field.choices}
                  multiline={field.multiline}
                  minRows={field.multiline ? 2 : undefined}
                  type={field.type === 'date' ? 'date' : 'text'}
                  name={field.name}
                  label={translate(field.label)}
                  helperText={field.helperText ? translate(field.helperText, record) : undefined}
                  value={values[field.name] ?? ''}
                  onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
                  disabled={busy}
                  slotProps={{ inputLabel: field.type === 'date' ? { shrink: true } : undefined }}
                >
                  {field.choices?.map((choice) => (
                    <MenuItem key={choice.id} value={choice.id}>
                      {field.translateChoices === false ? choice.name : translate(choice.name)}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} disabled={busy} />
            <Button type="submit" label={confirmLabel ?? label} color={color} variant="contained" disabled={busy || !complete}>
              {progress}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
