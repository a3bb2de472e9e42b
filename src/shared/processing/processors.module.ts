import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import type { Projection } from '../projection/projection';
import type { EventDecoder, ReactorDefinition } from './processor';

/** A provider that is a reactor (a process manager, the Kafka relay); null: not run here (no broker configured). */
export interface ReactorProvider {
  reactor(): ReactorDefinition | null;
}

export interface ProcessorRegistrations {
  projectors: readonly Projection[];
  /** Providers of the app's modules, resolved once the app is built. */
  reactors: readonly Type<ReactorProvider>[];
  /** Turns a stored event into its typed, current version (upcasting); throws for a type the app does not know. */
  decode: EventDecoder;
}

export const PROCESSORS = Symbol('PROCESSORS');

/**
 * Where the composition root names every processor the app runs, of both kinds:
 * `ProcessorsModule.forRoot({ projectors, reactors })`. shared/ knows none of them.
 */
@Global()
@Module({})
export class ProcessorsModule {
  static forRoot(registrations: ProcessorRegistrations): DynamicModule {
    return {
      module: ProcessorsModule,
      providers: [{ provide: PROCESSORS, useValue: registrations }],
      exports: [PROCESSORS],
    };
  }
}
