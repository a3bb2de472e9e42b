import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useCreatePath, useDataProvider, useStore, useTranslate } from 'react-admin';
import type { AnnalsDataProvider, TrialBalance } from '../dataProvider';
import { TRIAL_BALANCE } from '../queries';
import { Money } from '../MoneyField';

export const localToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every account with a balance as of a day, debits beside credits; the totals always agree. */
export const TrialBalancePage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  const createPath = useCreatePath();
  const [asOf, setAsOf] = useStore('annals.trialBalance.asOf', localToday());
  const { data, error, isPending } = useQuery({
    queryKey: ['trialBalance', asOf],
    queryFn: () => dataProvider.query<TrialBalance>(TRIAL_BALANCE, { asOf }),
    enabled: DATE.test(asOf),
  });
  const t = (key: string, args?: Record<string, unknown>) => translate(`annals.trial_balance.${key}`, args);
  const balanced = data && data.totalDebit === data.totalCredit;

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.trial_balance.title" />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
          <TextField
            type="date"
            label={t('as_of')}
            value={asOf}
            onChange={(event) => setAsOf(event.target.value || localToday())}
            size="small"
            sx={{ width: 200 }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {data ? (
            <Chip
              data-testid="trial-balance-state"
              color={balanced ? 'success' : 'error'}
              label={balanced ? t('balanced') : t('unbalanced')}
              sx={{ fontWeight: 600 }}
            />
          ) : null}
        </Stack>
        {isPending && DATE.test(asOf) ? <LinearProgress /> : null}
        {error ? <Alert severity="error">{(error as Error).message}</Alert> : null}
        {data ? (
          data.lines.length === 0 ? (
            <Typography color="text.secondary">{t('empty')}</Typography>
          ) : (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="trial-balance" sx={{ maxWidth: 900 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('account')}</TableCell>
                    <TableCell>{t('type')}</TableCell>
                    <TableCell align="right">{t('debit')}</TableCell>
                    <TableCell align="right">{t('credit')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.lines.map((line) => (
                    <TableRow key={line.accountCode}>
                      <TableCell>
                        <Link to={createPath({ resource: 'accounts', id: line.accountCode, type: 'show' })}>
                          {line.accountCode} {line.accountName}
                        </Link>
                      </TableCell>
                      <TableCell>{line.accountType}</TableCell>
                      <TableCell align="right">{line.debit === '0.00' ? '' : <Money amount={line.debit} currency={data.currency} />}</TableCell>
                      <TableCell align="right">{line.credit === '0.00' ? '' : <Money amount={line.credit} currency={data.currency} />}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter sx={{ '& td': { color: 'text.primary', fontWeight: 700, borderBottom: 'none' } }}>
                  <TableRow>
                    <TableCell colSpan={2} align="right">
                      {t('total')}
                    </TableCell>
                    <TableCell align="right" data-testid="trial-balance-debit">
                      <Money amount={data.totalDebit} currency={data.currency} strong />
                    </TableCell>
                    <TableCell align="right" data-testid="trial-balance-credit">
                      <Money amount={data.totalCredit} currency={data.currency} strong />
                    </TableCell>
                  </TableRow>
                </TableFooter>
              </Table>
            </Box>
          )
        ) : null}
      </CardContent>
    </Card>
  );
};
