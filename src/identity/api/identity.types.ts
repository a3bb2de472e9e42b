import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PaginatedList } from '../../shared/graphql/list.types';
import { SearchField, TextField } from '../../shared/graphql/input-fields';
import { ROLES } from '../domain/user';

const ROLE_MESSAGE = { message: `role must be one of: ${ROLES.join(', ')}` };
const ROLE_DESCRIPTION = `One of ${ROLES.join(', ')}`;

@ObjectType()
export class User {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field({ description: ROLE_DESCRIPTION }) role: string;
  @Field({ description: 'INVITED (has not accepted yet), ACTIVE or DEACTIVATED' }) status: string;
  @Field({ description: 'May sign in' }) active: boolean;
  @Field(() => String, { nullable: true, description: 'Who invited them (a user id), for invited users' }) invitedBy: string | null;
  @Field(() => Date, { nullable: true, description: 'When they accepted the invitation (or were created active)' }) joinedAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class UserList extends PaginatedList(User) {}

@InputType()
export class UserFilter {
  @Field({ nullable: true, description: ROLE_DESCRIPTION })
  @IsOptional()
  @IsIn(ROLES, ROLE_MESSAGE)
  role?: string;

  @Field({ nullable: true, description: 'INVITED, ACTIVE or DEACTIVATED' })
  @IsOptional()
  @IsIn(['INVITED', 'ACTIVE', 'DEACTIVATED'], { message: 'status must be INVITED, ACTIVE or DEACTIVATED' })
  status?: string;

  @SearchField('Matches name or email (case-insensitive)')
  q?: string;
}

@InputType()
export class InviteUserInput {
  @TextField({ max: 254, blank: 'email is required', description: 'Their email: the invitation goes there, and they sign in with it' })
  email: string;

  @TextField({ max: 200, blank: 'name is required' })
  name: string;

  @Field({ description: ROLE_DESCRIPTION })
  @IsIn(ROLES, ROLE_MESSAGE)
  role: string;
}

@ObjectType()
export class InviteUserPayload {
  @Field(() => User) user: User;
  @Field({ description: 'The link that lets them set a password: single use, valid 7 days. Also emailed when mail is configured' }) invitationUrl: string;
}

@ObjectType()
export class SessionPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>"; valid for 12 hours' })
  token: string;
}

@ObjectType()
export class ApiKey {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: ROLE_DESCRIPTION }) role: string;
  @Field({ description: 'The first characters of the secret, to tell keys apart' }) prefix: string;
  @Field({ description: 'ACTIVE, EXPIRED or REVOKED' }) status: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Last request made with it (to the minute)' }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@ObjectType()
export class ApiKeyList extends PaginatedList(ApiKey) {}

@InputType()
export class CreateApiKeyInput {
  @TextField({ max: 200, blank: 'name is required', description: 'Who or what uses it: "Partner portal", "Nightly export"' })
  name: string;

  @Field({ description: ROLE_DESCRIPTION })
  @IsIn(ROLES, ROLE_MESSAGE)
  role: string;

  @Field(() => Date, { nullable: true, description: 'When it stops working; none: until revoked' })
  @IsOptional()
  expiresAt?: Date | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey) apiKey: ApiKey;
  @Field({ description: 'Send as "Authorization: Bearer <secret>". Shown this once: only its hash is kept' }) secret: string;
}

@ObjectType()
export class Tenant {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'ISO 4217 code; fixed once an invoice exists' }) currency: string;
  @Field(() => Int, { description: 'Days between an invoice and its due date' }) paymentTermsDays: number;
  @Field({ description: 'IANA time zone, e.g. Europe/Paris' }) timeZone: string;
}

@InputType()
export class UpdateTenantSettingsInput {
  @TextField({ max: 200, optional: true, blank: 'name cannot be blank' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Days from 0 to 365; applies to invoices issued from now on' })
  @IsOptional()
  @IsInt({ message: 'paymentTermsDays must be a whole number of days' })
  @Min(0, { message: 'paymentTermsDays cannot be negative' })
  @Max(365, { message: 'paymentTermsDays can be at most 365' })
  paymentTermsDays?: number | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Paris' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'timeZone can be at most 64 characters' })
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code; only before the first invoice' })
  @IsOptional()
  @IsString()
  @MaxLength(3, { message: 'currency is a three-letter ISO 4217 code' })
  currency?: string | null;
}
