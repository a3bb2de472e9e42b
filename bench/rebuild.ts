/**
 * Rebuild: the lead and client read models from the seeded log, each in a child process so its
 * peak RSS (sampled every 50 ms) is the rebuild's own, not the bench's.
 *  - annals: the processor runtime's runner (ProcessorRunner) with the two app projectors, both from checkpoint 0, until both
 *    have caught up with the head.
 *  - floor: one pass of keyset pages over the log, fold in memory per page, one multi-row upsert
 *    per table plus the checkpoint per transaction (same batch size as the runner's catch-up).
 */
import { spawn } from 'node:child_process';
import type { Pool, PoolClient } from 'pg';
import { ProcessorRunner } from '../src/shared/processing/processor-runner';
import { CATCH_UP_BATCH } from '../src/shared/processing/processor-status';
import { projector } from '../src/shared/processing/processor';
import { setCheckpoint } from '../src/shared/processing/checkpoint-store';
import type { Projection } from '../src/shared/projection/projection';
import { leadsProjection } from '../projections/crm/leads.projection';
import { clientsProjection } from '../projections/crm/clients.projection';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { newPool } from './lib/pg';
import { log, now, rssSampler } from './lib/stats';

/** The runner's batch while catching up from checkpoint 0, so both commit as often. */
const BATCH = CATCH_UP_BATCH;

interface ChildResult {
  seconds: number;
  peakRssMb: number;
  events: number;
}

/** Empties a projector's tables and sets its checkpoint back to the start of the log. */
const resetProjector = async (pool: Pool, projection: Projection) => {
  for (const table of projection.tables) await pool.query(`TRUNCATE "${table}"`);
  await setCheckpoint(pool, projection.name, 0n);
};

const reset = async (pool: Pool) => {
  await resetProjector(pool, leadsProjection);
  await resetProjector(pool, clientsProjection);
  await setCheckpoint(pool, 'bench.floor', 0n);
  await pool.query('VACUUM (ANALYZE) crm_leads, crm_clients');
};

export const readModelDigest = async (pool: Pool): Promise<string> => {
  const leads = await pool.query(
    `SELECT status, count(*)::int AS n, count(client_id)::int AS c, max(revision)::int AS r FROM crm_leads GROUP BY status ORDER BY status`,
  );
  const clients = await pool.query(`SELECT count(*)::int AS n, count(lead_id)::int AS l FROM crm_clients`);
  return JSON.stringify({ leads: leads.rows, clients: clients.rows[0] });
};

const runAnnals = async (url: string): Promise<ChildResult> => {
  const pool = newPool(url, 10);
  const store = new PostgresEventStore(pool);
  const head = await store.headPosition();
  const rss = rssSampler();
  const t0 = now();
  const runners = [leadsProjection, clientsProjection].map((projection) => new ProcessorRunner(pool, store, projector(projection)));
  await Promise.all(
    runners.map(
      (runner) =>
        new Promise<void>((resolve, reject) => {
          runner.on('caughtUp', (position: bigint) => position >= head && resolve());
          runner.start().catch(reject);
        }),
    ),
  );
  const seconds = (now() - t0) / 1000;
  const peakRssMb = rss.stop();
  for (const runner of runners) {
    const status = runner.getStatus();
    if (status.state !== 'RUNNING' || status.lastError || status.parks.length > 0)
      throw new Error(`${status.name}: ${status.state} ${status.lastError ?? status.parks[0]?.error}`);
    await runner.stop();
  }
  await store.close();
  await pool.end();
  return { seconds, peakRssMb, events: Number(head) };
};

type LeadRow = [string, string, string, string, string | null, string | null, string | null, string, string | null, string, string, string];
type ClientRow = [string, string, string, string, string | null, string | null, string, string, string];

const LEAD_UPSERT = `INSERT INTO crm_leads (id, tenant_id, name, email, company, phone, source, status, client_id, created_at, updated_at, revision)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::timestamptz[], $11::timestamptz[], $12::bigint[])
  ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, client_id = EXCLUDED.client_id, updated_at = EXCLUDED.updated_at, revision = EXCLUDED.revision`;
const CLIENT_UPSERT = `INSERT INTO crm_clients (id, tenant_id, name, email, company, lead_id, created_at, updated_at, revision)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[], $8::timestamptz[], $9::bigint[])
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, company = EXCLUDED.company, lead_id = EXCLUDED.lead_id,
    updated_at = EXCLUDED.updated_at, revision = EXCLUDED.revision`;

const columns = <T extends unknown[]>(rows: T[], width: number): unknown[][] => Array.from({ length: width }, (_, c) => rows.map((row) => row[c]));

