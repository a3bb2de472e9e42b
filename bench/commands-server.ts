/**
 * The app, as `npm start` runs it, in its own process (so the load generator does not share its
 * event loop), on the database given as argv[2]. Prints `READY <url>` once listening.
 */
import '../src/shared/node-compat';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { createApp } from '../src/app';

const main = async () => {
  const app = await createApp(
    {
      databaseUrl: process.argv[2],
      dataDir: mkdtempSync(join(tmpdir(), 'annals-bench-app-')),
      jwtSecret: 'bench-secret',
      port: 0,
      demoPassword: 'demo',
      seedDemo: true,
      // The webhooks bench's receiver listens on loopback.
      webhooks: { allowPrivateNetworks: true },
    },
    { logger: ['error'] },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  process.stdout.write(`READY http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
