/**
 * `--baseline REF`: the benchmarks as they were at a git ref, run beside this checkout's in the
 * same run (baseline, current, current, baseline), so the machine's noise hits both sides and the
 * ratio of the two is the change's effect.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from './stats';

const here = join(__dirname, '..', '..');

/** A worktree of `ref` that shares this checkout's node_modules, removed when `use` is done. */
export const withBaselineWorktree = async <T>(ref: string, use: (root: string, sha: string) => Promise<T>): Promise<T> => {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: here, encoding: 'utf8' }).trim();
  const root = join(tmpdir(), `annals-baseline-${sha}`);
  if (!existsSync(root)) {
    execFileSync('git', ['worktree', 'add', '--detach', root, sha], { cwd: here, stdio: 'ignore' });
    symlinkSync(join(here, 'node_modules'), join(root, 'node_modules'));
  }
  try {
    return await use(root, sha);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: here, stdio: 'ignore' });
  }
};

/** Runs `bench/run.ts --only <names>` of the checkout at `root` in its own process and returns its figures. */
const runBenchAt = (root: string, names: string[], args: string[]): Record<string, number> => {
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(root, 'bench', 'run.ts'), '--only', names.join(','), ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')).figures;
};

/** Figures compared between the two sides, with the direction in which a ratio above 1 is better. */
const COMPARED = ['append_1x8_per_s', 'append_10x8_per_s', 'append_1x8_p99_ms', 'rebuild_per_s', 'rebuild_peak_rss_mb'];

/**
 * The append and rebuild benchmarks of this checkout and of `ref`, each side a whole `bench/run.ts`
 * of its own checkout in a child process (its own store, runner and schema), interleaved.
 */
export const benchAgainstBaseline = (ref: string, names: string[], args: string[]) =>
  withBaselineWorktree(ref, async (root, sha) => {
    const runs: Record<'baseline' | 'current', Record<string, number>[]> = { baseline: [], current: [] };
    for (const side of ['baseline', 'current', 'current', 'baseline'] as const) {
      log(`${names.join(', ')} (${side === 'baseline' ? `baseline ${sha}` : 'this checkout'}):`);
      runs[side].push(runBenchAt(side === 'baseline' ? root : here, names, args));
    }
    const mean = (side: 'baseline' | 'current', key: string) => {
      const values = runs[side].map((run) => run[key]).filter((value): value is number => typeof value === 'number');
      return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    const figures: Record<string, number | string | null> = { baseline_ref: sha };
    const ratios: string[] = [];
    for (const key of COMPARED) {
      const [current, baseline] = [mean('current', key), mean('baseline', key)];
      if (current === null || baseline === null) continue;
      figures[key] = current;
      figures[`baseline_${key}`] = baseline;
      ratios.push(`${key} ${(current / baseline).toFixed(2)}x`);
    }
    log(`against ${sha}: ${ratios.join(', ')}`);
    return figures;
  });
