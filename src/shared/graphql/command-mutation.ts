import { applyDecorators } from '@nestjs/common';
import { Mutation, MutationOptions, ReturnTypeFunc } from '@nestjs/graphql';
import { Allow } from '../auth/caller';
import { CommandHandle } from '../command/command-spec';

/** A mutation that runs a declared command: open to the roles the command declares. */
export const CommandMutation = (command: CommandHandle<never, unknown>, returns: ReturnTypeFunc, options?: MutationOptions): MethodDecorator =>
  applyDecorators(Allow(...command.roles), Mutation(returns, options));
