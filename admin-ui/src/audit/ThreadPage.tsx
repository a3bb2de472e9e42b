import { Alert, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { AUDIT_THREAD } from './documents';
import { actorLabel, type Actor, TIMELINE_ENTITIES } from './audit-types';

type Step = {
  kind: string;
  position: string | null;
  at: string;
  entity: string | null;
  entityId: string | null;
  type: string;
  actor: Actor | null;
  summary: string | null;
};

/** /audit/thread/:correlationId — everything one action caused, in order, across records. */
export const ThreadPage = () => {
  const translate = useTranslate();
  const { correlationId = '' } = useParams();
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    graphql<{ auditThread: Step[] }>(AUDIT_THREAD, { correlationId }).then(
      (data) => setSteps(data.auditThread),
      (e: Error) => setError(e.message),
    );
  }, [correlationId]);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.audit.thread.title" />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('annals.audit.thread.correlation', { id: correlationId })}
        </Typography>
        {error ? <Alert severity="error">{error}</Alert> : null}
        <Table size="small" data-testid="audit-thread">
          <TableHead>
            <TableRow>
              {['when', 'kind', 'record', 'type', 'actor'].map((h) => (
                <TableCell key={h}>{translate(`annals.audit.thread.${h}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(steps ?? []).map((step, i) => (
              <TableRow key={`${step.position ?? step.kind}-${i}`} data-testid="thread-step">
                <TableCell>{new Date(step.at).toLocaleString()}</TableCell>
                <TableCell>
                  <Chip size="small" label={step.kind} />
                </TableCell>
                <TableCell>
                  {step.entity && step.entityId && TIMELINE_ENTITIES.includes(step.entity) ? (
                    <Link to={`/audit/record/${step.entity}/${step.entityId}`}>
                      {step.entity} {step.entityId.slice(0, 8)}
                    </Link>
                  ) : (
                    (step.entity ?? '—')
                  )}
                </TableCell>
                <TableCell>{step.summary ? `${step.type}: ${step.summary}` : step.type}</TableCell>
                <TableCell>{actorLabel(step.actor)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};
