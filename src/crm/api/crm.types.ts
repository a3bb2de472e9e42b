import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { composeField, EnumField, IdField, SearchField, TextField } from '../../shared/graphql/input-fields';
import { PaginatedList } from '../../shared/graphql/list.types';
import { enumType, EnumValue } from '../../shared/graphql/enum-type';

export const LeadStatus = enumType('LeadStatus', ['NEW', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED']);
export type LeadStatus = EnumValue<typeof LeadStatus>;

@ObjectType()
export class Lead {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) company: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => LeadStatus) status: LeadStatus;
  @Field(() => ID, { nullable: true, description: 'The client this lead became, once converted' }) clientId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => ID, { nullable: true, description: 'The user who owns the lead: whoever captured it, until reassigned' }) ownerId: string | null;
}

@ObjectType()
export class Client {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) company: string | null;
  @Field(() => ID, { nullable: true, description: 'The lead this client was converted from' }) leadId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => ID, { nullable: true, description: 'The user who owns the client: whoever registered it, until reassigned' }) ownerId: string | null;
  @Field({ description: 'Archived clients are hidden from the default list and refuse changes until restored' }) archived: boolean;
  @Field(() => String, { nullable: true }) archivedReason: string | null;
  @Field(() => [Contact]) contacts: Contact[];
  @Field(() => PostalAddress, { nullable: true }) billingAddress: PostalAddress | null;
  @Field(() => PostalAddress, { nullable: true }) shippingAddress: PostalAddress | null;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class LeadList extends PaginatedList(Lead) {}

@ObjectType()
export class ClientList extends PaginatedList(Client) {}

/** An email address of at most 254 characters. */
const EmailField = ({ example, optional = false }: { example: string; optional?: boolean }): PropertyDecorator =>
  composeField((property) => [
    Field(() => String, { nullable: optional }),
    ...(optional ? [IsOptional()] : []),
    IsEmail({}, { message: `${property} must be a valid email address, such as ${example}` }),
    MaxLength(254),
  ]);

/** What a lead is captured with and a client registered with. */
@InputType({ isAbstract: true })
abstract class PartyDetailsInput {
  @TextField({ max: 200, blank: 'name is required' })
  name: string;

  @EmailField({ example: 'ada@example.com' })
  email: string;

  @TextField({ max: 200, optional: true })
  company?: string | null;

  @TextField({ max: 50, optional: true })
  phone?: string | null;
}

@InputType()
export class CaptureLeadInput extends PartyDetailsInput {
  @TextField({ max: 100, optional: true, description: 'Where the lead came from: web, referral, event...' })
  source?: string | null;
}

@InputType()
export class LeadFilter {
  @EnumField(LeadStatus, { optional: true })
  status?: LeadStatus;

  @SearchField('Matches name, email or company (case-insensitive)')
  q?: string;

  @Field(() => ID, { nullable: true, description: 'Only the leads this user owns' })
  @IsOptional()
  @IsString()
  ownerId?: string;
}

@InputType()
export class ClientFilter {
  @SearchField('Matches name, email or company (case-insensitive)')
  q?: string;

  @Field({ nullable: true, description: 'false (the default): active clients; true: archived ones' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only the clients this user owns' })
  @IsOptional()
  @IsString()
  ownerId?: string;
}

export const AddressKind = enumType('AddressKind', ['BILLING', 'SHIPPING']);
export type AddressKind = EnumValue<typeof AddressKind>;

export const ActivitySubjectType = enumType('ActivitySubjectType', ['LEAD', 'CLIENT']);
export type ActivitySubjectType = EnumValue<typeof ActivitySubjectType>;

export const ActivityKind = enumType('ActivityKind', ['CALL', 'MEETING', 'EMAIL', 'NOTE', 'TASK']);
export type ActivityKind = EnumValue<typeof ActivityKind>;

@ObjectType({ description: 'A person to talk to at a client' })
export class Contact {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true, description: 'Their role at the client, e.g. Buyer' }) role: string | null;
}

