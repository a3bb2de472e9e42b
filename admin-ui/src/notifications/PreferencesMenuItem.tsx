import TuneIcon from '@mui/icons-material/Tune';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { useTranslate, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';

/** "Notification preferences" in the user menu. */
export const PreferencesMenuItem = () => {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to="/notification-preferences" onClick={() => menu?.onClose()}>
      <ListItemIcon>
        <TuneIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('annals.notifications.preferences')}</ListItemText>
    </MenuItem>
  );
};
