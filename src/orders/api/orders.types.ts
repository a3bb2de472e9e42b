import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export enum QuoteStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(QuoteStatus, { name: 'QuoteStatus' });

export enum OrderStatus {
  PLACED = 'PLACED',
  PAYMENT_AUTHORIZED = 'PAYMENT_AUTHORIZED',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  INVOICED = 'INVOICED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderStatus, { name: 'OrderStatus' });

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
export class ProductList {
  @Field(() => [Product]) items: Product[];
  @Field(() => Int) total: number;
}

@ObjectType()
export class QuoteList {
  @Field(() => [Quote]) items: Quote[];
  @Field(() => Int) total: number;
}

@ObjectType()
export class OrderList {
  @Field(() => [Order]) items: Order[];
  @Field(() => Int) total: number;
}

@InputType()
export class CreateProductInput {
  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/, { message: 'sku must be 1 to 64 letters, digits, ".", "_", "-" or "/", such as WID-100' })
  sku: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(200, { message: 'name can be at most 200 characters' })
  name: string;

  @Field({ description: 'Decimal string in the tenant currency, e.g. "125.50"' })
  @IsString()
  @Matches(DECIMAL, { message: 'unitPrice must be a decimal number such as "125.50" (no sign, no currency symbol)' })
  unitPrice: string;

  @Field({ description: 'Percent, e.g. "20" or "7.5"' })
  @IsString()
  @Matches(DECIMAL, { message: 'taxRate must be a percentage such as "20" or "7.5"' })
  taxRate: string;
}

@InputType()
export class QuoteLineInput {
  @Field(() => ID, { nullable: true, description: 'A catalogue product; omit for a free-text line' })
  @IsOptional()
  @IsUUID('all', { message: 'productId must be a product id (a UUID)' })
  productId?: string | null;

  @Field({ nullable: true, description: "Defaults to the product's name" })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'description can be at most 500 characters' })
  description?: string;

  @Field({ description: 'Decimal string, e.g. "2" or "1.5"' })
  @IsString()
  @Matches(DECIMAL, { message: 'quantity must be a positive decimal number such as "2" or "1.5"' })
  quantity: string;

  @Field({ nullable: true, description: "Decimal string; defaults to the product's price" })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'unitPrice must be a decimal number such as "125.50"' })
  unitPrice?: string;

  @Field({ nullable: true, description: "Percent; defaults to the product's tax rate" })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'taxRate must be a percentage such as "20" or "7.5"' })
  taxRate?: string;
}

@InputType()
export class DraftQuoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'clientId must be a client id (a UUID)' })
  clientId: string;

  @Field(() => String, { nullable: true, description: "Last valid day, 'YYYY-MM-DD'; omit for a quote that does not expire" })
  @IsOptional()
  @Matches(DATE, { message: "validUntil must be a date such as '2026-12-31'" })
  validUntil?: string | null;

  @Field(() => [QuoteLineInput])
  @IsArray()
  @ArrayMinSize(1, { message: 'a quote needs at least one line' })
  @ArrayMaxSize(200, { message: 'a quote can have at most 200 lines' })
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInput)
  lines: QuoteLineInput[];
}

@InputType()
export class ReviseQuoteInput {
  @Field(() => String, { nullable: true, description: 'New last valid day; omit to keep the current one, null for no expiry' })
  @IsOptional()
  @Matches(DATE, { message: "validUntil must be a date such as '2026-12-31'" })
  validUntil?: string | null;

  @Field(() => [QuoteLineInput], { description: 'Replace all the lines' })
  @IsArray()
  @ArrayMinSize(1, { message: 'a quote needs at least one line' })
  @ArrayMaxSize(200, { message: 'a quote can have at most 200 lines' })
  @ValidateNested({ each: true })
  @Type(() => QuoteLineInput)
  lines: QuoteLineInput[];
}

@InputType()
export class ProductFilter {
  @Field({ nullable: true, description: 'Matches sku or name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType()
export class QuoteFilter {
  @Field(() => QuoteStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(QuoteStatus))
  status?: QuoteStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a client id (a UUID)' })
  clientId?: string;

  @Field({ nullable: true, description: "Matches a line's description or the client's name (case-insensitive)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

@InputType()
export class OrderFilter {
  @Field(() => OrderStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(OrderStatus))
  status?: OrderStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a client id (a UUID)' })
  clientId?: string;
}
