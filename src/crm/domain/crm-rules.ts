import { CrmError, CrmErrorCode } from './crm.error';

/** The rules leads and clients share: a person's name and email, and who may own the record. */

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not ours to judge.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isValidEmail = (email: string): boolean => EMAIL.test(email) && email.length <= 254;

/** `what` names the record in the refusal: "A lead needs a name". */
export const validName = (name: string, what: string): string => CrmError.requiredText(name, CrmErrorCode.NameRequired, `A ${what} needs a name`);

/** Trimmed and lower-cased. */
export const validEmail = (email: string): string => {
  const normalised = email.trim().toLowerCase();
  if (!isValidEmail(normalised)) throw new CrmError(CrmErrorCode.InvalidEmail, `"${email}" is not a valid email address (expected name@domain.tld)`);
  return normalised;
};

/**
 * Whether assigning `command.ownerId` changes the owner: only a user of the tenant can own a
 * record (`ownerIsTenantUser` is looked up by the handler: the decider stays pure), and the same
 * owner again records nothing.
 */
export const changesOwner = (currentOwnerId: string | null, command: { ownerId: string; ownerIsTenantUser: boolean }): boolean => {
  if (!command.ownerIsTenantUser)
    throw new CrmError(CrmErrorCode.OwnerNotInTenant, `No user ${command.ownerId} in your organisation; choose one of its users as the owner`);
  return currentOwnerId !== command.ownerId;
};
