import HandshakeIcon from '@mui/icons-material/Handshake';
import type { Client } from '../dataProvider';
import { ClientCreate, ClientEdit } from './ClientForms';
import { ClientList } from './ClientList';
import { ClientShow } from './ClientShow';

export default {
  list: ClientList,
  show: ClientShow,
  create: ClientCreate,
  edit: ClientEdit,
  icon: HandshakeIcon,
  recordRepresentation: (client: Client) => client.name,
};
