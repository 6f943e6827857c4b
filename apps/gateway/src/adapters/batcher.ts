/**
 * Group commit: calls arriving in the same event-loop turn, or while a batch is being flushed, are
 * coalesced into one `flush(items)`; each caller gets its own result or the batch's error. The first
 * flush waits for setImmediate, so every request whose bytes arrived in this I/O phase joins it —
 * that matters with PGlite, whose queries run synchronously on the main thread. Under load this
 * turns N round trips into ~N/batch; a lone caller waits one loop turn.
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  run(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length === 1 && this.running < (this.options.concurrency ?? 1))
        setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    if (this.queue.length === 0 || this.running >= (this.options.concurrency ?? 1)) return;
    this.running++;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 256);
        try {
          const results = await this.flush(batch.map((b) => b.item));
          for (const [i, b] of batch.entries()) b.resolve(results[i] as R);
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.running--;
    }
  }
}
