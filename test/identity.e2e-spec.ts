import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { DEVELOPMENT_JWT_SECRET, loadConfig } from '../src/config';
import { Credentials } from '../src/identity/application/credentials';
import { TenantProvisioning } from '../src/identity/application/tenant-provisioning';
import { UserDirectory } from '../src/identity/public/user-directory';
import { EVENT_STORE, EventStore } from '../src/shared/event-store/event-store.port';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/app';

const USER = 'id email name role status active invitedBy joinedAt';
const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { invitationUrl user { ${USER} } } }`;
const ACCEPT = `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token } }`;
const CHANGE_ROLE = `mutation ($userId: ID!, $role: String!) { changeUserRole(userId: $userId, role: $role) { ${USER} } }`;
const DEACTIVATE = `mutation ($userId: ID!) { deactivateUser(userId: $userId) { ${USER} } }`;
const REACTIVATE = `mutation ($userId: ID!) { reactivateUser(userId: $userId) { ${USER} } }`;
const USERS = `query ($filter: UserFilter, $page: Int, $perPage: Int) { users(filter: $filter, page: $page, perPage: $perPage) { total items { ${USER} } } }`;
const CHANGE_PASSWORD = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;
const REQUEST_RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) { token } }`;
const KEY = 'id name role prefix status createdAt expiresAt lastUsedAt revokedAt';
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ${KEY} } } }`;
const REVOKE_KEY = `mutation ($id: ID!) { revokeApiKey(id: $id) { ${KEY} } }`;
const KEYS = `query { apiKeys(page: 1, perPage: 50) { total items { ${KEY} } } }`;
const TENANT = `query { tenant { id name currency paymentTermsDays timeZone } }`;
const UPDATE_TENANT = `mutation ($input: UpdateTenantSettingsInput!) { updateTenantSettings(input: $input) { id name currency paymentTermsDays timeZone } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`;
const ME = `{ me { userId email role kind tenantId } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const HISTORY = `query ($entity: String!, $id: ID!) { history(entity: $entity, id: $id) { type data metadata } }`;

const STRONG = 'violet tractor ponders jazz';
const HOUR = 3_600_000;

describe('identity: users, invitations, API keys, tenant settings, sign-in (real app)', () => {
  let t: TestApp;
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  const tokens = new Map<string, string>();
  const unique = () => Math.random().toString(36).slice(2, 10);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ clock });
  }, 60_000);
  afterAll(() => t?.close());

  const as = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await t.login(email));
    return bearer(tokens.get(email)!);
  };
  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const code = async (query: string, variables: Record<string, unknown>, headers?: Record<string, string>) =>
    (await t.graphql(query, variables, headers)).errors?.[0]?.extensions?.code;
  const tokenOf = (url: string) => url.split('/').pop()!;
  const invite = async (role = 'sales', admin = 'admin@acme.test') => {
    const email = `${role}.${unique()}@${admin.split('@')[1]}`;
    const { inviteUser } = await ok(INVITE, { input: { email, name: `New ${role}`, role } }, await as(admin));
    return { ...inviteUser, email };
  };
  const join = async (role = 'sales', admin = 'admin@acme.test') => {
    const invited = await invite(role, admin);
    const { acceptInvitation } = await ok(ACCEPT, { token: tokenOf(invited.invitationUrl), password: STRONG }, {});
    return { ...invited, headers: bearer(acceptInvitation.token) };
  };

  describe('who may do what', () => {
    it('lets only admins invite, change roles, deactivate and reactivate; others get FORBIDDEN', async () => {
      const target = await join('sales');
      for (const role of ['sales', 'accountant', 'auditor']) {
        const headers = await as(`${role}@acme.test`);
        expect(await code(INVITE, { input: { email: `x.${unique()}@acme.test`, name: 'X', role: 'sales' } }, headers)).toBe('FORBIDDEN');
        expect(await code(CHANGE_ROLE, { userId: target.user.id, role: 'admin' }, headers)).toBe('FORBIDDEN');
        expect(await code(DEACTIVATE, { userId: target.user.id }, headers)).toBe('FORBIDDEN');
        expect(await code(REACTIVATE, { userId: target.user.id }, headers)).toBe('FORBIDDEN');
        expect(await code(CREATE_KEY, { input: { name: 'k', role: 'sales' } }, headers)).toBe('FORBIDDEN');
        expect(await code(UPDATE_TENANT, { input: { paymentTermsDays: 10 } }, headers)).toBe('FORBIDDEN');
      }
      const admin = await as('admin@acme.test');
      expect((await ok(CHANGE_ROLE, { userId: target.user.id, role: 'accountant' }, admin)).changeUserRole.role).toBe('accountant');
      expect((await ok(DEACTIVATE, { userId: target.user.id }, admin)).deactivateUser.status).toBe('DEACTIVATED');
      expect((await ok(REACTIVATE, { userId: target.user.id }, admin)).reactivateUser.status).toBe('ACTIVE');
    });

    it('shows users and API keys to admins and auditors, not to sales or accountants; everyone reads the tenant', async () => {
      for (const email of ['admin@acme.test', 'auditor@acme.test']) {
        const { users } = await ok(USERS, { filter: { q: 'acme.test' } }, await as(email));
        expect(users.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(['admin@acme.test', 'sales@acme.test']));
        expect(users.items.every((u: { email: string }) => !u.email.endsWith('globex.test'))).toBe(true);
        expect((await ok(KEYS, {}, await as(email))).apiKeys.total).toEqual(expect.any(Number));
      }
      for (const email of ['sales@acme.test', 'accountant@acme.test']) {
        expect(await code(USERS, {}, await as(email))).toBe('FORBIDDEN');
        expect(await code(KEYS, {}, await as(email))).toBe('FORBIDDEN');
        expect((await ok(TENANT, {}, await as(email))).tenant).toMatchObject({ id: 'acme', currency: 'USD' });
      }
    });

    it('lets any signed-in person change their own password, auditors included, but not an API key', async () => {
      const auditor = await join('auditor');
      expect((await ok(CHANGE_PASSWORD, { current: STRONG, next: 'quiet lantern orbit 42' }, auditor.headers)).changePassword).toBe(true);
      expect((await ok(LOGIN, { email: auditor.email, password: 'quiet lantern orbit 42' }, {})).login.token).toEqual(expect.any(String));
      expect(await code(LOGIN, { email: auditor.email, password: STRONG })).toBe('UNAUTHENTICATED');
      const { createApiKey } = await ok(CREATE_KEY, { input: { name: 'script', role: 'admin' } }, await as('admin@acme.test'));
      expect(await code(CHANGE_PASSWORD, { current: 'x', next: 'quiet lantern orbit 43' }, bearer(createApiKey.secret))).toBe('NOT_A_USER');
    });

    it('keeps rebuild, replay and retry for the operator: a tenant admin gets FORBIDDEN, the operator is allowed', async () => {
      const admin = await as('admin@acme.test');
      const rebuild = `mutation { rebuildProjection(name: "crm.leads") { name } }`;
      expect(await code(rebuild, {}, admin)).toBe('FORBIDDEN');
      expect(await code(`mutation { retryProcessor(name: "crm.leads") { name } }`, {}, admin)).toBe('FORBIDDEN');
      expect(await code(`mutation { replayProcessor(name: "ledger.billing-postings", from: "0") { name } }`, {}, admin)).toBe('FORBIDDEN');
      expect((await ok(rebuild, {}, t.operator)).rebuildProjection.name).toBe('crm.leads');
      expect((await ok(`mutation { retryProcessor(name: "crm.leads") { name } }`, {}, t.operator)).retryProcessor.name).toBe('crm.leads');
      expect((await ok(`{ projections { name parked { tenantId } } }`, {}, t.operator)).projections.length).toBeGreaterThan(0);
      // The operator is no tenant's user: tenant operations refuse it.
      expect(await code(`{ leads { total } }`, {}, t.operator)).toBe('FORBIDDEN');
      expect(await code(`{ leads { total } }`, {}, { authorization: 'Bearer not-the-operator-token' })).toBe('UNAUTHENTICATED');
    });
  });

  describe('invitations', () => {
    it('invites a user who sets a password, is signed in, and signs in again; the invitation works once', async () => {
      const invited = await invite('sales');
      expect(invited.user).toMatchObject({ email: invited.email, role: 'sales', status: 'INVITED', active: false });
      expect(invited.invitationUrl).toMatch(/^http:\/\/localhost:\d+\/admin\/#\/accept-invitation\/[A-Za-z0-9_-]{43}$/);
      expect(await code(LOGIN, { email: invited.email, password: STRONG })).toBe('UNAUTHENTICATED');
      const token = tokenOf(invited.invitationUrl);
      // A weak password is refused and leaves the invitation usable.
      for (const weak of ['short', 'password1234', 'aaaaaaaaaaaaaaaa']) {
        const refused = await t.graphql(ACCEPT, { token, password: weak });
        expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: { password: [expect.any(String)] } } });
      }
      const { acceptInvitation } = await ok(ACCEPT, { token, password: STRONG }, {});
      expect((await ok(ME, {}, bearer(acceptInvitation.token))).me).toMatchObject({ email: invited.email, role: 'sales', kind: 'user', tenantId: 'acme' });
      expect((await ok(LOGIN, { email: invited.email, password: STRONG }, {})).login.token).toEqual(expect.any(String));
      expect(await code(ACCEPT, { token, password: 'another strong passphrase' })).toBe('INVITATION_ALREADY_USED');
      const { users } = await ok(USERS, { filter: { q: invited.email } }, await as('admin@acme.test'));
      expect(users.items[0]).toMatchObject({ status: 'ACTIVE', active: true, joinedAt: expect.any(String) });
    });

    it('refuses an expired invitation, an unknown token and an email that already has an account', async () => {
      const invited = await invite('accountant');
      now += 8 * 24 * HOUR;
      try {
        expect(await code(ACCEPT, { token: tokenOf(invited.invitationUrl), password: STRONG })).toBe('INVITATION_EXPIRED');
      } finally {
        now -= 8 * 24 * HOUR;
      }
      expect(await code(ACCEPT, { token: 'x'.repeat(43), password: STRONG })).toBe('INVITATION_INVALID');
      expect(await code(INVITE, { input: { email: 'admin@globex.test', name: 'Someone', role: 'sales' } }, await as('admin@acme.test'))).toBe(
        'EMAIL_ALREADY_USED',
      );
      expect(await code(INVITE, { input: { email: 'not an email', name: 'Someone', role: 'sales' } }, await as('admin@acme.test'))).toBe('INVALID_EMAIL');
      expect(await code(INVITE, { input: { email: `r.${unique()}@acme.test`, name: 'Someone', role: 'root' } }, await as('admin@acme.test'))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('access follows the current identity state', () => {
    it('refuses a deactivated user’s token at once, and accepts it again after reactivation', async () => {
      const user = await join('sales');
      expect((await ok(ME, {}, user.headers)).me.email).toBe(user.email);
      await ok(DEACTIVATE, { userId: user.user.id }, await as('admin@acme.test'));
      expect(await code(ME, {}, user.headers)).toBe('UNAUTHENTICATED');
      const login = await t.graphql(LOGIN, { email: user.email, password: STRONG });
      expect(login.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('deactivated') });
      await ok(REACTIVATE, { userId: user.user.id }, await as('admin@acme.test'));
      expect((await ok(ME, {}, user.headers)).me.email).toBe(user.email);
    });

    it('applies a role change to the next request, without signing in again', async () => {
      const user = await join('sales');
      const lead = { input: { name: 'Role Change', email: `rc.${unique()}@example.com` } };
      expect((await ok(CAPTURE, lead, user.headers)).captureLead.id).toEqual(expect.any(String));
      await ok(CHANGE_ROLE, { userId: user.user.id, role: 'auditor' }, await as('admin@acme.test'));
      expect((await ok(ME, {}, user.headers)).me.role).toBe('auditor');
      expect(await code(CAPTURE, lead, user.headers)).toBe('FORBIDDEN');
    });

    it('never removes the last admin of a tenant', async () => {
      const admin = await as('admin@globex.test');
      const { me } = await ok(ME, {}, admin);
      expect(await code(CHANGE_ROLE, { userId: me.userId, role: 'sales' }, admin)).toBe('LAST_ADMIN');
      expect(await code(DEACTIVATE, { userId: me.userId }, admin)).toBe('LAST_ADMIN');
      const second = await join('admin', 'admin@globex.test');
      // Two admins demoting each other at once: one of them stays admin.
      const [a, b] = await Promise.all([
        t.graphql(CHANGE_ROLE, { userId: second.user.id, role: 'sales' }, admin),
        t.graphql(CHANGE_ROLE, { userId: me.userId, role: 'sales' }, second.headers),
      ]);
      expect([a, b].filter((r) => r.errors?.[0]?.extensions.code === 'LAST_ADMIN')).toHaveLength(1);
      const stillAdmin = a.errors ? second.headers : admin;
      const { users } = await ok(USERS, { filter: { role: 'admin', status: 'ACTIVE' } }, stillAdmin);
      expect(users.total).toBe(1);
      // Restore globex's first admin for the other tests.
      if (a.errors) await ok(CHANGE_ROLE, { userId: me.userId, role: 'admin' }, second.headers);
    });

    it('refuses a token without exp, and one signed with another secret', async () => {
      const { me } = await ok(ME, {}, await as('admin@acme.test'));
      const noExp = jwt.sign({ tid: 'acme', email: me.email, role: 'admin' }, TEST_JWT_SECRET, { subject: me.userId, issuer: 'annals', algorithm: 'HS256' });
      expect(await code(ME, {}, bearer(noExp))).toBe('UNAUTHENTICATED');
      const forged = jwt.sign({ tid: 'acme', email: me.email, role: 'admin' }, DEVELOPMENT_JWT_SECRET, {
        subject: me.userId,
        issuer: 'annals',
        expiresIn: 600,
      });
      expect(await code(ME, {}, bearer(forged))).toBe('UNAUTHENTICATED');
    });
  });

  describe('secrets', () => {
    it('requires a JWT_SECRET of 32 bytes or more off the embedded default and in production; listens on 127.0.0.1 on the embedded default', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set when NODE_ENV=production/);
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/at least 32 bytes and not the development secret/);
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db/annals' })).toThrow(/JWT_SECRET must be set/);
      expect(() => loadConfig({ EVENTSTORE_URL: 'esdb://localhost:2113' })).toThrow(/JWT_SECRET must be set/);
      expect(() => loadConfig({ DATABASE_URL: 'postgres://db/annals', JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
      expect(() => loadConfig({ OPERATOR_TOKEN: 'short' })).toThrow(/OPERATOR_TOKEN must be at least 32 bytes/);
      const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'postgres://db/annals' });
      expect(production).toMatchObject({ jwtSecret: TEST_JWT_SECRET, host: '0.0.0.0' });
      expect(loadConfig({})).toMatchObject({ jwtSecret: DEVELOPMENT_JWT_SECRET, host: '127.0.0.1', publicUrl: 'http://localhost:3000' });
      expect(loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'https://annals.example/' })).toMatchObject({ host: '0.0.0.0', publicUrl: 'https://annals.example' });
    });

    it('refuses a token signed with the development secret by an app in production mode', async () => {
      const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-that-is-long-enough-0123', DATABASE_URL: t.databaseUrl });
      const production = await startTestApp({ jwtSecret: config.jwtSecret, seedDemo: false });
      try {
        const { me } = await ok(ME, {}, await as('admin@acme.test'));
        const dev = jwt.sign({ tid: 'acme', email: me.email, role: 'admin' }, DEVELOPMENT_JWT_SECRET, { subject: me.userId, issuer: 'annals', expiresIn: 600 });
        expect((await production.graphql(ME, {}, bearer(dev))).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      } finally {
        await production.close();
      }
    }, 60_000);
  });

  describe('API keys', () => {
    it('creates a key whose secret is shown once, acts with its role and as itself, then stops working when revoked', async () => {
      const admin = await as('admin@acme.test');
      const { createApiKey } = await ok(CREATE_KEY, { input: { name: 'Partner portal', role: 'sales' } }, admin);
      const { secret, apiKey } = createApiKey;
      expect(apiKey).toMatchObject({ name: 'Partner portal', role: 'sales', status: 'ACTIVE', lastUsedAt: null, expiresAt: null });
      expect(secret.startsWith(apiKey.prefix)).toBe(true);
      const listed = (await ok(KEYS, {}, admin)).apiKeys.items.find((k: { id: string }) => k.id === apiKey.id);
      expect(JSON.stringify(listed)).not.toContain(secret.slice(apiKey.prefix.length));

      const key = bearer(secret);
      expect((await ok(ME, {}, key)).me).toMatchObject({ userId: apiKey.id, role: 'sales', kind: 'api_key', tenantId: 'acme' });
      const lead = (await ok(CAPTURE, { input: { name: 'By Key', email: `key.${unique()}@example.com` } }, key)).captureLead;
      const [captured] = (await ok(HISTORY, { entity: 'lead', id: lead.id }, admin)).history;
      expect(captured.metadata).toMatchObject({ actorId: apiKey.id, actorKind: 'api_key', tenantId: 'acme' });
      expect(await t.app.get(UserDirectory).actor('acme', apiKey.id, 'api_key')).toMatchObject({ kind: 'api_key', name: 'Partner portal' });
      expect(await code(INVITE, { input: { email: `k.${unique()}@acme.test`, name: 'K', role: 'sales' } }, key)).toBe('FORBIDDEN');
      for (let i = 0; i < 100; i++) {
        const used = (await ok(KEYS, {}, admin)).apiKeys.items.find((k: { id: string }) => k.id === apiKey.id);
        if (used.lastUsedAt) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await ok(KEYS, {}, admin)).apiKeys.items.find((k: { id: string }) => k.id === apiKey.id).lastUsedAt).toEqual(expect.any(String));

      expect((await ok(REVOKE_KEY, { id: apiKey.id }, admin)).revokeApiKey).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
      expect(await code(ME, {}, key)).toBe('UNAUTHENTICATED');
      expect(await code(REVOKE_KEY, { id: apiKey.id }, admin)).toBe('API_KEY_REVOKED');
      expect(await code(ME, {}, bearer(`${secret.slice(0, -1)}x`))).toBe('UNAUTHENTICATED');
    });

    it('stops a key at its expiry and refuses an expiry in the past', async () => {
      const admin = await as('admin@acme.test');
      const expiresAt = new Date(now + HOUR).toISOString();
      const { createApiKey } = await ok(CREATE_KEY, { input: { name: 'Nightly export', role: 'auditor', expiresAt } }, admin);
      expect((await ok(ME, {}, bearer(createApiKey.secret))).me.role).toBe('auditor');
      now += 2 * HOUR;
      try {
        await new Promise((resolve) => setTimeout(resolve, 2_100)); // past the two-second cache of a key's state
        expect(await code(ME, {}, bearer(createApiKey.secret))).toBe('UNAUTHENTICATED');
      } finally {
        now -= 2 * HOUR;
      }
      expect(await code(CREATE_KEY, { input: { name: 'Old', role: 'sales', expiresAt: new Date(now - HOUR).toISOString() } }, admin)).toBe(
        'API_KEY_EXPIRY_IN_PAST',
      );
    });
  });

  describe('passwords', () => {
    it('changes a password only with the current one, and never to a weak one', async () => {
      const user = await join('accountant');
      expect(await code(CHANGE_PASSWORD, { current: 'wrong password entirely', next: 'another fine passphrase' }, user.headers)).toBe('WRONG_PASSWORD');
      expect(await code(CHANGE_PASSWORD, { current: STRONG, next: 'password1234' }, user.headers)).toBe('BAD_USER_INPUT');
      expect(await code(CHANGE_PASSWORD, { current: STRONG, next: 'short' }, user.headers)).toBe('BAD_USER_INPUT');
      expect((await ok(LOGIN, { email: user.email, password: STRONG }, {})).login.token).toEqual(expect.any(String));
    });

    it('answers a reset request the same whether or not the email exists; a reset link works once', async () => {
      const user = await join('sales');
      expect((await ok(REQUEST_RESET, { email: user.email }, {})).requestPasswordReset).toBe(true);
      expect((await ok(REQUEST_RESET, { email: `nobody.${unique()}@acme.test` }, {})).requestPasswordReset).toBe(true);
      const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`user-${user.user.id}`);
      expect(events.map((e) => e.type)).toContain('PasswordResetRequested');
      // The link the email carries: made here, as the email would have it.
      const token = await t.app.get(Credentials).issueToken('acme', user.user.id, 'reset', new Date(now + HOUR));
      expect(await code(RESET, { token, password: 'weak' })).toBe('BAD_USER_INPUT');
      const { resetPassword } = await ok(RESET, { token, password: 'fresh granite meadow 7' }, {});
      expect((await ok(ME, {}, bearer(resetPassword.token))).me.email).toBe(user.email);
      expect((await ok(LOGIN, { email: user.email, password: 'fresh granite meadow 7' }, {})).login.token).toEqual(expect.any(String));
      expect(await code(RESET, { token, password: 'another fresh meadow 8' })).toBe('RESET_TOKEN_INVALID');
    });
  });

  describe('tenant settings', () => {
    it('updates name, payment terms and time zone; keeps the currency once an invoice exists', async () => {
      const admin = await as('admin@acme.test');
      expect((await ok(TENANT, {}, admin)).tenant).toMatchObject({ id: 'acme', currency: 'USD', timeZone: 'UTC' });
      const { updateTenantSettings } = await ok(UPDATE_TENANT, { input: { paymentTermsDays: 45, timeZone: 'America/New_York' } }, admin);
      expect(updateTenantSettings).toMatchObject({ name: 'Acme Corporation', paymentTermsDays: 45, timeZone: 'America/New_York' });
      expect(await t.app.get(UserDirectory).tenant('acme')).toMatchObject({ timeZone: 'America/New_York', paymentTermsDays: 45 });
      expect(await code(UPDATE_TENANT, { input: { timeZone: 'Mars/Olympus' } }, admin)).toBe('INVALID_TIME_ZONE');
      expect(await code(UPDATE_TENANT, { input: { paymentTermsDays: 400 } }, admin)).toBe('BAD_USER_INPUT');
      // The demo tenant has issued invoices (its delivered orders): its currency is fixed.
      const invoiced = async () => (await ok(`{ invoices { total } }`, {}, admin)).invoices.total > 0;
      for (let i = 0; i < 100 && !(await invoiced()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await code(UPDATE_TENANT, { input: { currency: 'EUR' } }, admin)).toBe('CURRENCY_LOCKED');
      await ok(UPDATE_TENANT, { input: { paymentTermsDays: 30, timeZone: 'UTC' } }, admin);
    });

    it('creates a tenant for the operator with its admin’s invitation; its currency changes until its first invoice', async () => {
      const id = `t-${unique()}`;
      const created = await t.app.get(TenantProvisioning).createTenant({ id, name: 'Initech', currency: 'EUR' }, { email: `boss@${id}.test`, name: 'Bill' });
      expect(created.invitationUrl).toContain('/admin/#/accept-invitation/');
      const { acceptInvitation } = await ok(ACCEPT, { token: tokenOf(created.invitationUrl), password: STRONG }, {});
      const admin = bearer(acceptInvitation.token);
      expect((await ok(ME, {}, admin)).me).toMatchObject({ role: 'admin', tenantId: id });
      expect((await ok(UPDATE_TENANT, { input: { currency: 'gbp', name: 'Initech Ltd' } }, admin)).updateTenantSettings).toMatchObject({
        currency: 'GBP',
        name: 'Initech Ltd',
      });
      expect((await ok(USERS, {}, admin)).users.items.map((u: { email: string }) => u.email)).toEqual([`boss@${id}.test`]);
    });
  });

  describe('the operator’s CLI', () => {
    const ops = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/ops.ts', ...args], {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, JWT_SECRET: TEST_JWT_SECRET, PUBLIC_URL: 'https://annals.example' },
        timeout: 90_000,
      });

    it('creates a tenant and prints its admin’s invitation link, which works; shows every tenant’s processors; hands a rebuild to the running app', async () => {
      const id = `cli-${unique()}`;
      const { stdout } = await ops('tenant:create', '--name', 'Umbrella Corp', '--id', id, '--currency', 'EUR', '--admin-email', `alice@${id}.test`);
      const url = /https:\/\/annals\.example\/admin\/#\/accept-invitation\/\S+/.exec(stdout)?.[0];
      expect(url).toBeDefined();
      const { acceptInvitation } = await ok(ACCEPT, { token: tokenOf(url!), password: STRONG }, {});
      expect((await ok(`{ me { role tenantId } tenant { name currency } }`, {}, bearer(acceptInvitation.token))).tenant).toEqual({
        name: 'Umbrella Corp',
        currency: 'EUR',
      });
      const [status, rebuilt] = await Promise.all([ops('status'), ops('rebuild', 'crm.leads')]);
      expect(status.stdout).toMatch(/NAME\s+KIND\s+STATE\s+POSITION\s+LAG/);
      expect(status.stdout).toContain('identity.users');
      expect(rebuilt.stdout).toContain('crm.leads rebuilt');
      await expect(ops('rebuild', 'nope')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown processor "nope"') });
      // Four CLI processes, each compiling the scripts on start: minutes on a loaded 2-core machine.
    }, 300_000);
  });

  describe('sign-in limits', () => {
    it('refuses 200 aliased logins in one request without checking any password, and two as well', async () => {
      const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: login(email: "admin@acme.test", password: "guess${i}") { token }`).join('\n');
      const many = await t.graphql(`mutation { ${aliases} }`);
      expect(many.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(many.data ?? {})).not.toContain('token":"');
      const two = await t.graphql(
        `mutation { a: login(email: "admin@acme.test", password: "demo") { token } b: login(email: "sales@acme.test", password: "demo") { token } }`,
      );
      // The first login field already refuses (the operation holds two), and a failed mutation field ends the operation.
      expect(two.errors?.map((e) => e.extensions.code)).toEqual(['ONE_LOGIN_PER_REQUEST']);
      expect(two.data).toBeNull();
    });

    it('limits 20 failed logins for one account with a growing wait, and records them in the account’s log', async () => {
      const user = await join('sales');
      const codes: string[] = [];
      for (let i = 0; i < 20; i++) codes.push(await code(LOGIN, { email: user.email, password: `wrong guess ${i}` }, { 'user-agent': 'guesser/1.0' }));
      expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
      expect(codes.filter((c) => c === 'TOO_MANY_LOGIN_ATTEMPTS').length).toBeGreaterThanOrEqual(14);
      // While the account waits, even the right password is not heard.
      expect(await code(LOGIN, { email: user.email, password: STRONG })).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      now += 16 * 60_000;
      expect((await ok(LOGIN, { email: user.email, password: STRONG }, {})).login.token).toEqual(expect.any(String));
      let failures: { data: Record<string, unknown>; metadata: Record<string, unknown> }[] = [];
      for (let i = 0; i < 100 && failures.length < 5; i++) {
        failures = (await ok(HISTORY, { entity: 'user', id: user.user.id }, await as('auditor@acme.test'))).history.filter(
          (e: { type: string }) => e.type === 'LoginFailed',
        );
        if (failures.length < 5) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(failures.length).toBeGreaterThanOrEqual(5);
      expect(failures[0].data).toMatchObject({ email: user.email, reason: 'WRONG_PASSWORD', ip: '127.0.0.1', userAgent: 'guesser/1.0' });
      expect(failures[0].metadata).toMatchObject({ tenantId: 'acme', actorKind: 'system', ip: '127.0.0.1', userAgent: 'guesser/1.0' });
    });

    it('answers an unknown email in the time of a wrong password (median of 50 tries each), doing the same work', async () => {
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      // The app runs in this process: its CPU time per request is the work done, whatever else loads the machine.
      const timed = async (email: string) => {
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        const result = await t.graphql(LOGIN, { email, password: 'not the password at all' });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const used = process.cpuUsage(cpu);
        expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
        return { ms, cpuMs: (used.user + used.system) / 1000 };
      };
      const unknown: { ms: number; cpuMs: number }[] = [];
      const wrong: { ms: number; cpuMs: number }[] = [];
      for (let i = 0; i < 53; i++) {
        now += HOUR; // past any wait the limits impose: each try is a fresh first failure
        // In turn first, so a load that comes and goes weighs on both alike; the first three warm the code paths up.
        const pair = i % 2 === 0 ? [await timed(`nobody.${i}.${unique()}@acme.test`), await timed('accountant@acme.test')] : [];
        if (i % 2 === 1) pair.push(...[await timed('accountant@acme.test'), await timed(`nobody.${i}.${unique()}@acme.test`)].reverse());
        if (i < 3) continue;
        unknown.push(pair[0]);
        wrong.push(pair[1]);
      }
      const wall = { unknown: median(unknown.map((x) => x.ms)), wrong: median(wrong.map((x) => x.ms)) };
      const cpu = { unknown: median(unknown.map((x) => x.cpuMs)), wrong: median(wrong.map((x) => x.cpuMs)) };
      console.log(
        `sign-in, median of 50: unknown email ${wall.unknown.toFixed(2)} ms (${cpu.unknown.toFixed(2)} ms CPU), ` +
          `wrong password ${wall.wrong.toFixed(2)} ms (${cpu.wrong.toFixed(2)} ms CPU)`,
      );
      // The password hash is most of a sign-in's work (scrypt: tens of ms of CPU, the rest a few ms): a skipped
      // hash would make one side a small fraction of the other. Ratios, not ms, so that the reactors running
      // in this process and a loaded machine do not decide the outcome (the figures above are printed).
      const ratio = (a: number, b: number) => Math.min(a, b) / Math.max(a, b);
      expect(ratio(cpu.unknown, cpu.wrong)).toBeGreaterThan(0.7);
      expect(ratio(wall.unknown, wall.wrong)).toBeGreaterThan(0.6);
    }, 120_000);
  });
});
