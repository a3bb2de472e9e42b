import { Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { graphql, TOKEN_KEY } from '../graphql';
import { ACCEPT_INVITATION, CHANGE_PASSWORD, REQUEST_PASSWORD_RESET, RESET_PASSWORD } from './documents';

/** A page without the layout: one password form, then signed in (the session token stored, the app opened). */
const TokenPasswordPage = ({ title, action, submit }: { title: string; action: string; submit: (token: string, password: string) => Promise<string> }) => {
  const translate = useTranslate();
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    try {
      localStorage.setItem(TOKEN_KEY, await submit(token, password));
      // A fresh start of the app with the session (react-admin keeps the signed-out state it checked).
      // The address has no fragment, so this is a whole new page: a change of the hash alone would
      // first route this page, still signed out, which logs out and forgets the token just stored.
      window.location.replace(`${window.location.pathname}${window.location.search}`);
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 8 }}>
      <Card sx={{ width: 420 }}>
        <CardContent component="form" onSubmit={(event) => (event.preventDefault(), void send())} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h5">{translate(title)}</Typography>
          <Typography variant="body2">{translate('annals.identity.choosePassword')}</Typography>
          <TextField
            label={translate('annals.identity.password')}
            type="password"
            name="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
          {error && (
            <Typography color="error" role="alert">
              {error}
            </Typography>
          )}
          <Button type="submit" variant="contained">
            {translate(action)}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
};

export const AcceptInvitationPage = () => (
  <TokenPasswordPage
    title="annals.identity.acceptTitle"
    action="annals.identity.accept"
    submit={async (token, password) => (await graphql<{ acceptInvitation: { token: string } }>(ACCEPT_INVITATION, { token, password })).acceptInvitation.token}
  />
);

export const ResetPasswordPage = () => (
  <TokenPasswordPage
    title="annals.identity.resetTitle"
    action="annals.identity.reset"
    submit={async (token, newPassword) => (await graphql<{ resetPassword: { token: string } }>(RESET_PASSWORD, { token, newPassword })).resetPassword.token}
  />
);

export const ForgotPasswordPage = () => {
  const translate = useTranslate();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 8 }}>
      <Card sx={{ width: 420 }}>
        <CardContent
          component="form"
          onSubmit={(event) => (event.preventDefault(), void graphql(REQUEST_PASSWORD_RESET, { email }).then(() => setSent(true)))}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <Typography variant="h5">{translate('annals.identity.forgotTitle')}</Typography>
          <TextField label={translate('annals.identity.email')} value={email} onChange={(e) => setEmail(e.target.value)} />
          {sent && <Typography>{translate('annals.identity.forgotSent')}</Typography>}
          <Button type="submit" variant="contained">
            {translate('annals.identity.send')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
};

/** The user menu's "Change password": the current password, then a new one. */
export const ChangePasswordMenuItem = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const save = async () => {
    try {
      await graphql(CHANGE_PASSWORD, form);
      notify(translate('annals.identity.passwordChanged'), { type: 'info' });
      setOpen(false);
      setForm({ currentPassword: '', newPassword: '' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <>
      <MenuItem onClick={() => setOpen(true)}>{translate('annals.identity.changePassword')}</MenuItem>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('annals.identity.changePassword')}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 2 }}>
          <TextField
            label={translate('annals.identity.currentPassword')}
            type="password"
            value={form.currentPassword}
            onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
          />
          <TextField
            label={translate('annals.identity.newPassword')}
            type="password"
            value={form.newPassword}
            onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('annals.identity.cancel')}</Button>
          <Button variant="contained" onClick={() => void save()}>
            {translate('annals.identity.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
