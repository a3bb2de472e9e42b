import BalanceIcon from '@mui/icons-material/Balance';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import { Menu as RaMenu } from 'react-admin';

/** The resources, then the reports that are pages rather than resources. */
export const Menu = () => (
  <RaMenu>
    <RaMenu.ResourceItems />
    <RaMenu.Item to="/trial-balance" primaryText="annals.trial_balance.title" leftIcon={<BalanceIcon />} />
    <RaMenu.Item to="/ar-aging" primaryText="annals.ar_aging.title" leftIcon={<HourglassBottomIcon />} />
  </RaMenu>
);
