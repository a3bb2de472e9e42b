import { Caller } from '../../shared/auth/caller';
import { IssueCreditNoteInput, RecordPaymentInput } from '../api/invoice.types';

export class SendInvoiceCommand {
  constructor(readonly invoiceId: string, readonly caller: Caller) {}
}
export class RecordPaymentCommand {
  constructor(readonly input: RecordPaymentInput, readonly caller: Caller) {}
}
export class IssueCreditNoteCommand {
  constructor(readonly input: IssueCreditNoteInput, readonly caller: Caller) {}
}
export class VoidInvoiceCommand {
  constructor(readonly invoiceId: string, readonly reason: string, readonly caller: Caller) {}
}
