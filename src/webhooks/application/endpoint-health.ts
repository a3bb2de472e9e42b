import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { webhookEndpointDecider, WebhookEndpointCommand } from '../domain/webhook-endpoint';
import { webhookEndpointStream } from '../domain/webhook-endpoint.events';

const ACTOR = 'system:webhooks';

interface Health {
  status: string;
  failingSince: number | null;
}

/**
 * An endpoint's health as events of its own stream (WebhookEndpointFailing, WebhookEndpointDisabled,
 * WebhookEndpointRecovered), appended by annals itself. The worker tells every outcome; only one that
 * may change the health reaches the stream (the decider decides; the rest is known here).
 */
@Injectable()
export class EndpointHealth {
  private readonly logger = new Logger('Webhooks');
  private readonly known = new Map<string, Health>();
  private chain = new Map<string, Promise<void>>();

  constructor(private readonly runner: EventSourcedRunner) {}

  /** What the read model said when the delivery was fetched (fresher news from this instance wins). */
  seen(endpointId: string, status: string, failingSince: Date | null): void {
    if (!this.known.has(endpointId)) this.known.set(endpointId, { status, failingSince: failingSince ? failingSince.getTime() : null });
  }

  /** An admin enabled, disabled or changed it: the read model is the truth again. */
  forget(endpointId: string): void {
    this.known.delete(endpointId);
  }

  /** Disabled or deleted by an admin: queued deliveries stop at once. */
  disabled(endpointId: string): void {
    this.known.set(endpointId, { status: 'DISABLED', failingSince: null });
  }

  isDisabled(endpointId: string): boolean {
    return this.known.get(endpointId)?.status === 'DISABLED';
  }

  succeeded(tenantId: string, endpointId: string, at: Date): void {
    if (this.known.get(endpointId)?.status !== 'FAILING') return;
    this.known.set(endpointId, { status: 'ACTIVE', failingSince: null });
    this.tell(tenantId, { type: 'RecordDeliverySuccess', endpointId, at: at.toISOString() });
  }

  failed(tenantId: string, endpointId: string, at: Date, statusCode: number | null, error: string | null, disableAfterMs: number): void {
    const health = this.known.get(endpointId) ?? { status: 'ACTIVE', failingSince: null };
    if (health.status === 'ACTIVE') this.known.set(endpointId, { status: 'FAILING', failingSince: at.getTime() });
    else if (health.status === 'FAILING' && health.failingSince !== null && at.getTime() - health.failingSince >= disableAfterMs)
      this.known.set(endpointId, { status: 'DISABLED', failingSince: health.failingSince });
    else return;
    this.tell(tenantId, { type: 'RecordDeliveryFailure', endpointId, at: at.toISOString(), statusCode, error, disableAfterMs });
  }

  gone(tenantId: string, endpointId: string, at: Date): void {
    if (this.known.get(endpointId)?.status === 'DISABLED') return;
    this.known.set(endpointId, { status: 'DISABLED', failingSince: null });
    this.tell(tenantId, { type: 'RecordEndpointGone', endpointId, at: at.toISOString() });
  }

  /** Resolves once every health change told so far is in the log. */
  async settled(): Promise<void> {
    await Promise.all([...this.chain.values()]);
  }

  /** One endpoint's changes in order; a refused or failed append is logged and the health re-read next time. */
  private tell(tenantId: string, command: WebhookEndpointCommand): void {
    const previous = this.chain.get(command.endpointId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const result = await this.runner.run(webhookEndpointDecider, webhookEndpointStream(command.endpointId), command, {
          tenantId,
          actorId: ACTOR,
          correlationId: randomUUID(),
          causationId: randomUUID(),
          actorKind: 'system',
        });
        const state = result.state;
        if (state.status !== 'NONE')
          this.known.set(command.endpointId, { status: state.status, failingSince: state.failingSince ? Date.parse(state.failingSince) : null });
      } catch (error) {
        this.known.delete(command.endpointId);
        this.logger.warn(`endpoint ${command.endpointId}: recording ${command.type} failed: ${(error as Error).message}`);
      }
    });
    this.chain.set(command.endpointId, next);
    void next.finally(() => {
      if (this.chain.get(command.endpointId) === next) this.chain.delete(command.endpointId);
    });
  }
}
