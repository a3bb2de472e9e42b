import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

export enum LeadStatus {
  NEW = 'NEW',
  QUALIFIED = 'QUALIFIED',
  DISQUALIFIED = 'DISQUALIFIED',
  CONVERTED = 'CONVERTED',
}
registerEnumType(LeadStatus, { name: 'LeadStatus' });

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
export class LeadList {
  @Field(() => [Lead]) items: Lead[];
  @Field(() => Int) total: number;
}

@ObjectType()
export class ClientList {
  @Field(() => [Client]) items: Client[];
  @Field(() => Int) total: number;
}

@InputType()
export class CaptureLeadInput {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200, { message: 'name can be at most 200 characters' })
  name: string;

  @Field()
  @IsEmail({}, { message: 'email must be a valid email address, such as ada@example.com' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'company can be at most 200 characters' })
  company?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'phone can be at most 50 characters' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the lead came from: web, referral, event...' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'source can be at most 100 characters' })
  source?: string | null;
}

@InputType()
export class LeadFilter {
  @Field(() => LeadStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(LeadStatus))
  status?: LeadStatus;

  @Field({ nullable: true, description: 'Matches name, email or company (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @Field(() => ID, { nullable: true, description: 'Only the leads this user owns' })
  @IsOptional()
  @IsString()
  ownerId?: string;
}

@InputType()
export class ClientFilter {
  @Field({ nullable: true, description: 'Matches name, email or company (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
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

export enum AddressKind {
  BILLING = 'BILLING',
  SHIPPING = 'SHIPPING',
}
registerEnumType(AddressKind, { name: 'AddressKind' });

export enum ActivitySubjectType {
  LEAD = 'LEAD',
  CLIENT = 'CLIENT',
}
registerEnumType(ActivitySubjectType, { name: 'ActivitySubjectType' });

export enum ActivityKind {
  CALL = 'CALL',
  MEETING = 'MEETING',
  EMAIL = 'EMAIL',
  NOTE = 'NOTE',
  TASK = 'TASK',
}
registerEnumType(ActivityKind, { name: 'ActivityKind' });

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
export class ActivityList {
  @Field(() => [Activity]) items: Activity[];
  @Field(() => Int) total: number;
}

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
export class RegisterClientInput {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200, { message: 'name can be at most 200 characters' })
  name: string;

  @Field()
  @IsEmail({}, { message: 'email must be a valid email address, such as ada@example.com' })
  @MaxLength(254)
  email: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'company can be at most 200 characters' })
  company?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'phone can be at most 50 characters' })
  phone?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears company or phone' })
export class UpdateClientDetailsInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'name cannot be blank; leave it out to keep the current name' })
  @MaxLength(200, { message: 'name can be at most 200 characters' })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address, such as ada@example.com' })
  @MaxLength(254)
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'company can be at most 200 characters' })
  company?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'phone can be at most 50 characters' })
  phone?: string | null;
}

@InputType()
export class AddContactInput {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200, { message: 'name can be at most 200 characters' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid email address, such as bob@example.com' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: 'phone can be at most 50 characters' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'role can be at most 100 characters' })
  role?: string | null;
}

@InputType()
export class SetClientAddressInput {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'line1 is required (street and number)' })
  @MaxLength(200, { message: 'line1 can be at most 200 characters' })
  line1: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'line2 can be at most 200 characters' })
  line2?: string | null;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'city is required' })
  @MaxLength(100, { message: 'city can be at most 100 characters' })
  city: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'postalCode is required' })
  @MaxLength(20, { message: 'postalCode can be at most 20 characters' })
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. US, DE' })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code, such as US or DE' })
  country: string;
}

@InputType()
export class LogActivityInput {
  @Field(() => ActivitySubjectType)
  @IsIn(Object.values(ActivitySubjectType))
  subjectType: ActivitySubjectType;

  @Field(() => ID, { description: 'The lead or client the activity is about' })
  @IsUUID('all', { message: 'subjectId must be the id of a lead or a client' })
  subjectId: string;

  @Field(() => ActivityKind)
  @IsIn(Object.values(ActivityKind))
  kind: ActivityKind;

  @Field({ description: 'One line, e.g. "Call about the renewal"' })
  @IsString()
  @IsNotEmpty({ message: 'subject is required, e.g. "Call about the renewal"' })
  @MaxLength(200, { message: 'subject can be at most 200 characters' })
  subject: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000, { message: 'notes can be at most 10000 characters' })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @Length(10, 10, { message: 'dueOn must be a date written YYYY-MM-DD, such as 2026-12-31' })
  dueOn?: string | null;
}

@InputType()
export class ActivityFilter {
  @Field(() => ActivitySubjectType, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ActivitySubjectType))
  subjectType?: ActivitySubjectType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'subjectId must be the id of a lead or a client' })
  subjectId?: string;

  @Field(() => ActivityKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ActivityKind))
  kind?: ActivityKind;

  @Field({ nullable: true, description: 'true: tasks not yet completed; false: everything else' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;
}
