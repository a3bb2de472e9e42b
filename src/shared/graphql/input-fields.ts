import { Type as ClassType } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

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

/**
 * The bounds a person would recognise, for every input: a name is at most 200 characters, free
 * text (notes) 10,000, a document (quote, journal entry) at most 500 lines, a decimal at most 30
 * characters, any other list (one without a field of its own) 1,000 items. Amounts are further bounded where they are parsed (MAX_AMOUNT_MINOR, MAX_QUANTITY);
 * any string argument without a field of its own is bounded by the input guard (input-guard.ts).
 */
export const INPUT_BOUNDS = { name: 200, text: 10_000, lines: 500, decimal: 30, list: 1_000 } as const;

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

export interface DecimalFieldOptions extends FieldOptions {
  /** The message when the value is not a decimal string. */
  message: string;
}

/** A decimal string such as "125.50": no sign, no exponent, at most INPUT_BOUNDS.decimal characters. */
export const DecimalField = ({ message, optional = false, description }: DecimalFieldOptions): PropertyDecorator =>
  composeField((property) => [
    Field({ nullable: optional, description }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(INPUT_BOUNDS.decimal, { message: `${property} can be at most ${INPUT_BOUNDS.decimal} characters` }),
    Matches(DECIMAL_PATTERN, { message }),
  ]);

export interface LinesFieldOptions {
  description?: string;
  /** What the lines make up ("a quote", "a journal entry"), for the messages. */
  of: string;
  /** At least this many (else the rule that counts them says so). */
  min?: number;
}

/** The lines of a document: `min` to INPUT_BOUNDS.lines of them, each validated as `item`. */
export const LinesField = <T>(item: () => ClassType<T>, { of, min, description }: LinesFieldOptions): PropertyDecorator =>
  composeField(() => [
    Field(() => [item()], { description }),
    IsArray(),
    ...(min ? [ArrayMinSize(min, { message: `${of} needs at least ${min === 1 ? 'one line' : `${min} lines`}` })] : []),
    ArrayMaxSize(INPUT_BOUNDS.lines, { message: `${of} can have at most ${INPUT_BOUNDS.lines} lines` }),
    ValidateNested({ each: true }),
    Type(item),
  ]);
