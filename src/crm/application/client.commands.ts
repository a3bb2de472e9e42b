import { Caller } from '../../shared/auth/caller';
import { AddContactInput, AddressKind, LogActivityInput, RegisterClientInput, SetClientAddressInput, UpdateClientDetailsInput } from '../api/crm.types';

export class RegisterClientCommand {
  constructor(readonly input: RegisterClientInput, readonly caller: Caller) {}
}
export class UpdateClientDetailsCommand {
  constructor(readonly clientId: string, readonly input: UpdateClientDetailsInput, readonly caller: Caller) {}
}
export class ArchiveClientCommand {
  constructor(readonly clientId: string, readonly reason: string | null, readonly caller: Caller) {}
}
export class RestoreClientCommand {
  constructor(readonly clientId: string, readonly caller: Caller) {}
}
export class AddContactCommand {
  constructor(readonly clientId: string, readonly input: AddContactInput, readonly caller: Caller) {}
}
export class RemoveContactCommand {
  constructor(readonly clientId: string, readonly contactId: string, readonly caller: Caller) {}
}
export class SetClientAddressCommand {
  constructor(readonly clientId: string, readonly kind: AddressKind, readonly input: SetClientAddressInput, readonly caller: Caller) {}
}
export class AssignClientOwnerCommand {
  constructor(readonly clientId: string, readonly ownerId: string, readonly caller: Caller) {}
}
export class AssignLeadOwnerCommand {
  constructor(readonly leadId: string, readonly ownerId: string, readonly caller: Caller) {}
}
export class LogActivityCommand {
  constructor(readonly input: LogActivityInput, readonly caller: Caller) {}
}
export class CompleteTaskCommand {
  constructor(readonly activityId: string, readonly caller: Caller) {}
}
