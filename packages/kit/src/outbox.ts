// Transactional outbox. A service writes its events into an outbox table in the same transaction as
// the state change they describe (`enqueue`), then calls `kick()` after commit. The relay publishes
// pending rows in id order and removes them (or marks them published). Guarantees:
//  - nothing committed is lost: a bus outage or a crash between commit and publish only delays the
//    event; the relay backs off and retries, and a periodic sweep picks up what a dead replica left;
//  - per-key order holds across replicas: one relay drains at a time (a transaction-scoped advisory
//    lock), always oldest first, so a later event can never overtake an earlier one that is still
//    pending (e.g. a reply written just before a crash and the reply written just after a restart);
//  - at least once: a crash after publish and before the delete publishes the batch again, so events
//    carry ids and consumers deduplicate.
// The table needs `id bigserial PRIMARY KEY, topic text, key text, value bytea` (plus
// `published_at timestamptz` for mode 'mark').
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { assertIdentifier } from './sql/postgres';
import type { Queryable, Sql } from './sql/types';

export interface OutboxRecord {
  topic: string;
  key: string;
  value: Uint8Array;
}

/** The part of the EventBus the relay needs. */
export interface OutboxPublisher {
  publish(topic: string, records: { key: string; value: Uint8Array }[]): Promise<void>;
}

export interface OutboxOptions {
  sql: Sql;
  bus: OutboxPublisher;
  logger: Logger;
  /** The outbox table (an SQL identifier). */
  table: string;
  /** 'delete' (default) removes published rows; 'mark' sets `published_at` and keeps them. */
  mode?: 'delete' | 'mark';
  /** Rows per drain transaction (default 200). */
  batchSize?: number;
  /** Safety-net sweep interval (default 1 s). */
  sweepMs?: number;
  /** Backoff after a failed publish: starts here (default 100 ms), doubles up to maxBackoffMs (5 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Counts published events by topic (e.g. the kit metrics' `published`). */
  published?: Pick<Counter<'topic'>, 'inc'>;
}

export interface RelayLoopOptions {
  /** Publishes one batch of what is pending; returns how many it published (0: nothing, or busy). */
  drain: () => Promise<number>;
  logger: Logger;
  /** A full batch means more may be pending: drain again at once. */
  batchSize: number;
  /** Safety-net sweep interval (default 1 s). */
  sweepMs?: number;
  /** Backoff after a failed drain: starts here (default 100 ms), doubles up to maxBackoffMs (5 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * The scheduling of a relay: drains on `kick()` (overlapping kicks coalesce into one more pass),
 * sweeps periodically for what another process left, backs off while the bus fails, and drains a
 * last time on `stop()`. What a drain reads and publishes is the caller's.
 */
export class RelayLoop {
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private backoff: number;

  constructor(private readonly o: RelayLoopOptions) {
    this.backoff = o.minBackoffMs ?? 100;
  }

  /** Starts: drains what is pending now, then sweeps periodically. */
  start(): void {
    this.stopped = false;
    this.kick();
    this.schedule(this.o.sweepMs ?? 1000);
  }

  /** Drains soon (call after each commit); overlapping calls coalesce into one more pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Drains until nothing is pending, also when stopped; rejects if a drain fails. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    while ((await this.o.drain()) > 0) {}
  }

  /** Stops after a last drain, so a clean shutdown leaves nothing behind. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.flush().catch((err) =>
      this.o.logger.warn(
        { err: (err as Error).message },
        'not empty at shutdown; the next start publishes it',
      ),
    );
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule(this.o.sweepMs ?? 1000);
    }, ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let n: number;
      try {
        n = await this.o.drain();
        this.backoff = this.o.minBackoffMs ?? 100;
      } catch (err) {
        this.o.logger.warn(
          { err: (err as Error).message, retryInMs: this.backoff },
          'publishing failed; will retry',
        );
        this.schedule(this.backoff);
        this.backoff = Math.min(this.backoff * 2, this.o.maxBackoffMs ?? 5000);
        return;
      }
      if (n >= this.o.batchSize) this.again = true;
    } while (this.again && !this.stopped);
  }
}

export class Outbox {
  private readonly loop: RelayLoop;
  private readonly table: string;
  private readonly lockKey: string;

  constructor(private readonly o: OutboxOptions) {
    this.table = assertIdentifier(o.table);
    this.lockKey = `boomerang:outbox:${o.table}`;
    this.loop = new RelayLoop({
      drain: () => this.drainBatch(),
      logger: o.logger.child({ component: 'outbox', table: o.table }),
      batchSize: o.batchSize ?? 200,
      sweepMs: o.sweepMs,
      minBackoffMs: o.minBackoffMs,
      maxBackoffMs: o.maxBackoffMs,
    });
  }

  /** Writes events inside the caller's transaction (one statement for any number of records). */
  async enqueue(tx: Queryable, records: readonly OutboxRecord[]): Promise<void> {
    if (records.length === 0) return;
    const params: unknown[] = [];
    const values = records.map((r, i) => {
      params.push(r.topic, r.key, Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
    });
    await tx.query(`INSERT INTO ${this.table} (topic, key, value) VALUES ${values.join(', ')}`, params);
  }

  /** Starts the relay: publishes what is pending now, then sweeps periodically. */
  start(): void {
    this.loop.start();
  }

  /** Publishes what is pending (call after each commit); overlapping calls coalesce into one drain. */
  kick(): void {
    this.loop.kick();
  }

  /** Publishes what is pending now, also when stopped; rejects if the bus fails. */
  flush(): Promise<void> {
    return this.loop.flush();
  }

  /** Stops the relay after a last drain, so a clean shutdown leaves nothing behind. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Rows not published yet. */
  async pending(): Promise<number> {
    const where = this.o.mode === 'mark' ? ' WHERE published_at IS NULL' : '';
    const { rows } = await this.o.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ${this.table}${where}`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** One batch, oldest first, under the advisory lock; returns the rows published (0 if another relay holds the lock). */
  private drainBatch(): Promise<number> {
    const mark = this.o.mode === 'mark';
    return this.o.sql.transaction(async (tx) => {
      // Per schema and table: services (or tests) sharing one database do not block each other.
      const lock = await tx.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || ':' || $1)) AS ok",
        [this.lockKey],
      );
      if (!lock.rows[0]?.ok) return 0;
      const { rows } = await tx.query<{ id: string | number; topic: string; key: string; value: Uint8Array }>(
        `SELECT id, topic, key, value FROM ${this.table}${mark ? ' WHERE published_at IS NULL' : ''} ORDER BY id LIMIT $1`,
        [this.o.batchSize ?? 200],
      );
      if (rows.length === 0) return 0;
      // Consecutive runs per topic keep the order within each topic (and so within each key).
      let i = 0;
      while (i < rows.length) {
        const topic = rows[i]!.topic;
        const run: { key: string; value: Uint8Array }[] = [];
        while (i < rows.length && rows[i]!.topic === topic) {
          run.push({ key: rows[i]!.key, value: new Uint8Array(rows[i]!.value) });
          i++;
        }
        await this.o.bus.publish(topic, run);
        this.o.published?.inc({ topic }, run.length);
      }
      const ids = rows.map((r) => String(r.id));
      await tx.query(
        mark
          ? `UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::bigint[])`
          : `DELETE FROM ${this.table} WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      return rows.length;
    });
  }
}
