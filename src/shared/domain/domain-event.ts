/** A domain event as a decider emits and folds it: the stored type name and its payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}
