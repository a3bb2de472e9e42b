import BalanceIcon from '@mui/icons-material/Balance';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import LockClockIcon from '@mui/icons-material/LockClock';
import TaskIcon from '@mui/icons-material/Task';
import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import { Menu as RaMenu } from 'react-admin';
import { features } from './features';
import { BILLERS, SELLERS, useHasRole } from './roles';

type FeatureItem = NonNullable<(typeof features)[number]['menu']>[number];

const FeatureMenuItem = ({ item }: { item: FeatureItem }) =>
  useHasRole(item.roles) ? <RaMenu.Item to={item.to} primaryText={item.label} leftIcon={item.icon} /> : null;

const RoleItem = ({ roles, ...item }: FeatureItem & { roles: readonly string[] }) => <FeatureMenuItem item={{ ...item, roles }} />;

/** The dashboard, the resources, then the pages that are not resources, then each feature's pages. */
export const Menu = () => (
  <RaMenu>
    <RaMenu.DashboardItem primaryText="annals.dashboard.title" />
    <RoleItem to="/my-tasks" label="annals.my_tasks.title" icon={<TaskIcon />} roles={SELLERS} />
    <RoleItem to="/pipeline" label="resources.leads.board.title" icon={<ViewKanbanIcon />} roles={SELLERS} />
    <RaMenu.ResourceItems />
    <RaMenu.Item to="/trial-balance" primaryText="annals.trial_balance.title" leftIcon={<BalanceIcon />} />
    <RaMenu.Item to="/ar-aging" primaryText="annals.ar_aging.title" leftIcon={<HourglassBottomIcon />} />
    <RoleItem to="/lock-period" label="annals.lock_period.title" icon={<LockClockIcon />} roles={BILLERS} />
    {features.flatMap((feature) => (feature.menu ?? []).map((item) => <FeatureMenuItem key={item.to} item={item} />))}
  </RaMenu>
);
