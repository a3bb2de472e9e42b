import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { randomBytes } from 'node:crypto';
import { AuthService } from '../../shared/auth/auth.service';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { ListArgs } from '../../shared/graphql/list.types';
import { apiKeyCommands } from '../application/api-key.commands';
import { Credentials } from '../application/credentials';
import { IdentityQueries } from '../application/identity.queries';
import { newApiKeySecret } from '../application/principals';
import { ApiKey, ApiKeyList, CreateApiKeyInput, CreateApiKeyPayload } from './identity.types';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: IdentityQueries,
    private readonly credentials: Credentials,
    private readonly auth: AuthService,
  ) {}

  @Allow('admin', 'auditor')
  @Query(() => ApiKeyList, { description: 'Your organisation’s API keys (never their secrets). Sorts on name, role, createdAt (the default), expiresAt' })
  apiKeys(@Args() list: ListArgs, @Caller() caller: Caller) {
    return this.queries.apiKeys(caller.tenantId, list);
  }

  @CommandMutation(apiKeyCommands.createApiKey, () => CreateApiKeyPayload, {
    description: 'A key for a partner or a script, acting with this role: the secret is answered this once and kept only as a hash',
  })
  async createApiKey(@Args('input') input: CreateApiKeyInput, @Caller() caller: Caller): Promise<CreateApiKeyPayload> {
    const apiKey = await this.commands.execute(apiKeyCommands.createApiKey, input, caller);
    // Made here, outside the command's idempotent answer, so the secret is stored nowhere but as its hash.
    const secret = newApiKeySecret(apiKey.id, randomBytes(32).toString('base64url'));
    await this.credentials.storeApiKeySecret(caller.tenantId, apiKey.id, secret);
    await this.auth.forget(apiKey.id);
    return { apiKey, secret };
  }

  @CommandMutation(apiKeyCommands.revokeApiKey, () => ApiKey, { description: 'The key stops working at once' })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    try {
      return await this.commands.execute(apiKeyCommands.revokeApiKey, { apiKeyId: id }, caller);
    } finally {
      await this.auth.forget(id);
    }
  }
}
