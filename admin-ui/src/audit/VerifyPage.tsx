import { Alert, Box, Button, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { AUDIT_SEALS, VERIFY_LOG } from './documents';
import type { Seal } from './audit-types';

type Verification = {
  ok: boolean;
  checked: number;
  firstBrokenPosition: string | null;
  reason: string | null;
  headPosition: string | null;
  headHash: string | null;
  seals: Seal[];
};

/** Runs verifyLog (the tenant's hash chain recomputed from the stored events) and shows the result and the period seals. */
export const VerifyPage = () => {
  const translate = useTranslate();
  const [result, setResult] = useState<Verification | null>(null);
  const [seals, setSeals] = useState<Seal[]>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    graphql<{ auditSeals: Seal[] }>(AUDIT_SEALS).then(
      (data) => setSeals(data.auditSeals),
      (e: Error) => setError(e.message),
    );
  }, []);

  const verify = async () => {
    setRunning(true);
    try {
      setError(null);
      const data = await graphql<{ verifyLog: Verification }>(VERIFY_LOG);
      setResult(data.verifyLog);
      setSeals(data.verifyLog.seals);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="annals.audit.verify.title" />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('annals.audit.verify.explain')}
        </Typography>
        <Button variant="contained" onClick={verify} disabled={running} data-testid="verify-run">
          {translate('annals.audit.verify.run')}
        </Button>
        {error ? <Alert severity="error">{error}</Alert> : null}
        {result ? (
          <Alert severity={result.ok ? 'success' : 'error'} sx={{ mt: 2 }} data-testid="verify-result">
            {result.ok
              ? translate('annals.audit.verify.ok', { checked: result.checked })
              : translate('annals.audit.verify.broken', { position: result.firstBrokenPosition, reason: result.reason })}
            <Box sx={{ fontFamily: 'monospace', fontSize: 12, mt: 1 }}>
              {translate('annals.audit.verify.head', { position: result.headPosition ?? '—', hash: result.headHash ?? '—' })}
            </Box>
          </Alert>
        ) : null}
        <Typography variant="h6" sx={{ mt: 3 }}>
          {translate('annals.audit.verify.seals')}
        </Typography>
        <Table size="small" data-testid="verify-seals">
          <TableHead>
            <TableRow>
              {['through', 'sealed_at', 'position', 'hash', 'state'].map((h) => (
                <TableCell key={h}>{translate(`annals.audit.verify.${h}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {seals.map((seal) => (
              <TableRow key={seal.position} data-testid="seal-row">
                <TableCell>{seal.through}</TableCell>
                <TableCell>{new Date(seal.sealedAt).toLocaleString()}</TableCell>
                <TableCell>{seal.position}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{seal.hash.slice(0, 16)}…</TableCell>
                <TableCell>
                  {seal.intact === null ? (
                    <Chip size="small" label={translate('annals.audit.verify.not_checked')} />
                  ) : (
                    <Chip
                      size="small"
                      color={seal.intact ? 'success' : 'error'}
                      label={translate(seal.intact ? 'annals.audit.verify.intact' : 'annals.audit.verify.broken_seal')}
                    />
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
