import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The admin UI's types, generated from the app's schema (printed by scripts/print-schema.ts from the
 * resolvers) and every `gql` document under admin-ui/src: `npm run codegen`, run by `build:admin`.
 * A document asking for a field the schema lacks fails the generation, and so the build.
 */
const config: CodegenConfig = {
  schema: 'admin-ui/schema.graphql',
  documents: ['admin-ui/src/**/*.{ts,tsx}', '!admin-ui/src/generated/**'],
  pluckConfig: { globalGqlIdentifierName: 'gql', modules: [{ name: './graphql-tag', identifier: 'gql' }] },
  generates: {
    'admin-ui/src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: { enumsAsTypes: true, avoidOptionals: { field: true }, scalars: { DateTime: 'string', JSON: 'unknown', ID: 'string' }, skipTypename: true },
    },
  },
  silent: true,
};

export default config;
