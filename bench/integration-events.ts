/**
 * Integration events: stored events of quote-to-cash lives (every context, ~46 events a life)
 * mapped to CloudEvents through src/integration/integration-translator.ts, as the relay and the
 * event-store source map them. `integration_map_per_s`: stored events in per second with the
 * history held as the log goes by (the steady state); `integration_map_cold_per_s`: the same with
 * room for only 4 streams, so nearly every payload that folds history reads it from PostgreSQL
 * (a relay or consumer starting mid-way, or a replay of a wide stretch).
 */
import { randomUUID } from 'node:crypto';
import { integrationEventFilter, toIntegrationEvent } from '../src/integration/integration-catalogue';
import { IntegrationTranslator } from '../src/integration/integration-translator';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import type { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { quoteToCash } from '../test/support/integration-log';
import { migrateAppSchema, newPool } from './lib/pg';
import { log, now } from './lib/stats';

const BATCH = 1000;

export const benchIntegrationEvents = async (url: string, lives = 500): Promise<Record<string, number | string | null>> => {
  await migrateAppSchema(url);
  const pool = newPool(url, 10);
  const store = new PostgresEventStore(pool);
  try {
    const streams: RecordedEvent[][] = [];
    for (let i = 0; i < lives; i++) {
      const byStream = new Map<string, RecordedEvent[]>();
      for (const event of quoteToCash(`bench-${i % 20}`).log.events) byStream.set(event.streamName, [...(byStream.get(event.streamName) ?? []), event]);
      streams.push(...byStream.values());
    }
    for (let i = 0; i < streams.length; i += 16)
      await Promise.all(
        streams.slice(i, i + 16).map((events) =>
          store.appendToStream(
            events[0].streamName,
            events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: e.metadata })),
            { expectedRevision: 'no_stream' },
          ),
        ),
      );
    const stored: RecordedEvent[] = [];
    for await (const event of store.readAll({ filter: integrationEventFilter })) stored.push(event);

    const run = async (maxStreams: number) => {
      const translator = new IntegrationTranslator(store, toIntegrationEvent, { maxStreams });
      let published = 0;
      const t0 = now();
      for (let i = 0; i < stored.length; i += BATCH) {
        const batch = stored.slice(i, i + BATCH);
        const ready = translator.tryTranslate(batch);
        const translated = ready ?? (await translator.translate(batch)).translated;
        published += translated.length;
      }
      const seconds = (now() - t0) / 1000;
      return { perSecond: stored.length / seconds, published, reads: translator.history.readCount };
    };
    const warm = await run(10_000);
    const cold = await run(4);
    log(
      `integration events: ${stored.length} stored events -> ${warm.published} CloudEvents; held history ${Math.round(warm.perSecond)}/s ` +
        `(${warm.reads} stream reads); cold ${Math.round(cold.perSecond)}/s (${cold.reads} stream reads)`,
    );
    return {
      integration_map_per_s: warm.perSecond,
      integration_map_cold_per_s: cold.perSecond,
      integration_stream_reads_per_event: warm.reads / stored.length,
      integration_cold_stream_reads_per_event: cold.reads / stored.length,
      integration_events: stored.length,
    };
  } finally {
    await store.close();
    await pool.end();
  }
};
