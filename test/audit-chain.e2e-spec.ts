import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { startTestApp, TestApp } from './support/app';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`;
const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`;
const LOCK = `mutation ($through: String!) { lockPeriod(through: $through) { lockedThrough } }`;
const VERIFY = `query { verifyLog { ok checked firstBrokenPosition reason headPosition headHash seals { through position hash intact } } }`;

interface Verification {
  ok: boolean;
  checked: number;
  firstBrokenPosition: string | null;
  reason: string | null;
  headPosition: string | null;
  headHash: string | null;
  seals: { through: string; position: string; hash: string; intact: boolean | null }[];
}

/**
 * The log refuses changes (a trigger for everyone, privileges for the application's role), and a
 * superuser who goes around both (session_replication_role = replica disables the trigger) is
 * caught by the hash chain: verifyLog names the first position a change, a removal, an insertion
 * or a reordering broke, and a change behind a period's seal breaks the seal.
 */
describe('Audit hash chain against tampering (embedded PostgreSQL as superuser, real app)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let auditor: Record<string, string>;
  let superuser: Client;

  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const verify = async (): Promise<Verification> => (await ok(VERIFY, {}, auditor)).verifyLog;
  const acmePositions = async (): Promise<string[]> =>
    (await superuser.query(`SELECT position::text FROM es_events WHERE tenant_id = 'acme' ORDER BY es_events.position`)).rows.map((r) => r.position);
  /** Until the chain covers every acme event stored now. */
  const chained = async (): Promise<Verification> => {
    const last = (await acmePositions()).at(-1);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const result = await verify();
      if (result.headPosition === last) return result;
      if (Date.now() > deadline) throw new Error(`the chain did not reach ${last}: ${JSON.stringify(result)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** As the superuser, with triggers off: what only someone going around the database's own refusal can do. */
  const tamper = async (sql: string, values: unknown[] = []) => {
    await superuser.query('BEGIN');
    await superuser.query('SET LOCAL session_replication_role = replica');
    await superuser.query(sql, values);
    await superuser.query('COMMIT');
  };
  /** `npm run audit:verify` against the app's database. */
  const auditVerify = () =>
    spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/audit-verify.ts'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: t.databaseUrl, JWT_SECRET: 'audit-verify-test-secret-of-32-bytes-at-least', SEED_DEMO: 'false' },
      timeout: 60_000,
    });
  const leads = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const lead = (await ok(CAPTURE, { input: { name: `Lead ${i}`, email: `lead.${randomUUID()}@example.com` } }, admin)).captureLead;
      await ok(QUALIFY, { id: lead.id }, admin);
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    auditor = { authorization: `Bearer ${await t.login('auditor@acme.test')}` };
    superuser = new Client(t.databaseUrl);
    await superuser.connect();
    await leads(3);
  });
  afterAll(async () => {
    await superuser?.end();
    await t?.close();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log, even for its owner', async () => {
    for (const sql of [`UPDATE es_events SET data = '{}' WHERE position = 1`, `DELETE FROM es_events WHERE position = 1`, `TRUNCATE es_events`])
      await expect(superuser.query(sql)).rejects.toThrow(/es_events is append-only/);
  });

  it("gives the application's role SELECT and INSERT on the log, never UPDATE or DELETE", async () => {
    const role = `annals_app_test_${randomBytes(4).toString('hex')}`;
    await superuser.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app' IN ROLE annals_app`);
    const url = new URL(t.databaseUrl);
    url.username = role;
    url.password = 'app';
    const app = new Client(url.toString());
    await app.connect();
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n).toBeGreaterThan(0);
      await expect(app.query(`UPDATE es_events SET data = '{}' WHERE position = 1`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM es_events WHERE position = 1`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE es_events`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
      await superuser.query(`DROP ROLE ${role}`);
    }
  });

  it('names the first position a changed event breaks, and verifies again once it is restored', async () => {
    expect(await chained()).toMatchObject({ ok: true, firstBrokenPosition: null });
    const [, second, third] = await acmePositions();
    const original = (await superuser.query(`SELECT data FROM es_events WHERE position = $1`, [third])).rows[0].data;
    await tamper(`UPDATE es_events SET data = jsonb_set(data, '{name}', '"Mallory"') WHERE position = $1`, [third]);
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenPosition: third });
    expect(broken.reason).toMatch(new RegExp(`event at position ${third} .* differs from the one chained there`));
    expect(broken.checked).toBe((await acmePositions()).indexOf(third));
    const cli = auditVerify();
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`acme: BROKEN at position ${third}: the event at position ${third}`);
    await tamper(`UPDATE es_events SET data = $2 WHERE position = $1`, [third, original]);
    expect(await verify()).toMatchObject({ ok: true });
    const again = auditVerify();
    expect(again.stdout).toMatch(/^acme: OK, \d+ events verified, head \d+ [0-9a-f]{64}$/m);
    expect(again.status).toBe(0);

    // A change to metadata (who did it) breaks it just as well.
    await tamper(`UPDATE es_events SET metadata = jsonb_set(metadata, '{actorId}', '"someone-else"') WHERE position = $1`, [second]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenPosition: second });
    await tamper(`UPDATE es_events SET metadata = jsonb_set(metadata, '{actorId}', to_jsonb($2::text)) WHERE position = $1`, [
      second,
      (await superuser.query(`SELECT actor_id FROM audit_log WHERE position = $1`, [second])).rows[0].actor_id,
    ]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names a removed event', async () => {
    const positions = await acmePositions();
    const victim = positions[4];
    // Kept in the database as it was (a copy through JavaScript would round its recorded_at to milliseconds).
    await superuser.query(`CREATE TABLE removed_event AS SELECT * FROM es_events WHERE position = $1`, [victim]);
    await tamper(`DELETE FROM es_events WHERE position = $1`, [victim]);
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenPosition: victim });
    expect(broken.reason).toMatch(/missing from the log: it was removed or moved/);
    await tamper(`INSERT INTO es_events SELECT * FROM removed_event`);
    await superuser.query(`DROP TABLE removed_event`);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names the first of two reordered events', async () => {
    const positions = await acmePositions();
    const [a, b] = [positions[1], positions[5]];
    const swapped = async () => {
      await superuser.query('BEGIN');
      await superuser.query('SET LOCAL session_replication_role = replica');
      await superuser.query(`UPDATE es_events SET position = -1 WHERE position = $1`, [a]);
      await superuser.query(`UPDATE es_events SET position = $1 WHERE position = $2`, [a, b]);
      await superuser.query(`UPDATE es_events SET position = $1 WHERE position = -1`, [b]);
      await superuser.query('COMMIT');
    };
    await swapped();
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenPosition: a });
    expect(broken.reason).toMatch(/changed, or another event was moved there/);
    await swapped();
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names an event inserted behind the chain', async () => {
    // A gap in positions (an append rolled back leaves one), then more events chained past it.
    const gap = (await superuser.query(`SELECT nextval('es_position_seq')::text AS p`)).rows[0].p;
    await leads(1);
    await chained();
    const template = (await superuser.query(`SELECT * FROM es_events WHERE tenant_id = 'acme' ORDER BY position DESC LIMIT 1`)).rows[0];
    const forged = { ...template, position: gap, event_id: randomUUID(), stream_name: `lead-${randomUUID()}`, revision: 0 };
    const columns = Object.keys(forged);
    await tamper(`INSERT INTO es_events (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(forged));
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenPosition: gap });
    expect(broken.reason).toMatch(/is not in the chain: it was added to the log afterwards/);
    await tamper(`DELETE FROM es_events WHERE position = $1`, [gap]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('seals a locked period with the chain head at the lock, and reports a change behind the seal', async () => {
    await ok(LOCK, { through: '2026-01-31' }, admin);
    const lockPosition = (await superuser.query(`SELECT position::text FROM es_events WHERE tenant_id = 'acme' AND type = 'PeriodLocked'`)).rows[0].position;
    const sealed = await chained();
    const seal = sealed.seals.find((s) => s.through === '2026-01-31');
    expect(seal).toMatchObject({ position: lockPosition, intact: true });
    const chainAtLock = (await superuser.query(`SELECT hash FROM audit_chain WHERE tenant_id = 'acme' AND position = $1`, [lockPosition])).rows[0].hash;
    expect(seal!.hash).toBe(chainAtLock);

    const [first] = await acmePositions();
    await tamper(`UPDATE es_events SET data = jsonb_set(data, '{email}', '"forged@example.com"') WHERE position = $1`, [first]);
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, firstBrokenPosition: first });
    expect(broken.reason).toMatch(/behind the seal of the period through 2026-01-31/);
    expect(broken.seals.find((s) => s.through === '2026-01-31')?.intact).toBe(false);
  });
});
