import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, checked by the reference library (`standardwebhooks`). */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  contentType: string;
  body: string;
  event: { id: string; type: string; subject: string; tenantid: string; data: Record<string, unknown>; [key: string]: unknown };
  /** Which secrets verified it (by index in `secrets`). */
  verifiedBy: number[];
  at: number;
  path: string;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/**
 * A real HTTP server on loopback that plays a partner's endpoint: every request is verified with
 * `standardwebhooks` against the secrets it knows (a request no secret verifies fails the test that
 * reads `unverified`), recorded, and answered as `answer` says (200 by default).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly unverified: { headers: IncomingMessage['headers']; body: string }[] = [];
  secrets: string[] = [];
  answer: (request: ReceivedWebhook) => Answer = () => ({ status: 200, body: 'ok' });
  private server?: Server;
  private waiters = new Set<() => void>();
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        };
        const verifiedBy = this.secrets.flatMap((secret, index) => {
          try {
            new Webhook(secret).verify(body, headers);
            return [index];
          } catch {
            return [];
          }
        });
        if (verifiedBy.length === 0) {
          this.unverified.push({ headers: request.headers, body });
          response.writeHead(400).end('signature did not verify');
          return;
        }
        const received: ReceivedWebhook = {
          id: headers['webhook-id'],
          timestamp: headers['webhook-timestamp'],
          signature: headers['webhook-signature'],
          contentType: String(request.headers['content-type']),
          body,
          event: JSON.parse(body),
          verifiedBy,
          at: Date.now(),
          path: request.url ?? '/',
        };
        this.received.push(received);
        const answer = this.answer(received);
        const reply = () => {
          response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
          this.waiters.forEach((wake) => wake());
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `condition` holds over what was received (re-checked at each request, and every 100 ms). */
  async until(condition: (received: ReceivedWebhook[]) => boolean, timeoutMs = 30_000, what = 'the webhooks expected'): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.received)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; received ${this.received.length}: ${this.received.map((r) => r.event.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 100);
        this.waiters.add(wake);
      });
    }
    return this.received;
  }
}

/** A clock the test moves: starts at the real time, moves only when told. */
export class TestClock {
  private offset = 0;
  private readonly start = Date.now();
  now = () => new Date(this.start + this.offset);
  advance(ms: number) {
    this.offset += ms;
  }
}

/** Waits for `probe` to answer something `done` accepts. */
export const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000, what = 'the condition'): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
