/** Small shared helpers: percentiles, timing, peak-RSS sampling, argument parsing, table printing. */

export const percentile = (sorted: number[], p: number): number => {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
};

export const summarize = (latenciesMs: number[]) => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
};

export const now = (): number => performance.now();

export const round = (value: number | null, digits = 0): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** Samples process.memoryUsage().rss every `everyMs` and remembers the peak (MB). */
export const rssSampler = (everyMs = 50) => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }, everyMs);
  return {
    stop: (): number => {
      clearInterval(timer);
      const rss = process.memoryUsage().rss;
      if (rss > peak) peak = rss;
      return peak / 1024 / 1024;
    },
  };
};

export interface Args {
  events: number;
  writers: number;
  clients: number;
  appendSeconds: number;
  commandSeconds: number;
  relayEvents: number;
  only: string[] | null;
  keep: boolean;
  /** Load pg_stat_statements and print where the server's time went during the commands bench. */
  pgStats: boolean;
  /** Git ref whose app the commands, append and rebuild benches also run, interleaved, for same-run ratios. */
  baseline: string | null;
}

export const parseArgs = (argv: string[]): Args => {
  const args: Args = {
    events: 250_000,
    writers: 8,
    clients: 16,
    appendSeconds: 5,
    commandSeconds: 15,
    relayEvents: 200_000,
    only: null,
    keep: false,
    pgStats: false,
    baseline: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--events':
        args.events = Number(value());
        break;
      case '--writers':
        args.writers = Number(value());
        break;
      case '--clients':
        args.clients = Number(value());
        break;
      case '--append-seconds':
        args.appendSeconds = Number(value());
        break;
      case '--command-seconds':
        args.commandSeconds = Number(value());
        break;
      case '--relay-events':
        args.relayEvents = Number(value());
        break;
      case '--only':
        args.only = value().split(',');
        break;
      case '--keep':
        args.keep = true;
        break;
      case '--pg-stats':
        args.pgStats = true;
        break;
      case '--baseline':
        args.baseline = value();
        break;
      case '--help':
        console.log(
          'npm run bench -- [--events N] [--writers N] [--clients N] [--append-seconds S] [--command-seconds S] [--relay-events N] [--only append,read-all,rebuild,commands,relay,notifications,edge,audit,integration] [--keep] [--pg-stats] [--baseline GIT_REF]',
        );
        return process.exit(0);
      default:
        throw new Error(`unknown flag ${argv[i]} (try --help)`);
    }
  }
  for (const key of ['events', 'writers', 'clients', 'appendSeconds', 'commandSeconds', 'relayEvents'] as const)
    if (!Number.isFinite(args[key]) || args[key] <= 0) throw new Error(`--${key} must be a positive number`);
  return args;
};

export const fmt = (value: number | null | undefined): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
};

export const printTable = (headers: string[], rows: (string | number | null)[][]): string => {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' || cell === null ? fmt(cell) : cell)));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  const out = [line(headers), `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ')} |`, ...cells.map(line)].join('\n');
  console.log(out);
  return out;
};

export const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
