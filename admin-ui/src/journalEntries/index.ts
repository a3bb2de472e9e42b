import MenuBookIcon from '@mui/icons-material/MenuBook';
import type { JournalEntry } from '../dataProvider';
import { JournalEntryCreate } from './JournalEntryCreate';
import { JournalEntryList } from './JournalEntryList';
import { JournalEntryShow } from './JournalEntryShow';

export default {
  list: JournalEntryList,
  show: JournalEntryShow,
  create: JournalEntryCreate,
  icon: MenuBookIcon,
  recordRepresentation: (entry: JournalEntry) => `${entry.date} · ${entry.memo}`,
};
