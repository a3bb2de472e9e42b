import BusinessIcon from '@mui/icons-material/Business';
import { Box, Chip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, Logout, TitlePortal, UserMenu, useGetIdentity, useTranslate } from 'react-admin';
import { features } from './features';
import type { Identity } from './authProvider';
import { Menu } from './Menu';

/** Which tenant you work in is always in sight: people with two tenants must never confuse them. */
const TenantBadge = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const tenantName = (identity as Identity | undefined)?.tenantName;
  if (!tenantName) return null;
  return (
    <Chip
      icon={<BusinessIcon />}
      label={tenantName}
      title={translate('annals.tenant')}
      data-testid="tenant-name"
      size="small"
      sx={{ mx: 1, color: 'inherit', bgcolor: 'rgba(255,255,255,0.16)', '& .MuiChip-icon': { color: 'inherit' } }}
    />
  );
};

const appBarItems = features.flatMap((feature) => feature.appBar ?? []);
const userMenuItems = features.flatMap((feature) => feature.userMenu ?? []);

const AnnalsUserMenu = () => (
  <UserMenu>
    {userMenuItems.map((Item, index) => (
      <Item key={index} />
    ))}
    <Logout />
  </UserMenu>
);

const AnnalsAppBar = () => (
  <AppBar userMenu={userMenuItems.length > 0 ? <AnnalsUserMenu /> : undefined}>
    <Typography variant="h6" component="span" sx={{ fontWeight: 700, letterSpacing: 0.5, mr: 1 }}>
      annals
    </Typography>
    <TenantBadge />
    <Box component="span" sx={{ mx: 1, opacity: 0.5 }}>
      /
    </Box>
    <TitlePortal />
    {appBarItems.map((Item, index) => (
      <Item key={index} />
    ))}
  </AppBar>
);

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={AnnalsAppBar} menu={Menu}>
    {children}
  </RaLayout>
);
