import { type BatchDeliveryResult, DEFAULT_DRAIN_MS } from './deliver';
import { InFlight } from './inflight';
import type { BusMessage, SubscribeOptions, Subscription } from './types';

/** How a member handles its partitions: one message at a time (subscribe) or in batches (subscribeBatch). */
export interface PartitionConsumer {
  maxBatchSize: number;
  maxBatchWaitMs: number;
  retryBackoffMs: number;
  /** Handles consecutive messages of one partition; `progress(done)` commits the first `done` early. */
  process(
    messages: Omit<BusMessage, 'attempt'>[],
    progress: (done: number) => Promise<void>,
  ): Promise<BatchDeliveryResult>;
}

export interface Assignment {
  topic: string;
  partition: number;
}

/** Map key of a topic-partition. */
export const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
export const topicOfKey = (key: string) => key.slice(0, key.indexOf('\u0000'));

/** A consumer group: its members, its committed offsets and one owner at a time per partition. */
export class Group {
  readonly members: MemorySubscription[] = [];
  readonly committed = new Map<string, number>();
  private readonly owners = new Map<string, Promise<void>>();

  constructor(readonly id: string) {}

  /**
   * Takes ownership of a partition once the previous owner released it (it finishes or abandons
   * its in-flight message first). Resolves undefined if `signal` aborts while waiting.
   */
  acquire(key: string, signal: AbortSignal): Promise<(() => void) | undefined> {
    const previous = this.owners.get(key) ?? Promise.resolve();
    let release!: () => void;
    this.owners.set(key, new Promise<void>((resolve) => (release = resolve)));
    return new Promise((resolve) => {
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        void previous.then(release); // keep the chain intact for the owners after us
        resolve(undefined);
      };
      void previous.then(() => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolve(release);
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** One member of a group: its assignment, its partition workers and its drainable stop. */
export class MemorySubscription implements Subscription {
  readonly inflight = new InFlight();
  /** Current assignment: partition key → its worker's revocation. */
  readonly assigned = new Map<string, AbortController>();
  /** Every worker loop still running (revoked ones may still be finishing a message). */
  readonly running = new Set<Promise<void>>();
  readonly consumer: PartitionConsumer;
  private stopped?: Promise<void>;

  constructor(
    readonly options: SubscribeOptions,
    /** Builds the consumer; `stopping` aborts when stop() begins (ends backoffs, no new attempts). */
    makeConsumer: (stopping: AbortSignal) => PartitionConsumer,
    private readonly leave: (sub: MemorySubscription, drainMs: number) => Promise<void>,
  ) {
    this.consumer = makeConsumer(this.inflight.signal);
  }

  stop(options: { drainMs?: number } = {}): Promise<void> {
    this.stopped ??= this.leave(this, options.drainMs ?? DEFAULT_DRAIN_MS);
    return this.stopped;
  }
}
