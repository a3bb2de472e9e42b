import { Args, Field, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AuthService } from './auth.service';
import { Caller, Public } from './caller';

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>"; valid for 12 hours' })
  token: string;
}

@ObjectType()
export class Me {
  @Field(() => ID) userId: string;
  @Field() email: string;
  @Field() role: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field({ description: 'ISO 4217 code of the tenant currency' }) currency: string;
}

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => LoginPayload)
  async login(@Args('email') email: string, @Args('password') password: string): Promise<LoginPayload> {
    return { token: await this.auth.login(email, password) };
  }

  @Query(() => Me, { description: 'Who the token belongs to' })
  me(@Caller() caller: Caller) {
    return this.auth.me(caller);
  }
}
