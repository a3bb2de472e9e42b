/**
 * The audit trail's figures (issue 12), on their own database of 1,000,000 seeded events:
 *  - audit_log_query_p99_ms: auditLog filtered by actor and a time window (the service's own SQL,
 *    page and count, as annals_reader under row-level security) over the audit.log read model of
 *    every event; 20 actors, windows of 2 minutes, 200 queries;
 *  - known_at_record_ms: one record of 200 events as known at a moment (RecordLog.rowAt: read its
 *    stream, fold it with the leads projection), median and p99 of 100 reads;
 *  - known_at_client_figures_ms: a client's figures (orders, revenue, receivables) as known at a
 *    moment for a client of 1,000 orders and 1,000 invoices (3 events each): the 2,000 streams read
 *    at once (RecordLog.eventsKnown) and summed with the client-summary projector's sumDeltas,
 *    median and p99 of 30 reads;
 *  - chain_events_per_s: the audit chain reactor over 200,000 events in the runtime's catch-up
 *    batches, driven as the runtime drives it (the next batch prepared, i.e. hashed, while the
 *    previous one is delivered, i.e. written with the heads moved), read time excluded.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { auditLogSql, auditLogWhere } from '../src/audit/application/audit-log.queries';
import { AuditChainReactor } from '../src/audit/chain/chain.reactor';
import type { Database } from '../src/shared/database/database';
import type { NewEvent, RecordedEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { RecordLog } from '../src/shared/history/known-at';
import { CATCH_UP_BATCH } from '../src/shared/processing/processor-status';
import { auditedRecords } from '../projections';
import { migrateAppSchema, newPool, type BenchServer } from './lib/pg';
import { log, now, percentile } from './lib/stats';
import { seedEvents } from './seed';
import { sumDeltas } from '../projections/crm/client-summary.projection';

const EVENTS = 1_000_000;
const ACTORS = 20;
const QUERIES = 200;
const CHAINED = 200_000;
const RECORD_EVENTS = 200;
const CLIENT_ORDERS = 1_000;

/** The audit.log rows of the seeded log, as the projection writes them (auditLogRow), spread over 20 actors. */
const fillAuditLog = async (pool: Pool) => {
  await pool.query(`INSERT INTO audit_log (position, tenant_id, recorded_at, entity, entity_id, type, actor_id, actor_kind, correlation_id, causation_id, ip, user_agent, data)
    SELECT position, tenant_id, recorded_at, split_part(stream_name, '-', 1), substr(stream_name, length(split_part(stream_name, '-', 1)) + 2), type,
           'user-' || (position % ${ACTORS}), 'user', metadata ->> 'correlationId', metadata ->> 'causationId', '10.0.0.' || (position % 200), 'bench', data
      FROM es_events`);
  await pool.query('VACUUM (ANALYZE) audit_log');
};

const auditLogQueries = async (pool: Pool) => {
  const client = await pool.connect();
  try {
    await client.query(`SELECT set_config('role', 'annals_reader', false), set_config('app.tenant_id', 'acme', false)`);
    const start = new Date('2026-01-01T00:00:00Z').getTime();
    const span = EVENTS; // the seed records one event per millisecond
    const latencies: number[] = [];
    let rows = 0;
    for (let i = 0; i < QUERIES + 20; i++) {
      const from = new Date(start + Math.floor(Math.random() * (span - 120_000)));
      const { where, params } = auditLogWhere('acme', { actorId: `user-${i % ACTORS}`, from, to: new Date(from.getTime() + 120_000) });
      const sql = auditLogSql(where);
      const numbered = (text: string) => {
        let n = 0;
        return text.replace(/\?/g, () => `$${++n}`);
      };
      const t0 = now();
      const page = await client.query(numbered(sql), [...params, ...params, 50, 0]);
      if (i >= 20) latencies.push(now() - t0);
      rows += page.rows.length + (page.rows[0].total > 0 ? 0 : 1);
    }
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rows };
  } finally {
    await client.query('RESET role').catch(() => undefined);
    client.release();
  }
};

const knownAtRecord = async (pool: Pool) => {
  const store = new PostgresEventStore(pool);
  const leadId = randomUUID();
  const metadata = { tenantId: 'acme', actorId: 'user-bench', correlationId: randomUUID(), causationId: randomUUID() };
  const events: NewEvent[] = [
    { id: randomUUID(), type: 'LeadCaptured', data: { leadId, name: 'Lead', email: 'lead@example.test', company: null, phone: null, source: null }, metadata },
    ...Array.from({ length: RECORD_EVENTS - 1 }, (_, i) => ({ id: randomUUID(), type: 'LeadOwnerAssigned', data: { leadId, ownerId: `user-${i}` }, metadata })),
  ];
  await store.appendToStream(`lead-${leadId}`, events, { expectedRevision: 'no_stream' });
  const records = new RecordLog(store, auditedRecords);
  const knownAt = new Date();
  const latencies: number[] = [];
  for (let i = 0; i < 120; i++) {
    const t0 = now();
    const row = await records.rowAt('acme', 'crm_leads', leadId, { knownAt });
    if (i >= 20) latencies.push(now() - t0);
    if (row?.owner_id !== `user-${RECORD_EVENTS - 2}`) throw new Error(`known-at fold gave ${JSON.stringify(row)}`);
  }
  await store.close();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};

