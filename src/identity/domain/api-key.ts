import type { Role } from './roles';
import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing } from '../../shared/domain/guards';
import { IdentityError, IdentityErrorCode } from './identity.error';
import { ApiKeyEvent } from './identity.events';
import { apiKeyEvents } from './identity.registry';

export type CreateApiKey = {
  type: 'CreateApiKey';
  apiKeyId: string;
  name: string;
  role: Role;
  prefix: string;
  expiresAt: string | null;
  createdBy: string;
  now: string;
};
export type RevokeApiKey = { type: 'RevokeApiKey'; apiKeyId: string };
export type ApiKeyCommand = CreateApiKey | RevokeApiKey;

export type ApiKey = { status: 'NONE' } | { status: 'ACTIVE' | 'REVOKED'; id: string; name: string; role: Role };

export const decide = (command: ApiKeyCommand, state: ApiKey): ApiKeyEvent[] => {
  switch (command.type) {
    case 'CreateApiKey': {
      if (state.status !== 'NONE') throw new IdentityError(IdentityErrorCode.ApiKeyAlreadyExists, `API key ${command.apiKeyId} already exists`);
      const name = IdentityError.requiredText(command.name, IdentityErrorCode.NameRequired, 'An API key needs a name that says who or what uses it');
      if (command.expiresAt !== null && command.expiresAt <= command.now)
        throw new IdentityError(IdentityErrorCode.ApiKeyExpiryInPast, 'expiresAt is in the past: give a future time, or none for a key that does not expire');
      const { apiKeyId, role, prefix, expiresAt, createdBy } = command;
      return [{ type: 'ApiKeyCreated', data: { apiKeyId, name, role, prefix, expiresAt, createdBy } }];
    }
    case 'RevokeApiKey': {
      const key = existing(state, 'API key', command.apiKeyId);
      if (key.status === 'REVOKED') throw new IdentityError(IdentityErrorCode.ApiKeyRevoked, `API key ${key.name} is already revoked`);
      return [{ type: 'ApiKeyRevoked', data: { apiKeyId: key.id } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: ApiKey, event: ApiKeyEvent): ApiKey => {
  switch (event.type) {
    case 'ApiKeyCreated':
      return { status: 'ACTIVE', id: event.data.apiKeyId, name: event.data.name, role: event.data.role };
    case 'ApiKeyRevoked':
      return state.status === 'NONE' ? state : { ...state, status: 'REVOKED' };
    default:
      return assertNever(event);
  }
};

export const apiKeyDecider = recordDecider<Exclude<ApiKey, { status: 'NONE' }>, ApiKeyCommand, ApiKeyEvent>({ events: apiKeyEvents, decide, evolve });
