// Transactional outbox + relay. Changes write their events into `outbox` in their own transaction;
// after commit the relay publishes them in id order and deletes them. One relay publishes at a time
// across replicas (transaction-scoped advisory lock), so per-key order holds. If the bus is down the
// rows stay and the relay retries with backoff (and a periodic sweep picks up rows a crashed replica
// left): delivery is at least once; events carry ids so consumers deduplicate.
import type { Logger } from '@boomerang/kit/logger';
import type { Metrics } from '@boomerang/kit/metrics';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import type { Outbox, OutboxRecord } from '../domain/ports';

/** The part of the kit's EventBus the relay needs. */
export interface Publisher {
  publish(topic: string, records: { key: string; value: Uint8Array; headers?: Record<string, string> }[]): Promise<void>;
}

export interface RelayOptions {
  sql: Sql;
  bus: Publisher;
  logger: Logger;
  metrics?: Metrics;
  batchSize?: number;
  /** Safety-net sweep interval (default 1 s). */
  sweepMs?: number;
  /** Backoff after a failed publish: starts here, doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export class OutboxRelay implements Outbox {
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private backoff: number;
  private readonly log: Logger;

  constructor(private readonly o: RelayOptions) {
    this.backoff = o.minBackoffMs ?? 100;
    this.log = o.logger.child({ component: 'outbox' });
  }

  async enqueue(tx: Queryable, records: OutboxRecord[]): Promise<void> {
    for (const r of records) {
      await tx.query('INSERT INTO outbox (topic, key, value) VALUES ($1, $2, $3)', [r.topic, r.key, Buffer.from(r.value)]);
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule(this.o.sweepMs ?? 1000);
  }

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

  /** Publishes what is pending now; resolves when the outbox is empty or the bus failed. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    await this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    // Last attempt so a clean shutdown leaves nothing behind; failures stay for the next start.
    await this.loop().catch(() => undefined);
  }

  async pending(): Promise<number> {
    const { rows } = await this.o.sql.query<{ n: string | number }>('SELECT count(*) AS n FROM outbox');
    return Number(rows[0]?.n ?? 0);
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
        n = await this.drainBatch();
        this.backoff = this.o.minBackoffMs ?? 100;
      } catch (err) {
        this.log.warn({ err: (err as Error).message, retryInMs: this.backoff }, 'publishing outbox failed; will retry');
        this.schedule(this.backoff);
        this.backoff = Math.min(this.backoff * 2, this.o.maxBackoffMs ?? 5000);
        return;
      }
      if (n >= (this.o.batchSize ?? 100)) this.again = true;
    } while (this.again);
  }

  private drainBatch(): Promise<number> {
    return this.o.sql.transaction(async (tx) => {
      const lock = await tx.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext('boomerang:handoff:outbox')) AS ok");
      if (!lock.rows[0]?.ok) return 0;
      const { rows } = await tx.query<{ id: string | number; topic: string; key: string; value: Uint8Array }>(
        'SELECT id, topic, key, value FROM outbox ORDER BY id LIMIT $1',
        [this.o.batchSize ?? 100],
      );
      if (rows.length === 0) return 0;
      // Consecutive runs per topic keep the global order within each topic.
      let i = 0;
      while (i < rows.length) {
        const topic = rows[i]!.topic;
        const run: { key: string; value: Uint8Array }[] = [];
        while (i < rows.length && rows[i]!.topic === topic) {
          run.push({ key: rows[i]!.key, value: new Uint8Array(rows[i]!.value) });
          i++;
        }
        await this.o.bus.publish(topic, run);
        this.o.metrics?.published.inc({ topic }, run.length);
      }
      await tx.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => String(r.id))]);
      return rows.length;
    });
  }
}
