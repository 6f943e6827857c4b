import type { EventBus, PublishRecord } from '@boomerang/kit/bus';
import type { Logger } from '@boomerang/kit/logger';
import type { Metrics } from '@boomerang/kit/metrics';
import type { Sql } from '@boomerang/kit/sql';
import {
  Granularity as ProtoGranularity,
  ResolutionRate,
} from '@boomerang/proto/boomerang/events/v1/analytics';
import { resolutionRate, windowKeyString } from '../domain/resolution';
import type { Granularity } from '../domain/windows';
import { LIVE_TABLES, type Tables, type WindowRow } from './store';

/** Record header naming the value's schema, for analysts' generic consumers. */
export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf; messageType=boomerang.events.v1.ResolutionRate';
export const JSON_CONTENT_TYPE = 'application/json; messageType=boomerang.events.v1.ResolutionRate';

const TO_PROTO: Record<Granularity, ProtoGranularity> = {
  day: ProtoGranularity.GRANULARITY_DAY,
  iso_week: ProtoGranularity.GRANULARITY_ISO_WEEK,
};

const BUSY = -1;

export function toResolutionRate(w: WindowRow): ResolutionRate {
  return {
    tenantId: w.tenantId,
    channel: w.channel,
    skill: w.skill,
    granularity: TO_PROTO[w.granularity],
    windowStart: w.windowStart,
    timeZone: w.timeZone,
    conversations: w.conversations,
    resolvedByAgent: w.resolvedByAgent,
    handedOff: w.handedOff,
    abandoned: w.abandoned,
    rate: resolutionRate(w.resolvedByAgent, w.conversations),
    computedAt: w.updatedAt,
    version: w.version,
  };
}

export interface PublisherOptions {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
  topic: string;
  /** Also publish the proto3 JSON of each value here (same key), or undefined for none. */
  jsonTopic?: string;
  tables?: Tables;
  batchSize?: number;
  retryMs?: number;
  /** Coalescing delay: changes within it go out in one flush (default 25 ms). */
  delayMs?: number;
}

/**
 * Publishes every window whose value changed (version > published_version) to the compacted topic:
 * an outbox in the windows table itself. A transaction-scoped advisory lock lets one publisher run at a
 * time across replicas, so an older value can never overtake a newer one on the topic. A crash between
 * the database commit and the publish only delays it: the next flush (at start, too) finds the row.
 */
export class WindowPublisher {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private readonly tables: Tables;
  private readonly logger: Logger;

  constructor(private readonly options: PublisherOptions) {
    this.tables = options.tables ?? LIVE_TABLES;
    this.logger = options.logger.child({ component: 'publisher' });
  }

  private scheduled?: NodeJS.Timeout;

  /** Asks for a flush soon; calls within the delay, or while one runs, coalesce into one more pass. */
  kick(): void {
    if (this.stopped || this.scheduled) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.flushSoon();
    }, this.options.delayMs ?? 25);
  }

  private flushSoon(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.flushSoon();
      }
    });
  }

  /** Flushes until nothing is pending (tests, replay, shutdown). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    for (;;) {
      const n = await this.flushOnce();
      if (n === 0) return;
      if (n === BUSY) await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.scheduled);
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      let n = 0;
      do {
        if (this.stopped) break;
        n = await this.flushOnce();
      } while (n > 0);
      if (n === BUSY) this.retryLater(); // another replica is publishing; look again shortly
    } catch (err) {
      this.logger.warn({ err }, 'publishing resolution-rate windows failed; will retry');
      this.retryLater();
    }
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.kick(), this.options.retryMs ?? 1000);
    this.retryTimer.unref();
  }

  private flushOnce(): Promise<number> {
    const { sql, bus, topic, jsonTopic, metrics } = this.options;
    const table = this.tables.windows;
    return sql.transaction(async (tx) => {
      // One publisher at a time across replicas (so a newer value is never overtaken by an older
      // one), without locking the window rows: writers keep counting while a publish is in flight.
      const lock = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [
        `boomerang:analytics:publisher:${table}`,
      ]);
      if (!lock.rows[0]?.ok) return BUSY;
      const { rows } = await tx.query<Record<string, unknown>>(
        `SELECT tenant_id, channel, skill, granularity, window_start::text AS window_start, time_zone, conversations,
                resolved_by_agent, handed_off, abandoned, version, updated_at
           FROM ${table} WHERE version > published_version
          ORDER BY tenant_id, channel, skill, granularity, window_start
          LIMIT $1`,
        [this.options.batchSize ?? 500],
      );
      if (rows.length === 0) return 0;
      const windows: WindowRow[] = rows.map((r) => ({
        tenantId: String(r.tenant_id),
        channel: String(r.channel),
        skill: String(r.skill),
        granularity: r.granularity as Granularity,
        windowStart: String(r.window_start),
        timeZone: String(r.time_zone),
        conversations: Number(r.conversations),
        resolvedByAgent: Number(r.resolved_by_agent),
        handedOff: Number(r.handed_off),
        abandoned: Number(r.abandoned),
        version: Number(r.version),
        updatedAt: new Date(r.updated_at as Date),
      }));
      const messages = windows.map((w) => ({ key: windowKeyString(w), value: toResolutionRate(w) }));
      const records: PublishRecord[] = messages.map((m) => ({
        key: m.key,
        value: ResolutionRate.encode(m.value).finish(),
        headers: { 'content-type': PROTOBUF_CONTENT_TYPE },
      }));
      await bus.publish(topic, records);
      if (jsonTopic) {
        await bus.publish(
          jsonTopic,
          messages.map((m) => ({
            key: m.key,
            value: Buffer.from(JSON.stringify(ResolutionRate.toJSON(m.value))),
            headers: { 'content-type': JSON_CONTENT_TYPE },
          })),
        );
      }
      await tx.query(
        `UPDATE ${table} w SET published_version = u.v
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::bigint[]) AS u(t, c, s, g, ws, v)
          WHERE w.tenant_id = u.t AND w.channel = u.c AND w.skill = u.s AND w.granularity = u.g AND w.window_start = u.ws
            AND w.published_version < u.v`,
        [
          windows.map((w) => w.tenantId),
          windows.map((w) => w.channel),
          windows.map((w) => w.skill),
          windows.map((w) => w.granularity),
          windows.map((w) => w.windowStart),
          windows.map((w) => w.version),
        ],
      );
      metrics?.published.inc({ topic }, records.length);
      return rows.length;
    });
  }
}
