import { mkdirSync } from 'node:fs';
import { InvalidArgument } from '../errors';
import { type Logger, silentLogger } from '../logger';
import type { Metrics } from '../metrics';
import {
  batchLimits,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BACKOFF_MS,
  deliver,
  deliverBatch,
  sleep,
} from './deliver';
import { UnknownTopicError } from './errors';
import { assertSameTopicSet } from './group-guard';
import { ABANDONED } from './inflight';
import { DEFAULT_SEGMENT_BYTES, type DiskPartition, DiskStore, lockDataDir } from './memory-disk';
import {
  type Assignment,
  Group,
  MemorySubscription,
  type PartitionConsumer,
  topicOfKey,
  tpKey,
} from './memory-group';
import { PartitionLog, type StoredRecord } from './memory-log';
import { partitionForKey } from './partitioner';
import { topicConfig, validSpecsWithDlqs } from './topics';
import {
  type BatchHandler,
  type BatchSubscribeOptions,
  type BusMessage,
  dlqTopic,
  type EventBus,
  type MessageHandler,
  type PublishRecord,
  type SubscribeOptions,
  type Subscription,
  type TopicDescription,
  type TopicSpec,
} from './types';

export interface InProcessBusOptions {
  logger?: Logger;
  metrics?: Metrics;
  /** How often compaction and retention run (default 60 s); 0 = never (tests call compact()). */
  maintenanceIntervalMs?: number;
  /**
   * Durable mode: topics, records and committed group offsets are kept in this directory (one
   * append-only segment file set per partition, fsynced before publish resolves) and read back when
   * a bus opens it again, so whatever was not committed is redelivered. Unset = memory only.
   */
  dataDir?: string;
  /** Durable mode: size at which a partition starts a new segment file (default 8 MiB). */
  segmentBytes?: number;
  /**
   * Durable mode: how long opening waits for another process's lock on dataDir to go stale before
   * it refuses (default 7 s: a crashed holder's lock is stale after 5 s).
   */
  lockWaitMs?: number;
}

interface TopicState {
  name: string;
  partitions: PartitionLog[];
  /** Durable mode: the partitions' files. */
  disk?: DiskPartition[];
  config: Record<string, string>;
}

/**
 * The event bus in one process, with Kafka's semantics: explicit topics, murmur2 key partitioning,
 * append-only partition logs with offsets, consumer groups with committed offsets and rebalancing,
 * one message (or one batch) at a time per partition, retries then `<topic>.dlq`, at-least-once on stop.
 * Without `dataDir` nothing is persisted: a restart starts from empty topics. With it, see
 * InProcessBusOptions.dataDir.
 */
