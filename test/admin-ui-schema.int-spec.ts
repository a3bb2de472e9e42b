import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gqlPluckFromCodeStringSync } from '@graphql-tools/graphql-tag-pluck';
import { GraphQLSchema, Kind, parse, printSchema, validate, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { buildAppSchema } from '../src/app-schema';

const UI = join(__dirname, '..', 'admin-ui', 'src');

/**
 * Mutations no screen runs, each with the reason. Every other mutation of the schema must be named
 * in a `gql` document under admin-ui/src (that is what "reachable from a screen" means here).
 */
const NOT_ON_A_SCREEN: Record<string, string> = {
  rebuildProjection: 'an operator task (CLI `npm run projections:rebuild` or an operator credential), not a tenant screen',
  replayProcessor: 'an operator task: replays a shared reactor for every tenant',
  retryProcessor: 'an operator task: retries a shared processor for every tenant',
  acceptInvitation: 'pending: the identity screens (admin-ui/src/identity/)',
  changePassword: 'pending: the identity screens (admin-ui/src/identity/)',
  changeUserRole: 'pending: the identity screens (admin-ui/src/identity/)',
  createApiKey: 'pending: the identity screens (admin-ui/src/identity/)',
  deactivateUser: 'pending: the identity screens (admin-ui/src/identity/)',
  inviteUser: 'pending: the identity screens (admin-ui/src/identity/)',
  reactivateUser: 'pending: the identity screens (admin-ui/src/identity/)',
  requestPasswordReset: 'pending: the identity screens (admin-ui/src/identity/)',
  resetPassword: 'pending: the identity screens (admin-ui/src/identity/)',
  revokeApiKey: 'pending: the identity screens (admin-ui/src/identity/)',
  updateTenantSettings: 'pending: the identity screens (admin-ui/src/identity/)',
};

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

/** Every `gql` document of the admin UI's sources (other engineers' feature folders included), with the file it is in. */
const uiDocuments = () =>
  sources(UI).flatMap((file) =>
    gqlPluckFromCodeStringSync(file, readFileSync(file, 'utf8'), {
      globalGqlIdentifierName: 'gql',
      modules: [{ name: './graphql-tag', identifier: 'gql' }],
    }).map((source) => ({ file: relative(UI, file), document: parse(source.body) })),
  );

describe('the admin UI against the API schema', () => {
  let schema: GraphQLSchema;
  let documents: { file: string; document: DocumentNode }[];
  let fragments: FragmentDefinitionNode[];

  beforeAll(async () => {
    schema = await buildAppSchema();
    documents = uiDocuments();
    fragments = documents.flatMap(({ document }) => document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION));
  });

  it('finds the documents of the screens', () => {
    expect(documents.length).toBeGreaterThan(40);
  });

  it('validates every document against the schema the app builds (no field the API lacks, no wrong argument)', () => {
    const problems = documents.flatMap(({ file, document }) => {
      const own = new Set(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => (d as FragmentDefinitionNode).name.value));
      // Fragments a document spreads may come from another document (interpolated at run time).
      const withFragments: DocumentNode = { ...document, definitions: [...document.definitions, ...fragments.filter((f) => !own.has(f.name.value))] };
      const errors = validate(schema, withFragments).filter((error) => !/Fragment ".*" is never used/.test(error.message));
      return errors.map((error) => `${file}: ${error.message}`);
    });
    expect(problems).toEqual([]);
  });

  it('reaches every mutation from a screen, or says why not', () => {
    const named = new Set(
      documents.flatMap(({ document }) =>
        document.definitions
          .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'mutation')
          .flatMap((operation) => operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))),
      ),
    );
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    const unreachable = mutations.filter((name) => !named.has(name) && !(name in NOT_ON_A_SCREEN));
    expect(unreachable).toEqual([]);
    // The allow-list names only mutations that exist and that no screen runs.
    const stale = Object.keys(NOT_ON_A_SCREEN).filter((name) => !mutations.includes(name) || named.has(name));
    expect(stale).toEqual([]);
  });

  it('gives every record type of the screens its allowedCommands', () => {
    for (const type of ['Lead', 'Client', 'Activity', 'Product', 'Quote', 'Order', 'Invoice', 'JournalEntry', 'Account']) {
      expect(printSchema(schema)).toMatch(new RegExp(`type ${type} \\{[^}]*allowedCommands: \\[String!\\]!`));
    }
  });
});
