import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import type { Lead } from '../dataProvider';
import { LeadCreate } from './LeadCreate';
import { LeadList } from './LeadList';
import { LeadShow } from './LeadShow';

export default {
  list: LeadList,
  show: LeadShow,
  create: LeadCreate,
  icon: PersonSearchIcon,
  recordRepresentation: (lead: Lead) => lead.name,
};
