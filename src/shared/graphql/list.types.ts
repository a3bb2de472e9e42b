import { ArgsType, Field, Int, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortOrder, { name: 'SortOrder' });

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
