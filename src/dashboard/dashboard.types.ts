import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An open task of yours: one you logged, or on a lead or client you own' })
export class DashboardTask {
  @Field(() => ID) id: string;
  @Field() subject: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dueOn: string | null;
  @Field({ description: 'Due before today' }) overdue: boolean;
  @Field({ description: 'LEAD or CLIENT' }) subjectType: string;
  @Field(() => ID) subjectId: string;
  @Field(() => String, { nullable: true, description: 'The lead or client the task is about' }) subjectName: string | null;
  @Field() createdAt: Date;
}

@ObjectType()
export class DashboardTaskList {
  @Field(() => [DashboardTask]) items: DashboardTask[];
  @Field(() => Int) total: number;
}

@ObjectType({ description: 'A SENT quote: the client has not answered yet' })
export class WaitingQuote {
  @Field(() => ID) id: string;
  @Field(() => ID) clientId: string;
  @Field(() => String, { nullable: true }) clientName: string | null;
  @Field({ description: 'Decimal string ("125.50")' }) total: string;
  @Field() currency: string;
  @Field(() => String, { nullable: true }) sentOn: string | null;
  @Field(() => String, { nullable: true }) validUntil: string | null;
}

@ObjectType()
export class QuotesAwaitingAnswer {
  @Field(() => Int) count: number;
  @Field({ description: 'Sum of their totals, decimal string' }) total: string;
  @Field() currency: string;
  @Field(() => [WaitingQuote], { description: 'The oldest first' }) items: WaitingQuote[];
}

@ObjectType({ description: 'One calendar month of billing' })
export class MonthRevenue {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field({ description: 'Invoiced that month (issued, not voided), decimal string' }) invoiced: string;
  @Field({ description: 'Payments received that month, decimal string' }) collected: string;
}

@ObjectType()
export class RevenueByMonth {
  @Field() currency: string;
  @Field(() => [MonthRevenue], { description: 'Oldest month first, every month of the range (zero when nothing happened)' }) months: MonthRevenue[];
}

@ObjectType({ description: 'A user who may own leads and clients' })
export class AssignableOwner {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() email: string;
  @Field() role: string;
}
