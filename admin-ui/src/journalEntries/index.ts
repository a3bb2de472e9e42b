import MenuBookIcon from '@mui/icons-material/MenuBook';
import type { JournalEntry } from '../dataProvider';
import { JournalEntryList } from './JournalEntryList';
import { JournalEntryShow } from './JournalEntryShow';

export default {
  list: JournalEntryList,
  show: JournalEntryShow,
  icon: MenuBookIcon,
  recordRepresentation: (entry: JournalEntry) => `${entry.date} · ${entry.memo}`,
};
