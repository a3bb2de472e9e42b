import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedFolder } from './reachable';

const folder = (uid: number, gid: number, mode: number) => ({ uid, gid, mode, isDirectory: () => true });

describe('blockedFolder: the first folder on the way that an account cannot enter', () => {
  const postgres = { uid: 999, gid: 998 };
  const tree: Record<string, ReturnType<typeof folder>> = {
    '/': folder(0, 0, 0o755),
    '/root': folder(0, 0, 0o700),
    '/root/annals': folder(0, 0, 0o755),
    '/srv': folder(0, 0, 0o755),
    '/srv/team': folder(0, 998, 0o750),
    '/srv/own': folder(999, 0, 0o700),
  };
  const stat = (path: string) => {
    const info = tree[path];
    if (!info) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return info;
  };

  it('names the home folder of root that a checkout sits in', () => expect(blockedFolder('/root/annals/.data', postgres, stat)).toBe('/root'));
  it('lets the account through folders open to others, to its group, or its own', () => {
    expect(blockedFolder('/srv/team', postgres, stat)).toBeUndefined();
    expect(blockedFolder('/srv/own', postgres, stat)).toBeUndefined();
  });
  it('judges an account not created yet as "others"', () => {
    expect(blockedFolder('/srv/team', undefined, stat)).toBe('/srv/team');
    expect(blockedFolder('/srv', undefined, stat)).toBeUndefined();
  });
  it('stops at the first folder that does not exist yet (whoever creates it decides)', () =>
    expect(blockedFolder('/srv/new/deeper', postgres, stat)).toBeUndefined());
  it('never blocks root', () => expect(blockedFolder('/root/annals', { uid: 0, gid: 0 }, stat)).toBeUndefined());

  it('reads the real file system', () => {
    const base = mkdtempSync(join(tmpdir(), 'annals-reachable-'));
    try {
      const closed = join(base, 'closed');
      mkdirSync(join(closed, 'inside'), { recursive: true });
      chmodSync(base, 0o755);
      chmodSync(closed, 0o700);
      const stranger = { uid: 4_000_000_001, gid: 4_000_000_001 };
      expect(blockedFolder(join(closed, 'inside'), stranger)).toBe(closed);
      expect(blockedFolder(base, stranger)).toBeUndefined();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
