import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { composeField, DATE_PATTERN, DecimalField, EnumField, IdField, TextField } from '../../shared/graphql/input-fields';
import { PaginatedList } from '../../shared/graphql/list.types';
import { ClientRecordFilter } from './orders.types';
import { enumType, EnumValue } from '../../shared/graphql/enum-type';

export const InvoiceStatus = enumType('InvoiceStatus', ['ISSUED', 'SENT', 'PARTIALLY_PAID', 'PAID', 'VOID']);
export type InvoiceStatus = EnumValue<typeof InvoiceStatus>;

export const PaymentMethod = enumType('PaymentMethod', ['BANK_TRANSFER', 'CARD', 'CASH', 'CHEQUE', 'OTHER']);
export type PaymentMethod = EnumValue<typeof PaymentMethod>;

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
export class InvoiceList extends PaginatedList(Invoice) {}

@InputType()
export class InvoiceFilter extends ClientRecordFilter(InvoiceStatus) {
  @IdField({ mustBe: 'an order id (a UUID)', optional: true })
  orderId?: string;

  @Field({ nullable: true, description: 'true: only overdue invoices; false: only those that are not' })
  @IsOptional()
  overdue?: boolean;
}

/** An amount against an invoice: a positive decimal string. */
const AmountField = (description: string): PropertyDecorator =>
  composeField((property) => [DecimalField({ message: `${property} must be a positive decimal number such as "125.50"`, description })]);

const INVOICE_ID = 'an invoice id (a UUID)';

@InputType()
export class RecordPaymentInput {
  @IdField({ mustBe: INVOICE_ID })
  invoiceId: string;

  @AmountField('Decimal string in the invoice currency, e.g. "125.50"; at most the balance due')
  amount: string;

  @EnumField(PaymentMethod, { message: `method must be one of: ${Object.values(PaymentMethod).join(', ')}` })
  method: PaymentMethod;

  @TextField({
    max: 200,
    blank: 'reference is required: the bank reference, receipt or cheque number',
    description: 'Bank reference, receipt or cheque number',
  })
  reference: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'receivedOn must be a date such as 2026-11-21' })
  @IsISO8601({ strict: true }, { message: 'receivedOn must be a real calendar date, such as 2026-11-21' })
  receivedOn?: string | null;
}

@InputType()
export class IssueCreditNoteInput {
  @IdField({ mustBe: INVOICE_ID })
  invoiceId: string;

  @AmountField('Decimal string in the invoice currency; at most the balance due')
  amount: string;

  @TextField({ max: 500, blank: 'reason is required: say why the credit note is issued' })
  reason: string;
}
