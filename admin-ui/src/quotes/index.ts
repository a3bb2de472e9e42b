import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import type { Quote } from '../dataProvider';
import { QuoteCreate } from './QuoteCreate';
import { QuoteList } from './QuoteList';
import { QuoteShow } from './QuoteShow';

export default {
  list: QuoteList,
  show: QuoteShow,
  create: QuoteCreate,
  icon: RequestQuoteIcon,
  recordRepresentation: (quote: Quote) => `${quote.clientName ?? quote.clientId} · ${quote.total} ${quote.currency}`,
};
