import BalanceIcon from '@mui/icons-material/Balance';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import { Menu as RaMenu } from 'react-admin';
import { features } from './features';
import { useHasRole } from './roles';

type FeatureItem = NonNullable<(typeof features)[number]['menu']>[number];

const FeatureMenuItem = ({ item }: { item: FeatureItem }) =>
  useHasRole(item.roles) ? <RaMenu.Item to={item.to} primaryText={item.label} leftIcon={item.icon} /> : null;

/** The resources, then the reports that are pages rather than resources, then each feature's pages. */
export const Menu = () => (
  <RaMenu>
    <RaMenu.ResourceItems />
    <RaMenu.Item to="/trial-balance" primaryText="annals.trial_balance.title" leftIcon={<BalanceIcon />} />
    <RaMenu.Item to="/ar-aging" primaryText="annals.ar_aging.title" leftIcon={<HourglassBottomIcon />} />
    {features.flatMap((feature) => (feature.menu ?? []).map((item) => <FeatureMenuItem key={item.to} item={item} />))}
  </RaMenu>
);
