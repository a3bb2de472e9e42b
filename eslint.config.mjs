// ESLint for the whole repository (npm run lint): typescript-eslint's recommended rules plus a few
// that catch real bugs here (promises nobody waits for, files that grew past one concern).
// Formatting is Prettier's job (npm run format:check), the import direction dependency-cruiser's
// (npm run lint:deps, .dependency-cruiser.cjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const root = import.meta.dirname;

/** No source file over 400 lines, except the declarative catalogues listed here. */
const MAX_LINES = 400;
const CATALOGUES = [
  'admin-ui/src/i18nProvider.ts', // the UI's message catalogue
  'admin-ui/src/i18n/*.ts', // its other parts and languages
  'projections/migrations/Migration*.ts', // schema DDL, one migration per file
];

/**
 * A context reaches another only through the other's public/ folder. dependency-cruiser checks the
 * imports; an event read by its stored type name ('OrderPlaced') is a dependency no import shows,
 * so a string naming another context's internal event (declared in its domain/*.events.ts and not
 * published in its public/) is refused here.
 */
const CONTEXTS = ['crm', 'orders', 'ledger', 'webhooks'];
const eventNames = (dir) => {
  const names = new Set();
  if (!existsSync(join(root, dir))) return names;
  const files = readdirSync(join(root, dir)).filter((file) => file.endsWith('.ts') && !file.includes('.spec.'));
  for (const file of files) for (const [, name] of readFileSync(join(root, dir, file), 'utf8').matchAll(/\btype:\s*'([A-Z][A-Za-z0-9]*)'/g)) names.add(name);
  return names;
};
const published = new Set(CONTEXTS.flatMap((context) => [...eventNames(`src/${context}/public`)]));
const internalEvents = Object.fromEntries(
  CONTEXTS.map((context) => [context, [...eventNames(`src/${context}/domain`)].filter((name) => !published.has(name)).sort()]),
);
const otherContextsEvents = CONTEXTS.map((context) => {
  const own = new Set(internalEvents[context]);
  const foreign = CONTEXTS.filter((other) => other !== context).flatMap((other) => internalEvents[other].map((name) => [other, name]));
  return { context, foreign: foreign.filter(([, name]) => !own.has(name)) };
});

/**
 * The same holds for tables: identity's users and tenants are read through its public UserDirectory
 * (src/identity/public/user-directory.ts), never by SQL naming identity's tables from another context.
 */
const IDENTITY_TABLES = ['users', 'tenants', 'user_credentials', 'user_tokens', 'api_keys', 'api_key_secrets'];
const identitySql = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+(${IDENTITY_TABLES.join('|')})\\b`, 'i').source;
const identityTablesMessage =
  "SQL on identity's tables: ask identity's UserDirectory (src/identity/public/user-directory.ts) instead, and extend it there if it lacks what you need.";
const GUARDED = [...CONTEXTS, 'dashboard', 'notifications', 'audit', 'integration'];
const contextRules = GUARDED.map((context) => ({
  context,
  selectors: [
    ...(otherContextsEvents.find((entry) => entry.context === context)?.foreign ?? []).map(([other, name]) => ({
      selector: `Literal[value='${name}']`,
      message: `'${name}' is an internal event of ${other}: reach ${other} only through src/${other}/public/ (publish it there, or read a published event).`,
    })),
    { selector: `Literal[value=/${identitySql}/i]`, message: identityTablesMessage },
    { selector: `TemplateElement[value.raw=/${identitySql}/i]`, message: identityTablesMessage },
  ],
}));

export default defineConfig(
  {
    ignores: ['**/node_modules/', '**/dist/', 'coverage/', '.cache/', '.data/', 'admin-ui/dist/', 'admin-ui/src/generated/'],
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names say "unused on purpose" (decider arguments, destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      // Declaration merging with a class is how NestJS/GraphQL types are often written; interfaces may be empty markers.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      'max-lines': ['error', { max: MAX_LINES, skipBlankLines: false, skipComments: false }],
      // A variable a closure reads before its one assignment (a test's handle on what it starts) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Typed rules on the back end, where a forgotten await loses an error or an event.
    files: ['src/**/*.ts', 'projections/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    // tsconfig.test.json is the one program that holds every back-end file, specs and tests included.
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['**/*.{spec,int-spec,e2e-spec}.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // An integration or end-to-end suite tells one story against one started app or broker (a second
    // file would start a second one): it may run longer than a source file, within a bound.
    files: ['test/**/*.{int-spec,e2e-spec}.ts'],
    rules: { 'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['admin-ui/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  ...contextRules.map(({ context, selectors }) => ({
    files: [`src/${context}/**/*.ts`, `projections/${context}/**/*.ts`],
    rules: { 'no-restricted-syntax': ['error', ...selectors] },
  })),
  {
    files: CATALOGUES,
    rules: { 'max-lines': 'off' },
  },
);
