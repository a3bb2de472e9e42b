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
import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, useTranslate, type RaRecord } from 'react-admin';
import type { AnnalsDataProvider } from './dataProvider';
import { useHasRole } from './roles';
import { useRecordCommand, type Success } from './useRecordCommand';

type Common<R extends RaRecord, T> = {
  /** i18n key of the button. */
  label: string;
  icon: ReactElement;
  /** Whether the record's status allows the command: otherwise the button is not there at all. */
  allowed: (record: R) => boolean;
  success: Success<T>;
  onSuccess?: (data: T) => void;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  /** The roles the server lets run the command; others do not see the button. */
  roles?: readonly string[];
};

/** A domain command with nothing to ask: one click, run pessimistically. */
export const CommandButton = <R extends RaRecord, T>({
  label,
  icon,
  allowed,
  run,
  success,
  onSuccess,
  color = 'primary',
  variant = 'contained',
  roles,
}: Common<R, T> & { run: (dataProvider: AnnalsDataProvider, record: R) => Promise<{ data: T }> }) => {
  const { record, mutate, isPending } = useRecordCommand<R, T>((dataProvider, record) => run(dataProvider, record), { success, onSuccess });
  const permitted = useHasRole(roles);
  if (!record || !permitted || !allowed(record)) return null;
  return (
    <Button label={label} onClick={() => mutate()} disabled={isPending} variant={variant} color={color}>
      {isPending ? <CircularProgress size={16} color="inherit" /> : icon}
    </Button>
  );
};

export type DialogField<R> = {
  name: string;
  /** i18n key of the input's label. */
  label: string;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'date';
  /** A select instead of a text input; names are i18n keys. */
  choices?: { id: string; name: string }[];
  /** i18n key. */
  helperText?: string;
  initial?: (record: R) => string;
};

/**
 * A domain command that needs a few words from the user first (a reason, a reference, an amount):
 * a dialog asks for them, its confirm button stays disabled until the required ones are given.
 */
export const DialogCommandButton = <R extends RaRecord, T>({
  label,
  icon,
  allowed,
  run,
  success,
  onSuccess,
  color = 'primary',
  variant = 'outlined',
  roles,
  title,
  content,
  fields,
  confirmLabel,
}: Common<R, T> & {
  run: (dataProvider: AnnalsDataProvider, record: R, values: Record<string, string>) => Promise<{ data: T }>;
  /** i18n keys; the title gets the record's fields as arguments. */
  title: string;
  content?: string;
  fields: DialogField<R>[];
  confirmLabel?: string;
}) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const { record, mutate, isPending } = useRecordCommand<R, T, Record<string, string>>((dataProvider, record, values) => run(dataProvider, record, values), {
    success,
    onSuccess: (data) => {
      setOpen(false);
      onSuccess?.(data);
    },
  });
  const permitted = useHasRole(roles);
  if (!record || !permitted || !allowed(record)) return null;

  const complete = fields.every((field) => !field.required || (values[field.name] ?? '').trim() !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete) mutate(values);
  };
  const start = () => {
    setValues(Object.fromEntries(fields.map((field) => [field.name, field.initial?.(record) ?? ''])));
    setOpen(true);
  };

  return (
    <>
      <Button label={label} onClick={start} color={color} variant={variant}>
        {icon}
      </Button>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} fullWidth maxWidth="sm">
        <form onSubmit={submit}>
          <DialogTitle>{translate(title, record)}</DialogTitle>
          <DialogContent>
            {content ? <DialogContentText sx={{ mb: 2 }}>{translate(content, record)}</DialogContentText> : null}
            <Stack spacing={2} sx={{ pt: 1 }}>
              {fields.map((field, index) => (
                <TextField
                  key={field.name}
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
                  disabled={isPending}
                  slotProps={{ inputLabel: field.type === 'date' ? { shrink: true } : undefined }}
                >
                  {field.choices?.map((choice) => (
                    <MenuItem key={choice.id} value={choice.id}>
                      {translate(choice.name)}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} disabled={isPending} />
            <Button type="submit" label={confirmLabel ?? label} color={color} variant="contained" disabled={isPending || !complete}>
              {isPending ? <CircularProgress size={16} color="inherit" /> : icon}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