/** The floor: the same rows, the least work (raw text columns, one pass for both tables, no per-event objects). */
const runFloor = async (url: string): Promise<ChildResult> => {
  const pool = newPool(url, 1);
  const client: PoolClient = await pool.connect();
  const rss = rssSampler();
  const t0 = now();
  let after = '0';
  let events = 0;
  for (;;) {
    const { rows } = await client.query<[string, string, string, string, string, string]>({
      name: 'floor_rebuild_read',
      // e.position, not position: the ::text output column of that name would win in ORDER BY.
      text: `SELECT e.position::text, e.type, e.data::text, e.tenant_id, e.recorded_at::text, e.revision::text FROM es_events e
              WHERE e.position > $1 AND e.type IN ('LeadCaptured', 'LeadQualified', 'LeadDisqualified', 'LeadConverted', 'ClientRegistered')
              ORDER BY e.position LIMIT ${BATCH}`,
      values: [after],
      rowMode: 'array',
      types: { getTypeParser: () => (value: string) => value },
    });
    if (rows.length === 0) break;
    const leads = new Map<string, LeadRow>();
    const clients = new Map<string, ClientRow>();
    const missing: [string, (row: LeadRow) => void][] = [];
    for (const [, type, text, tenant, at, revision] of rows) {
      const data = JSON.parse(text);
      if (type === 'LeadCaptured') {
        leads.set(data.leadId, [data.leadId, tenant, data.name, data.email, data.company, data.phone, data.source, 'NEW', null, at, at, revision]);
      } else if (type === 'ClientRegistered') {
        clients.set(data.clientId, [data.clientId, tenant, data.name, data.email, data.company, data.leadId, at, at, revision]);
      } else {
        const change = (row: LeadRow) => {
          row[7] = type === 'LeadQualified' ? 'QUALIFIED' : type === 'LeadDisqualified' ? 'DISQUALIFIED' : 'CONVERTED';
          if (type === 'LeadConverted') row[8] = data.clientId;
          row[10] = at;
          row[11] = revision;
        };
        const row = leads.get(data.leadId);
        if (row) change(row);
        else missing.push([data.leadId, change]);
      }
    }
    await client.query('BEGIN');
    if (missing.length > 0) {
      // Leads captured in an earlier batch: load them once, apply the changes in order.
      const ids = [...new Set(missing.map(([id]) => id))];
      const stored = await client.query<LeadRow>({
        text: `SELECT id::text, tenant_id, name, email, company, phone, source, status, client_id::text, created_at::text, updated_at::text, revision::text
                 FROM crm_leads WHERE id = ANY($1::uuid[])`,
        values: [ids],
        rowMode: 'array',
        types: { getTypeParser: () => (value: string) => value },
      });
      const loaded = new Map(stored.rows.map((row) => [row[0], row]));
      for (const [id, change] of missing) {
        const row = leads.get(id) ?? loaded.get(id);
        if (!row) continue;
        change(row);
        leads.set(id, row);
      }
    }
    if (leads.size > 0) await client.query({ name: 'floor_lead_upsert', text: LEAD_UPSERT, values: columns([...leads.values()], 12) });
    if (clients.size > 0) await client.query({ name: 'floor_client_upsert', text: CLIENT_UPSERT, values: columns([...clients.values()], 9) });
    after = rows[rows.length - 1][0];
    await client.query(`UPDATE processor_checkpoints SET position = $1, updated_at = now() WHERE name = 'bench.floor'`, [after]);
    // The same durability as the runner's commits (read models: asynchronous commit).
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query('COMMIT');
    events += rows.length;
  }
  const seconds = (now() - t0) / 1000;
  const peakRssMb = rss.stop();
  client.release();
  await pool.end();
  return { seconds, peakRssMb, events };
};

const inChild = (mode: 'annals' | 'floor', url: string, extraNodeArgs: string[] = []): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...extraNodeArgs, '-r', '@swc-node/register', __filename, mode, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: process.cwd(),
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`rebuild ${mode} child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });

export const benchRebuild = async (url: string, options: { profile?: string } = {}) => {
  const pool = newPool(url, 2);
  const out: Record<string, number> = {};
  try {
    await reset(pool);
    const floor = await inChild('floor', url);
    const floorDigest = await readModelDigest(pool);
    log(`rebuild floor: ${Math.round(floor.events / floor.seconds)} events/s, peak RSS ${Math.round(floor.peakRssMb)} MB`);
    await reset(pool);
    const profileArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
    const annals = await inChild('annals', url, profileArgs);
    const annalsDigest = await readModelDigest(pool);
    log(`rebuild annals: ${Math.round(annals.events / annals.seconds)} events/s, peak RSS ${Math.round(annals.peakRssMb)} MB`);
    if (floorDigest !== annalsDigest) throw new Error(`rebuild: floor and annals read models differ:\n${floorDigest}\n${annalsDigest}`);
    out.rebuild_per_s = annals.events / annals.seconds;
    out.rebuild_floor_per_s = floor.events / floor.seconds;
    out.rebuild_peak_rss_mb = annals.peakRssMb;
    out.rebuild_floor_peak_rss_mb = floor.peakRssMb;
    out.rebuild_seconds = annals.seconds;
  } finally {
    await pool.end();
  }
  return out;
};

if (require.main === module) {
  const [mode, url] = process.argv.slice(2);
  (mode === 'annals' ? runAnnals(url) : runFloor(url))
    .then((result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
