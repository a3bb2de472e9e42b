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
import { ArAgingPage } from './reports/ArAgingPage';
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
    {features.flatMap((feature) => Object.entries(feature.resources ?? {}).map(([name, props]) => <Resource key={name} name={name} {...props} />))}
    <CustomRoutes>
      <Route path="/trial-balance" element={<TrialBalancePage />} />
      <Route path="/ar-aging" element={<ArAgingPage />} />
      {features.flatMap((feature) => (feature.routes ?? []).map((route) => <Route key={route.path} path={route.path} element={route.element} />))}
    </CustomRoutes>
    <CustomRoutes noLayout>
      {features.flatMap((feature) => (feature.publicRoutes ?? []).map((route) => <Route key={route.path} path={route.path} element={route.element} />))}
    </CustomRoutes>
  </Admin>
);
