import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { AUDIT_LOG } from './documents';
import { actorLabel, type AuditLogFilter, type AuditLogItem, TIMELINE_ENTITIES, toIso } from './audit-types';
import { auditLogCsv, download } from './csv';

type Page = { total: number; items: AuditLogItem[] };
const PER_PAGE = 50;
/** The CSV holds at most this many rows (pages of 1,000): narrow the filter for more. */
const CSV_LIMIT = 10_000;

const TEXT_FILTERS = ['actorId', 'entityId', 'eventType', 'correlationId'] as const;

/** The tenant's audit log: who did what, when, from where, why; filters, pages, CSV of the filtered log. */
export const AuditLogPage = () => {
  const translate = useTranslate();
  const [draft, setDraft] = useState<AuditLogFilter>({});
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const variables = (f: AuditLogFilter) => {
    const clean = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
    return { ...clean, from: toIso(f.from ?? ''), to: toIso(f.to ?? '') };
  };
  const load = useCallback(async () => {
    try {
      setError(null);
      const data = await graphql<{ auditLog: Page }>(AUDIT_LOG, { filter: variables(filter), page, perPage: PER_PAGE });
      setResult(data.auditLog);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [filter, page]);
  useEffect(() => void load(), [load]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const items: AuditLogItem[] = [];
      for (let p = 1; items.length < CSV_LIMIT; p++) {
        const data = await graphql<{ auditLog: Page }>(AUDIT_LOG, { filter: variables(filter), page: p, perPage: 1000 });
        items.push(...data.auditLog.items);
        if (items.length >= data.auditLog.total || data.auditLog.items.length === 0) break;
      }
      download(`audit-log-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`, auditLogCsv(items), 'text/csv;charset=utf-8');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const pages = result ? Math.max(1, Math.ceil(result.total / PER_PAGE)) : 1;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.audit.log.title" />
      <CardContent>
        <Box component="form" onSubmit={(e) => (e.preventDefault(), setPage(1), setFilter(draft))} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 2 }}>
          {TEXT_FILTERS.map((name) => (
            <TextField
              key={name}
              size="small"
              label={translate(`annals.audit.log.${name}`)}
              value={draft[name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            />
          ))}
          <TextField
            select
            size="small"
            sx={{ minWidth: 150 }}
            label={translate('annals.audit.log.entity')}
            value={draft.entity ?? ''}
            onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
          >
            <MenuItem value="">{translate('annals.audit.log.any')}</MenuItem>
            {TIMELINE_ENTITIES.map((entity) => (
              <MenuItem key={entity} value={entity}>
                {entity}
              </MenuItem>
            ))}
          </TextField>
          {(['from', 'to'] as const).map((name) => (
            <TextField
              key={name}
              size="small"
              type="datetime-local"
              label={translate(`annals.audit.log.${name}`)}
              slotProps={{ inputLabel: { shrink: true } }}
              value={draft[name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            />
          ))}
          <Button type="submit" variant="contained">
            {translate('annals.audit.log.apply')}
          </Button>
          <Button onClick={exportCsv} disabled={exporting} data-testid="audit-csv">
            {translate('annals.audit.log.csv')}
          </Button>
        </Box>
        {error ? <Alert severity="error">{error}</Alert> : null}
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="audit-total">
          {translate('annals.audit.log.total', { total: result?.total ?? 0 })}
        </Typography>
        <Table size="small" data-testid="audit-log">
          <TableHead>
            <TableRow>
              {['when', 'actor', 'record', 'type', 'from_where', 'thread'].map((h) => (
                <TableCell key={h}>{translate(`annals.audit.log.${h}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(result?.items ?? []).map((item) => (
              <TableRow key={item.position} data-testid="audit-row">
                <TableCell>{new Date(item.recordedAt).toLocaleString()}</TableCell>
                <TableCell>{actorLabel(item.actor)}</TableCell>
                <TableCell>
                  {TIMELINE_ENTITIES.includes(item.entity) ? (
                    <Link to={`/audit/record/${item.entity}/${item.entityId}`}>
                      {item.entity} {item.entityId.slice(0, 8)}
                    </Link>
                  ) : (
                    `${item.entity} ${item.entityId.slice(0, 8)}`
                  )}
                </TableCell>
                <TableCell>{item.type}</TableCell>
                <TableCell title={item.userAgent ?? ''}>{item.ip ?? '—'}</TableCell>
                <TableCell>
                  {item.correlationId ? <Link to={`/audit/thread/${item.correlationId}`}>{translate('annals.audit.log.open_thread')}</Link> : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {translate('annals.audit.log.previous')}
          </Button>
          <Typography variant="body2">
            {page} / {pages}
          </Typography>
          <Button disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {translate('annals.audit.log.next')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
