import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import accounts from './accounts';
import { authProvider } from './authProvider';
import clients from './clients';
import { dataProvider } from './dataProvider';
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
    <CustomRoutes>
      <Route path="/trial-balance" element={<TrialBalancePage />} />
      <Route path="/ar-aging" element={<ArAgingPage />} />
    </CustomRoutes>
  </Admin>
);
