import { Alert, Box, Button, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { AR_AGING_KNOWN_AT, TRIAL_BALANCE_KNOWN_AT } from './documents';
import { toIso } from './audit-types';

type TrialBalance = {
  asOf: string;
  currency: string;
  totalDebit: string;
  totalCredit: string;
  lines: { accountCode: string; accountName: string; debit: string; credit: string }[];
};
type Amounts = { current: string; days1to30: string; days31to60: string; days61to90: string; over90: string; total: string };
type Aging = { asOf: string; currency: string; totals: Amounts; lines: (Amounts & { clientId: string; clientName: string | null; invoiceCount: number })[] };

const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90', 'total'] as const;

/** The trial balance and the receivables aging for a business date, as the books stood at a moment (empty: as they stand now). */
export const ReportsKnownAtPage = () => {
  const translate = useTranslate();
  const [asOf, setAsOf] = useState(new Date().toISOString().slice(0, 10));
  const [knownAt, setKnownAt] = useState('');
  const [trial, setTrial] = useState<TrialBalance | null>(null);
  const [aging, setAging] = useState<Aging | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    try {
      setError(null);
      const variables = { asOf, knownAt: toIso(knownAt) };
      const [t, a] = await Promise.all([
        graphql<{ trialBalance: TrialBalance }>(TRIAL_BALANCE_KNOWN_AT, variables),
        graphql<{ arAging: Aging }>(AR_AGING_KNOWN_AT, variables),
      ]);
      setTrial(t.trialBalance);
      setAging(a.arAging);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.audit.reports.title" />
      <CardContent>
        <Box component="form" onSubmit={(e) => (e.preventDefault(), void run())} sx={{ display: 'flex', gap: 1, mb: 2, flexWrap: 'wrap' }}>
          <TextField
            size="small"
            type="date"
            label={translate('annals.audit.reports.as_of')}
            slotProps={{ inputLabel: { shrink: true } }}
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
          />
          <TextField
            size="small"
            type="datetime-local"
            label={translate('annals.audit.reports.known_at')}
            helperText={translate('annals.audit.reports.known_at_help')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1, 'data-testid': 'reports-known-at' } }}
            value={knownAt}
            onChange={(e) => setKnownAt(e.target.value)}
          />
          <Button type="submit" variant="contained" data-testid="reports-run">
            {translate('annals.audit.reports.run')}
          </Button>
        </Box>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {trial ? (
          <>
            <Typography variant="h6">{translate('annals.audit.reports.trial_balance', { asOf: trial.asOf })}</Typography>
            <Table size="small" data-testid="reports-trial-balance" sx={{ mb: 3 }}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('annals.audit.reports.account')}</TableCell>
                  <TableCell align="right">{translate('annals.audit.reports.debit')}</TableCell>
                  <TableCell align="right">{translate('annals.audit.reports.credit')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {trial.lines.map((line) => (
                  <TableRow key={line.accountCode} data-account={line.accountCode}>
                    <TableCell>
                      {line.accountCode} {line.accountName}
                    </TableCell>
                    <TableCell align="right">{line.debit}</TableCell>
                    <TableCell align="right">{line.credit}</TableCell>
                  </TableRow>
                ))}
                <TableRow>
                  <TableCell>{translate('annals.audit.reports.totals')}</TableCell>
                  <TableCell align="right">{trial.totalDebit}</TableCell>
                  <TableCell align="right">{trial.totalCredit}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </>
        ) : null}
        {aging ? (
          <>
            <Typography variant="h6">{translate('annals.audit.reports.aging', { asOf: aging.asOf })}</Typography>
            <Table size="small" data-testid="reports-aging">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('annals.audit.reports.client')}</TableCell>
                  {BUCKETS.map((bucket) => (
                    <TableCell key={bucket} align="right">
                      {translate(`annals.audit.reports.${bucket}`)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {[...aging.lines, { ...aging.totals, clientId: 'totals', clientName: translate('annals.audit.reports.totals'), invoiceCount: 0 }].map(
                  (line) => (
                    <TableRow key={line.clientId}>
                      <TableCell>{line.clientName ?? line.clientId}</TableCell>
                      {BUCKETS.map((bucket) => (
                        <TableCell key={bucket} align="right">
                          {line[bucket]}
                        </TableCell>
                      ))}
                    </TableRow>
                  ),
                )}
              </TableBody>
            </Table>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
};
