/**
 * MikroORM 7 imports `globSync` from node:fs (added in Node 22). On Node 20 that named import
 * fails at link time, so give node:fs the function before any ES module imports node:fs: this
 * file must be the first import of every entry point. (MikroORM itself prefers tinyglobby when
 * it is installed, so this shim only has to exist, and behave sensibly if called.) On Node 22
 * and later node:fs has its own and this file does nothing; it goes when Node 20 support does.
 */
import fs from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

type Dirent = { name: string; parentPath: string; isFile(): boolean; isDirectory(): boolean };

if (typeof (fs as { globSync?: unknown }).globSync !== 'function') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { globSync } = require('tinyglobby') as { globSync: (patterns: string[], options: object) => string[] };
  const shim = (patterns: string | string[], options: { cwd?: string; withFileTypes?: boolean } = {}) => {
    const cwd = options.cwd ?? process.cwd();
    const files = globSync(([] as string[]).concat(patterns), { cwd, expandDirectories: false, absolute: false });
    if (!options.withFileTypes) return files;
    return files.map((file): Dirent => {
      const full = resolve(cwd, file);
      const stat = fs.statSync(full);
      return { name: basename(full), parentPath: dirname(full), isFile: () => stat.isFile(), isDirectory: () => stat.isDirectory() };
    });
  };
  Object.defineProperty(fs, 'globSync', { value: shim, writable: true, configurable: true, enumerable: true });
}
