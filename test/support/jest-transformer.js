/**
 * NestJS 12, MikroORM 7 and a few others ship only ES modules. Node 20 can require() them, but
 * jest's module loader cannot before Node 24.9, so their files are compiled to CommonJS here:
 * SWC for the syntax, plus the two `import.meta` forms they use, which CommonJS lacks.
 * Our own TypeScript goes through SWC with decorator metadata. On Node 24 the same compiled
 * CommonJS runs unchanged (CI runs every suite on Node 20 and on Node 24, .ci/run), so one
 * transformer serves both; it can go when jest loads ES modules on every supported Node.
 */
const { createTransformer } = require('@swc/jest');
const swcOptions = require('../../swcrc.json');

const typescript = createTransformer({ ...swcOptions, swcrc: false });
const esm = createTransformer({
  swcrc: false,
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs', ignoreDynamic: false },
});

const looksLikeEsm = (source) => /^\s*(import|export)\s[\s\S]*?/m.test(source) || /^\s*import\s*\{/m.test(source);
// `module.require`, not `require`: some of these files declare a `require` of their own.
// An ES module that makes its own `__dirname` / `__filename` (from import.meta.url) would redeclare
// CommonJS's; its value is CommonJS's anyway, so the declaration is renamed and CommonJS's is used.
const withoutImportMeta = (source) =>
  source
    .replace(/\b(const|let|var)\s+(__dirname|__filename)\s*=/g, '$1 $2_of_esm =')
    .replace(/import\.meta\.resolve\(/g, "module.require('node:module').createRequire(__filename).resolve(")
    .replace(/import\.meta\.url/g, "module.require('node:url').pathToFileURL(__filename).href")
    .replace(/import\.meta\.dirname/g, '__dirname')
    .replace(/import\.meta\.filename/g, '__filename');

module.exports = {
  canInstrument: false,
  getCacheKey(source, path, options) {
    return typescript.getCacheKey(source, path, options) + ':esm-v4';
  },
  process(source, path, options) {
    if (!path.includes('/node_modules/')) return typescript.process(source, path, options);
    if (!looksLikeEsm(source) && !source.includes('import.meta')) {
      // CommonJS that loads an ES module with import(): jest's loader needs require() for it.
      if (!/\bimport\(\s*['"]/.test(source)) return { code: source };
      return { code: source.replace(/\bimport\(\s*(['"][^'"]+['"])\s*\)/g, 'Promise.resolve().then(() => require($1))') };
    }
    return esm.process(withoutImportMeta(source), path, options);
  },
};
