import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import clients from './clients';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18nProvider';
import { Layout } from './Layout';
import leads from './leads';
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
  </Admin>
);

