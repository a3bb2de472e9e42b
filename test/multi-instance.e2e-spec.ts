import { Client, Pool } from 'pg';
import { LoginLimiter } from '../src/identity/application/login-limiter';
import { startTestApp, TestApp } from './support/app';

const USER = 'id email role status active';
const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { invitationUrl user { ${USER} } } }`;
const ACCEPT = `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token } }`;
const CHANGE_ROLE = `mutation ($userId: ID!, $role: String!) { changeUserRole(userId: $userId, role: $role) { ${USER} } }`;
const DEACTIVATE = `mutation ($userId: ID!) { deactivateUser(userId: $userId) { ${USER} } }`;
const REACTIVATE = `mutation ($userId: ID!) { reactivateUser(userId: $userId) { ${USER} } }`;
const ADMINS = `query { users(filter: { role: "admin", status: "ACTIVE" }, perPage: 100) { total items { id email } } }`;
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`;
const REVOKE_KEY = `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = `{ me { userId email role tenantName currency } }`;

const STRONG = 'violet tractor ponders jazz';
const MINUTE = 60_000;

/**
 * Two app instances on one PostgreSQL database, as behind a load balancer: sign-in limits, the last
 * admin of a tenant, and what each instance caches about a credential hold across both.
 */
describe('identity across two app instances on one database (real app, real HTTP)', () => {
  let a: TestApp;
  let b: TestApp;
  let sql: Client;
  let now = Date.now();
  const clock = { now: () => new Date(now) };
  const unique = () => Math.random().toString(36).slice(2, 10);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  let admin: Record<string, string>;

  beforeAll(async () => {
    // A principal cached for a minute: an instance that refuses a changed credential at once was told, it did not time out.
    a = await startTestApp({ clock, principalCacheMs: MINUTE });
    b = await startTestApp({ clock, principalCacheMs: MINUTE, databaseUrl: a.databaseUrl });
    sql = new Client({ connectionString: a.databaseUrl });
    await sql.connect();
    admin = bearer(await a.login('admin@acme.test'));
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await b?.close();
    await a?.close();
  });

  const ok = async (t: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const error = async (t: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    (await t.graphql(query, variables, headers)).errors?.[0];
  const join = async (role: string) => {
    const email = `${role}.${unique()}@acme.test`;
    const { inviteUser } = await ok(a, INVITE, { input: { email, name: `New ${role}`, role } }, admin);
    const { acceptInvitation } = await ok(b, ACCEPT, { token: inviteUser.invitationUrl.split('/').pop(), password: STRONG }, {});
    return { id: inviteUser.user.id as string, email, headers: bearer(acceptInvitation.token) };
  };

  describe('sign-in limits', () => {
    it('limits failed sign-ins spread over both instances as one account, and the right password waits too', async () => {
      const user = await join('sales');
      const codes: string[] = [];
      for (let i = 0; i < 8; i++) codes.push((await error(i % 2 ? b : a, LOGIN, { email: user.email, password: `wrong guess ${i}` }))?.extensions.code);
      // 5 free failures and a sixth that starts the wait, counted together: each instance alone saw only four.
      expect(codes).toEqual([...Array(6).fill('UNAUTHENTICATED'), 'TOO_MANY_LOGIN_ATTEMPTS', 'TOO_MANY_LOGIN_ATTEMPTS']);
      for (const t of [a, b]) {
        const refused = await error(t, LOGIN, { email: user.email, password: STRONG });
        expect(refused?.extensions.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
        expect(refused?.message).toBe('Too many failed sign-ins: wait 1 s and try again');
      }
      // An unknown email is limited the same way, on either instance.
      const unknown = `nobody.${unique()}@acme.test`;
      const unknownCodes: string[] = [];
      for (let i = 0; i < 7; i++) unknownCodes.push((await error(i % 2 ? a : b, LOGIN, { email: unknown, password: `guess ${i}` }))?.extensions.code);
      expect(unknownCodes).toEqual([...Array(6).fill('UNAUTHENTICATED'), 'TOO_MANY_LOGIN_ATTEMPTS']);

      now += 2_000;
      expect((await ok(b, LOGIN, { email: user.email, password: STRONG }, {})).login.token).toEqual(expect.any(String));
      // The success forgot the account's failures on both instances: the next wrong password is a first one again.
      for (let i = 0; i < 50; i++) {
        const { rows } = await sql.query(`SELECT 1 FROM identity_login_limits WHERE key = $1`, [`account:${user.email}`]);
        if (rows.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await error(a, LOGIN, { email: user.email, password: 'wrong again' }))?.extensions.code).toBe('UNAUTHENTICATED');
      expect((await ok(a, LOGIN, { email: user.email, password: STRONG }, {})).login.token).toEqual(expect.any(String));
      now += 16 * MINUTE;
    });

    it('keeps the counts where no tenant reads: annals_reader may not select them', async () => {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM identity_login_limits`);
      expect(rows[0].n).toBeGreaterThan(0);
      await sql.query('BEGIN');
      try {
        await sql.query('SET LOCAL ROLE annals_reader');
        await expect(sql.query(`SELECT * FROM identity_login_limits`)).rejects.toThrow(/permission denied/);
      } finally {
        await sql.query('ROLLBACK');
      }
    });

    it('fails closed when PostgreSQL does not answer: SIGN_IN_UNAVAILABLE, before any password is checked', async () => {
      const unreachable = new Pool({ connectionString: 'postgres://annals@127.0.0.1:1/annals', connectionTimeoutMillis: 5_000 });
      try {
        await expect(new LoginLimiter({ pool: unreachable }).attempt('someone@acme.test', '127.0.0.1', clock.now())).rejects.toMatchObject({
          code: 'SIGN_IN_UNAVAILABLE',
          message: 'Sign-in is not available right now (the database does not answer); try again in a minute',
        });
      } finally {
        await unreachable.end();
      }
    });
  });

  describe('the last admin', () => {
    it('lets exactly one of two concurrent demotions of the last two admins through, one on each instance', async () => {
      const second = await join('admin');
      const first = (await ok(a, `{ me { userId } }`, {}, admin)).me.userId as string;
      // An admin API key demotes both, so neither request is refused for its own caller's role.
      const { createApiKey } = await ok(a, CREATE_KEY, { input: { name: `admins ${unique()}`, role: 'admin' } }, admin);
      const key = bearer(createApiKey.secret);
      const { users } = await ok(a, ADMINS, {}, key);
      expect(users.items.map((u: { id: string }) => u.id).sort()).toEqual([first, second.id].sort());

      for (const round of [0, 1, 2]) {
        const demote = (t: TestApp, userId: string) =>
          round === 2 ? t.graphql(DEACTIVATE, { userId }, key) : t.graphql(CHANGE_ROLE, { userId, role: 'sales' }, key);
        const results = await Promise.all([demote(a, first), demote(b, second.id)]);
        const refused = results.filter((r) => r.errors);
        expect(refused).toHaveLength(1);
        expect(refused[0].errors![0].extensions.code).toBe('LAST_ADMIN');
        expect(refused[0].errors![0].message).toBe('This is the last active admin of your organisation: make another user admin first');
        const left = (await ok(b, ADMINS, {}, key)).users.items.map((u: { id: string }) => u.id);
        expect(left).toHaveLength(1);
        const demoted = left[0] === first ? second.id : first;
        // Put the other admin back for the next round.
        if (round === 2) await ok(a, REACTIVATE, { userId: demoted }, key);
        await ok(a, CHANGE_ROLE, { userId: demoted, role: 'admin' }, key);
      }
      expect((await ok(a, ADMINS, {}, key)).users.total).toBe(2);
      await ok(a, REVOKE_KEY, { id: createApiKey.apiKey.id }, admin);
    }, 60_000);
  });

  describe('what an instance caches about a credential', () => {
    it('refuses a user deactivated through the other instance on the very next request', async () => {
      const user = await join('sales');
      expect((await ok(b, ME, {}, user.headers)).me).toMatchObject({ userId: user.id, role: 'sales', tenantName: expect.any(String), currency: 'USD' });
      // B caches the user for a minute: a change behind its back (no command, no NOTIFY) is not seen...
      await sql.query(`UPDATE users SET role = 'accountant' WHERE id::text = $1`, [user.id]);
      expect((await ok(b, ME, {}, user.headers)).me.role).toBe('sales');
      await sql.query(`UPDATE users SET role = 'sales' WHERE id::text = $1`, [user.id]);
      // ...while a deactivation through A is, at once.
      await ok(a, DEACTIVATE, { userId: user.id }, admin);
      const refused = await error(b, ME, {}, user.headers);
      expect(refused?.extensions.code).toBe('UNAUTHENTICATED');
      expect(refused?.message).toBe('This account is deactivated; ask an admin of your organisation to reactivate it');
      await ok(b, REACTIVATE, { userId: user.id }, admin);
      expect((await ok(a, ME, {}, user.headers)).me.role).toBe('sales');
    });

    it('applies a role change made on one instance to the next request on the other', async () => {
      const user = await join('sales');
      expect((await ok(a, ME, {}, user.headers)).me.role).toBe('sales');
      await ok(b, CHANGE_ROLE, { userId: user.id, role: 'accountant' }, admin);
      expect((await ok(a, ME, {}, user.headers)).me.role).toBe('accountant');
    });

    it('listens again after its listener connection is cut, dropping what it cached meanwhile', async () => {
      const user = await join('sales');
      expect((await ok(b, ME, {}, user.headers)).me.role).toBe('sales');
      const listeners = async () =>
        (await sql.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'annals-listener' AND datname = current_database()`)).rows.map(
          (row) => row.pid as number,
        );
      const before = await listeners();
      expect(before).toHaveLength(2);
      await sql.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [before]);
      // While nothing listens, a change behind B's back is seen: B caches nothing it may not hear about.
      await sql.query(`UPDATE users SET role = 'accountant' WHERE id::text = $1`, [user.id]);
      let seen = '';
      for (let i = 0; i < 100 && seen !== 'accountant'; i++) {
        seen = (await ok(b, ME, {}, user.headers)).me.role;
        if (seen !== 'accountant') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(seen).toBe('accountant');
      await sql.query(`UPDATE users SET role = 'sales' WHERE id::text = $1`, [user.id]);
      let after: number[] = [];
      for (let i = 0; i < 200 && after.length < 2; i++) {
        after = await listeners();
        if (after.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(after).toHaveLength(2);
      expect(after.some((pid) => before.includes(pid))).toBe(false);
      // Listening again, B caches the user and hears the next change at once.
      await ok(b, ME, {}, user.headers);
      await ok(a, DEACTIVATE, { userId: user.id }, admin);
      expect((await error(b, ME, {}, user.headers))?.extensions.code).toBe('UNAUTHENTICATED');
    }, 60_000);

    it('refuses an API key revoked through the other instance on the very next request', async () => {
      const { createApiKey } = await ok(a, CREATE_KEY, { input: { name: `script ${unique()}`, role: 'sales' } }, admin);
      const key = bearer(createApiKey.secret);
      expect((await ok(b, ME, {}, key)).me.userId).toBe(createApiKey.apiKey.id);
      await ok(a, REVOKE_KEY, { id: createApiKey.apiKey.id }, admin);
      const refused = await error(b, ME, {}, key);
      expect(refused?.extensions.code).toBe('UNAUTHENTICATED');
      expect(refused?.message).toBe('This API key is not valid: it was revoked, has expired or never existed');
    });
  });
});
