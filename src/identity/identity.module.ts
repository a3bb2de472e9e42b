import { Global, Module } from '@nestjs/common';
import { PRINCIPALS } from '../shared/auth/principals';
import { UserDirectory } from './public/user-directory';
import { AdminChanges } from './application/admin-changes';
import { Credentials } from './application/credentials';
import { IdentityQueries } from './application/identity.queries';
import { IdentityTime } from './application/identity-time';
import { Invitations } from './application/invitations';
import { IdentityPrincipals } from './application/principals';
import { LoginLimiter } from './application/login-limiter';
import { Sessions } from './application/sessions';
import { InvoicedTenants } from './application/tenant.commands';
import { TenantProvisioning } from './application/tenant-provisioning';
import { ApiKeyResolver } from './api/api-key.resolver';
import { SessionResolver } from './api/session.resolver';
import { TenantResolver } from './api/tenant.resolver';
import { UserResolver } from './api/user.resolver';

/** Users, invitations, API keys and tenant settings; other contexts use its public UserDirectory. */
@Global()
@Module({
  providers: [
    UserDirectory,
    AdminChanges,
    Credentials,
    IdentityQueries,
    IdentityTime,
    Invitations,
    IdentityPrincipals,
    { provide: PRINCIPALS, useExisting: IdentityPrincipals },
    LoginLimiter,
    Sessions,
    InvoicedTenants,
    TenantProvisioning,
    SessionResolver,
    UserResolver,
    ApiKeyResolver,
    TenantResolver,
  ],
  exports: [UserDirectory, PRINCIPALS, TenantProvisioning],
})
export class IdentityModule {}
