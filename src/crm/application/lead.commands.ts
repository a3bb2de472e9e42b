import { Caller } from '../../shared/auth/caller';
import { CaptureLeadInput } from '../api/crm.types';

export class CaptureLeadCommand {
  constructor(readonly input: CaptureLeadInput, readonly caller: Caller) {}
}
export class QualifyLeadCommand {
  constructor(readonly leadId: string, readonly caller: Caller) {}
}
export class DisqualifyLeadCommand {
  constructor(readonly leadId: string, readonly reason: string, readonly caller: Caller) {}
}
export class ConvertLeadCommand {
  constructor(readonly leadId: string, readonly caller: Caller) {}
}
