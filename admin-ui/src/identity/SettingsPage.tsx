import { Box, Button, Card, CardContent, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { TENANT, UPDATE_TENANT_SETTINGS } from './documents';

interface Settings {
  name: string;
  currency: string;
  paymentTermsDays: number;
  timeZone: string;
}

/** The organisation's settings (admins): name, payment terms, time zone; the currency until the first invoice. */
export const SettingsPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    graphql<{ tenant: Settings }>(TENANT).then(
      (data) => setSettings(data.tenant),
      (error) => notify(error.message, { type: 'error' }),
    );
  }, [notify]);
  if (!settings) return null;
  const save = async () => {
    try {
      const { updateTenantSettings } = await graphql<{ updateTenantSettings: Settings }>(UPDATE_TENANT_SETTINGS, {
        input: { name: settings.name, currency: settings.currency, paymentTermsDays: Number(settings.paymentTermsDays), timeZone: settings.timeZone },
      });
      setSettings(updateTenantSettings);
      notify(translate('annals.identity.saved'), { type: 'info' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const field = (key: keyof Settings, type = 'text') => (
    <TextField
      label={translate(`annals.identity.${key}`)}
      type={type}
      value={settings[key]}
      onChange={(e) => setSettings({ ...settings, [key]: e.target.value })}
    />
  );
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('annals.identity.settings')} />
      <CardContent>
        <Box
          component="form"
          sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 400 }}
          onSubmit={(event) => (event.preventDefault(), void save())}
        >
          {field('name')}
          {field('currency')}
          {field('paymentTermsDays', 'number')}
          {field('timeZone')}
          <Button type="submit" variant="contained">
            {translate('annals.identity.save')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
};
