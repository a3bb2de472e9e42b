import { Recorded } from '../../src/shared/event-store/recorded-event';
import { Projection, rowProjection } from '../../src/shared/projection/projection';
import { ApiKeyEvent, TenantEvent, UserEvent } from '../../src/identity/domain/identity.events';
import { apiKeyEvents, tenantEvents, userEvents } from '../../src/identity/domain/identity.registry';

/** One row per user of a tenant (table `users`, read by sign-in and the UserDirectory). Passwords are not here. */
export interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  name: string;
  role: string;
  status: string;
  active: boolean;
  invited_by: string | null;
  joined_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyUserEvent = (row: UserRow | null, event: Recorded<UserEvent>): UserRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  switch (event.type) {
    case 'UserInvited':
    case 'UserRegistered': {
      const { userId, email, name, role } = event.data;
      const invited = event.type === 'UserInvited';
      return {
        id: userId,
        tenant_id: event.metadata.tenantId,
        email,
        name,
        role,
        status: invited ? 'INVITED' : 'ACTIVE',
        active: !invited,
        invited_by: invited ? event.data.invitedBy : null,
        joined_at: invited ? null : event.recordedAt,
        created_at: event.recordedAt,
        ...touched,
      };
    }
  }
  if (!row) return null;
  switch (event.type) {
    case 'InvitationAccepted':
      return { ...row, status: 'ACTIVE', active: true, joined_at: event.recordedAt, ...touched };
    case 'UserRoleChanged':
      return { ...row, role: event.data.role, ...touched };
    case 'UserDeactivated':
      return { ...row, status: 'DEACTIVATED', active: false, ...touched };
    case 'UserReactivated': {
      const status = row.joined_at ? 'ACTIVE' : 'INVITED';
      return { ...row, status, active: status === 'ACTIVE', ...touched };
    }
    default:
      // Password changes, reset requests and failed sign-ins change nothing a list shows.
      return row;
  }
};

export const usersProjection = rowProjection({
  name: 'identity.users',
  table: 'users',
  handles: userEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    email: 'text',
    name: 'text',
    role: 'text',
    status: 'text',
    active: 'boolean',
    invited_by: 'text',
    joined_at: 'timestamptz',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: userEvents,
  key: (event) => (event.type === 'LoginFailed' || event.type === 'PasswordResetRequested' ? null : event.data.userId),
  creates: ['UserInvited', 'UserRegistered'],
  apply: applyUserEvent,
});

export interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: string;
  prefix: string;
  created_by: string;
  expires_at: string | Date | null;
  revoked_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  revision: string;
}

export const applyApiKeyEvent = (row: ApiKeyRow | null, event: Recorded<ApiKeyEvent>): ApiKeyRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'ApiKeyCreated') {
    const { apiKeyId, name, role, prefix, expiresAt, createdBy } = event.data;
    return {
      id: apiKeyId,
      tenant_id: event.metadata.tenantId,
      name,
      role,
      prefix,
      created_by: createdBy,
      expires_at: expiresAt,
      revoked_at: null,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  return row ? { ...row, revoked_at: event.recordedAt, ...touched } : null;
};

export const apiKeysProjection = rowProjection({
  name: 'identity.api_keys',
  table: 'api_keys',
  handles: apiKeyEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    name: 'text',
    role: 'text',
    prefix: 'text',
    created_by: 'text',
    expires_at: 'timestamptz',
    revoked_at: 'timestamptz',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: apiKeyEvents,
  key: (event) => event.data.apiKeyId,
  creates: ['ApiKeyCreated'],
  apply: applyApiKeyEvent,
});

/**
 * The `tenants` table other contexts read (name, currency, payment terms): keyed by the tenant's
 * text id, so written here rather than by rowProjection (uuid keys). Each event carries the whole
 * settings, so a batch writes the last event of each tenant.
 */
export const tenantsProjection: Projection = {
  name: 'identity.tenants',
  handles: tenantEvents.types,
  tables: ['tenants'],
  async applyBatch(tx, events) {
    const last = new Map<string, Recorded<TenantEvent>>();
    for (const stored of events) {
      if (!tenantEvents.types.includes(stored.type as TenantEvent['type'])) continue;
      const event = tenantEvents.decode(stored) as Recorded<TenantEvent>;
      last.set(event.data.tenantId, event);
    }
    if (last.size === 0) return;
    const rows = [...last.values()];
    await tx.query(
      `INSERT INTO tenants (id, name, currency, payment_terms_days, time_zone, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[])
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
         payment_terms_days = EXCLUDED.payment_terms_days, time_zone = EXCLUDED.time_zone, updated_at = EXCLUDED.updated_at`,
      [
        rows.map((e) => e.data.tenantId),
        rows.map((e) => e.data.name),
        rows.map((e) => e.data.currency),
        rows.map((e) => e.data.paymentTermsDays),
        rows.map((e) => e.data.timeZone),
        rows.map((e) => e.recordedAt.toISOString()),
      ],
    );
  },
};
