import PersonPinIcon from '@mui/icons-material/PersonPin';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetIdentity, useRecordContext, type RaRecord } from 'react-admin';
import type { Identity } from './authProvider';
import { CommandButton } from './CommandButton';
import type { AnnalsDataProvider } from './dataProvider';
import type { AssignableOwnersQuery } from './generated/graphql';
import { ASSIGNABLE_OWNERS } from './queries';
import type { Commandable } from './records';

type Owner = AssignableOwnersQuery['assignableOwners'][number];

/** The users who may own leads and clients (one request, shared by every picker on the page). */
export const useAssignableOwners = () => {
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  return useQuery({ queryKey: ['assignableOwners'], queryFn: () => dataProvider.query<Owner[]>(ASSIGNABLE_OWNERS), staleTime: 60_000 });
};

type Owned = RaRecord & Commandable & { ownerId: string | null; owner: { name: string } | null };

/** Hands a lead or a client to another user: a dialog with a user picker, the command named `command`. */
export const AssignOwnerButton = ({ command, document, idName = 'id' }: { command: string; document: string; idName?: string }) => {
  const record = useRecordContext<Owned>();
  const { data: owners = [] } = useAssignableOwners();
  const { identity } = useGetIdentity();
  return (
    <CommandButton<Owned>
      command={command}
      document={document}
      label="annals.owner.assign"
      icon={<PersonPinIcon />}
      title="annals.owner.assign_title"
      fields={[
        {
          name: 'ownerId',
          label: 'annals.owner.owner',
          required: true,
          translateChoices: false,
          initial: (record) => record.ownerId ?? (identity as Identity | undefined)?.userId ?? '',
          choices: owners.map((owner) => ({ id: owner.id, name: `${owner.name} (${owner.email})` })),
        },
      ]}
      variables={(owned, { ownerId }) => ({ [idName]: owned.id, ownerId })}
      success="annals.owner.assigned"
      record={record}
    />
  );
};
