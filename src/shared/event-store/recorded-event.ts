import { DomainEvent } from '../domain/decider';
import { Typed } from '../domain/event-registry';
import { RecordedEvent } from './event-store.port';

/** A stored event decoded into one member of `E` (see src/shared/domain/event-registry.ts): what folds and projections receive. */
export type Recorded<E extends DomainEvent> = Typed<RecordedEvent, E>;
