/**
 * While src/integration/integration.schema.ts is still being written by another engineer, the
 * app's migrations cannot load. Only in that case, resolve it to an empty schema so the bench
 * can still create the rest of the app schema. Has no effect once the real file exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Module from 'node:module';
import { pathToFileURL } from 'node:url';

const real = join(__dirname, '..', '..', 'src', 'integration', 'integration.schema.ts');
export const integrationSchemaShimmed = !existsSync(real);

if (integrationSchemaShimmed) {
  const stub = join(__dirname, 'integration-schema.stub.ts');
  const resolve = (Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string })._resolveFilename;
  (Module as unknown as { _resolveFilename: typeof resolve })._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request.endsWith('integration/integration.schema')) return stub;
    return resolve.call(this, request, ...rest);
  };
}

/**
 * MikroORM 7 imports `globSync` from node:fs, which Node 20 lacks (added in 22): its migrator
 * then fails once the migrations ran (reported as a finding: package.json says node >=20.19).
 * On such a Node, an ESM load hook gives that one module a stand-in (it is only called to find
 * entity files by glob, which annals does not do: it lists its entities).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const globSyncShimmed = typeof (require('node:fs') as Record<string, unknown>).globSync !== 'function';
if (globSyncShimmed) {
  const { register } = Module as unknown as { register?: (specifier: string, parentURL: string) => void };
  register?.('./node20-hooks.mjs', pathToFileURL(__filename).href);
}
