import { Type } from '@nestjs/common';
import { Caller, Role } from '../auth/caller';
import type { Clock } from '../clock';
import { CommandContext } from './command-context';
import { EventSourcedRunner, RunResult } from './event-sourced-runner';
import { IdempotencyService } from './idempotency.service';

/** What a command's hooks may use besides its input: who asks, when, and the app's services. */
export interface CommandEnv {
  readonly caller: Caller;
  readonly tenantId: string;
  /** The metadata every event the command appends carries. */
  readonly context: CommandContext;
  readonly now: Date;
  /** The business date (UTC) the command runs on: one value for the command and its answer. */
  readonly today: string;
  /** For the records a command consults besides its own stream (and the rare second append). */
  readonly runner: EventSourcedRunner;
  get<T>(type: Type<T>): T;
  /** A new id for a record the command creates, derived from the Idempotency-Key when there is one. */
  createdId(kind: string): string;
}

/** Read models to wait for, at a position, before the answer is read. */
export interface ReadAfter {
  readModels: string[];
  position: bigint | null;
}

/** Reads the answer once the read models show the change; null answers NOT_FOUND. */
export type AnswerRead<Queries, Input, Row> = (queries: Queries, tenantId: string, id: string, input: Input, env: CommandEnv) => Promise<Row | null>;

/** The fields of an input that hold a string: one of them may name the record a command acts on. */
export type StringField<Input> = { [Field in keyof Input]-?: Input[Field] extends string ? Field : never }[keyof Input] & string;

/**
 * One command of an aggregate. Either `id` names the record it acts on (the input's field that
 * holds its id, or a function of the input), or `creates` gives the kind of the new record's id
 * (derived from the Idempotency-Key when given).
 */
export interface CommandSpec<Input, Command, State> {
  /** Who may run it when not the aggregate's roles. */
  roles?: readonly Role[];
  id?: NoInfer<StringField<Input>> | ((input: Input, env: CommandEnv) => string);
  creates?: string;
  /** The domain command; async when it needs to consult other records or services first. */
  command: (input: Input, id: string, env: CommandEnv) => Command | Promise<Command>;
  /** Runs after the command is built and before its stream is loaded (claims a unique key first). */
  before?: (command: Command, env: CommandEnv) => Promise<unknown>;
  /** Runs after the append (a second record the command brings about); its read models are waited for too. */
  after?: (result: RunResult<State>, input: Input, id: string, env: CommandEnv) => Promise<ReadAfter>;
  /** Read models to wait for instead of the aggregate's (the row of another record shows the change too). */
  readModels?: string[];
  /**
   * Runs around building the command and appending it: a lock the command holds from what it reads
   * (in `command`) to its append, when another stream's append must not come in between.
   */
  within?: (env: CommandEnv, decideAndAppend: () => Promise<RunResult<State>>) => Promise<RunResult<State>>;
  /**
   * A representative input that names `record`: `allowedCommands` builds the command from it and
   * runs `decide` against the record's state (nothing appended), so the decider alone says whether
   * the command would be accepted now. Commands without one are not offered per record.
   */
  probe?: (record: ProbeRecord, caller: Caller) => Input;
}

/** A record as a query answers it (a lead, an account...): what a probe reads its input from. */
export type ProbeRecord = { readonly id: string } & Readonly<Record<string, unknown>>;

/** Streams already folded while probing one record's commands: each read once. */
export type ProbedStates = Map<string, Promise<{ state: unknown; exists: boolean }>>;

export interface AnsweringSpec<Input, Command, State, Queries, Row> extends CommandSpec<Input, Command, State> {
  answer: AnswerRead<Queries, Input, Row>;
}

/** How an aggregate's commands reach its stream and which read model answers them. */
export interface AggregateCommands<Queries, Row> {
  /** Names the record in NOT_FOUND errors. */
  entity: string;
  /** Who may run its commands, enforced before anything else (and read by the resolvers' @Allow). */
  roles: readonly Role[];
  stream: (id: string) => string;
  answer: {
    queries: Type<Queries>;
    readModels: string[];
    /** The default answer: the record's row. Without it, every command declares its own answer. */
    read?: AnswerRead<Queries, unknown, Row>;
  };
}

/** A declared command, ready for the executor: resolvers send it through CommandService. */
export interface CommandHandle<Input, Row> {
  readonly name: string;
  readonly roles: readonly Role[];
  execute(ports: CommandPorts, input: Input, caller: Caller): Promise<Row>;
  /** Whether the caller may run it on the record now (role, then the decider); absent for commands not offered per record. */
  allows?(ports: CommandPorts, record: ProbeRecord, caller: Caller, states: ProbedStates): Promise<boolean>;
}

/**
 * Read-your-writes: resolves once every named read model has applied the position; with the
 * writer's tenant, fails at once (READ_MODEL_LAGGING) if a read model is parked for that tenant.
 */
export interface ReadYourWrites {
  waitFor(readModels: string[], position: bigint | null, options?: { tenantId?: string }): Promise<void>;
}

export interface Services {
  get<T>(type: Type<T>): T;
}

/** What the executor works with; the Nest handler wires the app's, a test its own. */
export interface CommandPorts {
  runner: EventSourcedRunner;
  idempotency: Pick<IdempotencyService, 'run'>;
  readModels: ReadYourWrites;
  services: Services;
  /** Where `CommandEnv.now` and `today` come from: the app's CLOCK. */
  clock: Clock;
}
