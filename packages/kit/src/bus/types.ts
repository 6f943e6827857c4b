/** Event bus port with Kafka's semantics. Implementations: Kafka (kafkajs) and in-process. */

export interface PublishRecord {
  /** Partitioning key: records with the same key stay in order on one partition. */
  key: string;
  value: Uint8Array;
  headers?: Record<string, string>;
}

export interface BusMessage {
  topic: string;
  partition: number;
  /** Offset within the partition, as a decimal string (Kafka offsets are int64). */
  offset: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  /** Broker/append time, ms since epoch. */
  timestamp: number;
  /** 1 for the first delivery attempt in this consumer, 2+ for in-process retries. */
  attempt: number;
}

export interface SubscribeOptions {
  topics: string[];
  /** Members of one group share the partitions; different groups each get every message. */
  groupId: string;
  /** Where a group with no committed offset starts (default: latest... set true for the beginning). */
  fromBeginning?: boolean;
  /** Handler attempts per message before it goes to `<topic>.dlq` (default 3). */
  maxAttempts?: number;
  /** Backoff before the first retry, doubling each time (default 100 ms). */
  retryBackoffMs?: number;
}

/** Called once per message; resolve = processed (the offset is committed after it), throw = retry. */
export type MessageHandler = (message: BusMessage) => Promise<void>;

export interface BatchSubscribeOptions extends SubscribeOptions {
  /** Most messages per handler call (default 500). */
  maxBatchSize?: number;
  /**
   * In-process: once a partition has at least one message, wait up to this long for the batch to
   * fill before calling the handler (default 0: hand over what is there). Kafka: a batch is what one
   * fetch returned for the partition (split at maxBatchSize); the fetch long poll (`maxWaitTimeMs`)
   * already accumulates messages under load, so this option has no effect there.
   */
  maxBatchWaitMs?: number;
}

/**
 * Called with a run of consecutive messages of ONE partition, in offset order (so per key in publish
 * order); different partitions' batches may run concurrently. Resolve = every message of the batch
 * is processed, and the whole batch is committed after it. Throw = the whole batch is retried
 * (backoff doubling from retryBackoffMs, `attempt` counts up) up to maxAttempts; if it still fails, the
 * same messages are delivered one at a time, each as a batch of one, under subscribe()'s rules
 * (maxAttempts each, then `<topic>.dlq`), committing after each. So a poison message ends up alone in
 * the DLQ and every other message of its batch is processed. Handlers must be idempotent: a
 * message can be seen again after a failed batch attempt, a stop or a rebalance.
 */
export type BatchHandler = (messages: BusMessage[]) => Promise<void>;

export interface Subscription {
  /**
   * Stops consuming: waits for the in-flight handler up to `drainMs` (default 10 s), commits what was
   * processed, leaves the group. A message whose handler did not finish is not committed and is
   * redelivered to the group later (at-least-once).
   */
  stop(options?: { drainMs?: number }): Promise<void>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  /** cleanup.policy=compact (latest value per key is kept). */
  compacted: boolean;
  /** retention.ms for non-compacted topics; -1 = forever. */
  retentionMs: number;
  /** Extra topic configs (Kafka names, e.g. "min.cleanable.dirty.ratio"). */
  config?: Record<string, string>;
}

export interface TopicDescription {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

export interface EventBus {
  /** Resolves once the records are durably accepted (acks=all on Kafka); then they are never lost. */
  publish(topic: string, records: PublishRecord | PublishRecord[]): Promise<void>;
  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription>;
  /**
   * Like subscribe, but the handler gets up to maxBatchSize consecutive messages of one partition
   * at a time and the batch is committed after it resolves (see BatchHandler for failures).
   * Same groups, offsets, fan-out and drainable stop; an unfinished batch is redelivered whole.
   */
  subscribeBatch(options: BatchSubscribeOptions, handler: BatchHandler): Promise<Subscription>;
  /** Creates missing topics (and their DLQs) as specified; existing ones are left as they are. */
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  describeTopic(name: string): Promise<TopicDescription | undefined>;
  deleteTopics(names: string[]): Promise<void>;
  /** Stops every subscription and releases connections. */
  close(): Promise<void>;
}

/** Dead-letter topic for a topic. */
export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Headers set on messages moved to a DLQ. */
export const DLQ_HEADERS = {
  error: 'x-dlq-error',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  attempts: 'x-dlq-attempts',
  groupId: 'x-dlq-group-id',
} as const;
