import { Box, Card, CardContent, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState, type DragEvent } from 'react';
import { Link, Title, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { useCommand } from '../CommandButton';
import { CONVERT_LEAD, QUALIFY_LEAD } from '../commands';
import type { Lead, LeadStatus } from '../records';
import { ConvertButton, DisqualifyButton, QualifyButton } from './LeadActions';

const COLUMNS: LeadStatus[] = ['NEW', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED'];

/** The command a drop into a column runs: the server says whether the card's lead takes it. */
const DROPS: Partial<Record<LeadStatus, { command: string; document: string; success: string }>> = {
  QUALIFIED: { command: 'qualifyLead', document: QUALIFY_LEAD, success: 'resources.leads.notifications.qualified' },
  CONVERTED: { command: 'convertLead', document: CONVERT_LEAD, success: 'resources.leads.board.converted' },
};

const LeadCard = ({ lead }: { lead: Lead }) => {
  const createPath = useCreatePath();
  return (
    <Card
      variant="outlined"
      draggable
      onDragStart={(event: DragEvent) => event.dataTransfer.setData('text/plain', lead.id)}
      data-testid="lead-card"
      data-lead={lead.name}
      sx={{ cursor: 'grab' }}
    >
      <CardContent sx={{ pb: 1 }}>
        <Link to={createPath({ resource: 'leads', id: lead.id, type: 'show' })}>{lead.name}</Link>
        {lead.company ? (
          <Typography variant="body2" color="text.secondary">
            {lead.company}
          </Typography>
        ) : null}
        {lead.source ? <Chip size="small" label={lead.source} sx={{ mt: 0.5 }} /> : null}
        {/* The same commands without a mouse: each button shows only when the server allows it. */}
        <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
          <QualifyButton record={lead} />
          <DisqualifyButton record={lead} />
          <ConvertButton record={lead} />
        </Stack>
      </CardContent>
    </Card>
  );
};

const Column = ({ status, leads, total }: { status: LeadStatus; leads: Lead[]; total: number }) => {
  const translate = useTranslate();
  const [over, setOver] = useState(false);
  const drop = DROPS[status];
  const command = useCommand(drop?.document ?? '', { success: drop?.success ?? '' });
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const lead = allLeads.get(event.dataTransfer.getData('text/plain'));
    if (!drop || !lead || lead.status === status) return;
    // Pessimistic: the card stays where it is until the server has answered (and refused, maybe).
    command.mutate({ id: lead.id });
  };
  return (
    <Paper
      component="section"
      aria-label={translate(`resources.leads.status.${status}`)}
      data-testid={`column-${status}`}
      onDragOver={(event: DragEvent) => {
        if (!drop) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      sx={{ p: 1.5, minWidth: 260, flex: 1, bgcolor: over ? 'action.hover' : 'background.default', opacity: command.isPending ? 0.6 : 1 }}
    >
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate(`resources.leads.status.${status}`)} <Chip size="small" label={total} />
      </Typography>
      <Stack spacing={1}>
        {leads.map((lead) => (
          <LeadCard key={lead.id} lead={lead} />
        ))}
      </Stack>
    </Paper>
  );
};

/** Every lead the board shows, by id: a drop carries only the id. */
const allLeads = new Map<string, Lead>();

const useColumn = (status: LeadStatus) =>
  useGetList<Lead>('leads', { filter: { status }, pagination: { page: 1, perPage: 50 }, sort: { field: 'updatedAt', order: 'DESC' } });

/** The lead pipeline as a board by status: drag a card from New to Qualified to qualify it. */
export const PipelineBoard = () => {
  const translate = useTranslate();
  const columns = [useColumn('NEW'), useColumn('QUALIFIED'), useColumn('DISQUALIFIED'), useColumn('CONVERTED')];
  for (const column of columns) for (const lead of column.data ?? []) allLeads.set(lead.id, lead);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="resources.leads.board.title" />
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('resources.leads.board.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('resources.leads.board.help')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', overflowX: 'auto' }} data-testid="pipeline-board">
        {COLUMNS.map((status, index) => (
          <Column key={status} status={status} leads={columns[index].data ?? []} total={columns[index].total ?? 0} />
        ))}
      </Stack>
    </Box>
  );
};
