import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DATE_PATTERN, EnumField, INPUT_BOUNDS, LinesField, TextField } from '../../shared/graphql/input-fields';
import { PaginatedList } from '../../shared/graphql/list.types';
import { enumType, EnumValue } from '../../shared/graphql/enum-type';

export const AccountType = enumType('AccountType', ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE']);
export type AccountType = EnumValue<typeof AccountType>;

const DATE_MESSAGE = (field: string) => `${field} must be a date such as 2026-03-31`;

@ObjectType({ description: 'An account of the chart, with its balance (in the tenant currency) as of the date asked' })
export class Account {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => AccountType) type: AccountType;
  @Field({ description: 'A closed account takes no new postings' }) open: boolean;
  @Field({ description: 'Sum of debits, such as "125.50"' }) debit: string;
  @Field({ description: 'Sum of credits' }) credit: string;
  @Field({ description: 'On the normal side: debit - credit for assets and expenses, credit - debit otherwise' }) balance: string;
}

@ObjectType()
export class AccountList extends PaginatedList(Account) {}

@ObjectType()
export class JournalEntryLine {
  @Field() accountCode: string;
  @Field(() => String, { nullable: true }) accountName: string | null;
  @Field({ description: '"0.00" on a credit line' }) debit: string;
  @Field({ description: '"0.00" on a debit line' }) credit: string;
}

@ObjectType({ description: 'A posted journal entry; never edited: a reversal is another entry' })
export class JournalEntry {
  @Field(() => ID) id: string;
  @Field({ description: 'Business date, YYYY-MM-DD' }) date: string;
  @Field() memo: string;
  @Field() currency: string;
  @Field(() => [JournalEntryLine]) lines: JournalEntryLine[];
  @Field({ description: 'Sum of the debits (= sum of the credits)' }) total: string;
  @Field(() => String, { nullable: true, description: 'What posted it automatically: InvoiceIssued, PaymentRecorded, CreditNoteIssued, InvoiceVoided' })
  sourceType: string | null;
  @Field(() => String, { nullable: true, description: 'The invoice, payment or credit note it was posted for' }) sourceId: string | null;
  @Field(() => ID, { nullable: true, description: 'The entry this one reverses' }) reversalOf: string | null;
  @Field(() => ID, { nullable: true, description: 'The entry that reversed this one' }) reversedBy: string | null;
  @Field(() => String, { nullable: true }) reversalReason: string | null;
  @Field({ description: 'Who posted it: a user id, or system:ledger' }) postedBy: string;
  @Field(() => Date) postedAt: Date;
}

@ObjectType()
export class JournalEntryList extends PaginatedList(JournalEntry) {}

@ObjectType()
export class TrialBalanceLine {
  @Field() accountCode: string;
  @Field() accountName: string;
  @Field(() => AccountType) accountType: AccountType;
  @Field() debit: string;
  @Field() credit: string;
}

@ObjectType({ description: 'Every account with a balance as of a date; total debits always equal total credits' })
export class TrialBalance {
  @Field() asOf: string;
  @Field() currency: string;
  @Field(() => [TrialBalanceLine]) lines: TrialBalanceLine[];
  @Field() totalDebit: string;
  @Field() totalCredit: string;
}

@ObjectType({ description: 'What is still owed, by days past the due date' })
export class ArAgingAmounts {
  @Field({ description: 'Not yet due' }) current: string;
  @Field() days1to30: string;
  @Field() days31to60: string;
  @Field() days61to90: string;
  @Field() over90: string;
  @Field() total: string;
}

@ObjectType()
export class ArAgingLine extends ArAgingAmounts {
  @Field(() => ID) clientId: string;
  @Field(() => String, { nullable: true }) clientName: string | null;
  @Field(() => Int) invoiceCount: number;
}

@ObjectType({ description: 'Receivables aging per client as of a date' })
export class ArAging {
  @Field() asOf: string;
  @Field() currency: string;
  @Field(() => [ArAgingLine]) lines: ArAgingLine[];
  @Field(() => ArAgingAmounts) totals: ArAgingAmounts;
}

@ObjectType({ description: "The tenant's books: nothing dated on or before lockedThrough can be posted" })
export class LedgerPeriod {
  @Field(() => String, { nullable: true }) lockedThrough: string | null;
}

@InputType()
export class OpenAccountInput {
  @TextField({ max: 20, blank: 'code is required, such as 6100', description: 'Unique in your chart, such as 6100' })
  code: string;

  @TextField({ max: 200, blank: 'name is required' })
  name: string;

  @EnumField(AccountType, { message: `type must be one of ${Object.values(AccountType).join(', ')}` })
  type: AccountType;
}

@InputType()
export class JournalLineInput {
  @Field()
  @IsString()
  @IsNotEmpty({ message: 'accountCode is required' })
  @MaxLength(20)
  accountCode: string;

  @Field({ nullable: true, defaultValue: '0', description: 'A decimal amount such as "125.50"; leave "0" on a credit line' })
  @IsOptional()
  @IsString()
  @MaxLength(INPUT_BOUNDS.decimal, { message: `debit can be at most ${INPUT_BOUNDS.decimal} characters` })
  debit?: string;

  @Field({ nullable: true, defaultValue: '0', description: 'Leave "0" on a debit line' })
  @IsOptional()
  @IsString()
  @MaxLength(INPUT_BOUNDS.decimal, { message: `credit can be at most ${INPUT_BOUNDS.decimal} characters` })
  credit?: string;
}

@InputType()
export class PostJournalEntryInput {
  @Field({ description: 'Business date, YYYY-MM-DD; not in a locked period' })
  @IsString()
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE('date') })
  date: string;

  @TextField({ max: 500, blank: 'memo is required: say what the entry is for' })
  memo: string;

  @LinesField(() => JournalLineInput, { of: 'a journal entry', description: 'Two or more (at most 500); debits must equal credits' })
  lines: JournalLineInput[];
}

@InputType()
export class JournalEntryFilter {
  @Field({ nullable: true, description: 'Only entries with a line on this account (its general ledger)' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  accountCode?: string;

  @Field({ nullable: true, description: 'From this date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE('from') })
  from?: string;

  @Field({ nullable: true, description: 'Up to this date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE('to') })
  to?: string;
}
