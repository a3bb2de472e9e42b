import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export enum InvoiceStatus {
  ISSUED = 'ISSUED',
  SENT = 'SENT',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

export enum PaymentMethod {
  BANK_TRANSFER = 'BANK_TRANSFER',
  CARD = 'CARD',
  CASH = 'CASH',
  CHEQUE = 'CHEQUE',
  OTHER = 'OTHER',
}
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });

const AMOUNT = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ObjectType()
export class InvoicePayment {
  @Field(() => ID) id: string;
  @Field({ description: 'Decimal string in the invoice currency, e.g. "125.50"' }) amount: string;
  @Field(() => PaymentMethod) method: PaymentMethod;
  @Field() reference: string;
  @Field({ description: 'YYYY-MM-DD' }) receivedOn: string;
}

@ObjectType()
export class CreditNote {
  @Field(() => ID) id: string;
  @Field() amount: string;
  @Field({ description: 'The part of the amount that reduces revenue' }) net: string;
  @Field({ description: 'The part of the amount that reduces sales tax' }) tax: string;
  @Field() reason: string;
  @Field({ description: 'YYYY-MM-DD' }) issuedOn: string;
}

@ObjectType()
export class Invoice {
  @Field(() => ID) id: string;
  @Field({ description: 'INV-<year>-<sequence>, gapless per tenant' }) number: string;
  @Field(() => ID) orderId: string;
  @Field(() => ID) clientId: string;
  @Field({ description: 'ISO 4217 code of every amount on the invoice' }) currency: string;
  @Field(() => InvoiceStatus) status: InvoiceStatus;
  @Field() net: string;
  @Field() tax: string;
  @Field() total: string;
  @Field() amountPaid: string;
  @Field({ description: 'Sum of the credit notes issued against the invoice' }) credited: string;
  @Field({ description: 'total - amountPaid - credited' }) balanceDue: string;
  @Field({ description: 'YYYY-MM-DD' }) issuedOn: string;
  @Field({ description: 'YYYY-MM-DD: issuedOn plus the tenant payment terms' }) dueOn: string;
  @Field({ description: 'Still open with a balance due and past its due date, as of today' }) overdue: boolean;
  @Field(() => String, { nullable: true }) sentOn: string | null;
  @Field(() => String, { nullable: true }) paidOn: string | null;
  @Field(() => String, { nullable: true }) voidedOn: string | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;
  @Field(() => [InvoicePayment]) payments: InvoicePayment[];
  @Field(() => [CreditNote]) creditNotes: CreditNote[];
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class InvoiceList {
  @Field(() => [Invoice]) items: Invoice[];
  @Field(() => Int) total: number;
}

@InputType()
export class InvoiceFilter {
  @Field(() => InvoiceStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(InvoiceStatus))
  status?: InvoiceStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a client id (a UUID)' })
  clientId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'orderId must be an order id (a UUID)' })
  orderId?: string;

  @Field({ nullable: true, description: 'true: only overdue invoices; false: only those that are not' })
  @IsOptional()
  overdue?: boolean;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'invoiceId must be an invoice id (a UUID)' })
  invoiceId: string;

  @Field({ description: 'Decimal string in the invoice currency, e.g. "125.50"; at most the balance due' })
  @IsString()
  @Matches(AMOUNT, { message: 'amount must be a positive decimal number such as "125.50"' })
  amount: string;

  @Field(() => PaymentMethod)
  @IsIn(Object.values(PaymentMethod), { message: `method must be one of: ${Object.values(PaymentMethod).join(', ')}` })
  method: PaymentMethod;

  @Field({ description: 'Bank reference, receipt or cheque number' })
  @IsString()
  @IsNotEmpty({ message: 'reference is required: the bank reference, receipt or cheque number' })
  @MaxLength(200, { message: 'reference can be at most 200 characters' })
  reference: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted' })
  @IsOptional()
  @Matches(DATE, { message: 'receivedOn must be a date such as 2026-11-21' })
  @IsISO8601({ strict: true }, { message: 'receivedOn must be a real calendar date, such as 2026-11-21' })
  receivedOn?: string | null;
}

@InputType()
export class IssueCreditNoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'invoiceId must be an invoice id (a UUID)' })
  invoiceId: string;

  @Field({ description: 'Decimal string in the invoice currency; at most the balance due' })
  @IsString()
  @Matches(AMOUNT, { message: 'amount must be a positive decimal number such as "125.50"' })
  amount: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'reason is required: say why the credit note is issued' })
  @MaxLength(500, { message: 'reason can be at most 500 characters' })
  reason: string;
}
