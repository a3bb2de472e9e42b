import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import type { Account } from '../dataProvider';
import { AccountCreate } from './AccountActions';
import { AccountList } from './AccountList';
import { AccountShow } from './AccountShow';

export default {
  list: AccountList,
  show: AccountShow,
  create: AccountCreate,
  icon: AccountBalanceIcon,
  recordRepresentation: (account: Account) => `${account.code} ${account.name}`,
};
