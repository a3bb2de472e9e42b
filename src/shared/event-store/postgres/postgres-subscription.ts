import { SubscribeOptions, Subscription, SubscriptionHandler } from '../event-store.port';
import type { EventFeed } from './event-feed';
import { NotificationListener, Wakeable } from './notification-listener';

const SUBSCRIPTION_BATCH = 500;
/**
 * Delays before re-checking events held back by an older transaction still in flight, doubling
 * from the first to the last. Kept short: the transaction that ends the hold need not be an append
 * (the snapshot's xmin counts every transaction with an xid, projector commits included), so no
 * notification may announce it, and a re-check is one small indexed query.
 */
const HELD_BACK_RECHECK_MS = { first: 5, max: 50 };

/**
 * A catch-up subscription. Each pass reads the visible head, delivers every matching event up to
 * it, then sleeps until a notification, a poll, or (when an older append still in flight holds
 * events back) a quick re-check with back-off.
 */
export class PostgresSubscription implements Subscription, Wakeable {
  private position: bigint;
  private stopped = false;
  private notified = false;
  private sleeping: { resolve: () => void } | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly feed: EventFeed,
    private readonly listener: NotificationListener,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
    private readonly pollIntervalMs: number,
  ) {
    this.position = options.after;
    this.loop = this.run();
  }

  wake(position: bigint): boolean {
    if (position !== 0n && position <= this.position) return false;
    this.notified = true;
    this.sleeping?.resolve();
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.resolve();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      // Listen before the first read, so nothing appended after it goes unnoticed.
      await this.listener.add(this);
      let firstPass = true;
      let recheckMs = HELD_BACK_RECHECK_MS.first;
      let lastVisibleHead = -1n;
      while (!this.stopped) {
        const notified = this.notified;
        this.notified = false;
        const [visibleHead, storedHead] = await this.feed.heads({ sinceWakeUp: this.listener.wakeUps });
        const delivered = await this.deliverUpTo(visibleHead);
        if (this.stopped) break;
        if (firstPass || notified || delivered) this.handler.onCaughtUp?.(this.position);
        firstPass = false;
        // Progress means holds are short-lived right now: start the back-off again.
        if (visibleHead > lastVisibleHead) recheckMs = HELD_BACK_RECHECK_MS.first;
        lastVisibleHead = visibleHead;
        if (this.notified) continue;
        if (storedHead > visibleHead) {
          await this.sleep(Math.min(recheckMs, this.pollIntervalMs));
          recheckMs = Math.min(recheckMs * 2, HELD_BACK_RECHECK_MS.max);
        } else {
          await this.sleep(this.pollIntervalMs);
        }
      }
    } catch (error) {
      this.stopped = true;
      this.handler.onError?.(error);
    } finally {
      this.stopped = true;
      await this.listener.remove(this);
    }
  }

  /** Returns whether any event was handed to the handler. */
  private async deliverUpTo(visibleHead: bigint): Promise<boolean> {
    const batchSize = this.options.batchSize ?? SUBSCRIPTION_BATCH;
    let delivered = false;
    while (!this.stopped && this.position < visibleHead) {
      const events = await this.feed.range(this.position, visibleHead, batchSize, this.options.filter);
      if (events.length > 0) {
        await this.handler.handle(events);
        delivered = true;
      }
      // A short batch means nothing else matches up to the visible head.
      this.position = events.length < batchSize ? visibleHead : events[events.length - 1].position;
    }
    return delivered;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeping = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeping = { resolve: done };
    });
  }
}