@ObjectType()
export class PostalAddress {
  @Field() line1: string;
  @Field(() => String, { nullable: true }) line2: string | null;
  @Field() city: string;
  @Field() postalCode: string;
  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. US' }) country: string;
}

@ObjectType({ description: 'A user of your organisation' })
export class Owner {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
  @Field() role: string;
}

@ObjectType({ description: 'A call, meeting, email, note or task about a lead or a client' })
export class Activity {
  @Field(() => ID) id: string;
  @Field(() => ActivitySubjectType) subjectType: ActivitySubjectType;
  @Field(() => ID) subjectId: string;
  @Field(() => ActivityKind) kind: ActivityKind;
  @Field() subject: string;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dueOn: string | null;
  @Field({ description: 'True once a TASK is completed; always false for other kinds' }) completed: boolean;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => ID, { description: 'Who logged it' }) loggedBy: string;
  @Field(() => Date) createdAt: Date;
}

@ObjectType()
export class ActivityList extends PaginatedList(Activity) {}

@ObjectType()
export class LeadStatusCount {
  @Field(() => LeadStatus) status: LeadStatus;
  @Field(() => Int) count: number;
}

@ObjectType()
export class LeadSourceCount {
  @Field(() => String, { nullable: true, description: 'null for leads with no source' }) source: string | null;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'How many leads are at each status, and where they came from' })
export class LeadPipeline {
  @Field(() => [LeadStatusCount], { description: 'Every status, zero included' }) byStatus: LeadStatusCount[];
  @Field(() => [LeadSourceCount], { description: 'Most leads first' }) bySource: LeadSourceCount[];
}

@InputType()
export class RegisterClientInput extends PartyDetailsInput {}

@InputType({ description: 'Only the fields given change; null clears company or phone' })
export class UpdateClientDetailsInput {
  @TextField({ max: 200, optional: true, blank: 'name cannot be blank; leave it out to keep the current name' })
  name?: string;

  @EmailField({ example: 'ada@example.com', optional: true })
  email?: string;

  @TextField({ max: 200, optional: true })
  company?: string | null;

  @TextField({ max: 50, optional: true })
  phone?: string | null;
}

@InputType()
export class AddContactInput {
  @TextField({ max: 200, blank: 'name is required' })
  name: string;

  @EmailField({ example: 'bob@example.com', optional: true })
  email?: string | null;

  @TextField({ max: 50, optional: true })
  phone?: string | null;

  @TextField({ max: 100, optional: true })
  role?: string | null;
}

@InputType()
export class SetClientAddressInput {
  @TextField({ max: 200, blank: 'line1 is required (street and number)' })
  line1: string;

  @TextField({ max: 200, optional: true })
  line2?: string | null;

  @TextField({ max: 100, blank: 'city is required' })
  city: string;

  @TextField({ max: 20, blank: 'postalCode is required' })
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. US, DE' })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code, such as US or DE' })
  country: string;
}

const SUBJECT_ID = 'the id of a lead or a client';

@InputType()
export class LogActivityInput {
  @EnumField(ActivitySubjectType)
  subjectType: ActivitySubjectType;

  @IdField({ mustBe: SUBJECT_ID, description: 'The lead or client the activity is about' })
  subjectId: string;

  @EnumField(ActivityKind)
  kind: ActivityKind;

  @TextField({ max: 200, blank: 'subject is required, e.g. "Call about the renewal"', description: 'One line, e.g. "Call about the renewal"' })
  subject: string;

  @TextField({ max: 10000, optional: true })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @Length(10, 10, { message: 'dueOn must be a date written YYYY-MM-DD, such as 2026-12-31' })
  dueOn?: string | null;
}

@InputType()
export class ActivityFilter {
  @EnumField(ActivitySubjectType, { optional: true })
  subjectType?: ActivitySubjectType;

  @IdField({ mustBe: SUBJECT_ID, optional: true })
  subjectId?: string;

  @EnumField(ActivityKind, { optional: true })
  kind?: ActivityKind;

  @Field({ nullable: true, description: 'true: tasks not yet completed; false: everything else' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;
}
