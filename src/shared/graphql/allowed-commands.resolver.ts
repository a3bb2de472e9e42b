import { Inject, Type } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '../auth/caller';
import { AllowedCommands } from '../command/allowed-commands';
import { CommandHandle, ProbeRecord } from '../command/command-spec';

type Declarations = Readonly<Record<string, CommandHandle<never, unknown>>>[];

/**
 * `allowedCommands: [String!]!` on a record type: the mutations the caller may run on that record
 * now, from the commands declared for it (`commandsFor`), asked of their deciders. One line in a
 * context's module providers: `AllowedCommandsResolver(Lead, leadCommands)`.
 */
export const AllowedCommandsResolver = (type: Type<unknown>, ...declarations: Declarations): Type<unknown> => {
  @Resolver(() => type)
  class AllowedCommandsField {
    @Inject(AllowedCommands) private readonly allowed: AllowedCommands;

    @ResolveField(() => [String], {
      description: 'The mutations you may run on this record now (its status and your role decide); the admin UI offers exactly these',
    })
    allowedCommands(@Parent() record: ProbeRecord, @Caller() caller: Caller): Promise<string[]> {
      return this.allowed.of(record, caller, ...declarations);
    }
  }
  Object.defineProperty(AllowedCommandsField, 'name', { value: `${type.name}AllowedCommandsResolver` });
  return AllowedCommandsField;
};
