import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * No Docker engine runs here, so this checks what would break `docker compose up` without one:
 * services that point at each other by the wrong name or port, a single Kafka broker left with
 * replication factor 3 for its internal topics, a dependency on a service that does not exist.
 */
interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  environment?: Record<string, unknown>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
}

const root = join(__dirname, '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const envExample = readFileSync(join(root, '.env.example'), 'utf8');

/** The variables compose interpolates (`${NAME}`, `${NAME:-default}`, `${NAME:?error}`), with their form. */
const interpolated = [...composeText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(:[-?][^}]*)?\}/g)].map(([, name, rest]) => ({
  name,
  required: rest?.startsWith(':?') ?? false,
}));
/** What an operator's .env gives: every required secret set. */
const operatorEnv: Record<string, string> = { JWT_SECRET: 'a'.repeat(64), POSTGRES_PASSWORD: 'b0c1d2e3f4' };
/** The file as compose sees it with that .env: required variables set, defaults taken otherwise. */
const resolved = composeText.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, rest?: string) => {
  if (name in operatorEnv) return operatorEnv[name];
  if (kind === '?') throw new Error(`${name} is required by docker-compose.yml but the test's .env does not set it`);
  return kind === '-' ? (rest ?? '') : '';
});
const compose = load(resolved) as { services: Record<string, Service & { env_file?: unknown }> };
/** The variables .env.example names, set or commented out. */
const documented = new Set([...envExample.matchAll(/^#?\s*([A-Z_][A-Z0-9_]*)=/gm)].map(([, name]) => name));
const services = compose.services;
const env = (service: string) => (services[service].environment ?? {}) as Record<string, string>;

/** `host:container` (optionally `ip:host:container`, `/tcp`) -> [host, container]. */
const portPair = (mapping: string): [number, number] => {
  const parts = mapping.replace(/\/(tcp|udp)$/, '').split(':');
  return [Number(parts[parts.length - 2]), Number(parts[parts.length - 1])];
};

/** Kafka's `NAME://host:port,...` lists -> name -> { host, port }. */
const listeners = (value: string) =>
  new Map(
    value.split(',').map((entry) => {
      const match = /^([A-Z_]+):\/\/([^:]*):(\d+)$/.exec(entry.trim());
      if (!match) throw new Error(`not a listener: ${entry}`);
      return [match[1], { host: match[2], port: Number(match[3]) }];
    }),
  );

describe('docker-compose.yml', () => {
  it('has the four services', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'eventstore', 'kafka', 'postgres']);
    expect(services.eventstore.image).toMatch(/^(docker\.kurrent\.io\/kurrent-latest\/kurrentdb|kurrentplatform\/kurrentdb)(:|$)/);
    expect(services.postgres.image).toMatch(/^postgres:17(\.|-|$)/);
    expect(services.kafka.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
  });

  it('gives every environment value as a string (compose refuses bare booleans)', () => {
    for (const [name, service] of Object.entries(services))
      for (const [key, value] of Object.entries(service.environment ?? {})) expect([name, key, typeof value]).toEqual([name, key, 'string']);
  });

  it('points the app at PostgreSQL by service name, port and credentials', () => {
    const url = new URL(env('app').DATABASE_URL);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(Number(url.port || 5432)).toBe(5432); // the postgres image listens on 5432
    expect(decodeURIComponent(url.username)).toBe(env('postgres').POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(env('postgres').POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${env('postgres').POSTGRES_DB}`);
  });

  it('points the app at KurrentDB by service name and node port, without TLS as the node runs insecure', () => {
    expect(env('app').EVENTSTORE_URL).toBe('esdb://eventstore:2113?tls=false');
    const url = new URL(env('app').EVENTSTORE_URL);
    expect(url.hostname).toBe('eventstore');
    expect(Number(url.port)).toBe(Number(env('eventstore').KURRENTDB_NODE_PORT ?? 2113));
    expect(env('eventstore').KURRENTDB_INSECURE).toBe('true');
    expect(env('eventstore').KURRENTDB_CLUSTER_SIZE ?? '1').toBe('1');
  });

  it('points the app at a Kafka listener that advertises the same service name and port', () => {
    const kafka = env('kafka');
    const listening = listeners(kafka.KAFKA_LISTENERS);
    const advertised = listeners(kafka.KAFKA_ADVERTISED_LISTENERS);
    const brokers = env('app').KAFKA_BROKERS.split(',');
    expect(brokers).toEqual(['kafka:9092']);
    for (const broker of brokers) {
      const [host, port] = broker.split(':');
      const match = [...advertised].find(([, address]) => address.host === host && address.port === Number(port));
      expect(match).toBeDefined();
      const [name] = match!;
      // The advertised listener must really listen, on the same port, and not be the controller's.
      expect(listening.get(name)?.port).toBe(Number(port));
      expect(kafka.KAFKA_CONTROLLER_LISTENER_NAMES.split(',')).not.toContain(name);
    }
  });

  it('runs Kafka as one KRaft node with replication factor 1 for its internal topics', () => {
    const kafka = env('kafka');
    expect(kafka.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(kafka.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    expect(kafka.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
    expect(kafka.KAFKA_DEFAULT_REPLICATION_FACTOR ?? '1').toBe('1');
    // The only voter is this node, reachable on its controller listener.
    const [voterId, voterAddress] = kafka.KAFKA_CONTROLLER_QUORUM_VOTERS.split('@');
    expect(voterId).toBe(kafka.KAFKA_NODE_ID);
    const controller = listeners(kafka.KAFKA_LISTENERS).get(kafka.KAFKA_CONTROLLER_LISTENER_NAMES);
    expect(voterAddress).toBe(`kafka:${controller!.port}`);
    // Every listener needs a security protocol, or the broker refuses to start.
    const mapped = kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',').map((entry) => entry.split(':')[0]);
    for (const name of listeners(kafka.KAFKA_LISTENERS).keys()) expect(mapped).toContain(name);
    // A KRaft cluster id is 16 bytes in unpadded base64url; anything else fails storage format.
    expect(kafka.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(kafka.CLUSTER_ID, 'base64url')).toHaveLength(16);
  });

  it('lets the app start only once its dependencies are healthy, and they all exist with a health check', () => {
    const dependsOn = services.app.depends_on as Record<string, { condition: string }>;
    expect(Object.keys(dependsOn).sort()).toEqual(['eventstore', 'kafka', 'postgres']);
    for (const [name, service] of Object.entries(services)) {
      const targets = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const target of targets) {
        expect([name, target, target in services]).toEqual([name, target, true]);
        expect(target).not.toBe(name);
      }
      if (service.depends_on && !Array.isArray(service.depends_on))
        for (const [target, { condition }] of Object.entries(service.depends_on))
          if (condition === 'service_healthy') expect([target, services[target].healthcheck?.test]).toEqual([target, expect.anything()]);
    }
  });

  it('seeds no demo data and bakes in no password: the secrets come from the .env the operator writes', () => {
    expect(env('app').SEED_DEMO).toBe('false');
    expect(env('app')).not.toHaveProperty('DEMO_PASSWORD');
    expect(env('app').NODE_ENV).toBe('production');
    // Compose refuses to start until the operator sets them.
    expect(interpolated.filter((v) => v.required).map((v) => v.name)).toEqual(expect.arrayContaining(['JWT_SECRET', 'POSTGRES_PASSWORD']));
    expect(composeText).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?[^}]+\}/);
    expect(composeText).toMatch(/POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?[^}]+\}/);
    expect(env('app').JWT_SECRET).toBe(operatorEnv.JWT_SECRET);
    expect(env('postgres').POSTGRES_PASSWORD).toBe(operatorEnv.POSTGRES_PASSWORD);
    // The app gets the rest of .env (OPERATOR_TOKEN, SMTP_URL, ...) from the file itself, which must exist.
    expect(services.app.env_file).toEqual([{ path: '.env', required: true }]);
    // No literal secret anywhere: every password-like value is interpolated.
    for (const [name, service] of Object.entries(load(composeText) as { services: Record<string, Service> }['services']))
      for (const [key, value] of Object.entries(service.environment ?? {}))
        if (/PASSWORD|SECRET|TOKEN/.test(key)) expect([name, key, value]).toEqual([name, key, expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]+\}$/)]);
  });

  it('publishes only the app on the host: PostgreSQL, KurrentDB and Kafka stay inside the compose network', () => {
    expect(Object.entries(services).flatMap(([name, service]) => (service.ports?.length ? [name] : []))).toEqual(['app']);
  });

  it('documents in .env.example every variable the app reads and every one compose interpolates', () => {
    const config = readFileSync(join(root, 'src', 'config.ts'), 'utf8');
    const read = new Set([...config.matchAll(/\benv\.([A-Z_][A-Z0-9_]*)/g)].map(([, name]) => name));
    expect(read.size).toBeGreaterThan(10);
    const missing = [...read, ...interpolated.map((v) => v.name)].filter((name) => !documented.has(name));
    expect([...new Set(missing)]).toEqual([]);
    // The secrets are left empty in the example: an operator fills them in, nothing works with a copied value.
    for (const name of ['JWT_SECRET', 'POSTGRES_PASSWORD', 'OPERATOR_TOKEN']) expect(envExample).toMatch(new RegExp(`^${name}=$`, 'm'));
  });

  it('publishes no host port twice', () => {
    const hostPorts = Object.values(services).flatMap((service) => (service.ports ?? []).map((p) => portPair(p)[0]));
    expect(hostPorts.length).toBeGreaterThan(0);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });

  it('publishes the app on the port it listens on', () => {
    const containerPorts = (services.app.ports ?? []).map((p) => portPair(p)[1]);
    expect(containerPorts).toContain(Number(env('app').PORT ?? 3000));
  });

  it('builds the app from a Dockerfile that runs the compiled main', () => {
    const build = services.app.build!;
    const context = typeof build === 'string' ? build : build.context;
    const dockerfile = join(root, context, typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile'));
    expect(existsSync(dockerfile)).toBe(true);
    const text = readFileSync(dockerfile, 'utf8');
    expect(text).toMatch(/^FROM node:20\b/m);
    expect(text).toMatch(/RUN npm ci\b/);
    expect(text).toMatch(/npm run build\b/);
    expect(text).toMatch(/CMD \["node", "dist\/src\/main\.js"\]/);
    // tsc (outDir dist, rootDir .) turns src/main.ts into dist/src/main.js.
    const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions;
    expect([tsconfig.outDir, tsconfig.rootDir]).toEqual(['dist', '.']);
    expect(existsSync(join(root, 'src/main.ts'))).toBe(true);
  });
});
