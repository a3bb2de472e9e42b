import {
  Box,
  Card,
  CardContent,
  FormControlLabel,
  Radio,
  RadioGroup,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { NOTIFICATION_PREFERENCES, SET_EMAIL_DIGEST, SET_NOTIFICATION_PREFERENCE } from './documents';
import { NOTIFICATION_TYPES, typeLabel } from './types';

type Channel = 'IN_APP' | 'EMAIL';
type Preference = { type: string; channel: Channel; enabled: boolean; locked: boolean };
type Digest = 'DAILY' | 'IMMEDIATE';

const CHANNELS: Channel[] = ['IN_APP', 'EMAIL'];

/** The signed-in user's choices: each notification type in each channel, and one email each or a daily digest. */
export const PreferencesPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [preferences, setPreferences] = useState<Preference[] | null>(null);
  const [digest, setDigest] = useState<Digest>('IMMEDIATE');

  useEffect(() => {
    graphql<{ notificationPreferences: Preference[]; emailDigest: Digest }>(NOTIFICATION_PREFERENCES)
      .then((data) => {
        setPreferences(data.notificationPreferences);
        setDigest(data.emailDigest);
      })
      .catch((error: Error) => notify(error.message, { type: 'error' }));
  }, [notify]);

  const toggle = async (preference: Preference, enabled: boolean) => {
    try {
      const { setNotificationPreference } = await graphql<{ setNotificationPreference: Preference }>(SET_NOTIFICATION_PREFERENCE, {
        type: preference.type,
        channel: preference.channel,
        enabled,
      });
      setPreferences((all) => all?.map((p) => (p.type === preference.type && p.channel === preference.channel ? setNotificationPreference : p)) ?? null);
      notify('annals.notifications.saved', { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  const chooseDigest = async (value: Digest) => {
    try {
      const { setEmailDigest } = await graphql<{ setEmailDigest: Digest }>(SET_EMAIL_DIGEST, { digest: value });
      setDigest(setEmailDigest);
      notify('annals.notifications.saved', { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  const find = (type: string, channel: Channel) => preferences?.find((p) => p.type === type && p.channel === channel);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.notifications.preferences" />
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('annals.notifications.preferences')}
        </Typography>
        <Table size="small" aria-label={translate('annals.notifications.preferences')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('annals.notifications.type')}</TableCell>
              {CHANNELS.map((channel) => (
                <TableCell key={channel} align="center">
                  {translate(`annals.notifications.channels.${channel}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {NOTIFICATION_TYPES.map((type) => (
              <TableRow key={type}>
                <TableCell>{translate(typeLabel(type))}</TableCell>
                {CHANNELS.map((channel) => {
                  const preference = find(type, channel);
                  const label = `${translate(typeLabel(type))}: ${translate(`annals.notifications.channels.${channel}`)}`;
                  return (
                    <TableCell key={channel} align="center">
                      <Switch
                        checked={preference?.enabled ?? false}
                        disabled={!preference || preference.locked}
                        onChange={(event) => preference && void toggle(preference, event.target.checked)}
                        slotProps={{ input: { 'aria-label': label } }}
                        title={preference?.locked ? translate('annals.notifications.locked') : undefined}
                      />
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box sx={{ mt: 3 }}>
          <Typography variant="subtitle1">{translate('annals.notifications.digest')}</Typography>
          <RadioGroup value={digest} onChange={(event) => void chooseDigest(event.target.value as Digest)}>
            <FormControlLabel value="IMMEDIATE" control={<Radio />} label={translate('annals.notifications.digest_immediate')} />
            <FormControlLabel value="DAILY" control={<Radio />} label={translate('annals.notifications.digest_daily')} />
          </RadioGroup>
        </Box>
      </CardContent>
    </Card>
  );
};
