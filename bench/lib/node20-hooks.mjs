// ESM load hook used by shim.ts on Node < 22 only: MikroORM's fs-utils imports fs.globSync.
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.endsWith('/@mikro-orm/core/utils/fs-utils.js')) return result;
  const source = String(result.source).replace(
    'globSync as nodeGlobSync, ',
    '',
  );
  return {
    ...result,
    source: `const nodeGlobSync = () => { throw new Error('fs.globSync needs Node 22 (bench shim)'); };\n${source}`,
  };
}
