import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import { AppModule } from './app.module';
import { AppConfig } from './config';
import { validationPipe } from './shared/graphql/errors';
import { inputGuardPipe } from './shared/graphql/input-guard';
import { HttpDrain } from './shared/http/http-drain';
import { installSecurityHeaders } from './shared/http/security-headers';

export const ADMIN_UI_DIR = join(__dirname, '..', '..', 'admin-ui', 'dist');
/**
 * The admin UI's Content-Security-Policy: its own scripts only (Vite emits no inline script), inline
 * styles (MUI's emotion writes <style> tags), images and fonts from itself or data: URLs, the API
 * and its subscriptions on the same origin, never framed.
 */
export const ADMIN_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

const adminUiDir = () => [ADMIN_UI_DIR, join(process.cwd(), 'admin-ui', 'dist')].find((dir) => existsSync(join(dir, 'index.html')));

/** The whole app, configured but not listening: main.ts and the tests both start it here. */
export const createApp = async (config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({ bodyLimit: 1_048_576, forceCloseConnections: true }),
    {
      logger: options.logger ?? ['log', 'warn', 'error'],
      abortOnError: false,
    },
  );
  app.useGlobalPipes(inputGuardPipe, validationPipe);

  const ui = adminUiDir();
  const fastify = app.getHttpAdapter().getInstance();
  app.get(HttpDrain).install(fastify);
  // GraphiQL (when on) loads its page from a CDN: the admin UI's policy would block it (see installSecurityHeaders).
  installSecurityHeaders(fastify, ADMIN_CSP);
  if (ui) {
    await app.register(fastifyStatic as never, { root: ui, prefix: '/admin/', decorateReply: false, index: ['index.html'] });
    fastify.get('/admin', (_request, reply) => reply.redirect('/admin/'));
  } else {
    fastify.get('/admin*', (_request, reply) =>
      reply.code(503).type('text/plain').send('The admin UI is not built: run `npm run build:admin` (npm start does it for you)'),
    );
  }
  fastify.get('/', (_request, reply) => reply.redirect('/admin/'));
  return app;
};

/**
 * A graceful stop: not ready and refusing new requests first, then the requests in flight finish (at
 * most `shutdownGraceMs`), then Nest closes the rest (processors, then the store and the database).
 */
export const stopApp = async (app: NestFastifyApplication, config: Pick<AppConfig, 'shutdownGraceMs'>, log: (message: string) => void = () => undefined) => {
  const drain = app.get(HttpDrain);
  drain.stop();
  log(`not ready; refusing new requests; waiting for ${drain.requestsInFlight} in flight`);
  const left = await drain.drained(config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
  log(left === 0 ? 'requests in flight finished' : `${left} request(s) still in flight after the grace period: closing them`);
  await app.close();
};
