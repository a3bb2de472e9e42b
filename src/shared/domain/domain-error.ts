/**
 * A business rule said no. `code` names the rule (LEAD_NOT_NEW) and becomes the GraphQL
 * `extensions.code`; the message tells a person what is wrong and what to do instead.
 * Each bounded context subclasses it with its own enum of codes.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Text a person must give, trimmed; blank is refused with this error type, `code` and `message`. */
  static requiredText<Code extends string>(this: ContextErrorType<Code>, value: string, code: Code, message: string): string {
    const text = value.trim();
    if (!text) throw new this(code, message);
    return text;
  }

  /**
   * A command that only a record in one of the `allowed` statuses takes: any other is refused with
   * `code` and a message such as "Only a NEW lead can be qualified; this lead is CONVERTED".
   */
  static requireStatus<Code extends string>(
    this: ContextErrorType<Code>,
    record: { status: string },
    allowed: readonly string[],
    code: Code,
    entity: string,
    done: string,
  ): void {
    if (allowed.includes(record.status)) return;
    const article = /^[AEIOU]/.test(allowed[0]) ? 'an' : 'a';
    throw new this(code, `Only ${article} ${allowed.join(' or ')} ${entity} can be ${done}; this ${entity} is ${record.status}`);
  }
}

/** A context's own error type (CrmError, OrdersError, ...): a DomainError built from a code and a message. */
type ContextErrorType<Code extends string> = new (code: Code, message: string, details?: Record<string, unknown>) => DomainError<Code>;

/** The record does not exist in the caller's tenant (or at all: the two are indistinguishable on purpose). */
export class NotFoundError extends DomainError<'NOT_FOUND'> {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `No ${entity} with id ${id} was found`, { entity, id });
  }
}

/** Input that fails validation, with one message per field. */
export class BadInputError extends DomainError<'BAD_USER_INPUT'> {
  constructor(readonly fields: Record<string, string[]>) {
    super(
      'BAD_USER_INPUT',
      Object.entries(fields)
        .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
        .join('. '),
      { fields },
    );
  }
}

/** The stream kept changing under us: every re-decide hit a newer revision. */
export class ConcurrencyError extends DomainError<'CONCURRENT_MODIFICATION'> {
  constructor(streamName: string, attempts: number) {
    super('CONCURRENT_MODIFICATION', `The record was changed by someone else ${attempts} times while saving; reload it and try again`, {
      streamName,
      attempts,
    });
  }
}
