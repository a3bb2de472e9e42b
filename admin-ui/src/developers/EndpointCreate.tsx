import { Autocomplete, Box, Button, Card, CardContent, Checkbox, FormControlLabel, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Link, Title, useNotify, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { CREATE_WEBHOOK_ENDPOINT } from './documents';
import { SecretPanel } from './SecretPanel';
import { typeChoices, useCatalogue } from './useCatalogue';

const t = (key: string) => `annals.developers.${key}`;

/** The form of a new endpoint; once created, its secret is shown here once, with a copy button. */
export const EndpointCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const catalogue = useCatalogue();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const [ordered, setOrdered] = useState(false);
  const [rate, setRate] = useState('');
  const [backfillFrom, setBackfillFrom] = useState('');
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const input = {
        url,
        description,
        eventTypes,
        orderedBySubject: ordered,
        rateLimitPerSecond: rate ? Number(rate) : null,
        backfillFrom: backfillFrom ? new Date(backfillFrom).toISOString() : null,
      };
      const data = await graphql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(CREATE_WEBHOOK_ENDPOINT, { input });
      setCreated({ id: data.createWebhookEndpoint.endpoint.id, secret: data.createWebhookEndpoint.secret });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box sx={{ mt: 2, maxWidth: 760 }}>
      <Title title={translate(t('create.title'))} />
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate(t('create.title'))}
          </Typography>
          {created ? (
            <>
              <SecretPanel secret={created.secret} />
              <Button component={Link} to={`/webhookEndpoints/${created.id}/show`} variant="contained">
                {translate(t('create.open'))}
              </Button>
            </>
          ) : (
            <form onSubmit={submit}>
              <Stack spacing={2}>
                <MuiTextField
                  name="url"
                  label={translate(t('fields.url'))}
                  value={url}
                  onChange={(e) => setUrl(e.target.value)}
                  required
                  placeholder="https://partner.example/webhooks"
                />
                <MuiTextField
                  name="description"
                  label={translate(t('fields.description'))}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                />
                <Autocomplete
                  multiple
                  freeSolo
                  options={typeChoices(catalogue.data)}
                  value={eventTypes}
                  onChange={(_event, value) => setEventTypes(value)}
                  renderInput={(params) => (
                    <MuiTextField {...params} name="eventTypes" label={translate(t('fields.eventTypes'))} helperText={translate(t('create.eventTypesHelp'))} />
                  )}
                />
                <FormControlLabel
                  control={<Checkbox name="orderedBySubject" checked={ordered} onChange={(e) => setOrdered(e.target.checked)} />}
                  label={`${translate(t('fields.orderedBySubject'))}: ${translate(t('create.orderedHelp'))}`}
                />
                <MuiTextField
                  name="rateLimitPerSecond"
                  type="number"
                  label={translate(t('fields.rateLimitPerSecond'))}
                  value={rate}
                  onChange={(e) => setRate(e.target.value)}
                />
                <MuiTextField
                  name="backfillFrom"
                  type="datetime-local"
                  label={translate(t('fields.backfillFrom'))}
                  helperText={translate(t('create.backfillHelp'))}
                  value={backfillFrom}
                  onChange={(e) => setBackfillFrom(e.target.value)}
                  slotProps={{ inputLabel: { shrink: true } }}
                />
                <Box>
                  <Button type="submit" variant="contained" disabled={saving}>
                    {translate(t('create.submit'))}
                  </Button>
                </Box>
              </Stack>
            </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
