import { Caller } from '../../shared/auth/caller';
import { OpenAccountInput, PostJournalEntryInput } from '../api/ledger.types';

export class OpenAccountCommand {
  constructor(readonly input: OpenAccountInput, readonly caller: Caller) {}
}
export class CloseAccountCommand {
  constructor(readonly code: string, readonly caller: Caller) {}
}
export class LockPeriodCommand {
  constructor(readonly through: string, readonly caller: Caller) {}
}
export class PostJournalEntryCommand {
  constructor(readonly input: PostJournalEntryInput, readonly caller: Caller) {}
}
export class ReverseJournalEntryCommand {
  constructor(readonly entryId: string, readonly reason: string, readonly date: string | undefined, readonly caller: Caller) {}
}
