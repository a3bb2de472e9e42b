import { Card, CardContent, CardHeader, Grid, Link as MuiLink, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Title, useCreatePath, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { TaskRows } from '../activities/MyTasksPage';
import type { AccountingDashboardQuery, SalesDashboardQuery } from '../generated/graphql';
import { graphql } from '../graphql';
import { formatAmount } from '../MoneyField';
import { BarPanel } from './Charts';
import { ACCOUNTING_DASHBOARD, SALES_DASHBOARD } from './documents';

const localToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Amounts are decimal strings; a chart needs numbers (display only: the figures shown as text stay exact). */
const chartNumber = (amount: string) => Number(amount);

const Panel = ({ title, children, testId }: { title: string; children: ReactNode; testId: string }) => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-label={translate(title)} data-testid={testId} sx={{ height: '100%' }}>
      <CardHeader title={translate(title)} slotProps={{ title: { component: 'h2', variant: 'h6' } }} />
      <CardContent>{children}</CardContent>
    </Card>
  );
};

const SalesPanels = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [locale] = useLocaleState();
  const { data } = useQuery({ queryKey: ['dashboard', 'sales'], queryFn: () => graphql<SalesDashboardQuery>(SALES_DASHBOARD) });
  if (!data) return null;
  const { leadPipeline, quotesAwaitingAnswer: quotes, myTasks } = data;
  return (
    <>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="annals.dashboard.pipeline_by_status" testId="panel-pipeline-status">
          <BarPanel
            testId="chart-pipeline-status"
            title={translate('annals.dashboard.pipeline_by_status')}
            data={leadPipeline.byStatus.map((row) => ({ label: translate(`resources.leads.status.${row.status}`), count: row.count }))}
            series={[{ key: 'count', name: translate('annals.dashboard.leads') }]}
          />
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="annals.dashboard.pipeline_by_source" testId="panel-pipeline-source">
          <BarPanel
            testId="chart-pipeline-source"
            title={translate('annals.dashboard.pipeline_by_source')}
            data={leadPipeline.bySource.map((row) => ({ label: row.source ?? translate('annals.dashboard.no_source'), count: row.count }))}
            series={[{ key: 'count', name: translate('annals.dashboard.leads') }]}
          />
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="annals.dashboard.my_tasks" testId="panel-my-tasks">
          {myTasks.items.length ? <TaskRows tasks={myTasks.items} /> : <Typography color="text.secondary">{translate('annals.my_tasks.none')}</Typography>}
          <MuiLink component={Link} to="/my-tasks" sx={{ display: 'inline-block', mt: 1 }}>
            {translate('annals.dashboard.all_tasks', { count: myTasks.total })}
          </MuiLink>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="annals.dashboard.quotes_waiting" testId="panel-quotes-waiting">
          <Typography variant="h4" component="p" data-testid="quotes-waiting-count">
            {quotes.count}
          </Typography>
          <Typography color="text.secondary">
            {translate('annals.dashboard.quotes_waiting_total', { total: formatAmount(quotes.total, quotes.currency, locale) })}
          </Typography>
          <List dense>
            {quotes.items.map((quote) => (
              <ListItem key={quote.id} disableGutters>
                <ListItemText
                  primary={
                    <MuiLink component={Link} to={createPath({ resource: 'quotes', id: quote.id, type: 'show' })}>
                      {quote.clientName ?? quote.id}
                    </MuiLink>
                  }
                  secondary={`${formatAmount(quote.total, quote.currency, locale)} · ${translate('annals.dashboard.sent_on', { date: quote.sentOn ?? '—' })}`}
                />
              </ListItem>
            ))}
          </List>
        </Panel>
      </Grid>
    </>
  );
};

const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;

const AccountingPanels = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [locale] = useLocaleState();
  const asOf = localToday();
  const { data } = useQuery({ queryKey: ['dashboard', 'accounting', asOf], queryFn: () => graphql<AccountingDashboardQuery>(ACCOUNTING_DASHBOARD, { asOf }) });
  if (!data) return null;
  const { revenueByMonth, arAging, invoices } = data;
  const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (
    <>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="annals.dashboard.revenue_by_month" testId="panel-revenue">
          <BarPanel
            testId="chart-revenue"
            title={translate('annals.dashboard.revenue_by_month')}
            data={revenueByMonth.months.map((row) => ({
              label: monthName(row.month),
              invoiced: chartNumber(row.invoiced),
              collected: chartNumber(row.collected),
            }))}
            series={[
              { key: 'invoiced', name: translate('annals.dashboard.invoiced') },
              { key: 'collected', name: translate('annals.dashboard.collected') },
            ]}
          />
          <Typography variant="caption" color="text.secondary">
            {translate('annals.dashboard.in_currency', { currency: revenueByMonth.currency })}
          </Typography>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title="annals.dashboard.receivables_aging" testId="panel-aging">
          <BarPanel
            testId="chart-aging"
            title={translate('annals.dashboard.receivables_aging')}
            data={AGING_BUCKETS.map((bucket) => ({ label: translate(`annals.ar_aging.${bucket}`), amount: chartNumber(arAging.totals[bucket]) }))}
            series={[{ key: 'amount', name: translate('annals.dashboard.outstanding') }]}
          />
          <Typography color="text.secondary">
            {translate('annals.dashboard.aging_total', { total: formatAmount(arAging.totals.total, arAging.currency, locale) })}
          </Typography>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12 }}>
        <Panel title="annals.dashboard.overdue_invoices" testId="panel-overdue">
          {invoices.items.length === 0 ? <Typography color="text.secondary">{translate('annals.dashboard.no_overdue')}</Typography> : null}
          <List dense>
            {invoices.items.map((invoice) => (
              <ListItem key={invoice.id} disableGutters data-testid="overdue-invoice">
                <ListItemText
                  primary={
                    <MuiLink component={Link} to={createPath({ resource: 'invoices', id: invoice.id, type: 'show' })}>
                      {invoice.number}
                    </MuiLink>
                  }
                  secondary={`${formatAmount(invoice.balanceDue, invoice.currency, locale)} · ${translate('annals.dashboard.due_on', { date: invoice.dueOn })}`}
                />
              </ListItem>
            ))}
          </List>
        </Panel>
      </Grid>
    </>
  );
};

/** The home page: sales see their pipeline, tasks and quotes; accountants billing; admins both. */
export const Dashboard = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const sales = permissions === 'admin' || permissions === 'sales';
  const accounting = permissions === 'admin' || permissions === 'accountant';
  return (
    <>
      <Title title="annals.dashboard.title" />
      <Typography variant="h5" component="h1" sx={{ mt: 2, mb: 2 }}>
        {translate('annals.dashboard.title')}
      </Typography>
      <Grid container spacing={2} data-testid="dashboard">
        {sales ? <SalesPanels /> : null}
        {accounting ? <AccountingPanels /> : null}
        {!sales && !accounting ? (
          <Grid size={{ xs: 12 }}>
            <Typography color="text.secondary">{translate('annals.dashboard.nothing_for_role')}</Typography>
          </Grid>
        ) : null}
      </Grid>
    </>
  );
};
