import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Run as root, the embedded PostgreSQL runs as the `postgres` system user (PostgreSQL refuses
 * root). That user must be able to enter every folder on the way to the server binaries and to
 * the data folder: a checkout in root's home folder (/root, mode 0700) is not on its way.
 */
export interface Account {
  uid: number;
  gid: number;
}

export const POSTGRES_USER = 'postgres';
/** Where root keeps what the postgres user must reach: server binaries, and data a checkout cannot hold. */
export const STATE_ROOT = '/var/lib/annals';

/** The `postgres` system user's ids, or undefined while it does not exist (it is created at the first start). */
export const postgresAccount = (): Account | undefined => {
  try {
    const id = (flag: string) =>
      Number(
        execFileSync('id', [flag, POSTGRES_USER], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      );
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
};

export const runsAsRoot = (): boolean => process.getuid?.() === 0;

type Stat = (path: string) => { uid: number; gid: number; mode: number; isDirectory(): boolean };

/**
 * The first existing folder on the way to `path` (`path` itself included, if it is a folder) that
 * `account` cannot enter, or undefined when it can enter all of them. An account not created yet
 * (undefined) is judged as "others". Folders that do not exist yet are left out: whoever creates
 * them decides. Mode bits only, as the processes are started without supplementary groups; ACLs
 * are not read.
 */
export const blockedFolder = (path: string, account: Account | undefined, stat: Stat = statSync): string | undefined => {
  if (account?.uid === 0) return undefined;
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of folders) {
    let info;
    try {
      info = stat(folder);
    } catch {
      return undefined;
    }
    if (!info.isDirectory()) return undefined;
    const bit = account && info.uid === account.uid ? 0o100 : account && info.gid === account.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) return folder;
  }
  return undefined;
};
