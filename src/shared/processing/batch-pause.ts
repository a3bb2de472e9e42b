/**
 * The pause a processor off the command path takes after a batch at the head before it reads the
 * next (`settleMs` of its definition): what arrives meanwhile makes one larger batch. Every append
 * wakes every processor; without it a processor of every event (the audit log, the audit chain)
 * commits a batch of a few events per wake-up, one transaction and a checkpoint each. Nobody waits
 * on such a processor to answer a command, so a little lag is cheaper than the round trips. A
 * pause under way ends at once when the runner stops or pauses.
 */
export class BatchPause {
  private ending?: () => void;

  constructor(private readonly ms: number) {}

  wait(): Promise<void> {
    if (this.ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        if (this.ending === end) this.ending = undefined;
        resolve();
      };
      const timer = setTimeout(end, this.ms);
      this.ending = end;
    });
  }

  /** Ends the pause under way, if any. */
  end(): void {
    this.ending?.();
  }
}
