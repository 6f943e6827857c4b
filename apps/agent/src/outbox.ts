/**
 * Transactional outbox: events are written with the turn, relayed to the bus after commit, and
 * deleted once published (the table holds only what is still to go out, so it stays small).
 */
import type { EventBus } from '@boomerang/kit/bus';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import type { Logger } from 'pino';

export interface OutboxRecord {
  topic: string;
  key: string;
  value: Uint8Array;
}

export async function writeOutbox(tx: Queryable, records: OutboxRecord[]): Promise<number[]> {
  if (records.length === 0) return [];
  const params: unknown[] = [];
  const rows = records.map((r, i) => {
    params.push(r.topic, r.key, Buffer.from(r.value));
    return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
  });
  const res = await tx.query<{ id: string }>(
    `INSERT INTO agent_outbox (topic, key, value) VALUES ${rows.join(', ')} RETURNING id`,
    params,
  );
  return res.rows.map((r) => Number(r.id));
}

/** How long a published row may stay unmarked when no turn transaction comes along to mark it. */
const MARK_AFTER_MS = 200;
/** How many published ids to remember (far more than are ever published and unmarked at once). */
const RECENTLY_PUBLISHED = 50_000;
/** Unmarked rows older than this were left by a writer that died (also the sweeper's threshold). */
const ABANDONED_AFTER_MS = 2000;

/** An unpublished outbox row of a conversation, as a turn transaction saw it under the conversation's lock. */
export interface PendingRow {
  id: number;
  /** How old the row was then, in ms. */
  ageMs: number;
}

interface Queued {
  ids: number[];
  records: OutboxRecord[];
  /** Unpublished rows of the same conversations seen by the transaction; undefined: look them up. */
  pending?: PendingRow[];
  done: () => void;
}

/**
 * Relays committed outbox rows to the bus right after their transaction (the fast path; a sweeper
 * retries leftovers). Deliveries queue up and go out in commit order, everything queued so far in
 * one publish call (per topic), so concurrent transactions share a produce request and a
 * conversation's replies keep their order. Published rows are "marked" (deleted) by the next turn
 * transaction (takeMarks), or after MARK_AFTER_MS by a DELETE of their own; an unmarked row is only
 * published again if this process dies first (at least once; consumers dedupe by message id).
 */
export class OutboxRelay {
  private sweeping?: Promise<void>;
  private readonly queue: Queued[] = [];
  private draining?: Promise<void>;
  private marks: number[] = [];
  private markTimer?: NodeJS.Timeout;
  private readonly published = new Set<number>();
  private readonly failed = new Set<number>();
  /** Ids handed to deliver and not yet attempted: the sweeper leaves them to the fast path. */
  private readonly sending = new Set<number>();

  constructor(
    private readonly sql: Sql,
    private readonly bus: EventBus | undefined,
    private readonly logger: Logger,
  ) {}

  /**
   * Publishes the given rows right after their transaction committed; resolves once attempted.
   * `pending`: the unpublished rows of the same conversations that transaction read under the
   * conversations' locks (see agent_lock_and_read); with it, the order check needs no query unless
   * one of them has to go out first. Without it, the relay looks them up at publish time.
   */
  deliver(ids: number[], records: OutboxRecord[], pending?: PendingRow[]): Promise<void> {
    if (!this.bus || ids.length === 0) return Promise.resolve();
    for (const id of ids) this.sending.add(id);
    return new Promise((done) => {
      this.queue.push({ ids, records, done, ...(pending ? { pending } : {}) });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) {
        this.draining = undefined;
        return;
      }
      const items = this.queue.splice(0);
      try {
        const ids = items.flatMap((i) => i.ids);
        const records = items.flatMap((i) => i.records);
        // Never overtake an earlier reply of the same conversation that is still pending: one left
        // by a crashed process (this one before a restart, or the replica that owned the partition
        // before a rebalance) or by a failed publish. It goes out first, in id order.
        const earlier = await this.pendingBefore(items, ids, records);
        if (earlier.length === 0) await this.publish(records);
        else await this.publishAfter(earlier, records);
        this.remember(ids);
        this.marks.push(...ids);
        this.scheduleMarks();
      } catch (err) {
        // Left for the sweeper (at least once, never lost); the next delivery of the same
        // conversation takes them along first.
        for (const i of items) for (const id of i.ids) this.failed.add(id);
        this.logger.warn({ err, rows: items.length }, 'outbox delivery failed; will retry');
      }
      for (const i of items) {
        for (const id of i.ids) this.sending.delete(id);
        i.done();
      }
    }
  }

