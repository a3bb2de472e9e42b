/**
 * Kafka relay: events carried from the store to Kafka by src/integration/kafka-relay.ts.
 * Null (with the reason) when no broker answers on KAFKA_BROKERS (default 127.0.0.1:9092) or the
 * relay module is not there yet. The relay is expected to export `KafkaRelay` constructed as
 * `new KafkaRelay({ pool, store, brokers })` with `start()`, `stop()` and a `'published'` event
 * or `getStatus().position`; adjust `driveRelay` below when its API settles.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { newPool } from './lib/pg';
import { log, now } from './lib/stats';

const brokers = () => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

const reachable = (address: string) =>
  new Promise<boolean>((resolve) => {
    const [host, port] = address.split(':');
    const socket = connect({ host, port: Number(port), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

export const benchRelay = async (url: string, events: number): Promise<{ relay_kafka_per_s: number | null; relay_note: string }> => {
  const module = join(__dirname, '..', 'src', 'integration', 'kafka-relay.ts');
  if (!existsSync(module)) return { relay_kafka_per_s: null, relay_note: 'src/integration/kafka-relay.ts does not exist yet' };
  if (!(await reachable(brokers()[0]))) return { relay_kafka_per_s: null, relay_note: `no Kafka broker on ${brokers()[0]}` };
  const relayModule = (await import(module)) as Record<string, any>;
  const KafkaRelay = relayModule.KafkaRelay;
  if (typeof KafkaRelay !== 'function') return { relay_kafka_per_s: null, relay_note: 'kafka-relay.ts exports no KafkaRelay class' };
  const pool = newPool(url, 10);
  const store = new PostgresEventStore(pool);
  try {
    const head = await store.headPosition();
    const relay = new KafkaRelay({ pool, store, brokers: brokers() });
    const t0 = now();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const position = BigInt(relay.getStatus?.().position ?? 0n);
        if (position >= head) (clearInterval(timer), resolve());
      }, 50);
      relay.start().catch(reject);
    });
    const seconds = (now() - t0) / 1000;
    await relay.stop();
    log(`relay: ${Math.round(events / seconds)} events/s`);
    return { relay_kafka_per_s: Number(head) / seconds, relay_note: `${head} events relayed` };
  } catch (error) {
    return { relay_kafka_per_s: null, relay_note: `relay failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await store.close();
    await pool.end();
  }
};
