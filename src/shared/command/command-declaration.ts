import { Type } from '@nestjs/common';
import { Caller, Role } from '../auth/caller';
import { Decider, DomainEvent } from '../domain/decider';
import { CommandContext } from './command-context';
import { CommandPorts, executeCommand } from './command-executor';
import { EventSourcedRunner, RunResult } from './event-sourced-runner';

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

/**
 * One command of an aggregate. Either `id` names the record it acts on (from the input), or
 * `creates` gives the kind of the new record's id (derived from the Idempotency-Key when given).
 */
export interface CommandSpec<Input, Command, State> {
  /** Who may run it, enforced before anything else (and read by the resolver's @Allow). */
  roles: readonly Role[];
  id?: (input: Input, env: CommandEnv) => string;
  creates?: string;
  /** The domain command; async when it needs to consult other records or services first. */
  command: (input: Input, id: string, env: CommandEnv) => Command | Promise<Command>;
  /** Runs after the command is built and before its stream is loaded (claims a unique key first). */
  before?: (command: Command, env: CommandEnv) => Promise<unknown>;
  /** Runs after the append (a second record the command brings about); its read models are waited for too. */
  after?: (result: RunResult<State>, input: Input, id: string, env: CommandEnv) => Promise<ReadAfter>;
  /** Read models to wait for instead of the aggregate's (the row of another record shows the change too). */
  readModels?: string[];
}

export interface AnsweringSpec<Input, Command, State, Queries, Row> extends CommandSpec<Input, Command, State> {
  answer: AnswerRead<Queries, Input, Row>;
}

/** How an aggregate's commands reach its stream and which read model answers them. */
export interface AggregateCommands<Queries, Row> {
  /** Names the record in NOT_FOUND errors. */
  entity: string;
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
}

type Pending<Input, Row> = (name: string) => CommandHandle<Input, Row>;
type Handles<Declared> = { readonly [Name in keyof Declared]: Declared[Name] extends Pending<infer Input, infer Row> ? CommandHandle<Input, Row> : never };

export interface DeclareCommands<Command, State, Queries, Row> {
  /** A command answered by the aggregate's row. */
  command<Input, Issued extends Command = Command>(spec: CommandSpec<Input, Issued, State>): Pending<Input, Row>;
  /** A command answered by something else (the client a lead became, the reversal entry). */
  answering<Input, Answer, Issued extends Command = Command>(spec: AnsweringSpec<Input, Issued, State, Queries, Answer>): Pending<Input, Answer>;
}

/**
 * An aggregate's commands, each declared once (Eventuous's CommandService, Emmett's
 * DeciderCommandHandler): its roles, which record it acts on, the domain command it becomes,
 * and the few hooks the real commands need. Keys are the operation names.
 */
export const commandsFor = <State, Command, Event extends DomainEvent, Queries, Row, Declared extends Record<string, Pending<never, unknown>>>(
  decider: Decider<State, Command, Event>,
  aggregate: AggregateCommands<Queries, Row>,
  declare: (commands: DeclareCommands<Command, State, Queries, Row>) => Declared,
): Handles<Declared> => {
  const bind =
    <Input, Answer, Issued extends Command>(spec: CommandSpec<Input, Issued, State>, read: AnswerRead<Queries, Input, Answer> | undefined): Pending<Input, Answer> =>
    (name) => {
      if (!spec.id === !spec.creates) throw new Error(`Command ${name} must declare either id or creates`);
      if (!read) throw new Error(`Command ${name} must declare its answer: ${aggregate.entity} has no default one`);
      const declared = { name, decider, aggregate, spec, read };
      return { name, roles: spec.roles, execute: (ports, input, caller) => executeCommand(ports, declared, input, caller) };
    };
  const declared = declare({
    command: (spec) => bind(spec, aggregate.answer.read),
    answering: (spec) => bind(spec, spec.answer),
  });
  return Object.fromEntries(Object.entries(declared).map(([name, pending]) => [name, pending(name)])) as Handles<Declared>;
};
