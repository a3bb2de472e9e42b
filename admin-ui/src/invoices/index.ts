import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import type { Invoice } from '../dataProvider';
import { InvoiceList } from './InvoiceList';
import { InvoiceShow } from './InvoiceShow';

export default {
  list: InvoiceList,
  show: InvoiceShow,
  icon: ReceiptLongIcon,
  recordRepresentation: (invoice: Invoice) => invoice.number,
};
