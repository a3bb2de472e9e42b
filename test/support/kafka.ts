import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const run = promisify(execFile);
const script = join(__dirname, '../../scripts/kafka.sh');

export interface TestKafka {
  brokers: string[];
  kafka: Kafka;
  /** Stops the broker if this call started it; a broker that was already there is left running. */
  release(): Promise<void>;
}

/**
 * A real Kafka broker for integration tests: the one `KAFKA_BROKERS` names, or the local one
 * `scripts/kafka.sh` runs (started here if it is not running; the first start fetches the jars
 * from Maven Central, so give the caller's beforeAll a few minutes).
 */
const answers = async (broker: string): Promise<boolean> => {
  const admin = new Kafka({ clientId: 'annals-probe', brokers: [broker], logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

export const startTestKafka = async (clientId = 'annals-test'): Promise<TestKafka> => {
  let startedHere = false;
  let brokers: string[];
  if (process.env.KAFKA_BROKERS) {
    brokers = process.env.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  } else {
    const running = await run(script, ['status']).then(
      () => true,
      () => false,
    );
    // A broker someone else runs on the port (another checkout's) serves just as well: tests use their own topics.
    if (!running && !(await answers(`127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`))) {
      try {
        await run(script, ['start'], { timeout: 10 * 60_000 });
      } catch (error) {
        const { stderr } = error as { stderr?: string };
        throw new Error(`scripts/kafka.sh start failed:\n${stderr ?? String(error)}`, { cause: error });
      }
      startedHere = true;
    }
    brokers = [`127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`];
  }
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  return {
    brokers,
    kafka,
    release: async () => {
      if (startedHere) await run(script, ['stop'], { timeout: 60_000 });
    },
  };
};
