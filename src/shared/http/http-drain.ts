import { FastifyInstance } from 'fastify';

/** Paths load balancers and orchestrators probe: answered (503) while draining, never counted as work. */
const PROBES = new Set(['/health', '/health/live', '/health/ready']);

/**
 * The HTTP side of a graceful stop. Once `stop()` is called the app is no longer ready
 * (`/health/ready` and `/health` answer 503), every new request is refused with 503 and
 * `Connection: close`, and `drained()` resolves when the requests already in flight have answered,
 * or when the grace period is over, whichever comes first. Only then do processors and the store stop.
 */
export class HttpDrain {
  private stopping = false;
  private inFlight = 0;
  private idle: (() => void) | null = null;

  get isStopping(): boolean {
    return this.stopping;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply) => {
      if (PROBES.has(request.url.split('?')[0])) return;
      if (this.stopping) {
        reply.header('connection', 'close').code(503).type('application/json');
        return reply.send({ error: 'The server is shutting down; retry on another instance in a moment' });
      }
      this.inFlight += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.inFlight -= 1;
        if (this.inFlight === 0) this.idle?.();
      };
      reply.raw.once('finish', finish);
      reply.raw.once('close', finish);
    });
  }

  stop(): void {
    this.stopping = true;
  }

  /** Resolves with the number of requests still unanswered when it gave up waiting (0 when all finished). */
  async drained(graceMs: number): Promise<number> {
    if (this.inFlight === 0) return 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.idle = null;
    return this.inFlight;
  }
}
