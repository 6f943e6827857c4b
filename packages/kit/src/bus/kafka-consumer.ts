import type { Consumer, EachBatchPayload, EachMessagePayload, IHeaders, KafkaMessage } from 'kafkajs';
import type { Logger } from '../logger';
import {
  type BatchDeliveryContext,
  DEFAULT_DRAIN_MS,
  type DeliveryContext,
  deliver,
  deliverBatch,
  sleep,
} from './deliver';
import { ABANDONED, InFlight } from './inflight';
import type { BusMessage, Subscription } from './types';

/**
 * One group member: a kafkajs consumer with manual commits and a drainable stop. Handles either one
 * message at a time (eachMessage → handle) or batches (eachBatch → handleBatch), per its delivery.
 */
export class KafkaSubscription implements Subscription {
  private readonly inflight = new InFlight();
  private readonly commits: CoalescedCommits;
  readonly delivery: DeliveryContext | BatchDeliveryContext;
  private stopped?: Promise<void>;
  onStopped: () => void = () => undefined;

  constructor(
    private readonly consumer: Consumer,
    readonly topics: string[],
    private readonly heartbeatIntervalMs: number,
    private readonly logger: Logger,
    delivery: Omit<DeliveryContext, 'stopping'> | Omit<BatchDeliveryContext, 'stopping'>,
    commitIntervalMs = 0,
  ) {
    this.delivery = { ...delivery, stopping: this.inflight.signal };
    this.commits = new CoalescedCommits(consumer, logger, commitIntervalMs);
  }