export const knownAtClientFigures = async (pool: Pool) => {
  const store = new PostgresEventStore(pool);
  const clientId = randomUUID();
  const metadata = { tenantId: 'acme', actorId: 'user-bench', correlationId: randomUUID(), causationId: randomUUID() };
  const streams: string[] = [];
  for (let i = 0; i < CLIENT_ORDERS; i++) {
    const [orderId, invoiceId] = [randomUUID(), randomUUID()];
    const event = (type: string, data: object): NewEvent => ({ id: randomUUID(), type, data, metadata });
    await store.appendToStream(`order-${orderId}`, [event('OrderPlaced', { orderId, clientId, total: 10_000 })], { expectedRevision: 'no_stream' });
    const invoice = [
      event('InvoiceIssued', { invoiceId, orderId, clientId, total: 10_000 }),
      event('PaymentRecorded', { invoiceId, clientId, amount: 4_000 }),
      event('CreditNoteIssued', { invoiceId, clientId, amount: 1_000 }),
    ];
    await store.appendToStream(`invoice-${invoiceId}`, invoice, { expectedRevision: 'no_stream' });
    streams.push(`order-${orderId}`, `invoice-${invoiceId}`);
  }
  const records = new RecordLog(store, auditedRecords);
  const latencies: number[] = [];
  for (let i = 0; i < 35; i++) {
    const t0 = now();
    const sum = sumDeltas(await records.eventsKnown('acme', streams, { knownAt: new Date() })).find((delta) => delta.clientId === clientId);
    if (i >= 5) latencies.push(now() - t0);
    if (sum?.orders !== CLIENT_ORDERS || sum.paid !== BigInt(CLIENT_ORDERS * 4_000))
      throw new Error(`client figures gave ${JSON.stringify(sum, (_k, v) => String(v))}`);
  }
  await store.close();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
};

const chainRate = async (pool: Pool) => {
  const store = new PostgresEventStore(pool);
  const batches: RecordedEvent[][] = [[]];
  for await (const event of store.readAll({ maxCount: CHAINED })) {
    if (batches[batches.length - 1].length === CATCH_UP_BATCH) batches.push([]);
    batches[batches.length - 1].push(event);
  }
  await store.close();
  // As the runtime drives a reactor: the next batch prepared (hashed) while the previous one is delivered (written).
  const chain = new AuditChainReactor({ pool } as Database);
  const t0 = now();
  let delivering: Promise<void> = Promise.resolve();
  for (const batch of batches) {
    const prepared = chain.prepare(batch);
    await delivering;
    delivering = chain.chain(prepared.events, prepared.ahead);
  }
  await delivering;
  const seconds = (now() - t0) / 1000;
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM audit_chain`);
  if (rows[0].n !== CHAINED) throw new Error(`chained ${rows[0].n} of ${CHAINED} events`);
  return CHAINED / seconds;
};

/** The append rate in this run, on this database (8 writers appending 10 events each time, as append 10x8): what the chain must keep up with. */
const appendRate = async (pool: Pool, seconds = 5) => {
  const store = new PostgresEventStore(pool);
  const deadline = now() + seconds * 1000;
  let appended = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (now() < deadline) {
        const metadata = { tenantId: 'acme', actorId: 'user-bench', correlationId: randomUUID(), causationId: randomUUID() };
        const events = Array.from({ length: 10 }, (_, i) => ({ id: randomUUID(), type: 'ThingHappened', data: { i, note: 'bench' }, metadata }));
        await store.appendToStream(`thing-${randomUUID()}`, events, { expectedRevision: 'no_stream' });
        appended += events.length;
      }
    }),
  );
  const rate = (appended / (now() - t0)) * 1000;
  await store.close();
  return rate;
};

export const benchAudit = async (server: BenchServer): Promise<Record<string, number>> => {
  const url = await server.createDatabase('bench_audit');
  await migrateAppSchema(url);
  const pool = newPool(url, 4);
  try {
    let t0 = now();
    await seedEvents(pool, EVENTS);
    await fillAuditLog(pool);
    log(`audit: ${EVENTS} events seeded and in the audit log in ${((now() - t0) / 1000).toFixed(1)} s`);
    const query = await auditLogQueries(pool);
    log(`audit: auditLog by actor and 2-minute window over ${EVENTS} events: p50 ${query.p50.toFixed(2)} ms, p99 ${query.p99.toFixed(2)} ms`);
    const record = await knownAtRecord(pool);
    log(`audit: a record of ${RECORD_EVENTS} events as known at a moment: p50 ${record.p50.toFixed(2)} ms, p99 ${record.p99.toFixed(2)} ms`);
    const figures = await knownAtClientFigures(pool);
    log(
      `audit: a client of ${CLIENT_ORDERS} orders and invoices, its figures as known at a moment: p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms`,
    );
    t0 = now();
    const rate = await chainRate(pool);
    log(`audit: chained ${CHAINED} events at ${Math.round(rate)} events/s (${((now() - t0) / 1000).toFixed(1)} s with reads)`);
    const writers = newPool(url, 8);
    const appends = await appendRate(writers).finally(() => writers.end());
    log(`audit: append 10x8 in the same run: ${Math.round(appends)} events/s; chain / append = ${(rate / appends).toFixed(2)}`);
    return {
      audit_log_query_p50_ms: query.p50,
      audit_log_query_p99_ms: query.p99,
      known_at_record_ms: record.p50,
      known_at_record_p99_ms: record.p99,
      known_at_client_figures_ms: figures.p50,
      known_at_client_figures_p99_ms: figures.p99,
      chain_events_per_s: rate,
      chain_append_same_run_per_s: appends,
    };
  } finally {
    await pool.end();
  }
};
