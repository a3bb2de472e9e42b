import { Route } from 'react-router-dom';
import { Admin, combineDataProviders, CustomRoutes, Resource } from 'react-admin';
import accounts from './accounts';
import { authProvider } from './authProvider';
import clients from './clients';
import { dataProvider as recordsProvider } from './dataProvider';
import { features } from './features';
import { i18nProvider } from './i18nProvider';
import { Layout } from './Layout';
import invoices from './invoices';
import journalEntries from './journalEntries';
import leads from './leads';
import orders from './orders';
import products from './products';
import quotes from './quotes';
import { MyTasksPage } from './activities/MyTasksPage';
import { Dashboard } from './dashboard/Dashboard';
import { PipelineBoard } from './leads/PipelineBoard';
import { ArAgingPage } from './reports/ArAgingPage';
import { LockPeriodPage } from './reports/LockPeriodPage';
import { TrialBalancePage } from './reports/TrialBalancePage';
import { theme } from './theme';

/** Each feature's resources go to its own data provider; the rest to the records' provider. */
const providerOf = new Map(
  features.flatMap((feature) => Object.keys(feature.resources ?? {}).map((name) => [name, feature.dataProvider ?? recordsProvider] as const)),
);
const dataProvider = combineDataProviders((resource) => providerOf.get(resource) ?? recordsProvider);

/**
 * react-admin routes with the URL hash (/admin/#/leads/...) by default: any deep link or reload
 * works whatever the server does with paths under /admin; it only serves index.html and assets.
 */
export const App = () => (
  <Admin
    title="annals"
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    dashboard={Dashboard}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    <Resource name="leads" {...leads} />
    <Resource name="clients" {...clients} />
    <Resource name="products" {...products} />
    <Resource name="quotes" {...quotes} />
    <Resource name="orders" {...orders} />
    <Resource name="invoices" {...invoices} />
    <Resource name="accounts" {...accounts} />
    <Resource name="journalEntries" {...journalEntries} />
    <Resource name="activities" recordRepresentation="subject" />
    {features.flatMap((feature) => Object.entries(feature.resources ?? {}).map(([name, props]) => <Resource key={name} name={name} {...props} />))}
    <CustomRoutes>
      <Route path="/trial-balance" element={<TrialBalancePage />} />
      <Route path="/ar-aging" element={<ArAgingPage />} />
      <Route path="/lock-period" element={<LockPeriodPage />} />
      <Route path="/my-tasks" element={<MyTasksPage />} />
      <Route path="/pipeline" element={<PipelineBoard />} />
      {features.flatMap((feature) => (feature.routes ?? []).map((route) => <Route key={route.path} path={route.path} element={route.element} />))}
    </CustomRoutes>
    <CustomRoutes noLayout>
      {features.flatMap((feature) => (feature.publicRoutes ?? []).map((route) => <Route key={route.path} path={route.path} element={route.element} />))}
    </CustomRoutes>
  </Admin>
);
