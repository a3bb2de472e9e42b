import { Type } from '@nestjs/common';
import { Decider, DomainEvent } from '../domain/decider';
import { executeCommand, probeCommand } from './command-executor';
import { AggregateCommands, AnswerRead, AnsweringSpec, CommandHandle, CommandSpec } from './command-spec';

type Pending<Input, Row> = (name: string) => CommandHandle<Input, Row>;
type Handles<Declared> = { readonly [Name in keyof Declared]: Declared[Name] extends Pending<infer Input, infer Row> ? CommandHandle<Input, Row> : never };

export interface DeclareCommands<Command, State, Queries, Row> {
  /** A command answered by the aggregate's row. */
  command<Input, Issued extends Command = Command>(spec: CommandSpec<Input, Issued, State>): Pending<Input, Row>;
  /** A command answered by something else (the client a lead became, the reversal entry). */
  answering<Input, Answer, Issued extends Command = Command>(spec: AnsweringSpec<Input, Issued, State, Queries, Answer>): Pending<Input, Answer>;
}

type RowReader<Row> = (tenantId: string, id: string) => Promise<Row | null>;
type RowReaders<Queries> = { [Method in keyof Queries]: Queries[Method] extends RowReader<unknown> ? Method : never }[keyof Queries];
type RowOf<Reader> = Reader extends RowReader<infer Row> ? Row : never;

/**
 * The usual answer of an aggregate's commands: its record's row, as `queries[method](tenantId, id)`
 * reads it once the read models have applied the command's events.
 */
export const answerWithRow = <Queries, Method extends RowReaders<Queries>>(
  queries: Type<Queries>,
  method: Method,
  ...readModels: string[]
): AggregateCommands<Queries, RowOf<Queries[Method]>>['answer'] => ({
  queries,
  readModels,
  read: (q, tenantId, id) => (q[method] as RowReader<RowOf<Queries[Method]>>).call(q, tenantId, id),
});

/**
 * An aggregate's commands, each declared once (Eventuous's CommandService, Emmett's
 * DeciderCommandHandler): who may run it, which record it acts on, the domain command it becomes,
 * and the few hooks the real commands need. Keys are the operation names.
 */
export const commandsFor = <State, Command, Event extends DomainEvent, Queries, Row, Declared extends Record<string, Pending<never, unknown>>>(
  decider: Decider<State, Command, Event>,
  aggregate: AggregateCommands<Queries, Row>,
  declare: (commands: DeclareCommands<Command, State, Queries, Row>) => Declared,
): Handles<Declared> => {
  const bind =
    <Input, Answer, Issued extends Command>(
      spec: CommandSpec<Input, Issued, State>,
      read: AnswerRead<Queries, Input, Answer> | undefined,
    ): Pending<Input, Answer> =>
    (name) => {
      if (!spec.id === !spec.creates) throw new Error(`Command ${name} must declare either id or creates`);
      if (!read) throw new Error(`Command ${name} must declare its answer: ${aggregate.entity} has no default one`);
      const declared = { name, roles: spec.roles ?? aggregate.roles, decider, aggregate, spec, read };
      return {
        name,
        roles: declared.roles,
        execute: (ports, input, caller) => executeCommand(ports, declared, input, caller),
        ...(spec.probe ? { allows: (ports, record, caller, states) => probeCommand(ports, declared, record, caller, states) } : {}),
      } satisfies CommandHandle<Input, Answer>;
    };
  const declared = declare({
    command: (spec) => bind(spec, aggregate.answer.read),
    answering: (spec) => bind(spec, spec.answer),
  });
  return Object.fromEntries(Object.entries(declared).map(([name, pending]) => [name, pending(name)])) as Handles<Declared>;
};
