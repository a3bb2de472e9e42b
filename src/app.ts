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

export const ADMIN_UI_DIR = join(__dirname, '..', '..', 'admin-ui', 'dist');
const adminUiDir = () => [ADMIN_UI_DIR, join(process.cwd(), 'admin-ui', 'dist')].find((dir) => existsSync(join(dir, 'index.html')));

/** The whole app, configured but not listening: main.ts and the tests both start it here. */
export const createApp = async (config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<NestFastifyApplication> => {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter({ bodyLimit: 1_048_576 }), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    abortOnError: false,
  });
  app.useGlobalPipes(validationPipe);

  const ui = adminUiDir();
  const fastify = app.getHttpAdapter().getInstance();
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