export class InProcessBus implements EventBus {
  private readonly topics = new Map<string, TopicState>();
  private readonly groups = new Map<string, Group>();
  private readonly subscriptions = new Set<MemorySubscription>();
  private readonly logger: Logger;
  private readonly metrics?: Metrics;
  private readonly timer?: NodeJS.Timeout;
  private readonly disk?: DiskStore;
  private unlock: () => void = () => undefined;
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.logger = (options.logger ?? silentLogger()).child({ component: 'bus', bus: 'in-process' });
    this.metrics = options.metrics;
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      this.unlock = lockDataDir(
        options.dataDir,
        (err) =>
          // Another process may now write here too (this one stalled past the stale time): say so loudly.
          this.logger.error({ err, dataDir: options.dataDir }, 'lost the lock on the bus data directory'),
        options.lockWaitMs,
      );
      try {
        this.disk = new DiskStore(options.dataDir, options.segmentBytes ?? DEFAULT_SEGMENT_BYTES);
        this.load(this.disk);
      } catch (err) {
        this.unlock();
        throw err;
      }
    }
    const every = options.maintenanceIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.maintain(), every);
      this.timer.unref();
    }
  }

  async publish(topic: string, records: PublishRecord | PublishRecord[]): Promise<void> {
    this.assertOpen();
    await this.append(topic, Array.isArray(records) ? records : [records]);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    return this.join(options, (stopping) => {
      const delivery = { ...this.deliveryContext(options), handler, stopping };
      return {
        maxBatchSize: 1,
        maxBatchWaitMs: 0,
        retryBackoffMs: delivery.retryBackoffMs,
        async process([message]) {
          try {
            const outcome = await deliver(message!, delivery);
            return outcome === 'stopped' ? { outcome, done: 0 } : { outcome: 'ok', done: 1 };
          } catch (error) {
            return { outcome: 'failed', done: 0, error };
          }
        },
      };
    });
  }

  async subscribeBatch(options: BatchSubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    const limits = batchLimits(options);
    return this.join(options, (stopping) => {
      const delivery = { ...this.deliveryContext(options), ...limits, handler, stopping };
      return {
        ...limits,
        retryBackoffMs: delivery.retryBackoffMs,
        process: (messages, progress) => deliverBatch(messages, delivery, progress),
      };
    });
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
      publish: async (topic: string, record: PublishRecord) => this.append(topic, [record]),
      logger: this.logger,
      metrics: this.metrics,
    };
  }

  private join(
    options: SubscribeOptions,
    makeConsumer: (stopping: AbortSignal) => PartitionConsumer,
  ): Subscription {
    this.assertOpen();
    const missing = options.topics.filter((t) => !this.topics.has(t));
    if (missing.length > 0) throw new UnknownTopicError(missing);
    this.deliveryContext(options); // validates before joining
    let group = this.groups.get(options.groupId);
    assertSameTopicSet(options.groupId, group?.members[0]?.options.topics, options.topics);
    if (!group) {
      group = new Group(options.groupId);
      this.groups.set(group.id, group);
    }
    const sub = new MemorySubscription(options, makeConsumer, (s, drainMs) => this.leave(s, drainMs));
    group.members.push(sub);
    this.subscriptions.add(sub);
    this.rebalance(group);
    return sub;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    this.assertOpen();
    const created: string[] = [];
    for (const spec of validSpecsWithDlqs(specs)) {
      if (this.topics.has(spec.name)) continue;
      const partitions = Array.from({ length: spec.partitions }, () => new PartitionLog());
      const state: TopicState = { name: spec.name, partitions, config: topicConfig(spec) };
      if (this.disk) {
        const disk = this.disk;
        disk.createTopic({ name: spec.name, partitions: spec.partitions, config: state.config });
        state.disk = partitions.map((_, p) => disk.partition(spec.name, p));
        for (const d of state.disk) d.load(this.logger);
      }
      this.topics.set(spec.name, state);
      created.push(spec.name);
    }
    await this.forgetOffsets(created);
    this.rebalanceGroupsOf(created);
  }

  async describeTopic(name: string): Promise<TopicDescription | undefined> {
    const topic = this.topics.get(name);
    return topic && { name, partitions: topic.partitions.length, config: { ...topic.config } };
  }

  /** Deletes the topics and their DLQs; unknown names are ignored. */
  async deleteTopics(names: string[]): Promise<void> {
    const doomed = names.flatMap((n) => [n, dlqTopic(n)]).filter((n) => this.topics.has(n));
    for (const name of doomed) {
      const topic = this.topics.get(name)!;
      this.topics.delete(name);
      for (const log of topic.partitions) log.wake();
      for (const d of topic.disk ?? []) d.close();
      this.disk?.deleteTopic(name);
    }
    await this.forgetOffsets(doomed);
    this.rebalanceGroupsOf(doomed);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.disk) {
      await this.disk.flush();
      for (const topic of this.topics.values()) for (const d of topic.disk ?? []) d.close();
      try {
        this.unlock();
      } catch (err) {
        this.logger.warn({ err }, 'could not release the bus data directory lock');
      }
    }
  }

  /** Compacted topics keep only the latest record per key (runs on the maintenance timer too). */
  compact(): void {
    for (const topic of this.topics.values()) {
      if (topic.config['cleanup.policy'] !== 'compact') continue;
      for (const log of topic.partitions) log.compact();
    }
  }

  /** Delete-policy topics drop records older than retention.ms (runs on the maintenance timer). */
  expire(now = Date.now()): void {
    for (const topic of this.topics.values()) {
      const retentionMs = Number(topic.config['retention.ms'] ?? -1);
      if (topic.config['cleanup.policy'] === 'compact' || retentionMs < 0) continue;
      for (const log of topic.partitions) log.expire(now - retentionMs);
    }
  }

  /**
   * Durable mode: deletes a partition's closed segments once every group with an offset on it has
   * committed past them (delete-policy topics), or once all their records are older than retention.ms;
   * the in-memory log drops the same records. Compacted topics keep their segments.
   */
  retain(now = Date.now()): void {
    for (const topic of this.topics.values()) {
      if (!topic.disk || topic.config['cleanup.policy'] === 'compact') continue;
      const retentionMs = Number(topic.config['retention.ms'] ?? -1);
      const minTimestamp = retentionMs < 0 ? 0 : now - retentionMs;
      for (const [partition, d] of topic.disk.entries()) {
        const key = tpKey(topic.name, partition);
        const committed = [...this.groups.values()]
          .map((g) => g.committed.get(key))
          .filter((o): o is number => o !== undefined);
        const safe = committed.length > 0 ? Math.min(...committed) : 0;
        const start = d.dropSegments(safe, minTimestamp);
        if (start > 0) topic.partitions[partition]!.dropBefore(start);
      }
    }
  }

  private maintain(): void {
    this.compact();
    this.expire();
    try {
      this.retain();
    } catch (err) {
      this.logger.warn({ err }, 'could not delete old bus segments; retried at the next maintenance');
    }
  }

  private async append(topic: string, records: PublishRecord[]): Promise<void> {
    const state = this.topics.get(topic);
    if (!state) throw new UnknownTopicError([topic]);
    const timestamp = Date.now();
    const byPartition = new Map<number, Omit<StoredRecord, 'offset'>[]>();
    for (const r of records) {
      const partition = partitionForKey(r.key, state.partitions.length);
      // Copies, like Kafka's serialization: a publisher reusing its buffer can't change the log.
      const record = { key: r.key, value: r.value.slice(), headers: { ...r.headers }, timestamp };
      const batch = byPartition.get(partition);
      if (batch) batch.push(record);
      else byPartition.set(partition, [record]);
    }
    if (state.disk) {
      // Readers see the records only once they are on disk: a consumer can't commit past what a
      // crash would lose.
      await Promise.all(
        [...byPartition].map(([partition, batch]) => {
          const disk = state.disk![partition]!;
          const log = state.partitions[partition]!;
          const stored = batch.map((r, i) => ({ ...r, offset: disk.next + i }));
          return this.disk!.batcher.write(disk, stored, () => {
            for (const r of batch) log.append(r);
          });
        }),
      );
    } else {
      for (const [partition, batch] of byPartition) {
        for (const r of batch) state.partitions[partition]!.append(r);
      }
    }
    this.metrics?.published.inc({ topic }, records.length);
  }

  /** Durable mode: reads topics, records and committed offsets back from the data directory. */
  private load(disk: DiskStore): void {
    for (const t of disk.listTopics()) {
      const partitions = Array.from({ length: t.partitions }, () => new PartitionLog());
      const parts = partitions.map((_, p) => disk.partition(t.name, p));
      for (const [p, d] of parts.entries()) partitions[p]!.restore(d.load(this.logger), d.next);
      this.topics.set(t.name, { name: t.name, partitions, disk: parts, config: t.config });
    }
    for (const saved of disk.listGroups()) {
      const group = new Group(saved.id);
      for (const [topic, offsets] of Object.entries(saved.offsets ?? {})) {
        if (!this.topics.has(topic)) continue;
        for (const [p, offset] of Object.entries(offsets))
          group.committed.set(tpKey(topic, Number(p)), offset);
      }
      this.groups.set(group.id, group);
    }
  }

  /** Durable mode: writes the group's committed offsets (resolves once they are on disk). */
  private async persistOffsets(group: Group): Promise<void> {
    if (!this.disk) return;
    const offsets: Record<string, Record<string, number>> = {};
    for (const [key, offset] of group.committed) {
      const topic = topicOfKey(key);
      offsets[topic] = { ...offsets[topic], [key.slice(topic.length + 1)]: offset };
    }
    await this.disk.saveGroup(group.id, offsets);
  }

  /** Spreads every subscribed topic's partitions round-robin over the group's members (join order). */
  private rebalance(group: Group): void {
    const wanted = new Map<MemorySubscription, Map<string, Assignment>>(
      group.members.map((m) => [m, new Map()]),
    );
    for (const name of new Set(group.members.flatMap((m) => m.options.topics))) {
      const topic = this.topics.get(name);
      if (!topic) continue;
      const members = group.members.filter((m) => m.options.topics.includes(name));
      for (let partition = 0; partition < topic.partitions.length; partition++) {
        wanted
          .get(members[partition % members.length]!)!
          .set(tpKey(name, partition), { topic: name, partition });
      }
    }
    for (const [member, assignments] of wanted) {
      for (const [key, revoke] of member.assigned) {
        if (assignments.has(key)) continue;
        revoke.abort(); // the worker finishes its in-flight message, commits, then lets go
        member.assigned.delete(key);
      }
      for (const [key, a] of assignments) {
        if (!member.assigned.has(key)) this.startWorker(group, member, a);
      }
    }
  }

  private rebalanceGroupsOf(topics: string[]): void {
    if (topics.length === 0) return;
    for (const group of this.groups.values()) {
      if (group.members.some((m) => m.options.topics.some((t) => topics.includes(t)))) this.rebalance(group);
    }
  }

  private async forgetOffsets(topics: string[]): Promise<void> {
    for (const group of this.groups.values()) {
      let changed = false;
      for (const key of group.committed.keys()) {
        if (topics.includes(topicOfKey(key)) && group.committed.delete(key)) changed = true;
      }
      if (changed) await this.persistOffsets(group);
    }
  }

  private startWorker(group: Group, member: MemorySubscription, { topic, partition }: Assignment): void {
    const log = this.topics.get(topic)!.partitions[partition]!;
    // Like Kafka, auto.offset.reset is resolved at assignment: "latest" means the end as of now.
    const reset = member.options.fromBeginning ? 0 : log.nextOffset;
    const revoke = new AbortController();
    member.assigned.set(tpKey(topic, partition), revoke);
    const done = this.work(group, member, topic, partition, reset, revoke.signal);
    member.running.add(done);
    void done.finally(() => member.running.delete(done));
  }

  /**
   * Consumes one partition for one member: a run of up to maxBatchSize messages at a time (1 for
   * subscribe), committed after its handler.
   */
  private async work(
    group: Group,
    member: MemorySubscription,
    topic: string,
    partition: number,
    reset: number,
    revoked: AbortSignal,
  ): Promise<void> {
    const key = tpKey(topic, partition);
    const signal = AbortSignal.any([revoked, member.inflight.signal]);
    const release = await group.acquire(key, signal);
    if (!release) return;
    const { consumer } = member;
    try {
      let position = group.committed.get(key) ?? reset;
      if (this.disk && !group.committed.has(key)) {
        // The reset position is where this group starts, after a restart too ("latest" would
        // otherwise skip what was published before the restart and never handled).
        group.committed.set(key, position);
        await this.persistOffsets(group);
      }
      while (!signal.aborted) {
        const log = this.topics.get(topic)?.partitions[partition];
        if (!log) return; // topic deleted
        position = Math.max(position, log.startOffset);
        let records = log.readBatch(position, consumer.maxBatchSize);
        if (records.length === 0) {
          await log.nextAppend(signal);
          continue;
        }
        if (records.length < consumer.maxBatchSize && consumer.maxBatchWaitMs > 0) {
          const filled = AbortSignal.any([signal, AbortSignal.timeout(consumer.maxBatchWaitMs)]);
          while (records.length < consumer.maxBatchSize && !filled.aborted) {
            await log.nextAppend(filled);
            records = log.readBatch(position, consumer.maxBatchSize);
          }
          if (signal.aborted) return; // nothing handed over yet: the next owner reads it
        }
        const batch = records;
        const commit = async (done: number) => {
          position = batch[done - 1]!.offset + 1;
          group.committed.set(key, position);
          await this.persistOffsets(group);
        };
        const result = await member.inflight.run((isAbandoned) =>
          consumer.process(
            batch.map((r) => toMessage(topic, partition, r)),
            async (done) => {
              if (!isAbandoned()) await commit(done);
            },
          ),
        );
        if (result === ABANDONED) return; // not committed: redelivered
        if (result.done > 0) await commit(result.done);
        if (result.outcome === 'stopped') return; // the rest is not committed: redelivered
        if (result.outcome === 'failed') {
          // Only the DLQ publish fails: keep the rest uncommitted and try it again.
          this.logger.error(
            { topic, partition, offset: batch[result.done]?.offset, err: result.error },
            'could not move a message to the DLQ',
          );
          if (!(await sleep(consumer.retryBackoffMs, signal))) return;
          continue;
        }
        // Yield to the event loop between batches: a backlog handled by synchronous-ish handlers
        // (PGlite) must not starve timers, sockets and gRPC calls of the same process.
        await new Promise<void>((resolve) => setImmediate(resolve));
        this.metrics?.consumerLag.set(
          { topic, group: group.id, partition: String(partition) },
          log.nextOffset - position,
        );
      }
    } finally {
      release();
    }
  }

  private async leave(sub: MemorySubscription, drainMs: number): Promise<void> {
    const abandoned = await sub.inflight.drain(drainMs);
    if (abandoned > 0) {
      this.logger.warn(
        { group: sub.options.groupId, abandoned },
        'stopped before messages finished; they will be redelivered',
      );
    }
    await Promise.all([...sub.running]);
    sub.assigned.clear();
    const group = this.groups.get(sub.options.groupId)!;
    group.members.splice(group.members.indexOf(sub), 1);
    this.subscriptions.delete(sub);
    this.rebalance(group);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event bus is closed');
  }
}

function toMessage(topic: string, partition: number, r: StoredRecord): Omit<BusMessage, 'attempt'> {
  return {
    topic,
    partition,
    offset: String(r.offset),
    key: r.key,
    value: r.value.slice(),
    headers: { ...r.headers },
    timestamp: r.timestamp,
  };
}
