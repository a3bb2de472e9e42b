/**
 * Kafka relay: events carried from the store to Kafka by src/integration/kafka-relay.ts (KafkaRelay,
 * a reactor on the processor runtime, acks=all, idempotent producer), over the last `count` events of the seeded
 * log (its checkpoint starts at head - count), onto a fresh topic. Null, with the reason, when no
 * broker answers on KAFKA_BROKERS (default 127.0.0.1:9092; `bash scripts/kafka.sh start`).
 */
import { connect } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaRelay } from '../src/integration/kafka-relay';
import { readCheckpoint, setCheckpoint } from '../src/shared/processing/checkpoint-store';
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

export const benchRelay = async (url: string, count: number): Promise<Record<string, number | string | null>> => {
  if (!(await reachable(brokers()[0]))) return { relay_kafka_per_s: null, relay_note: `no Kafka broker on ${brokers()[0]}` };
  const pool = newPool(url, 10);
  const store = new PostgresEventStore(pool);
  const suffix = Date.now().toString(36);
  const consumerName = `bench-relay-${suffix}`;
  const kafka = new Kafka({ clientId: 'annals-bench', brokers: brokers(), logLevel: logLevel.NOTHING });
  const relay = new KafkaRelay(pool, store, kafka, { topicPrefix: `bench-${suffix}.`, consumerName });
  try {
    const head = await store.headPosition();
    const from = head > BigInt(count) ? head - BigInt(count) : 0n;
    await setCheckpoint(pool, consumerName, from, 'reactor');
    const t0 = now();
    const cpu0 = process.cpuUsage();
    await relay.start();
    while ((await readCheckpoint(pool, consumerName, 'reactor')).position < head) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (now() - t0) / 1000;
    // The relay is CPU-bound in this process (kafkajs encodes the requests in JS): its CPU time per
    // event says more than the rate when other processes take the cores.
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const events = Number(head - from);
    log(
      `relay: ${events} events (${relay.publishedCount} messages) in ${seconds.toFixed(1)} s: ${Math.round(events / seconds)} events/s; ` +
        `CPU of this process ${cpuSeconds.toFixed(1)} s (${Math.round((100 * cpuSeconds) / seconds)}% of a core, ${((1e6 * cpuSeconds) / events).toFixed(1)} µs per event)`,
    );
    return {
      relay_kafka_per_s: events / seconds,
      relay_events: events,
      relay_messages: relay.publishedCount,
      relay_cpu_us_per_event: (1e6 * cpuSeconds) / events,
      relay_note: 'includes topic creation and producer connect',
    };
  } catch (error) {
    return { relay_kafka_per_s: null, relay_note: `relay failed: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await relay.stop();
    await store.close();
    await pool.end();
  }
};
