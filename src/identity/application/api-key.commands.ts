import type { Role } from '../../shared/auth/caller';
import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { apiKeyDecider } from '../domain/api-key';
import { apiKeyStream } from '../domain/identity.events';
import { ADMINS } from './user.commands';
import { API_KEYS_READ_MODEL, IdentityQueries } from './identity.queries';
import { IdentityTime } from './identity-time';

export interface CreateApiKeyRequest {
  name: string;
  role: string;
  expiresAt?: Date | null;
}

/** Shown in lists to tell keys apart: the secret starts with it (see api-keys.ts). */
export const apiKeyPrefix = (apiKeyId: string) => `annals_${apiKeyId.replace(/-/g, '').slice(0, 8)}`;

export const apiKeyCommands = commandsFor(
  apiKeyDecider,
  { entity: 'API key', roles: ADMINS, stream: apiKeyStream, answer: answerWithRow(IdentityQueries, 'apiKey', API_KEYS_READ_MODEL) },
  ({ command }) => ({
    createApiKey: command({
      creates: 'apikey',
      command: (input: CreateApiKeyRequest, apiKeyId: string, env) => ({
        type: 'CreateApiKey',
        apiKeyId,
        name: input.name,
        role: input.role as Role,
        prefix: apiKeyPrefix(apiKeyId),
        expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
        createdBy: env.caller.userId,
        now: env.get(IdentityTime).now().toISOString(),
      }),
    }),
    revokeApiKey: command({ id: 'apiKeyId', command: ({ apiKeyId }: { apiKeyId: string }) => ({ type: 'RevokeApiKey', apiKeyId }) }),
  }),
);
