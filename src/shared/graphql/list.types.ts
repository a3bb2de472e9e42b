import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { enumType, EnumValue } from './enum-type';

export const SortOrder = enumType('SortOrder', ['ASC', 'DESC']);
export type SortOrder = EnumValue<typeof SortOrder>;

/** The arguments every list query takes (react-admin's getList, 1-based pages). */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Page number, from 1' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'page starts at 1' })
  page: number = 1;

  @Field(() => Int, { nullable: true, defaultValue: 25, description: 'Rows per page, 1 to 500' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'perPage must be at least 1' })
  @Max(500, { message: 'perPage can be at most 500' })
  perPage: number = 25;

  @Field({ nullable: true, description: 'Field to sort by; each list documents the fields it sorts on' })
  @IsOptional()
  @IsString()
  sortField?: string;

  @Field(() => SortOrder, { nullable: true, defaultValue: SortOrder.DESC })
  @IsOptional()
  @IsIn([SortOrder.ASC, SortOrder.DESC])
  sortOrder: SortOrder = SortOrder.DESC;
}

/** One page of a list and the total across pages: what every list query answers. */
export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * The GraphQL type of a list query's answer, for one item type: `@ObjectType() class LeadList
 * extends PaginatedList(Lead) {}` is `type LeadList { items: [Lead!]! total: Int! }`.
 */
export const PaginatedList = <T>(item: Type<T>) => {
  @ObjectType({ isAbstract: true })
  abstract class List implements Page<T> {
    @Field(() => [item]) items: T[];
    @Field(() => Int) total: number;
  }
  return List;
};
