import { Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useCreatePath, useDataProvider, useGetOne, useTranslate } from 'react-admin';
import type { AnnalsDataProvider } from '../dataProvider';
import type { MyTasksQuery } from '../generated/graphql';
import { MY_TASKS } from '../queries';
import type { Activity } from '../records';
import { CompleteTaskButton } from './Activities';

type Tasks = MyTasksQuery['myTasks'];

export const useMyTasks = (perPage: number) => {
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  return useQuery({ queryKey: ['myTasks', perPage], queryFn: () => dataProvider.query<Tasks>(MY_TASKS, { page: 1, perPage }) });
};

/** The task as the activities resource has it: with what the server allows on it now. */
const Complete = ({ id }: { id: string }) => {
  const { data } = useGetOne<Activity>('activities', { id });
  return data ? <CompleteTaskButton record={data} /> : null;
};

export const TaskRows = ({ tasks, actions }: { tasks: Tasks['items']; actions?: boolean }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  return (
    <Table size="small" aria-label={translate('annals.my_tasks.title')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.activities.fields.subject')}</TableCell>
          <TableCell>{translate('annals.my_tasks.about')}</TableCell>
          <TableCell>{translate('resources.activities.fields.dueOn')}</TableCell>
          {actions ? <TableCell>{translate('annals.actions')}</TableCell> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {tasks.map((task) => (
          <TableRow key={task.id} data-testid="my-task">
            <TableCell>{task.subject}</TableCell>
            <TableCell>
              <Link to={createPath({ resource: task.subjectType === 'LEAD' ? 'leads' : 'clients', id: task.subjectId, type: 'show' })}>
                {task.subjectName ?? task.subjectId}
              </Link>
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <span>{task.dueOn ?? '—'}</span>
                {task.overdue ? <Chip size="small" color="error" label={translate('annals.my_tasks.overdue')} /> : null}
              </Stack>
            </TableCell>
            {actions ? (
              <TableCell>
                <Complete id={task.id} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** "My tasks": open tasks logged by me or on what I own, overdue first. */
export const MyTasksPage = () => {
  const translate = useTranslate();
  const { data, isPending } = useMyTasks(100);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.my_tasks.title" />
      <CardContent>
        <Typography variant="h5" component="h2" gutterBottom>
          {translate('annals.my_tasks.title')}
        </Typography>
        {isPending ? null : data && data.items.length > 0 ? (
          <TaskRows tasks={data.items} actions />
        ) : (
          <Typography color="text.secondary">{translate('annals.my_tasks.none')}</Typography>
        )}
      </CardContent>
    </Card>
  );
};
