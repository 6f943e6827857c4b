import {
  type Admin,
  ConfigResourceTypes,
  type ConsumerRunConfig,
  type ISocketFactory,
  Kafka,
  logLevel,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { InvalidArgument } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import {
  type BatchDeliveryContext,
  batchLimits,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BACKOFF_MS,
  type DeliveryContext,
} from './deliver';
import { UnknownTopicError } from './errors';
import { assertSameTopicSet } from './group-guard';
import { KafkaSubscription } from './kafka-consumer';
import { pinoLogCreator } from './kafka-logger';
import { topicConfig, validSpecsWithDlqs } from './topics';
import {
  type BatchHandler,
  type BatchSubscribeOptions,
  dlqTopic,
  type EventBus,
  type MessageHandler,
  type PublishRecord,
  type SubscribeOptions,
  type Subscription,
  type TopicDescription,
  type TopicSpec,
} from './types';

/** Consumer and admin tuning; the defaults suit production, tests shorten the timeouts. */
const DEFAULT_SESSION_TIMEOUT_MS = 10_000;
const DEFAULT_HEARTBEAT_MS = 1_000;

export interface KafkaTuning {
  /**
   * Group session timeout (default 10 s): how long a crashed member's partitions wait before they
   * move to a live one — for a chat, how long some shoppers get no reply. Handlers heartbeat while
   * they run, so only a process stalled this long is evicted. Broker minimum: 6 s.
   */
  sessionTimeoutMs?: number;
  /** Heartbeat interval (default 1 s). */
  heartbeatIntervalMs?: number;
  /** Fetch long-poll; also bounds how fast an idle member notices a rebalance (default 1 s). */
  maxWaitTimeMs?: number;
  /** Partitions of one consumer handled at the same time, each still in order (default 4). */
  partitionsConsumedConcurrently?: number;
  /**
   * At most one offset commit request per consumer per interval (default 0: one per event-loop
   * turn in which batches finished). Offsets matter only to a partition's next owner: a longer
   * interval saves broker requests and redelivers at most that much more after a crash.
   */
  commitIntervalMs?: number;
  /** Replication factor of created topics (default: min(3, brokers in the cluster)). */
  replicationFactor?: number;
}

export interface KafkaBusOptions extends KafkaTuning {
  brokers: string[];
  clientId: string;
  logger: Logger;
  metrics?: Metrics;
  /** Opens the broker connections (default: plain TCP). Fault-injection tests wrap the sockets. */
  socketFactory?: ISocketFactory;
}

/** The event bus on Apache Kafka (kafkajs): acks=all producer (at-least-once), manual commits after handling. */
export class KafkaBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly logger: Logger;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private producerReady?: Promise<void>;
  private adminReady?: Promise<void>;
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Topics seen to exist, so publish checks the broker only for names it has not seen. */
  private readonly knownTopics = new Set<string>();
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new InvalidArgument('KafkaBus needs at least one broker');
    this.logger = options.logger.child({ component: 'bus', bus: 'kafka' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: pinoLogCreator(options.logger.child({ component: 'kafkajs' })),
      ...(options.socketFactory ? { socketFactory: options.socketFactory } : {}),
    });
    this.producer = this.kafka.producer({
      // NOT kafkajs' idempotent mode: it takes a partition's sequence numbers back when a request
      // fails, also when the broker had appended it and only the answer was lost (a broker restart
      // does that to the requests in flight). The next batch of the same size then reuses those
      // numbers, the broker takes it for a retry of the appended one and acknowledges it without
      // appending it: publish() resolves, the records are gone (kafka-faults.test.ts). Without it, a
      // retried request may be appended twice, which at-least-once consumers absorb (handlers are
      // idempotent: see BatchHandler), while an acknowledged publish is never lost.
      idempotent: false,
      // One request at a time per connection: a retry cannot overtake the next request (key order).
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Explicit, so kafkajs doesn't warn; the Java-compatible murmur2 partitioner (see partitioner.ts).
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  async publish(topic: string, records: PublishRecord | PublishRecord[]): Promise<void> {
    this.assertOpen();
    await this.send(topic, Array.isArray(records) ? records : [records]);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    return this.join(options, { ...this.deliveryContext(options), handler }, (sub) => ({
      eachMessage: (payload) => sub.handle(payload),
    }));
  }

  async subscribeBatch(options: BatchSubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    const limits = batchLimits(options);
    return this.join(options, { ...this.deliveryContext(options), ...limits, handler }, (sub) => ({
      eachBatchAutoResolve: false,
      eachBatch: (payload) => sub.handleBatch(payload),
    }));
  }

  private deliveryContext(options: SubscribeOptions) {
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new InvalidArgument('maxAttempts must be >= 1');
    }
    return {
      groupId: options.groupId,
      maxAttempts,
      retryBackoffMs: options.retryBackoffMs ?? DEFAULT_RETRY_BACKOFF_MS,
      publish: (topic: string, record: PublishRecord) => this.send(topic, [record]),
      logger: this.logger,
      metrics: this.options.metrics,
    };
  }

  private async join(
    options: SubscribeOptions,
    delivery: Omit<DeliveryContext, 'stopping'> | Omit<BatchDeliveryContext, 'stopping'>,
    handlers: (
      sub: KafkaSubscription,
    ) => Pick<ConsumerRunConfig, 'eachMessage' | 'eachBatch' | 'eachBatchAutoResolve'>,
  ): Promise<Subscription> {
    this.assertOpen();
    await this.assertTopics(options.topics);
    const peer = [...this.subscriptions].find((s) => s.delivery.groupId === options.groupId);
    assertSameTopicSet(options.groupId, peer?.topics, options.topics);
    const heartbeatIntervalMs = this.options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_MS;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      heartbeatInterval: heartbeatIntervalMs,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
    const sub = new KafkaSubscription(
      consumer,
      options.topics,
      heartbeatIntervalMs,
      this.logger,
      delivery,
      this.options.commitIntervalMs,
    );
    this.subscriptions.add(sub);
    sub.onStopped = () => this.subscriptions.delete(sub);
    const lag = this.options.metrics?.consumerLag;
    if (lag) {
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const labels = { topic: payload.topic, group: options.groupId, partition: String(payload.partition) };
        lag.set(labels, Number(payload.offsetLag));
      });
    }
    // kafkajs resolves a new group's "latest" position lazily, in its first fetch after joining;
    // subscribe() waits for that fetch so a message published after it resolves is never skipped.
    let positioned!: () => void;
    const firstFetch = new Promise<void>((resolve) => (positioned = resolve));
    const removeListener = consumer.on(consumer.events.FETCH, () => positioned());
    try {
      const pins = options.fromBeginning ? [] : await this.startingOffsets(options.groupId, options.topics);
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
      // Resolves once this member has joined the group and received its assignment.
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
        ...handlers(sub),
      });
      // Joining may wait for a dead member's session to expire first.
      if (!options.fromBeginning)
        await this.within(
          firstFetch,
          Math.max(30_000, 2 * (this.options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS)),
        );
      // Commit where this new group starts: kafkajs resolves "latest" again whenever it restarts a
      // crashed consumer (it does while the broker is down), which would skip everything published
      // between the crash and the restart on partitions the group had not committed yet.
      if (pins.length > 0) await consumer.commitOffsets(pins);
    } catch (err) {
      await sub.stop({ drainMs: 0 }).catch(() => undefined);
      throw err;
    } finally {
      removeListener();
    }
    return sub;
  }

  /** Partitions the group has no committed offset for, each with the topic's current end offset. */
  private async startingOffsets(
    groupId: string,
    topics: string[],
  ): Promise<{ topic: string; partition: number; offset: string }[]> {
    const admin = await this.connectedAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics });
    const pins: { topic: string; partition: number; offset: string }[] = [];
    for (const { topic, partitions } of committed) {
      const uncommitted = new Set(partitions.filter((p) => Number(p.offset) < 0).map((p) => p.partition));
      if (uncommitted.size === 0) continue;
      // Right after a topic is created, its partitions may not have a leader yet: retry briefly.
      const ends = await retryWhileRetriable(() => admin.fetchTopicOffsets(topic), 10_000);
      for (const { partition, offset } of ends)
        if (uncommitted.has(partition)) pins.push({ topic, partition, offset });
    }
    return pins;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const valid = validSpecsWithDlqs(specs);
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = valid.filter((s) => !existing.has(s.name));
    if (missing.length === 0) return;
    const replicationFactor = this.options.replicationFactor ?? (await this.defaultReplicationFactor());
    // Resolves false (no throw) when another process created them first.
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor,
        configEntries: Object.entries(topicConfig(spec)).map(([name, value]) => ({ name, value })),
      })),
    });
    await this.waitForLeaders(missing.map((s) => s.name));
    // A leader in the metadata is not yet a leader that takes writes: KRaft announces it before the
    // partition's log is open, and a produce then fails with NOT_LEADER for some partitions. Without
    // kafkajs' idempotent mode the retry of such a multi-partition request duplicates the records that
    // did land. ListOffsets is answered only by a ready leader, so wait until it works everywhere.
    for (const spec of missing) await retryWhileRetriable(() => admin.fetchTopicOffsets(spec.name), 30_000);
    for (const spec of missing) this.knownTopics.add(spec.name);
    this.logger.info({ topics: missing.map((s) => s.name) }, 'created topics');
  }

  /** Partitions and effective configs (broker defaults included), or undefined if it doesn't exist. */
  async describeTopic(name: string): Promise<TopicDescription | undefined> {
    const admin = await this.connectedAdmin();
    if (!(await admin.listTopics()).includes(name)) return undefined;
    const metadata = await admin.fetchTopicMetadata({ topics: [name] });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name }],
    });
    const config: Record<string, string> = {};
    for (const entry of configs.resources[0]?.configEntries ?? []) {
      if (entry.configValue !== null) config[entry.configName] = entry.configValue;
    }
    return { name, partitions: metadata.topics[0]?.partitions.length ?? 0, config };
  }

  /** Deletes the topics and their DLQs; unknown names are ignored. */
  async deleteTopics(names: string[]): Promise<void> {
    const admin = await this.connectedAdmin();
    const existing = new Set(await admin.listTopics());
    const doomed = [...new Set(names.flatMap((n) => [n, dlqTopic(n)]))].filter((n) => existing.has(n));
    for (const name of names.flatMap((n) => [n, dlqTopic(n)])) this.knownTopics.delete(name);
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed, timeout: 10_000 });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private async send(topic: string, records: PublishRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.assertTopics([topic]);
    if (!this.producerReady) {
      this.producerReady = this.producer.connect();
      this.producerReady.catch(() => (this.producerReady = undefined));
    }
    await this.producerReady;
    try {
      await this.producer.send({
        topic,
        acks: -1,
        messages: records.map((r) => ({
          key: r.key,
          value: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength),
          headers: r.headers,
        })),
      });
    } catch (err) {
      // Deleted behind our back: say so plainly instead of kafkajs' protocol error.
      if (kafkaErrorType(err) === 'UNKNOWN_TOPIC_OR_PARTITION') {
        this.knownTopics.delete(topic);
        throw new UnknownTopicError([topic]);
      }
      throw err;
    }
    this.options.metrics?.published.inc({ topic }, records.length);
  }

  /** Clear and fast, where kafkajs would retry UNKNOWN_TOPIC_OR_PARTITION for seconds. */
  private async assertTopics(topics: string[]): Promise<void> {
    if (topics.every((t) => this.knownTopics.has(t))) return;
    const admin = await this.connectedAdmin();
    for (const name of await admin.listTopics()) this.knownTopics.add(name);
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length > 0) throw new UnknownTopicError(missing);
  }

  /**
   * Waits until every partition has a leader. kafkajs' own waitForLeaders gives up on
   * UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker answers until its metadata catches up.
   * Kafka has no notification for this, so it polls the metadata.
   */
  private async waitForLeaders(topics: string[], timeoutMs = 30_000): Promise<void> {
    const admin = await this.connectedAdmin();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: found } = await admin.fetchTopicMetadata({ topics });
        const ready = (t: (typeof found)[number]) =>
          t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0);
        if (found.length === topics.length && found.every(ready)) return;
      } catch (err) {
        const type = kafkaErrorType(err);
        if (type !== 'UNKNOWN_TOPIC_OR_PARTITION' && type !== 'LEADER_NOT_AVAILABLE') throw err;
      }
      if (Date.now() > deadline)
        throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async defaultReplicationFactor(): Promise<number> {
    const { brokers } = await (await this.connectedAdmin()).describeCluster();
    return Math.min(3, brokers.length);
  }

  private async connectedAdmin(): Promise<Admin> {
    this.assertOpen();
    if (!this.adminReady) {
      this.adminReady = this.admin.connect();
      this.adminReady.catch(() => (this.adminReady = undefined));
    }
    await this.adminReady;
    return this.admin;
  }

  /** Waits for `promise`, but no longer than `ms` (a crashed consumer never fetches; kafkajs logs why). */
  private async within(promise: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn({ ms }, 'consumer has not fetched yet; subscribe() returns anyway');
        resolve();
      }, ms);
    });
    await Promise.race([promise, timeout]);
    clearTimeout(timer);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event bus is closed');
  }
}

async function retryWhileRetriable<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if ((err as { retriable?: unknown }).retriable !== true || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function kafkaErrorType(err: unknown): string | undefined {
  for (let e: unknown = err; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string') return type;
  }
  return undefined;
}
