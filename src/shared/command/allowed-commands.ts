import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Caller } from '../auth/caller';
import { CLOCK, Clock, systemClock } from '../clock';
import { CommandHandle, CommandPorts, ProbedStates, ProbeRecord } from './command-spec';
import { EventSourcedRunner } from './event-sourced-runner';

type Handles = Readonly<Record<string, CommandHandle<never, unknown>>>;

const nothing = (): never => {
  throw new Error('A probe appends nothing and waits for nothing');
};

/**
 * The `allowedCommands` of a record: the names of the mutations the caller may run on it now, by
 * asking each declared command's probe (role, then the decider on the record's state). The UI
 * shows a command's button only when its name is here: the rules live in the deciders alone.
 */
@Injectable()
export class AllowedCommands {
  private readonly ports: CommandPorts;

  constructor(runner: EventSourcedRunner, moduleRef: ModuleRef, @Optional() @Inject(CLOCK) clock: Clock = systemClock) {
    this.ports = {
      runner,
      clock,
      idempotency: { run: nothing },
      readModels: { waitFor: nothing },
      services: { get: (type) => moduleRef.get(type, { strict: false }) },
    };
  }

  async of(record: ProbeRecord, caller: Caller, ...declarations: Handles[]): Promise<string[]> {
    const states: ProbedStates = new Map();
    const handles = declarations.flatMap((declared) => Object.values(declared)).filter((handle) => handle.allows);
    const allowed = await Promise.all(handles.map((handle) => handle.allows!(this.ports, record, caller, states)));
    return handles.filter((_handle, index) => allowed[index]).map((handle) => handle.name);
  }
}
