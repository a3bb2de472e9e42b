import {
  Alert,
  Box,
  Card,
  CardContent,
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
import type { ArAging, AnnalsDataProvider } from '../dataProvider';
import { AR_AGING } from '../queries';
import { Money } from '../MoneyField';
import { localToday } from './TrialBalancePage';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90', 'total'] as const;

/** What each client still owes as of a day, by how late it is. */
export const ArAgingPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  const createPath = useCreatePath();
  const [asOf, setAsOf] = useStore('annals.arAging.asOf', localToday());
  const { data, error, isPending } = useQuery<ArAging>({
    queryKey: ['arAging', asOf],
    queryFn: () => dataProvider.query<ArAging>(AR_AGING, { asOf }),
    enabled: DATE.test(asOf),
  });
  const t = (key: string) => translate(`annals.ar_aging.${key}`);
  const amount = (value: string, currency: string, strong?: boolean) => (value === '0.00' ? '' : <Money amount={value} currency={currency} strong={strong} />);

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.ar_aging.title" />
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
        </Stack>
        {isPending && DATE.test(asOf) ? <LinearProgress /> : null}
        {error ? <Alert severity="error">{(error as Error).message}</Alert> : null}
        {data ? (
          data.lines.length === 0 ? (
            <Typography color="text.secondary">{t('empty')}</Typography>
          ) : (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="ar-aging">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('client')}</TableCell>
                    <TableCell align="right">{t('invoices')}</TableCell>
                    {BUCKETS.map((bucket) => (
                      <TableCell key={bucket} align="right">
                        {t(bucket)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.lines.map((line) => (
                    <TableRow key={line.clientId}>
                      <TableCell>
                        <Link to={`${createPath({ resource: 'clients', id: line.clientId, type: 'show' })}/invoices`}>{line.clientName ?? line.clientId}</Link>
                      </TableCell>
                      <TableCell align="right">{line.invoiceCount}</TableCell>
                      {BUCKETS.map((bucket) => (
                        <TableCell key={bucket} align="right">
                          {amount(line[bucket], data.currency, bucket === 'total')}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter sx={{ '& td': { color: 'text.primary', fontWeight: 700, borderBottom: 'none' } }}>
                  <TableRow>
                    <TableCell colSpan={2} align="right">
                      {t('total')}
                    </TableCell>
                    {BUCKETS.map((bucket) => (
                      <TableCell key={bucket} align="right">
                        {amount(data.totals[bucket], data.currency, true)}
                      </TableCell>
                    ))}
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
