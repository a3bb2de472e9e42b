import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { composeField, DATE_PATTERN, DecimalField, EnumField, IdField, LinesField, SearchField, TextField } from '../../shared/graphql/input-fields';
import { PaginatedList } from '../../shared/graphql/list.types';
import { enumType, EnumValue } from '../../shared/graphql/enum-type';

export const QuoteStatus = enumType('QuoteStatus', ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED']);
export type QuoteStatus = EnumValue<typeof QuoteStatus>;

export const OrderStatus = enumType('OrderStatus', [
  'PLACED',
  'PAYMENT_AUTHORIZED',
  'PAYMENT_FAILED',
  'SHIPPED',
  'DELIVERED',
  'INVOICED',
  'CLOSED',
  'CANCELLED',
]);
export type OrderStatus = EnumValue<typeof OrderStatus>;

@ObjectType({ description: 'A catalogue product. Amounts are decimal strings in the tenant currency.' })
export class Product {
  @Field(() => ID) id: string;
  @Field({ description: 'Unique per tenant (case-insensitive)' }) sku: string;
  @Field() name: string;
  @Field({ description: 'e.g. "125.50"' }) unitPrice: string;
  @Field({ description: 'Percent, e.g. "20"' }) taxRate: string;
  @Field() currency: string;
  @Field() active: boolean;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType({ description: 'A priced line of a quote or order' })
export class QuoteLine {
  @Field(() => ID, { nullable: true }) productId: string | null;
  @Field() description: string;
  @Field({ description: 'Decimal string, e.g. "2.5"' }) quantity: string;
  @Field() unitPrice: string;
  @Field({ description: 'Percent, e.g. "20"' }) taxRate: string;
  @Field({ description: 'quantity x unitPrice' }) net: string;
  @Field({ description: 'Tax on this line, rounded half-up to the minor unit' }) tax: string;
}

@ObjectType()
export class Quote {
  @Field(() => ID) id: string;
  @Field(() => ID) clientId: string;
  @Field(() => String, { nullable: true, description: "The client's name, from the CRM" }) clientName: string | null;
  @Field(() => QuoteStatus) status: QuoteStatus;
  @Field() currency: string;
  @Field(() => String, { nullable: true, description: "Last valid day ('YYYY-MM-DD'); the quote expires after it" }) validUntil: string | null;
  @Field(() => Int, { description: 'Revision number, 1 for the first draft' }) revision: number;
  @Field(() => [QuoteLine]) lines: QuoteLine[];
  @Field() net: string;
  @Field() tax: string;
  @Field() total: string;
  @Field(() => String, { nullable: true }) sentOn: string | null;
  @Field(() => String, { nullable: true }) acceptedOn: string | null;
  @Field(() => String, { nullable: true }) rejectionReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The order placed from this quote' }) orderId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class Order {
  @Field(() => ID) id: string;
  @Field(() => ID) quoteId: string;
  @Field(() => ID) clientId: string;
  @Field(() => String, { nullable: true }) clientName: string | null;
  @Field(() => OrderStatus) status: OrderStatus;
  @Field() currency: string;
  @Field(() => [QuoteLine]) lines: QuoteLine[];
  @Field() net: string;
  @Field() tax: string;
  @Field() total: string;
  @Field() placedOn: string;
  @Field(() => String, { nullable: true }) paymentReference: string | null;
  @Field(() => String, { nullable: true, description: 'Why the last payment attempt failed' }) paymentFailureReason: string | null;
  @Field(() => String, { nullable: true }) carrier: string | null;
  @Field(() => String, { nullable: true }) trackingNumber: string | null;
  @Field(() => String, { nullable: true }) shippedOn: string | null;
  @Field(() => String, { nullable: true }) deliveredOn: string | null;
  @Field(() => String, { nullable: true }) cancelReason: string | null;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType()
export class ProductList extends PaginatedList(Product) {}

@ObjectType()
export class QuoteList extends PaginatedList(Quote) {}

@ObjectType()
export class OrderList extends PaginatedList(Order) {}

const TAX_RATE = 'taxRate must be a percentage such as "20" or "7.5"';

@InputType()
export class CreateProductInput {
  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/, { message: 'sku must be 1 to 64 letters, digits, ".", "_", "-" or "/", such as WID-100' })
  sku: string;

  @TextField({ max: 200, blank: 'name is required' })
  name: string;

  @DecimalField({
    message: 'unitPrice must be a decimal number such as "125.50" (no sign, no currency symbol)',
    description: 'Decimal string in the tenant currency, e.g. "125.50"',
  })
  unitPrice: string;

  @DecimalField({ message: TAX_RATE, description: 'Percent, e.g. "20" or "7.5"' })
  taxRate: string;
}

@InputType()
export class QuoteLineInput {
  @IdField({ mustBe: 'a product id (a UUID)', optional: true, description: 'A catalogue product; omit for a free-text line' })
  productId?: string | null;

  @TextField({ max: 500, optional: true, description: "Defaults to the product's name" })
  description?: string;

  @DecimalField({ message: 'quantity must be a positive decimal number such as "2" or "1.5"', description: 'Decimal string, e.g. "2" or "1.5"' })
  quantity: string;

  @DecimalField({
    message: 'unitPrice must be a decimal number such as "125.50"',
    optional: true,
    description: "Decimal string; defaults to the product's price",
  })
  unitPrice?: string;

  @DecimalField({ message: TAX_RATE, optional: true, description: "Percent; defaults to the product's tax rate" })
  taxRate?: string;
}

/** A quote's lines: 1 to 500, each validated. */
const QuoteLinesField = (description?: string): PropertyDecorator => LinesField(() => QuoteLineInput, { of: 'a quote', min: 1, description });

/** A quote's last valid day, 'YYYY-MM-DD', or null. */
const ValidUntilField = (description: string): PropertyDecorator =>
  composeField((property) => [
    Field(() => String, { nullable: true, description }),
    IsOptional(),
    Matches(DATE_PATTERN, { message: `${property} must be a date such as '2026-12-31'` }),
  ]);

export const CLIENT_ID = 'a client id (a UUID)';

@InputType()
export class DraftQuoteInput {
  @IdField({ mustBe: CLIENT_ID })
  clientId: string;

  @ValidUntilField("Last valid day, 'YYYY-MM-DD'; omit for a quote that does not expire")
  validUntil?: string | null;

  @QuoteLinesField()
  lines: QuoteLineInput[];
}

@InputType()
export class ReviseQuoteInput {
  @ValidUntilField('New last valid day; omit to keep the current one, null for no expiry')
  validUntil?: string | null;

  @QuoteLinesField('Replace all the lines')
  lines: QuoteLineInput[];
}

@InputType()
export class ProductFilter {
  @SearchField('Matches sku or name (case-insensitive)')
  q?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** The filter of a list of a client's records that move through statuses: quotes, orders, invoices. */
export const ClientRecordFilter = <Status extends string>(statuses: Record<string, Status>) => {
  @InputType({ isAbstract: true })
  abstract class Filter {
    @EnumField(statuses, { optional: true })
    status?: Status;

    @IdField({ mustBe: CLIENT_ID, optional: true })
    clientId?: string;
  }
  return Filter;
};

@InputType()
export class QuoteFilter extends ClientRecordFilter(QuoteStatus) {
  @SearchField("Matches a line's description or the client's name (case-insensitive)")
  q?: string;
}

@InputType()
export class OrderFilter extends ClientRecordFilter(OrderStatus) {}
