import { Box, Button, Card, CardContent, MenuItem, Select, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { CopyField } from './CopyField';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './documents';
import { ROLE_NAMES } from './UsersPage';

interface ApiKey {
  id: string;
  name: string;
  role: string;
  prefix: string;
  status: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** API keys for partners and scripts: created with the secret shown once, revoked at once. */
export const ApiKeysPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [form, setForm] = useState({ name: '', role: 'sales' });
  const [secret, setSecret] = useState<string | null>(null);
  const load = useCallback(
    () =>
      graphql<{ apiKeys: { items: ApiKey[] } }>(API_KEYS).then(
        (data) => setKeys(data.apiKeys.items),
        (error) => notify(error.message, { type: 'error' }),
      ),
    [notify],
  );
  useEffect(() => void load(), [load]);
  const create = async () => {
    try {
      const { createApiKey } = await graphql<{ createApiKey: { secret: string } }>(CREATE_API_KEY, { input: form });
      setSecret(createApiKey.secret);
      setForm({ name: '', role: 'sales' });
      await load();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const revoke = (id: string) => graphql(REVOKE_API_KEY, { id }).then(load, (error) => notify(error.message, { type: 'error' }));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('annals.identity.apiKeys')} />
      <CardContent>
        <Box component="form" sx={{ display: 'flex', gap: 1 }} onSubmit={(event) => (event.preventDefault(), void create())}>
          <TextField label={translate('annals.identity.name')} size="small" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <Select size="small" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLE_NAMES.map((role) => (
              <MenuItem key={role} value={role}>
                {role}
              </MenuItem>
            ))}
          </Select>
          <Button type="submit" variant="contained">
            {translate('annals.identity.createKey')}
          </Button>
        </Box>
        {secret && <CopyField label={translate('annals.identity.secretOnce')} value={secret} testId="api-key-secret" />}
        <Table size="small" sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              {['name', 'role', 'prefix', 'status', 'expiresAt', 'lastUsedAt'].map((column) => (
                <TableCell key={column}>{translate(`annals.identity.${column}`)}</TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableCell>{key.name}</TableCell>
                <TableCell>{key.role}</TableCell>
                <TableCell>{key.prefix}</TableCell>
                <TableCell>{key.status}</TableCell>
                <TableCell>{key.expiresAt ? new Date(key.expiresAt).toLocaleString() : '-'}</TableCell>
                <TableCell>{key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString() : '-'}</TableCell>
                <TableCell>
                  {key.status === 'ACTIVE' && (
                    <Button color="error" onClick={() => void revoke(key.id)}>
                      {translate('annals.identity.revoke')}
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
