import BusinessIcon from '@mui/icons-material/Business';
import TranslateIcon from '@mui/icons-material/Translate';
import { Box, Chip, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  AppBar,
  LoadingIndicator,
  Layout as RaLayout,
  Logout,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useLocales,
  useLocaleState,
  useTranslate,
  useUserMenu,
} from 'react-admin';
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

/** The languages, in the user menu: the choice is kept in the browser (react-admin's store). */
const LanguageItems = () => {
  const locales = useLocales();
  const [locale, setLocale] = useLocaleState();
  const userMenu = useUserMenu();
  return (
    <>
      {locales.map((option) => (
        <MenuItem
          key={option.locale}
          selected={option.locale === locale}
          lang={option.locale}
          onClick={() => {
            setLocale(option.locale);
            userMenu?.onClose();
          }}
        >
          <ListItemIcon>
            <TranslateIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{option.name}</ListItemText>
        </MenuItem>
      ))}
    </>
  );
};

const AnnalsUserMenu = () => (
  <UserMenu>
    <LanguageItems />
    {userMenuItems.map((Item, index) => (
      <Item key={index} />
    ))}
    <Logout />
  </UserMenu>
);

const AnnalsAppBar = () => (
  <AppBar userMenu={<AnnalsUserMenu />} toolbar={<LoadingIndicator />}>
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
