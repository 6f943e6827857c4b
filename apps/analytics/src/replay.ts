import { randomBytes } from 'node:crypto';
import type { EventBus } from '@boomerang/kit/bus';
import type { Logger } from '@boomerang/kit/logger';
import { migrate, type Sql } from '@boomerang/kit/sql';
import { AgentOutcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import { WindowPublisher } from './adapters/publisher';
import { AnalyticsStore, type ApplyItem, LIVE_TABLES, type Tables } from './adapters/store';
import { outcomeFact } from './domain/events';
import type { TenantDirectory } from './domain/tenants';
import { OutcomeApplier } from './pipeline';
import { MIGRATIONS_DIR } from './server';

export interface ReplayOptions {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  tenants: TenantDirectory;
  allowedLatenessMs: number;
  topics: { outcomes: string; resolutionRate: string; resolutionRateJson?: string };
  /** Last offset per partition to read up to (Kafka: the high watermarks at start). */
  endOffsets?: Map<number, bigint>;
  /** Without endOffsets: done once no message came for this long (in-process bus). */
  idleMs?: number;
}

export interface ReplayReport {
  events: number;
  conversations: number;
  windows: number;
}

const REPLAY: Tables = {
  conversations: 'analytics_conversations_replay',
  windows: 'analytics_windows_replay',
};

/**
 * Rebuilds the conversations and resolution-rate windows from the outcome topic, offset 0, into
 * fresh tables, then swaps them in in one transaction and re-publishes every window (windows that
 * no longer have conversations are published with zero counts). Run it with the service stopped;
 * when the service starts again its consumer group resumes where it was, and events the replay
 * already applied are stale (same revision) and change nothing. Return-provider and ticket reasons
 * are not touched (they come from other topics).
 */
export async function replayOutcomes(o: ReplayOptions): Promise<ReplayReport> {
  const logger = o.logger.child({ component: 'replay' });
  await migrate(o.sql, { app: 'analytics', migrations: MIGRATIONS_DIR, logger });
  await o.sql.exec(`
    DROP TABLE IF EXISTS ${REPLAY.conversations}; DROP TABLE IF EXISTS ${REPLAY.windows};
    CREATE TABLE ${REPLAY.conversations} (LIKE ${LIVE_TABLES.conversations} INCLUDING ALL);
    CREATE TABLE ${REPLAY.windows} (LIKE ${LIVE_TABLES.windows} INCLUDING ALL);`);
  const store = new AnalyticsStore(o.sql, REPLAY);
  const applier = new OutcomeApplier(store, {
    allowedLatenessMs: o.allowedLatenessMs,
    logger,
    onCommit: () => {},
  });
  const pending = new Map([...(o.endOffsets ?? new Map<number, bigint>())].filter(([, end]) => end >= 0n));
  let events = 0;
  let lastMessageAt = Date.now();
  let done!: () => void;
  const caughtUp = new Promise<void>((resolve) => (done = resolve));
  if (o.endOffsets && pending.size === 0) done();
  const sub = await o.bus.subscribeBatch(
    {
      topics: [o.topics.outcomes],
      groupId: `analytics-replay-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
      fromBeginning: true,
      maxBatchSize: 1000,
    },
    async (messages) => {
      lastMessageAt = Date.now();
      const items: ApplyItem[] = [];
      for (const m of messages) {
        const end = pending.get(m.partition);
        if (o.endOffsets && (end === undefined || BigInt(m.offset) > end)) continue; // newer than the replay's "now"
        try {
          const fact = outcomeFact(AgentOutcome.decode(m.value));
          items.push({ fact, timeZone: await o.tenants.timeZone(fact.tenantId) });
        } catch (err) {
          logger.warn(
            { partition: m.partition, offset: m.offset, err },
            'skipping an outcome the live service would have sent to the DLQ',
          );
        }
      }
      await applier.apply(items);
      events += items.length;
      for (const m of messages) {
        const end = pending.get(m.partition);
        if (end !== undefined && BigInt(m.offset) >= end) {
          pending.delete(m.partition);
          if (pending.size === 0) done();
        }
      }
    },
  );
  let idleTimer: NodeJS.Timeout | undefined;
  if (!o.endOffsets) {
    const idleMs = o.idleMs ?? 2000;
    const check = () => {
      if (Date.now() - lastMessageAt >= idleMs) done();
      else idleTimer = setTimeout(check, idleMs / 4);
    };
    check();
  }
  await caughtUp;
  clearTimeout(idleTimer);
  await sub.stop();

  const counts = await o.sql.transaction(async (tx) => {
    await tx.query(
      `LOCK TABLE ${LIVE_TABLES.windows}, ${LIVE_TABLES.conversations} IN ACCESS EXCLUSIVE MODE`,
    );
    // Windows that existed but have no conversations any more: keep them, at zero, so the topic says so.
    await tx.query(
      `INSERT INTO ${REPLAY.windows} (tenant_id, channel, skill, granularity, window_start, time_zone)
       SELECT tenant_id, channel, skill, granularity, window_start, time_zone FROM ${LIVE_TABLES.windows}
       ON CONFLICT DO NOTHING`,
    );
    // Versions continue from the live ones, so consumers keeping the highest version take the new values.
    await tx.query(
      `UPDATE ${REPLAY.windows} r SET published_version = 0, version = 1 + COALESCE((SELECT l.version FROM ${LIVE_TABLES.windows} l
         WHERE l.tenant_id = r.tenant_id AND l.channel = r.channel AND l.skill = r.skill
           AND l.granularity = r.granularity AND l.window_start = r.window_start), 0)`,
    );
    await tx.exec(`
      ALTER TABLE ${LIVE_TABLES.conversations} RENAME TO analytics_conversations_old;
      ALTER TABLE ${LIVE_TABLES.windows} RENAME TO analytics_windows_old;
      ALTER TABLE ${REPLAY.conversations} RENAME TO ${LIVE_TABLES.conversations};
      ALTER TABLE ${REPLAY.windows} RENAME TO ${LIVE_TABLES.windows};
      DROP TABLE analytics_conversations_old;
      DROP TABLE analytics_windows_old;`);
    const c = await tx.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${LIVE_TABLES.conversations}`);
    const w = await tx.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${LIVE_TABLES.windows}`);
    return { conversations: Number(c.rows[0]!.n), windows: Number(w.rows[0]!.n) };
  });
  const publisher = new WindowPublisher({
    sql: o.sql,
    bus: o.bus,
    logger,
    topic: o.topics.resolutionRate,
    jsonTopic: o.topics.resolutionRateJson,
  });
  await publisher.flush();
  logger.info({ events, ...counts }, 'replay finished; tables swapped and windows re-published');
  return { events, ...counts };
}
