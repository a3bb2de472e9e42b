import { Accordion, AccordionDetails, AccordionSummary, Box, Card, CardContent, Chip, Grid, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Loading, Title, useTranslate } from 'react-admin';
import { useCatalogue } from './useCatalogue';

const t = (key: string) => `annals.developers.${key}`;
const pretty = (json: string) => JSON.stringify(JSON.parse(json), null, 2);

/** Every published event type with its JSON Schema and an example: what a partner subscribes to. */
export const CataloguePage = () => {
  const translate = useTranslate();
  const catalogue = useCatalogue();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate(t('catalogue.title'))} />
      <Card>
        <CardContent>
          <Typography variant="h6">{translate(t('catalogue.title'))}</Typography>
          <Typography variant="body2" gutterBottom>
            {translate(t('catalogue.intro'))}
          </Typography>
          {catalogue.isPending ? <Loading /> : null}
          {(catalogue.data ?? []).map((type) => (
            <Accordion key={type.type} data-testid={`event-type-${type.type}`}>
              <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                <Chip size="small" label={type.context} sx={{ mr: 1 }} />
                <Typography sx={{ fontFamily: 'monospace', mr: 2 }}>{type.type}</Typography>
                <Typography variant="body2" color="text.secondary">
                  {type.description}
                </Typography>
              </AccordionSummary>
              <AccordionDetails>
                <Grid container spacing={2}>
                  <Grid size={{ xs: 12, md: 6 }}>
                    <Typography variant="subtitle2">{translate(t('catalogue.schema'))}</Typography>
                    <Box component="pre" sx={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
                      {pretty(type.schema)}
                    </Box>
                  </Grid>
                  <Grid size={{ xs: 12, md: 6 }}>
                    <Typography variant="subtitle2">{translate(t('catalogue.example'))}</Typography>
                    <Box component="pre" sx={{ fontSize: 12, whiteSpace: 'pre-wrap' }} data-testid="event-example">
                      {pretty(type.example)}
                    </Box>
                  </Grid>
                </Grid>
              </AccordionDetails>
            </Accordion>
          ))}
        </CardContent>
      </Card>
    </Box>
  );
};
