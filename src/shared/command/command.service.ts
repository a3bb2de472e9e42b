import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../auth/caller';
import { CLOCK, Clock, systemClock } from '../clock';
import { CommandHandle, CommandPorts, ReadYourWrites } from './command-spec';
import { EventSourcedRunner } from './event-sourced-runner';
import { IdempotencyService } from './idempotency.service';

/** Whatever answers read-your-writes (the projections): bound by the shared module. */
export const READ_YOUR_WRITES = Symbol('READ_YOUR_WRITES');

/** The one command class on the bus: a declared command, its input, and who sends it. */
export class RunCommand<Row> extends Command<Row> {
  constructor(
    readonly name: string,
    readonly input: unknown,
    readonly caller: Caller,
    readonly execute: (ports: CommandPorts) => Promise<Row>,
  ) {
    super();
  }

  static of<Input, Row>(handle: CommandHandle<Input, Row>, input: Input, caller: Caller): RunCommand<Row> {
    return new RunCommand(handle.name, input, caller, (ports) => handle.execute(ports, input, caller));
  }
}

/** The one handler of every command: the executor, with the app's store, idempotency, projections and services. */
@CommandHandler(RunCommand)
export class CommandExecutor implements ICommandHandler<RunCommand<unknown>, unknown> {
  private readonly ports: CommandPorts;

  constructor(
    runner: EventSourcedRunner,
    idempotency: IdempotencyService,
    @Inject(READ_YOUR_WRITES) readModels: ReadYourWrites,
    moduleRef: ModuleRef,
    @Optional() @Inject(CLOCK) clock: Clock = systemClock,
  ) {
    this.ports = { runner, idempotency, readModels, clock, services: { get: (type) => moduleRef.get(type, { strict: false }) } };
  }

  execute(command: RunCommand<unknown>): Promise<unknown> {
    return command.execute(this.ports);
  }
}

/** What resolvers call: `this.commands.execute(orderCommands.cancelOrder, { orderId, reason }, caller)`. */
@Injectable()
export class CommandService {
  constructor(private readonly bus: CommandBus) {}

  execute<Input, Row>(handle: CommandHandle<Input, Row>, input: Input, caller: Caller): Promise<Row> {
    return this.bus.execute(RunCommand.of(handle, input, caller));
  }
}