  /**
   * Unpublished rows with the same keys and lower ids than this batch, oldest first, that must go
   * out before it: ours whose publish failed, or anyone's older than the sweeper's threshold (a
   * dead writer: Kafka hands its partitions over only after its session expired). A young unmarked
   * row of another replica is most likely published with its mark on the way (marks are deferred),
   * and rows this process published are skipped: both are left alone.
   */
  private async pendingBefore(items: Queued[], ids: number[], records: OutboxRecord[]): Promise<number[]> {
    let min = ids[0]!;
    for (const id of ids) if (id < min) min = id;
    const due = (id: number, ageMs: number) =>
      id < min && !this.published.has(id) && (this.failed.has(id) || ageMs >= ABANDONED_AFTER_MS);
    let wanted: number[];
    if (items.every((i) => i.pending)) {
      // Seen by the transactions themselves: the common case costs no query.
      wanted = items.flatMap((i) => i.pending!.filter((p) => due(p.id, p.ageMs)).map((p) => p.id));
    } else {
      const keys = [...new Set(records.map((r) => r.key))];
      const { rows } = await this.sql.query<{ id: string; age_ms: number }>(
        `SELECT id, (extract(epoch FROM now() - created_at) * 1000)::float8 AS age_ms
           FROM agent_outbox WHERE published_at IS NULL AND key = ANY($1::text[]) AND id < $2`,
        [keys, min],
      );
      wanted = rows.filter((r) => due(Number(r.id), r.age_ms)).map((r) => Number(r.id));
    }
    return [...new Set(wanted)];
  }

  /**
   * Publishes the earlier rows, then this batch's, in one call. The earlier rows are locked and marked
   * in the same transaction, so a sweeper (this replica's or another's) publishing them at the same
   * moment cannot send them twice: it skips locked rows, and a row it already published is no
   * longer unpublished once the lock is ours.
   */
  private async publishAfter(earlier: number[], records: OutboxRecord[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; topic: string; key: string; value: Uint8Array }>(
        `SELECT id, topic, key, value FROM agent_outbox
          WHERE id = ANY($1::bigint[]) AND published_at IS NULL ORDER BY id FOR UPDATE`,
        [earlier],
      );
      await this.publish([
        ...rows.map((r) => ({ topic: r.topic, key: r.key, value: new Uint8Array(r.value) })),
        ...records,
      ]);
      const ids = rows.map((r) => Number(r.id));
      this.remember(ids);
      await tx.query('DELETE FROM agent_outbox WHERE id = ANY($1::bigint[])', [ids]);
    });
  }

  /** Ids this process published recently (bounded; marks land within MARK_AFTER_MS). */
  private remember(ids: Iterable<number>): void {
    for (const id of ids) {
      this.failed.delete(id);
      this.published.add(id);
      if (this.published.size > RECENTLY_PUBLISHED) {
        const oldest = this.published.values().next().value;
        if (oldest !== undefined) this.published.delete(oldest);
      }
    }
  }

  /** Published rows not yet marked; the caller marks them in its transaction (or returns them). */
  takeMarks(): number[] {
    const ids = this.marks;
    this.marks = [];
    return ids;
  }

  /** Marks taken by a transaction that did not commit. */
  returnMarks(ids: number[]): void {
    if (ids.length === 0) return;
    this.marks.push(...ids);
    this.scheduleMarks();
  }

  private scheduleMarks(): void {
    if (this.markTimer || this.marks.length === 0) return;
    this.markTimer = setTimeout(() => {
      this.markTimer = undefined;
      this.flushMarks().catch((err) => this.logger.warn({ err }, 'marking outbox rows failed'));
    }, MARK_AFTER_MS);
    this.markTimer.unref();
  }

  /** Marks the published rows now. */
  async flushMarks(): Promise<void> {
    const ids = this.takeMarks();
    if (ids.length === 0) return;
    try {
      await this.sql.query('DELETE FROM agent_outbox WHERE id = ANY($1::bigint[])', [ids]);
    } catch (err) {
      this.returnMarks(ids);
      throw err;
    }
  }

  /** Waits for queued deliveries and marks what was published (shutdown). */
  async close(): Promise<void> {
    await this.draining;
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    await this.flushMarks();
  }

  /** Publishes rows left behind (crash or bus error between commit and delivery). */
  sweep(olderThanMs = ABANDONED_AFTER_MS): Promise<void> {
    this.sweeping ??= this.doSweep(olderThanMs).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async doSweep(olderThanMs: number): Promise<void> {
    if (!this.bus) return;
    const bus = this.bus;
    await this.flushMarks();
    await this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; topic: string; key: string; value: Uint8Array }>(
        `SELECT id, topic, key, value FROM agent_outbox
          WHERE published_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond')
            AND id <> ALL($2::bigint[])
          ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [olderThanMs, [...this.sending]],
      );
      if (rows.length === 0) return;
      // Rows this process published while the sweep waited for its locks have their marks still on
      // the way: mark them with the rest, never send them again.
      const left = rows.filter((r) => !this.published.has(Number(r.id)));
      await this.publishWith(
        bus,
        left.map((r) => ({ topic: r.topic, key: r.key, value: new Uint8Array(r.value) })),
      );
      this.remember(left.map((r) => Number(r.id)));
      await tx.query('DELETE FROM agent_outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
    });
  }

  private publish(records: OutboxRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.publishWith(this.bus!, records);
  }

  private async publishWith(bus: EventBus, records: OutboxRecord[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: Uint8Array }[]>();
    for (const r of records) {
      const rs = byTopic.get(r.topic) ?? [];
      rs.push({ key: r.key, value: r.value });
      byTopic.set(r.topic, rs);
    }
    await Promise.all([...byTopic].map(([topic, rs]) => bus.publish(topic, rs)));
  }
}
