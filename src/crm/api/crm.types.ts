import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

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
}

@ObjectType()
export class Client {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) company: string | null;
  @Field(() => ID, { nullable: true, description: 'The lead this client was converted from' }) leadId: string | null;
  @Field(() => Date) createdAt: Date;
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
}

@InputType()
export class ClientFilter {
  @Field({ nullable: true, description: 'Matches name, email or company (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
