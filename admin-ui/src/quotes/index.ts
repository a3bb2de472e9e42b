import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import type { Quote } from '../dataProvider';
import { QuoteCreate } from './QuoteCreate';
import { QuoteEdit } from './QuoteEdit';
import { QuoteList } from './QuoteList';
import { QuoteShow } from './QuoteShow';

export default {
  list: QuoteList,
  show: QuoteShow,
  create: QuoteCreate,
  edit: QuoteEdit,
  icon: RequestQuoteIcon,
  recordRepresentation: (quote: Quote) => `${quote.clientName ?? quote.clientId} · ${quote.total} ${quote.currency}`,
};
