/**
 * Runs the embedded PostgreSQL for a test run in its own process (jest's global setup cannot load
 * ES-module packages through its transformer). Prints the URL as one JSON line, stops the server
 * on SIGTERM, and removes its data folder.
 */
import { rmSync } from 'node:fs';
import { startEmbeddedPostgres } from '../../src/shared/database/embedded-postgres';

const dir = process.argv[2];
if (!dir) throw new Error('usage: test-postgres-server <data dir>');

startEmbeddedPostgres({ dataDir: dir, database: 'postgres' }).then(
  (handle) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    // The jest process that started us may die without teardown: never outlive it.
    process.stdin.on('end', stop);
    process.stdin.resume();
    process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
