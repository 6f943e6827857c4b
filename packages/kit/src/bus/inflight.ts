/** Returned by InFlight.run when stop()'s drain deadline passed before the work finished. */
export const ABANDONED = Symbol('abandoned');

/**
 * Tracks a subscription's in-flight messages so stop() can wait for them up to a deadline and then
 * abandon the rest: an abandoned message is never committed, so the group gets it again.
 */
export class InFlight {
  private readonly stopper = new AbortController();
  private readonly tasks = new Set<Promise<void>>();
  private abandoned = false;
  private abandonAll!: () => void;
  private readonly abandonment = new Promise<typeof ABANDONED>((resolve) => {
    this.abandonAll = () => resolve(ABANDONED);
  });

  /** Aborted as soon as stop() begins: no new message or retry attempt starts after that. */
  get signal(): AbortSignal {
    return this.stopper.signal;
  }

  get stopping(): boolean {
    return this.stopper.signal.aborted;
  }

  /**
   * Runs `work` (handle, then commit). If the drain deadline passes first this resolves ABANDONED
   * at once; the work keeps running in the background and must check `isAbandoned()` before committing.
   */
  run<T>(work: (isAbandoned: () => boolean) => Promise<T>): Promise<T | typeof ABANDONED> {
    const result = work(() => this.abandoned);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tasks.add(settled);
    void settled.then(() => this.tasks.delete(settled));
    return Promise.race([result, this.abandonment]);
  }

  /** Stops new work, waits up to `drainMs` for running work, abandons what is left; returns how many. */
  async drain(drainMs: number): Promise<number> {
    this.stopper.abort();
    if (this.tasks.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, drainMs);
      });
      await Promise.race([Promise.all([...this.tasks]), deadline]);
      clearTimeout(timer);
    }
    const left = this.tasks.size;
    this.abandoned = true;
    this.abandonAll();
    return left;
  }
}
