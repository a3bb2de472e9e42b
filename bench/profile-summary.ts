/**
 * Top frames of a V8 CPU profile (from `node --cpu-prof`, or BENCH_CPU_PROF=1 npm run bench):
 *   node -r @swc-node/register bench/profile-summary.ts file.cpuprofile [top]
 * Prints self time per function (and per package/file), as a share of the sampled time.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const where = (url: string) => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0)
    return url
      .slice(nm + 13)
      .split('/')
      .slice(0, url.slice(nm + 13).startsWith('@') ? 2 : 1)
      .join('/');
  const main = url.indexOf('/work/main/');
  return main >= 0 ? url.slice(main + 11) : url || '(native)';
};

export const summarizeProfile = (file: string, top = 15): string => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const frames = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'}  ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
    frames.set(key, (frames.get(key) ?? 0) + time);
    const group = functionName === '(idle)' || functionName === '(garbage collector)' || functionName === '(program)' ? functionName : where(url);
    files.set(group, (files.get(group) ?? 0) + time);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  const lines = [`${file}: ${(total / 1e6).toFixed(1)} s sampled`, 'self time by function:'];
  for (const [key, time] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(time)}  ${key}`);
  lines.push('self time by package / file:');
  for (const [key, time] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(time)}  ${key}`);
  return lines.join('\n');
};

if (require.main === module) console.log(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 15)));
