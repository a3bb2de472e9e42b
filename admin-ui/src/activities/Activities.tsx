import AddTaskIcon from '@mui/icons-material/AddTask';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { Stack, Typography } from '@mui/material';
import { Datagrid, FunctionField, Pagination, ReferenceManyField, TextField, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { COMPLETE_TASK, LOG_ACTIVITY } from '../commands';
import { DayField, HumanDateField } from '../HumanDateField';
import type { Activity } from '../records';
import { SELLERS } from '../roles';

export const ACTIVITY_KINDS = ['CALL', 'MEETING', 'EMAIL', 'NOTE', 'TASK'] as const;

/** Completes a task (the server says when: an open task, a role that may). */
export const CompleteTaskButton = ({ record }: { record?: Activity }) => (
  <CommandButton<Activity>
    command="completeTask"
    document={COMPLETE_TASK}
    variables={(task) => ({ id: task.id })}
    label="resources.activities.actions.complete"
    icon={<TaskAltIcon />}
    success="resources.activities.notifications.completed"
    variant="outlined"
    record={record}
  />
);

/** Logs a call, meeting, email, note or task on the lead or client in context. */
export const LogActivityButton = ({ subjectType }: { subjectType: 'LEAD' | 'CLIENT' }) => (
  <CommandButton<RaRecord & { allowedCommands?: string[] }>
    command="logActivity"
    roles={SELLERS}
    document={LOG_ACTIVITY}
    label="resources.activities.actions.log"
    icon={<AddTaskIcon />}
    title="resources.activities.log_dialog.title"
    fields={[
      {
        name: 'kind',
        label: 'resources.activities.fields.kind',
        required: true,
        initial: () => 'CALL',
        choices: ACTIVITY_KINDS.map((id) => ({ id, name: `resources.activities.kind.${id}` })),
      },
      { name: 'subject', label: 'resources.activities.fields.subject', required: true },
      { name: 'notes', label: 'resources.activities.fields.notes', multiline: true },
      { name: 'dueOn', label: 'resources.activities.fields.dueOn', type: 'date', helperText: 'resources.activities.helper.dueOn' },
    ]}
    variables={(subject, { kind, subject: title, notes, dueOn }) => ({
      input: { subjectType, subjectId: subject.id, kind, subject: title.trim(), notes: notes?.trim() || null, dueOn: dueOn || null },
    })}
    success="resources.activities.notifications.logged"
  />
);

/** The activity timeline of a lead or a client, latest first, with its tasks' Complete buttons. */
export const Activities = ({ subjectType }: { subjectType: 'LEAD' | 'CLIENT' }) => {
  const translate = useTranslate();
  const subject = useRecordContext();
  if (!subject) return null;
  return (
    <Stack spacing={2}>
      <Stack direction="row">
        <LogActivityButton subjectType={subjectType} />
      </Stack>
      <ReferenceManyField reference="activities" target="subjectId" sort={{ field: 'createdAt', order: 'DESC' }} perPage={10} pagination={<Pagination />}>
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<Typography color="text.secondary">{translate('resources.activities.empty')}</Typography>}>
          <FunctionField<Activity> source="kind" label="resources.activities.fields.kind" render={(a) => translate(`resources.activities.kind.${a.kind}`)} />
          <TextField source="subject" label="resources.activities.fields.subject" />
          <TextField source="notes" label="resources.activities.fields.notes" emptyText="—" />
          <DayField source="dueOn" label="resources.activities.fields.dueOn" emptyText="—" />
          <FunctionField<Activity>
            label="resources.activities.fields.completed"
            render={(a) => (a.kind !== 'TASK' ? '—' : a.completed ? translate('resources.activities.done') : translate('resources.activities.open'))}
          />
          <HumanDateField source="createdAt" label="resources.activities.fields.createdAt" />
          <FunctionField<Activity> label="" render={(a) => <CompleteTaskButton record={a} />} />
        </Datagrid>
      </ReferenceManyField>
    </Stack>
  );
};
