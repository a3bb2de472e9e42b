import HandshakeIcon from '@mui/icons-material/Handshake';
import type { Client } from '../dataProvider';
import { ClientList } from './ClientList';
import { ClientShow } from './ClientShow';

export default {
  list: ClientList,
  show: ClientShow,
  icon: HandshakeIcon,
  recordRepresentation: (client: Client) => client.name,
};
