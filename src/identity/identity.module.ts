import { Global, Module } from '@nestjs/common';
import { UserDirectory } from './public/user-directory';

/** Users, invitations, API keys and tenant settings; other contexts use its public UserDirectory. */
@Global()
@Module({
  providers: [UserDirectory],
  exports: [UserDirectory],
})
export class IdentityModule {}
