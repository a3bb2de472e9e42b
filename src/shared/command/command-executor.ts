import { Type } from '@nestjs/common';
import { AuthError } from '../auth/auth.service';
import { Caller, Role } from '../auth/caller';
import { Decider, DomainEvent } from '../domain/decider';
import { DomainError, NotFoundError } from '../domain/domain-error';
import { isUuid } from '../domain/ids';
import { CommandContext, contextFromCaller, createdId } from './command-context';
import { AggregateCommands, AnswerRead, CommandEnv, CommandPorts, CommandSpec, ProbedStates, ProbeRecord } from './command-spec';

export interface DeclaredCommand<State, Command, Event extends DomainEvent, Queries, Input, Row, Issued extends Command = Command> {
  name: string;
  roles: readonly Role[];
  decider: Decider<State, Command, Event>;
  aggregate: AggregateCommands<Queries, unknown>;
  spec: CommandSpec<Input, Issued, State>;
  read: AnswerRead<Queries, Input, Row>;
}

class Env implements CommandEnv {
  readonly tenantId: string;
  readonly context: CommandContext;
  /** Business time, read once from the app's CLOCK: one moment for the command and its answer. */
  readonly now: Date;
  readonly today: string;

  constructor(
    readonly caller: Caller,
    private readonly ports: CommandPorts,
  ) {
    this.tenantId = caller.tenantId;
    this.context = contextFromCaller(caller);
    this.now = ports.clock.now();
    this.today = this.now.toISOString().slice(0, 10);
  }

  get runner() {
    return this.ports.runner;
  }

  get<T>(type: Type<T>): T {
    return this.ports.services.get(type);
  }

  createdId(kind: string): string {
    return createdId(this.caller, kind);
  }
}

const authorize = (name: string, roles: readonly Role[], caller: Caller) => {
  if (!roles.includes(caller.role))
    throw new AuthError('FORBIDDEN', `Your role (${caller.role}) may not run ${name}; it is open to: ${roles.join(', ')}. Ask an admin if you need it.`);
};

/**
 * Every command, in this order: authorization, validation (the record's id), idempotency (a
 * repeated Idempotency-Key answers what the first request did), then the declared command,
 * load / fold / decide / append with the expected revision and bounded re-decide, and the
 * metadata (EventSourcedRunner), read-your-writes, and the answer read from the read model.
 */
export const executeCommand = async <State, Command, Event extends DomainEvent, Queries, Input, Row, Issued extends Command>(
  ports: CommandPorts,
  { name, roles, decider, aggregate, spec, read }: DeclaredCommand<State, Command, Event, Queries, Input, Row, Issued>,
  input: Input,
  caller: Caller,
): Promise<Row> => {
  authorize(name, roles, caller);
  const env = new Env(caller, ports);
  const id = typeof spec.id === 'function' ? spec.id(input, env) : spec.id ? (input[spec.id] as string) : env.createdId(spec.creates!);
  // A malformed id names no record; saying so beats a database cast error.
  if (!isUuid(id)) throw new NotFoundError(aggregate.entity, id);

  return ports.idempotency.run(caller.tenantId, env.context.idempotencyKey, name, input, async () => {
    const decideAndAppend = async () => {
      const command = await spec.command(input, id, env);
      if (spec.before) await spec.before(command, env);
      return ports.runner.run(decider, aggregate.stream(id), command, env.context);
    };
    const result = spec.within ? await spec.within(env, decideAndAppend) : await decideAndAppend();
    const also = spec.after ? await spec.after(result, input, id, env) : null;
    const writer = { tenantId: caller.tenantId };
    await ports.readModels.waitFor(spec.readModels ?? aggregate.answer.readModels, result.position, writer);
    if (also) await ports.readModels.waitFor(also.readModels, also.position, writer);
    const row = await read(ports.services.get(aggregate.answer.queries), caller.tenantId, id, input, env);
    if (row === null || row === undefined) throw new NotFoundError(aggregate.entity, id);
    return row;
  });
};

/**
 * Whether `executeCommand` would accept the declared command on the record now, asked of the same
 * parts: the role, the command built from the declaration's probe input, and the pure `decide`
 * on the record's folded state. Nothing is appended; a refusal by a rule answers false.
 */
export const probeCommand = async <State, Command, Event extends DomainEvent, Queries, Input, Row, Issued extends Command>(
  ports: CommandPorts,
  { roles, decider, aggregate, spec }: DeclaredCommand<State, Command, Event, Queries, Input, Row, Issued>,
  record: ProbeRecord,
  caller: Caller,
  states: ProbedStates,
): Promise<boolean> => {
  if (!spec.probe || !roles.includes(caller.role)) return false;
  const env = new Env(caller, ports);
  try {
    const input = spec.probe(record, caller);
    const id = typeof spec.id === 'function' ? spec.id(input, env) : spec.id ? (input[spec.id] as string) : null;
    if (!id || !isUuid(id)) return false;
    const stream = aggregate.stream(id);
    let loaded = states.get(stream);
    if (!loaded) {
      loaded = ports.runner.stateInTenant(decider, stream, caller.tenantId);
      states.set(stream, loaded);
    }
    const command = await spec.command(input, id, env);
    decider.decide(command, (await loaded).state as State);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
};
