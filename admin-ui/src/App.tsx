import { Admin, Resource } from 'react-admin';
import { HashRouter } from 'react-router-dom';
import { authProvider } from './authProvider';
import clients from './clients';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18nProvider';
import { Layout } from './Layout';
import leads from './leads';
import { theme } from './theme';

/**
 * Hash routes (/admin/#/leads/...): any deep link or reload works whatever the server does with
 * paths under /admin; it only has to serve index.html and the assets.
 */
export const App = () => (
  <HashRouter>
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
  </HashRouter>
);
