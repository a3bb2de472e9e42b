import MenuBookIcon from '@mui/icons-material/MenuBook';
import WebhookIcon from '@mui/icons-material/Webhook';
import { ResourceContextProvider } from 'react-admin';
import type { AdminFeature } from '../features';
import { CataloguePage } from './CataloguePage';
import { developersDataProvider } from './dataProvider';
import { EndpointCreate } from './EndpointCreate';
import { EndpointList } from './EndpointList';
import { EndpointShow } from './EndpointShow';
import { en, fr } from './messages';

/** Who reads the endpoints and their deliveries (webhookEndpoints, webhookDeliveries on the server). */
const READERS = ['admin', 'auditor'] as const;

/**
 * Developers: partners' webhook endpoints, their delivery log, and the event catalogue. The endpoints'
 * list is a page of its own (not a resource list) so that its menu entry shows to READERS only:
 * react-admin's resource menu shows every listed resource to everyone.
 */
export const developers: AdminFeature = {
  name: 'developers',
  resources: {
    webhookEndpoints: {
      show: EndpointShow,
      create: EndpointCreate,
      icon: WebhookIcon,
      options: { label: 'annals.developers.endpoints' },
      recordRepresentation: 'url',
    },
    webhookDeliveries: {},
  },
  dataProvider: developersDataProvider,
  routes: [
    {
      path: '/webhookEndpoints',
      element: (
        <ResourceContextProvider value="webhookEndpoints">
          <EndpointList />
        </ResourceContextProvider>
      ),
    },
    { path: '/developers/catalogue', element: <CataloguePage /> },
  ],
  menu: [
    { to: '/webhookEndpoints', label: 'annals.developers.endpoints', icon: <WebhookIcon />, roles: READERS },
    // webhookEventTypes is open to every role, but the catalogue serves who sets endpoints up.
    { to: '/developers/catalogue', label: 'annals.developers.catalogue.title', icon: <MenuBookIcon />, roles: READERS },
  ],
  messages: { en, fr },
};
