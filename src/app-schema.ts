import 'reflect-metadata';
import { DynamicModule, Type } from '@nestjs/common';
import { ENTRY_PROVIDER_WATERMARK } from '@nestjs/common/constants.js';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AppModule, schemaOptions } from './app.module';
import { AppConfig } from './config';

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule>;

/** Every resolver class the app's modules provide, found by walking the module graph from the root. */
const resolversOf = (root: DynamicModule): Type<unknown>[] => {
  const seen = new Set<unknown>();
  const resolvers = new Set<Type<unknown>>();
  const visit = (module: ModuleRef) => {
    if (!module || module instanceof Promise || seen.has(module)) return;
    seen.add(module);
    const dynamic = typeof module === 'function' ? undefined : module;
    const type = typeof module === 'function' ? module : module.module;
    const providers = [...(Reflect.getMetadata('providers', type) ?? []), ...(dynamic?.providers ?? [])];
    for (const provider of providers) {
      const target = typeof provider === 'function' ? provider : provider?.useClass;
      if (typeof target === 'function' && Reflect.getMetadata(ENTRY_PROVIDER_WATERMARK, target)) resolvers.add(target);
    }
    for (const imported of [...(Reflect.getMetadata('imports', type) ?? []), ...(dynamic?.imports ?? [])]) visit(imported as ModuleRef);
  };
  visit(root);
  return [...resolvers];
};

/**
 * The app's GraphQL schema, built from its resolvers without starting it (no database): what the
 * admin UI's documents and types are generated and checked against (`npm run codegen`).
 */
export const buildAppSchema = async (): Promise<GraphQLSchema> => {
  const root = AppModule.forRoot({ port: 0, dataDir: '', jwtSecret: '', demoPassword: '', seedDemo: false } as AppConfig);
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(resolversOf(root), schemaOptions);
    return lexicographicSortSchema(schema);
  } finally {
    await app.close();
  }
};

export const printAppSchema = async (): Promise<string> => printSchema(await buildAppSchema());