  /** eachMessage: handle (with retries / DLQ), then commit offset+1 (via CoalescedCommits). Never throws for handler errors. */
  async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const delivery = this.delivery as DeliveryContext;
    // Stopping: leave it uncommitted; the partition's next owner starts from the last commit.
    if (this.inflight.stopping) return;
    // kafkajs heartbeats only between messages; keep the session alive during a long handler.
    const keepAlive = setInterval(() => {
      heartbeat().catch((err: unknown) => this.logger.debug({ err }, 'heartbeat during a handler failed'));
    }, this.heartbeatIntervalMs);
    try {
      await this.inflight.run(async (isAbandoned) => {
        const outcome = await deliver(toBusMessage(topic, partition, message), delivery);
        if (outcome === 'stopped' || isAbandoned()) return ABANDONED;
        const next = (BigInt(message.offset) + 1n).toString();
        this.commits.add(topic, partition, next, () => false);
        return outcome;
      });
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * eachBatch (eachBatchAutoResolve off): the fetched batch in chunks of maxBatchSize, each handled
   * with deliverBatch's rules, then resolved and committed (offset of its last message + 1) through
   * CoalescedCommits: the commit is sent, not awaited, so kafkajs' next fetch does not wait for it. Stops
   * between chunks when the subscription stops, the consumer stops running, or the partition went
   * stale (revoked or seeked in a rebalance); whatever is unresolved is fetched again (by the next
   * owner after a rebalance or stop). Never throws for handler errors.
   */
  async handleBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const delivery = this.delivery as BatchDeliveryContext;
    const { topic, partition } = batch;
    const messages = batch.messages.map((m) => toBusMessage(topic, partition, m));
    // kafkajs heartbeats only between batches; keep the session alive during a long handler.
    const keepAlive = setInterval(() => {
      heartbeat().catch((err: unknown) => this.logger.debug({ err }, 'heartbeat during a handler failed'));
    }, this.heartbeatIntervalMs);
    try {
      for (let from = 0; from < messages.length; from += delivery.maxBatchSize) {
        if (this.inflight.stopping || !isRunning() || isStale()) return;
        const chunk = messages.slice(from, from + delivery.maxBatchSize);
        const commit = async (done: number) => {
          if (isStale()) return; // no longer ours: the next owner resumes from the last commit
          const last = chunk[done - 1]!.offset;
          resolveOffset(last);
          this.commits.add(topic, partition, (BigInt(last) + 1n).toString(), isStale);
        };
        const result = await this.inflight.run(async (isAbandoned) => {
          const r = await deliverBatch(chunk, delivery, async (done) => {
            if (!isAbandoned()) await commit(done);
          });
          if (isAbandoned()) return ABANDONED;
          if (r.done > 0) await commit(r.done);
          return r;
        });
        if (result === ABANDONED || result.outcome === 'stopped') return; // the rest is fetched again
        if (result.outcome === 'failed') {
          // Only the DLQ publish fails: leave the rest unresolved; the next fetch brings it back.
          this.logger.error(
            { topic, partition, offset: chunk[result.done]?.offset, err: result.error },
            'could not move a message to the DLQ',
          );
          await sleep(delivery.retryBackoffMs, this.inflight.signal);
          return;
        }
        await heartbeat();
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  stop(options: { drainMs?: number } = {}): Promise<void> {
    this.stopped ??= this.shutdown(options.drainMs ?? DEFAULT_DRAIN_MS);
    return this.stopped;
  }

  /**
   * kafkajs' own stop waits for eachMessage without a limit, so first drain with a deadline:
   * an abandoned handler's eachMessage returns without committing, then the consumer leaves the group.
   */
  private async shutdown(drainMs: number): Promise<void> {
    try {
      this.consumer.pause(this.topics.map((topic) => ({ topic })));
    } catch {
      // not running (it failed to start or crashed): nothing to pause
    }
    const abandoned = await this.inflight.drain(drainMs);
    if (abandoned > 0) {
      this.logger.warn(
        { group: this.delivery.groupId, abandoned },
        'stopped before messages finished; they will be redelivered',
      );
    }
    // Offsets of handled batches not yet committed go out before the member leaves the group.
    await this.commits.settle();
    try {
      await this.consumer.disconnect();
    } finally {
      this.onStopped();
    }
  }
}

type PendingCommit = { topic: string; partition: number; offset: string; isStale: () => boolean };

/**
 * Offset commits of batch handlers, coalesced and off the fetch path. kafkajs fetches again only
 * once every partition batch of the last fetch is handled, so a commit awaited in each handler put
 * one OffsetCommit round trip per partition in every fetch cycle (12 requests for a 12-partition
 * fetch). Here every partition whose batch finished in one event-loop turn goes in one request,
 * sent in the background; requests are chained, so a partition's offsets are committed in order,
 * and what finishes while one is in flight joins the next. A failed commit is logged and dropped:
 * the offsets only matter to the partition's next owner (after a stop or rebalance), which then
 * sees those messages again (at-least-once, as for any uncommitted batch); stop() settles first.
 */
export class CoalescedCommits {
  private readonly pending = new Map<string, PendingCommit>();
  private chain: Promise<void> = Promise.resolve();
  /** Cancels the scheduled send, if one is scheduled. */
  private scheduled: (() => void) | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;

  /**
   * @param intervalMs at most one commit request per interval (0: one per event-loop turn). Offsets
   *   are only read by a partition's next owner, so a longer interval costs the broker fewer
   *   requests and, after a crash, redelivers at most that much more (handlers are idempotent).
   */
  constructor(
    private readonly consumer: Pick<Consumer, 'commitOffsets'>,
    private readonly logger: Logger,
    private readonly intervalMs = 0,
  ) {}

  /** Commits `offset` (the next one to read) for the partition soon; a later add supersedes it. */
  add(topic: string, partition: number, offset: string, isStale: () => boolean): void {
    this.pending.set(`${topic}\u0000${partition}`, { topic, partition, offset, isStale });
    if (this.scheduled) return;
    const wait = this.lastSent + this.intervalMs - performance.now();
    const send = () => {
      this.scheduled = undefined;
      this.enqueue();
    };
    if (wait > 0) {
      const timer = setTimeout(send, wait);
      this.scheduled = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(send);
      this.scheduled = () => clearImmediate(immediate);
    }
  }

  /** Sends what is pending now and waits for every commit sent so far. */
  async settle(): Promise<void> {
    this.scheduled?.();
    this.scheduled = undefined;
    this.enqueue();
    await this.chain;
  }

  private enqueue(): void {
    this.lastSent = performance.now();
    this.chain = this.chain.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const due = [...this.pending.values()];
    this.pending.clear();
    // A partition revoked meanwhile is the next owner's: it resumes from the last commit.
    const offsets = due
      .filter((c) => !c.isStale())
      .map(({ topic, partition, offset }) => ({ topic, partition, offset }));
    if (offsets.length === 0) return;
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (err) {
      this.logger.warn(
        { err, offsets },
        'offset commit failed; these messages are delivered again after a restart or rebalance',
      );
    }
  }
}

function toBusMessage(topic: string, partition: number, m: KafkaMessage): Omit<BusMessage, 'attempt'> {
  const value = m.value ?? Buffer.alloc(0);
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key?.toString('utf8') ?? '',
    value: new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
    headers: headersToStrings(m.headers),
    timestamp: Number(m.timestamp),
  };
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) out[name] = value.toString();
  }
  return out;
}
