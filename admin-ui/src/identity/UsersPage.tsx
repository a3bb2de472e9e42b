import { Box, Button, Card, CardContent, MenuItem, Select, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { CopyField } from './CopyField';
import { CHANGE_USER_ROLE, DEACTIVATE_USER, INVITE_USER, REACTIVATE_USER, USERS } from './documents';

export const ROLE_NAMES = ['admin', 'sales', 'accountant', 'auditor'];
interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  status: string;
}

/** The organisation's users: invite (the link is shown to copy), change a role, deactivate or reactivate. */
export const UsersPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [users, setUsers] = useState<User[]>([]);
  const [invite, setInvite] = useState({ email: '', name: '', role: 'sales' });
  const [link, setLink] = useState<string | null>(null);
  const load = useCallback(
    () =>
      graphql<{ users: { items: User[] } }>(USERS, { page: 1, perPage: 500 }).then(
        (data) => setUsers(data.users.items),
        (error) => notify(error.message, { type: 'error' }),
      ),
    [notify],
  );
  useEffect(() => void load(), [load]);
  const run = async (query: string, variables: Record<string, unknown>, done?: string) => {
    try {
      await graphql(query, variables);
      if (done) notify(done, { type: 'info' });
      await load();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const submitInvite = async () => {
    try {
      const { inviteUser } = await graphql<{ inviteUser: { invitationUrl: string } }>(INVITE_USER, { input: invite });
      setLink(inviteUser.invitationUrl);
      setInvite({ email: '', name: '', role: 'sales' });
      await load();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('annals.identity.users')} />
      <CardContent>
        <Box component="form" sx={{ display: 'flex', gap: 1, alignItems: 'center' }} onSubmit={(event) => (event.preventDefault(), void submitInvite())}>
          <TextField
            label={translate('annals.identity.email')}
            name="email"
            size="small"
            value={invite.email}
            onChange={(e) => setInvite({ ...invite, email: e.target.value })}
          />
          <TextField
            label={translate('annals.identity.name')}
            name="name"
            size="small"
            value={invite.name}
            onChange={(e) => setInvite({ ...invite, name: e.target.value })}
          />
          <Select size="small" name="role" value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value })}>
            {ROLE_NAMES.map((role) => (
              <MenuItem key={role} value={role}>
                {role}
              </MenuItem>
            ))}
          </Select>
          <Button type="submit" variant="contained">
            {translate('annals.identity.invite')}
          </Button>
        </Box>
        {link && <CopyField label={translate('annals.identity.invited')} value={link} testId="invitation-url" />}
        <Table size="small" sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              {['email', 'name', 'role', 'status'].map((column) => (
                <TableCell key={column}>{translate(`annals.identity.${column}`)}</TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {users.map((user) => (
              <TableRow key={user.id} data-testid={`user-${user.email}`}>
                <TableCell>{user.email}</TableCell>
                <TableCell>{user.name}</TableCell>
                <TableCell>
                  <Select
                    size="small"
                    value={user.role}
                    onChange={(e) => void run(CHANGE_USER_ROLE, { userId: user.id, role: e.target.value }, translate('annals.identity.roleChanged'))}
                  >
                    {ROLE_NAMES.map((role) => (
                      <MenuItem key={role} value={role}>
                        {role}
                      </MenuItem>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{user.status}</Typography>
                </TableCell>
                <TableCell>
                  {user.status === 'DEACTIVATED' ? (
                    <Button onClick={() => void run(REACTIVATE_USER, { userId: user.id })}>{translate('annals.identity.reactivate')}</Button>
                  ) : (
                    <Button color="error" onClick={() => void run(DEACTIVATE_USER, { userId: user.id })}>
                      {translate('annals.identity.deactivate')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};
