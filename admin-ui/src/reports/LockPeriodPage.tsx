import LockClockIcon from '@mui/icons-material/LockClock';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { LOCK_PERIOD } from '../commands';
import type { AnnalsDataProvider } from '../dataProvider';
import type { LedgerPeriodQuery } from '../generated/graphql';
import { LEDGER_PERIOD } from '../queries';
import { BILLERS } from '../roles';

type Period = LedgerPeriodQuery['ledgerPeriod'];

/** The period lock: entries dated on or before it are refused (the server says so when one is tried). */
export const LockPeriodPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  const { data } = useQuery({ queryKey: ['ledgerPeriod'], queryFn: () => dataProvider.query<Period>(LEDGER_PERIOD) });
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title="annals.lock_period.title" />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            {translate('annals.lock_period.title')}
          </Typography>
          <Typography data-testid="locked-through">
            {data?.lockedThrough ? translate('annals.lock_period.locked_through', { date: data.lockedThrough }) : translate('annals.lock_period.not_locked')}
          </Typography>
          <Typography color="text.secondary">{translate('annals.lock_period.help')}</Typography>
          <div>
            <CommandButton<{ id: string }>
              command="lockPeriod"
              roles={BILLERS}
              record={{ id: 'ledger-period' }}
              document={LOCK_PERIOD}
              variables={(_period, { through }) => ({ through })}
              label="annals.lock_period.lock"
              icon={<LockClockIcon />}
              title="annals.lock_period.dialog_title"
              content="annals.lock_period.dialog_content"
              fields={[{ name: 'through', label: 'annals.lock_period.through', type: 'date', required: true }]}
              success="annals.lock_period.locked"
              variant="contained"
            />
          </div>
        </Stack>
      </CardContent>
    </Card>
  );
};
