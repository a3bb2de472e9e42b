import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Agent } from 'undici';
import type { WebhooksConfig } from '../../config';
import { Clock, CLOCK } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { LeaderLease } from '../../shared/processing/leader-lease';
import { DATABASE } from '../../shared/tokens';
import { AttemptResult, DeliveryLog, DueDelivery } from './delivery-log';
import { EndpointHealth } from './endpoint-health';
import { postWebhook, SendResult, webhookAgent } from './http-sender';
import { StartJobs } from './start-jobs';
import { nextDelayMs, retryAfterMs, WEBHOOKS_CONFIG } from './webhooks.config';
import { signatureHeader, signingKeys } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';

/** Requests in flight per endpoint: one slow endpoint holds its own slots, never another's. */
export const ENDPOINT_CONCURRENCY = 16;
const FETCH_PER_ENDPOINT = 200;
const POLL_MS = 200;
const STANDBY_MS = 2000;
const PRUNE_EVERY_MS = 3_600_000;
const JOBS_EVERY_MS = 1000;
const SECRETS_TTL_MS = 5000;

interface Lane {
  queue: DueDelivery[];
  active: number;
  /** rateLimitPerSecond: a token bucket refilled continuously. */
  tokens: number;
  refilledAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Sends scheduled deliveries and records every attempt. One worker leads across instances (an
 * advisory-lock lease). Each endpoint has its own lane (its concurrency, its rate limit, its queue),
 * so a slow or dead endpoint delays only itself. A delivery leaves the in-flight set only once its
 * attempt is recorded: a crash before that sends it again, with the same webhook-id.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly lease: LeaderLease;
  private readonly agent: Agent;
  private readonly lanes = new Map<string, Lane>();
  private readonly inFlight = new Set<string>();
  private readonly secrets = new Map<string, { key: Buffer; expiresAt: number | null }[]>();
  private results: { result: AttemptResult; delivery: DueDelivery }[] = [];
  private flushing?: Promise<void>;
  private pumping?: Promise<void>;
  private pumpAgain = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private lastPrune = 0;
  /** When start jobs were last looked for; a create asks again at once (`wake(true)`). */
  private lastJobs = 0;
  private jobsAsked = true;
  /** Signing keys per endpoint and when they were read (a rotation here forgets them at once; elsewhere within SECRETS_TTL_MS). */
  private readonly secretsReadAt = new Map<string, number>();
  private sends = new Set<Promise<void>>();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly log: DeliveryLog,
    private readonly secretStore: WebhookSecrets,
    private readonly health: EndpointHealth,
    private readonly startJobs: StartJobs,
  ) {
    this.lease = new LeaderLease(database.pool, 'webhooks.delivery-worker');
    this.agent = webhookAgent(config.allowPrivateNetworks, config.timeoutMs, ENDPOINT_CONCURRENCY);
  }

  onApplicationBootstrap(): void {
    if (this.config.allowPrivateNetworks)
      this.logger.log('WEBHOOKS_ALLOW_PRIVATE_NETWORKS is on: webhooks may call http:// and private, loopback or link-local addresses');
    const tick = () => {
      if (this.stopped) return;
      this.wake();
      this.timer = setTimeout(tick, this.lease.held ? POLL_MS : STANDBY_MS);
      this.timer.unref();
    };
    tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const lane of this.lanes.values()) clearTimeout(lane.timer);
    await this.pumping?.catch(() => undefined);
    await Promise.all([...this.sends]);
    await this.flush().catch(() => undefined);
    await this.health.settled();
    await this.agent.close().catch(() => undefined);
    this.lease.release();
  }

  /** New work may be due (the dispatcher scheduled some, an admin resent or enabled). */
  wake(jobs = false): void {
    if (jobs) this.jobsAsked = true;
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error) => this.logger.warn(`delivery worker: ${(error as Error).message}; retrying`))
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain) {
          this.pumpAgain = false;
          this.wake();
        }
      });
  }

  /** A rotation: the endpoint's keys are read again before its next delivery. */
  forgetSecrets(endpointId: string): void {
    this.secretsReadAt.delete(endpointId);
  }

  /** The time deliveries are scheduled by (the app's clock). */
  now(): Date {
    return this.clock.now();
  }

  /** Everything due now has been sent and recorded (tests; the bench). */
  get idle(): boolean {
    return this.inFlight.size === 0 && !this.pumping;
  }

  private async pump(): Promise<void> {
    if (!this.lease.held && !(await this.lease.acquire(() => this.logger.warn('delivery worker: lease lost; standing by')))) return;
    if (this.jobsAsked || performance.now() - this.lastJobs > JOBS_EVERY_MS) {
      this.jobsAsked = false;
      this.lastJobs = performance.now();
      await this.startJobs.runPending();
    }
    const now = this.clock.now();
    if (now.getTime() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      const pruned = await this.log.prune(new Date(now.getTime() - this.config.logRetentionDays * 86_400_000));
      if (pruned.attempts + pruned.payloads > 0) this.logger.log(`delivery log pruned: ${pruned.attempts} attempts, ${pruned.payloads} payloads`);
    }
    const due = await this.log.due(now, [...this.inFlight], FETCH_PER_ENDPOINT);
    if (due.length === 0) return;
    const endpoints = [...new Set(due.map((d) => d.endpoint_id))];
    const stale = endpoints.filter((id) => !(performance.now() - (this.secretsReadAt.get(id) ?? -Infinity) < SECRETS_TTL_MS));
    if (stale.length > 0) {
      const read = await this.secretStore.signing(stale, now);
      for (const id of stale) {
        const secrets = read.get(id) ?? [];
        const keys = signingKeys(secrets.map((s) => s.secret));
        this.secrets.set(
          id,
          secrets.map((s, i) => ({ key: keys[i], expiresAt: s.expiresAt })),
        );
        this.secretsReadAt.set(id, performance.now());
      }
    }
    for (const delivery of due) {
      this.health.seen(delivery.endpoint_id, delivery.endpoint_status, delivery.failing_since);
      this.inFlight.add(delivery.id);
      this.lane(delivery.endpoint_id).queue.push(delivery);
    }
    for (const endpointId of endpoints) this.drain(endpointId);
  }

  private lane(endpointId: string): Lane {
    let lane = this.lanes.get(endpointId);
    if (!lane) {
      lane = { queue: [], active: 0, tokens: 1, refilledAt: performance.now() };
      this.lanes.set(endpointId, lane);
    }
    return lane;
  }

  private drain(endpointId: string): void {
    const lane = this.lane(endpointId);
    clearTimeout(lane.timer);
    lane.timer = undefined;
    while (lane.queue.length > 0 && lane.active < ENDPOINT_CONCURRENCY && !this.stopped) {
      if (this.health.isDisabled(endpointId)) {
        // Disabled meanwhile (410, or too long failing): what is queued stays PENDING for when it is enabled again.
        for (const dropped of lane.queue.splice(0)) this.inFlight.delete(dropped.id);
        break;
      }
      const limit = lane.queue[0].rate_limit_per_second;
      if (limit) {
        const at = performance.now();
        lane.tokens = Math.min(limit, lane.tokens + ((at - lane.refilledAt) * limit) / 1000);
        lane.refilledAt = at;
        if (lane.tokens < 1) {
          lane.timer = setTimeout(() => this.drain(endpointId), Math.ceil(((1 - lane.tokens) * 1000) / limit));
          return;
        }
        lane.tokens -= 1;
      }
      const delivery = lane.queue.shift()!;
      lane.active++;
      const send = this.send(delivery).finally(() => {
        lane.active--;
        this.sends.delete(send);
        this.drain(endpointId);
      });
      this.sends.add(send);
    }
    if (lane.queue.length === 0 && lane.active === 0) this.lanes.delete(endpointId);
  }

  private async send(delivery: DueDelivery): Promise<void> {
    const at = this.clock.now().getTime();
    const keys = (this.secrets.get(delivery.endpoint_id) ?? []).filter((s) => s.expiresAt === null || s.expiresAt > at).map((s) => s.key);
    const body = delivery.payload ?? '';
    // Wall-clock seconds: receivers compare webhook-timestamp with their own clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const outcome: SendResult =
      keys.length === 0 || delivery.payload === null
        ? { statusCode: null, responseBody: null, error: keys.length === 0 ? 'the endpoint has no signing secret' : 'the payload was pruned', durationMs: 0 }
        : await postWebhook(
            this.agent,
            delivery.url,
            {
              'content-type': 'application/cloudevents+json',
              'user-agent': 'annals-webhooks/1',
              'webhook-id': delivery.id,
              'webhook-timestamp': String(timestamp),
              'webhook-signature': signatureHeader(keys, delivery.id, timestamp, body),
            },
            body,
            this.config.timeoutMs,
          );
    this.results.push({ result: this.classify(delivery, outcome), delivery });
    if (this.results.length >= 500) await this.flush();
    else void this.flushSoon();
  }

  /** What an outcome means for the delivery: success, a retry when, or the end of its schedule. */
  private classify(delivery: DueDelivery, outcome: SendResult): AttemptResult {
    const at = this.clock.now();
    const base = {
      id: delivery.id,
      tenantId: delivery.tenant_id,
      endpointId: delivery.endpoint_id,
      at,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      responseBody: outcome.responseBody,
      error: outcome.error,
    };
    const code = outcome.statusCode;
    if (code !== null && code >= 200 && code < 300) {
      this.health.succeeded(delivery.tenant_id, delivery.endpoint_id, at);
      return { ...base, status: 'SUCCEEDED', nextAttemptAt: null };
    }
    if (code === 410) {
      this.health.gone(delivery.tenant_id, delivery.endpoint_id, at);
      return {
        ...base,
        error: 'the endpoint answered 410 Gone: it is disabled, and this delivery waits for it to be enabled again',
        status: 'PENDING',
        nextAttemptAt: at,
      };
    }
    this.health.failed(delivery.tenant_id, delivery.endpoint_id, at, code, outcome.error, this.config.disableAfterHours * 3_600_000);
    const attempts = delivery.attempt_count + 1;
    const scheduled = nextDelayMs(this.config.retrySchedule, attempts);
    if (scheduled === null) return { ...base, status: 'FAILED', nextAttemptAt: null };
    const asked = code === 429 || code === 503 ? retryAfterMs(outcome.retryAfter, at) : null;
    return { ...base, status: 'RETRYING', nextAttemptAt: new Date(at.getTime() + (asked ?? scheduled)) };
  }

  private flushSoon(): Promise<void> {
    if (!this.flushing) {
      this.flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush()).finally(() => (this.flushing = undefined));
    }
    return this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.results.length > 0) {
      const batch = this.results;
      this.results = [];
      try {
        await this.log.record(batch.map((b) => b.result));
      } catch (error) {
        // Not recorded: these deliveries leave the in-flight set and are due again, so they are sent again (same id).
        this.logger.warn(`recording ${batch.length} webhook attempts failed: ${(error as Error).message}`);
      }
      for (const { delivery } of batch) this.inFlight.delete(delivery.id);
    }
    this.wake();
  }
}
