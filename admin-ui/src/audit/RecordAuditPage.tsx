import { Card, CardContent, Typography } from '@mui/material';
import { useParams } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { RecordTimeline } from './RecordTimeline';

/** /audit/record/:entity/:id — one record's timeline and "as known at" view. */
export const RecordAuditPage = () => {
  const translate = useTranslate();
  const { entity = '', id = '' } = useParams();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.audit.timeline.title" />
      <CardContent>
        <Typography variant="h6" sx={{ mb: 2 }}>
          {translate('annals.audit.timeline.heading', { entity, id })}
        </Typography>
        <RecordTimeline entity={entity} id={id} />
      </CardContent>
    </Card>
  );
};
