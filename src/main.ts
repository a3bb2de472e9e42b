import './shared/node-compat';
import { Logger } from '@nestjs/common';
import { createApp, stopApp } from './app';
import { loadConfig } from './config';
import { assertDataDirReachable, EmbeddedPostgresError } from './shared/database/embedded-postgres';

const bootstrap = async () => {
  const config = loadConfig();
  if (config.dataDirNote) new Logger('annals').warn(config.dataDirNote);
  if (!config.databaseUrl) assertDataDirReachable(config.dataDir);
  const app = await createApp(config);
  const logger = new Logger('annals');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: stopping`);
    await stopApp(app, config, (message) => logger.log(message));
    logger.log('Stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host ?? '0.0.0.0' });
  logger.log(`annals is up: GraphQL http://localhost:${config.port}/graphql, admin UI http://localhost:${config.port}/admin`);
};

bootstrap().catch((error) => {
  // An error that says what to do is printed alone; anything else with its stack.
  new Logger('annals').error(error instanceof EmbeddedPostgresError ? error.message : error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
