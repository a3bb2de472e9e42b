import { Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AuthService } from './auth.service';
import { Caller } from './caller';

@ObjectType()
export class Me {
  @Field(() => ID) userId: string;
  @Field() email: string;
  @Field() role: string;
  @Field({ description: 'user, or api_key when an API key calls' }) kind: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field({ description: 'ISO 4217 code of the tenant currency' }) currency: string;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Query(() => Me, { description: 'Who the token belongs to' })
  me(@Caller() caller: Caller) {
    return this.auth.me(caller);
  }
}
