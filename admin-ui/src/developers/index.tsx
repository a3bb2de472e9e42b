import MenuBookIcon from '@mui/icons-material/MenuBook';
import WebhookIcon from '@mui/icons-material/Webhook';
import type { AdminFeature } from '../features';
import { CataloguePage } from './CataloguePage';
import { developersDataProvider } from './dataProvider';
import { EndpointCreate } from './EndpointCreate';
import { EndpointList } from './EndpointList';
import { EndpointShow } from './EndpointShow';
import { en, fr } from './messages';

/** Developers: partners' webhook endpoints, their delivery log, and the event catalogue. */
export const developers: AdminFeature = {
  name: 'developers',
  resources: {
    webhookEndpoints: {
      list: EndpointList,
      show: EndpointShow,
      create: EndpointCreate,
      icon: WebhookIcon,
      options: { label: 'annals.developers.endpoints' },
      recordRepresentation: 'url',
    },
    webhookDeliveries: {},
  },
  dataProvider: developersDataProvider,
  routes: [{ path: '/developers/catalogue', element: <CataloguePage /> }],
  menu: [{ to: '/developers/catalogue', label: 'annals.developers.catalogue.title', icon: <MenuBookIcon />, roles: ['admin', 'auditor'] }],
  messages: { en, fr },
};
