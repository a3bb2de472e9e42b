import { Field, ID } from '@nestjs/graphql';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/**
 * The fields of GraphQL inputs, each with its validation: one decorator stands for the stack of
 * `@Field` and class-validator decorators, and the messages name the field they are on.
 */

/**
 * One field decorator made of others, given the property's name. They are applied the way stacked
 * decorators are (bottom first), so a field's failed checks are reported in the order written.
 */
export const composeField =
  (decorators: (property: string) => PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators(String(key)).reverse()) decorator(target, key);
  };

/** A date written YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A decimal string such as "125.50": digits, no sign, no exponent. */
export const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

interface FieldOptions {
  /** May be left out, or given as null. */
  optional?: boolean;
  description?: string;
}

export interface TextFieldOptions extends FieldOptions {
  /** At most this many characters: "<field> can be at most <max> characters" otherwise. */
  max: number;
  /** The field may not be blank: the message when it is ("name is required"). */
  blank?: string;
}

/** A string of bounded length. */
export const TextField = ({ max, blank, optional = false, description }: TextFieldOptions): PropertyDecorator =>
  composeField((property) => [
    Field(() => String, { nullable: optional, description }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    ...(blank ? [IsNotEmpty({ message: blank })] : []),
    MaxLength(max, { message: `${property} can be at most ${max} characters` }),
  ]);

/** The free-text search of a list filter. */
export const SearchField = (description: string): PropertyDecorator =>
  composeField(() => [Field({ nullable: true, description }), IsOptional(), IsString(), MaxLength(200)]);

export interface IdFieldOptions extends FieldOptions {
  /** What the id names: "<field> must be <mustBe>" when it is not a UUID. */
  mustBe: string;
}

/** The id of a record (a UUID). */
export const IdField = ({ mustBe, optional = false, description }: IdFieldOptions): PropertyDecorator =>
  composeField((property) => [
    Field(() => ID, { nullable: optional, description }),
    ...(optional ? [IsOptional()] : []),
    IsUUID('all', { message: `${property} must be ${mustBe}` }),
  ]);

export interface EnumFieldOptions extends FieldOptions {
  /** Instead of class-validator's own message. */
  message?: string;
}

/** One of the values of an enum registered with registerEnumType. */
export const EnumField = (values: Record<string, string>, { optional = false, description, message }: EnumFieldOptions = {}): PropertyDecorator =>
  composeField(() => [
    Field(() => values, { nullable: optional, description }),
    ...(optional ? [IsOptional()] : []),
    IsIn(Object.values(values), message ? { message } : undefined),
  ]);
