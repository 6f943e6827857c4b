/** Transactional outbox: events are written with the turn, relayed to the bus after commit. */
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

export class OutboxRelay {
  private sweeping?: Promise<void>;

  constructor(
    private readonly sql: Sql,
    private readonly bus: EventBus | undefined,
    private readonly logger: Logger,
  ) {}

  /** Publishes the given rows right after their transaction committed (the fast path). */
  async deliver(ids: number[], records: OutboxRecord[]): Promise<void> {
    if (!this.bus || ids.length === 0) return;
    try {
      await this.publish(records);
      await this.sql.query('UPDATE agent_outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
        ids,
      ]);
    } catch (err) {
      // Left for the sweeper: at least once, never lost.
      this.logger.warn({ err, ids }, 'outbox delivery failed; will retry');
    }
  }

  /** Publishes rows left behind (crash or bus error between commit and delivery). */
  sweep(olderThanMs = 2000): Promise<void> {
    this.sweeping ??= this.doSweep(olderThanMs).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async doSweep(olderThanMs: number): Promise<void> {
    if (!this.bus) return;
    const bus = this.bus;
    await this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; topic: string; key: string; value: Uint8Array }>(
        `SELECT id, topic, key, value FROM agent_outbox
          WHERE published_at IS NULL AND created_at < now() - ($1::int * interval '1 millisecond')
          ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [olderThanMs],
      );
      if (rows.length === 0) return;
      await this.publishWith(
        bus,
        rows.map((r) => ({ topic: r.topic, key: r.key, value: new Uint8Array(r.value) })),
      );
      await tx.query('UPDATE agent_outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((r) => r.id),
      ]);
    });
  }

  private publish(records: OutboxRecord[]): Promise<void> {
    return this.publishWith(this.bus!, records);
  }

  private async publishWith(bus: EventBus, records: OutboxRecord[]): Promise<void> {
    const byTopic = new Map<string, OutboxRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    for (const [topic, rs] of byTopic)
      await bus.publish(
        topic,
        rs.map((r) => ({ key: r.key, value: r.value })),
      );
  }
}
