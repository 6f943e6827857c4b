import type { Queryable, Sql } from '@boomerang/kit/sql';
import type { ProviderReturnLine, TicketReason } from '../domain/events';
import {
  type ConversationState,
  type Decision,
  decide,
  mergeDeltas,
  type OutcomeFact,
  type OutcomeName,
  type WindowDelta,
} from '../domain/resolution';
import { type Granularity, localDate } from '../domain/windows';

/** A window row as stored (counts and its outbox versions). */
export interface WindowRow {
  tenantId: string;
  channel: string;
  skill: string;
  granularity: Granularity;
  windowStart: string;
  timeZone: string;
  conversations: number;
  resolvedByAgent: number;
  handedOff: number;
  abandoned: number;
  version: number;
  updatedAt: Date;
}

export interface ReasonRow {
  reason: string;
  productType: string;
  sku: string;
  source: string;
  count: number;
}

export interface ApplyItem {
  fact: OutcomeFact;
  timeZone: string;
}

export interface ApplyResult {
  decisions: Decision['kind'][];
  /** Late events seen for the first time (a redelivered late event is not counted twice). */
  newlyLate: OutcomeFact[];
  changedWindows: number;
}

/** Table names, so a replay can build into fresh tables and swap them in. */
export interface Tables {
  conversations: string;
  windows: string;
}
export const LIVE_TABLES: Tables = { conversations: 'analytics_conversations', windows: 'analytics_windows' };

const WINDOW_COLUMNS = `tenant_id, channel, skill, granularity, window_start::text AS window_start, time_zone,
  conversations, resolved_by_agent, handed_off, abandoned, version, updated_at`;

interface RawWindow {
  tenant_id: string;
  channel: string;
  skill: string;
  granularity: Granularity;
  window_start: string;
  time_zone: string;
  conversations: unknown;
  resolved_by_agent: unknown;
  handed_off: unknown;
  abandoned: unknown;
  version: unknown;
  updated_at: Date;
}

function toWindow(r: RawWindow): WindowRow {
  return {
    tenantId: r.tenant_id,
    channel: r.channel,
    skill: r.skill,
    granularity: r.granularity,
    windowStart: r.window_start,
    timeZone: r.time_zone,
    conversations: Number(r.conversations),
    resolvedByAgent: Number(r.resolved_by_agent),
    handedOff: Number(r.handed_off),
    abandoned: Number(r.abandoned),
    version: Number(r.version),
    updatedAt: new Date(r.updated_at),
  };
}

interface RawConversation {
  tenant_id: string;
  conversation_id: string;
  revision: number;
  event_id: string;
  outcome: OutcomeName;
  channel: string;
  skill: string;
  started_at: Date;
  occurred_at: Date;
  time_zone: string;
  day_start: string;
  week_start: string;
  return_reason: string | null;
  handoff_reason: string | null;
  product_type: string;
  sku: string;
}

function toConversation(r: RawConversation): ConversationState {
  return {
    tenantId: r.tenant_id,
    conversationId: r.conversation_id,
    revision: Number(r.revision),
    eventId: r.event_id,
    outcome: r.outcome,
    channel: r.channel,
    skill: r.skill,
    startedAt: new Date(r.started_at),
    occurredAt: new Date(r.occurred_at),
    timeZone: r.time_zone,
    dayStart: r.day_start,
    weekStart: r.week_start,
    returnReason: r.return_reason,
    handoffReason: r.handoff_reason,
    productType: r.product_type,
    sku: r.sku,
  };
}

const convKey = (tenantId: string, conversationId: string) => `${tenantId}\u0000${conversationId}`;

export async function upsertConversations(
  tx: Queryable,
  table: string,
  states: ConversationState[],
): Promise<void> {
  if (states.length === 0) return;
  const col = <K extends keyof ConversationState>(k: K) => states.map((s) => s[k]);
  await tx.query(
    `INSERT INTO ${table} AS c (tenant_id, conversation_id, revision, event_id, outcome, channel, skill, started_at,
       occurred_at, time_zone, day_start, week_start, return_reason, handoff_reason, product_type, sku, updated_at)
     SELECT u.*, now() FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::timestamptz[], $9::timestamptz[], $10::text[], $11::date[], $12::date[], $13::text[], $14::text[],
       $15::text[], $16::text[]) AS u
     ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET revision = excluded.revision, event_id = excluded.event_id,
       outcome = excluded.outcome, channel = excluded.channel, skill = excluded.skill, started_at = excluded.started_at,
       occurred_at = excluded.occurred_at, time_zone = excluded.time_zone, day_start = excluded.day_start,
       week_start = excluded.week_start, return_reason = excluded.return_reason,
       handoff_reason = excluded.handoff_reason, product_type = excluded.product_type, sku = excluded.sku,
       updated_at = now()
     WHERE excluded.revision > c.revision`,
    [
      col('tenantId'),
      col('conversationId'),
      col('revision'),
      col('eventId'),
      col('outcome'),
      col('channel'),
      col('skill'),
      states.map((s) => s.startedAt.toISOString()),
      states.map((s) => s.occurredAt.toISOString()),
      col('timeZone'),
      col('dayStart'),
      col('weekStart'),
      col('returnReason'),
      col('handoffReason'),
      col('productType'),
      col('sku'),
    ],
  );
}

/** Adds deltas to windows in key order (so concurrent writers lock rows in the same order) and bumps versions. */
export async function addToWindows(tx: Queryable, table: string, deltas: WindowDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const col = <K extends keyof WindowDelta>(k: K) => deltas.map((d) => d[k]);
  await tx.query(
    `INSERT INTO ${table} AS w (tenant_id, channel, skill, granularity, window_start, time_zone, conversations,
       resolved_by_agent, handed_off, abandoned, version, updated_at)
     SELECT t, c, s, g, ws, tz, n, r, h, a, 1, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::int[], $8::int[],
         $9::int[], $10::int[]) AS u(t, c, s, g, ws, tz, n, r, h, a)
      ORDER BY t, c, s, g, ws
     ON CONFLICT (tenant_id, channel, skill, granularity, window_start) DO UPDATE SET
       conversations = w.conversations + excluded.conversations,
       resolved_by_agent = w.resolved_by_agent + excluded.resolved_by_agent,
       handed_off = w.handed_off + excluded.handed_off,
       abandoned = w.abandoned + excluded.abandoned,
       version = w.version + 1,
       updated_at = now()`,
    [
      col('tenantId'),
      col('channel'),
      col('skill'),
      col('granularity'),
      col('windowStart'),
      col('timeZone'),
      col('conversations'),
      col('resolvedByAgent'),
      col('handedOff'),
      col('abandoned'),
    ],
  );
}

/** Advisory lock class (first key of the two-int form) for per-conversation locks in applyOutcomes. */
const CONVERSATION_LOCK_CLASS = 7_001;

/** The analytics tables: one transaction per batch of outcome events, queries for the RPCs. */
export class AnalyticsStore {
  constructor(
    readonly sql: Sql,
    readonly tables: Tables = LIVE_TABLES,
  ) {}

  /**
   * Applies a batch of outcome events atomically: reads (and locks) the conversations' current state,
   * decides each event in order, writes the new states and the summed window deltas. Duplicates and
   * older revisions change nothing, so redelivery after a crash never double counts.
   */
  async applyOutcomes(items: ApplyItem[], allowedLatenessMs: number): Promise<ApplyResult> {
    const { conversations, windows } = this.tables;
    return this.sql.transaction(async (tx) => {
      const keys = [
        ...new Map(items.map((i) => [convKey(i.fact.tenantId, i.fact.conversationId), i.fact])).values(),
      ];
      // FOR UPDATE below cannot lock a conversation that has no row yet: two transactions applying its
      // first outcome at once (two consumer groups on one database, or a revoked Kafka member still
      // finishing a batch the partition's new owner also got) would both count it. A transaction-scoped
      // advisory lock per conversation (its own key space: two-int form), taken in one global order,
      // serialises them; the second then sees the first's row and its event is stale.
      await tx.query(
        `SELECT pg_advisory_xact_lock(${CONVERSATION_LOCK_CLASS}, h)
           FROM (SELECT DISTINCT hashtext(t || '/' || c) AS h FROM unnest($1::text[], $2::text[]) AS u(t, c)) x
          ORDER BY h`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.conversationId)],
      );
      const { rows } = await tx.query<RawConversation>(
        `SELECT tenant_id, conversation_id, revision, event_id, outcome, channel, skill, started_at, occurred_at,
                time_zone, day_start::text AS day_start, week_start::text AS week_start, return_reason, handoff_reason,
                product_type, sku
           FROM ${conversations}
          WHERE (tenant_id, conversation_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
          ORDER BY tenant_id, conversation_id
          FOR UPDATE`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.conversationId)],
      );
      const current = new Map(rows.map((r) => [convKey(r.tenant_id, r.conversation_id), toConversation(r)]));
      const changed = new Map<string, ConversationState>();
      const deltas: WindowDelta[] = [];
      const late: OutcomeFact[] = [];
      const decisions: Decision['kind'][] = [];
      for (const { fact, timeZone } of items) {
        const key = convKey(fact.tenantId, fact.conversationId);
        const decision = decide(current.get(key), fact, { allowedLatenessMs, timeZone });
        decisions.push(decision.kind);
        if (decision.kind === 'late') late.push(fact);
        if (decision.kind !== 'apply') continue;
        current.set(key, decision.next);
        changed.set(key, decision.next);
        deltas.push(...decision.deltas);
      }
      await upsertConversations(tx, conversations, [...changed.values()]);
      const merged = mergeDeltas(deltas);
      await addToWindows(tx, windows, merged);
      let newlyLate: OutcomeFact[] = [];
      if (late.length > 0) {
        const inserted = await tx.query<{ event_id: string }>(
          `INSERT INTO analytics_late_dropped (event_id, tenant_id, conversation_id, revision, outcome, started_at, occurred_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::timestamptz[])
           ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
          [
            late.map((f) => f.eventId),
            late.map((f) => f.tenantId),
            late.map((f) => f.conversationId),
            late.map((f) => f.revision),
            late.map((f) => f.outcome),
            late.map((f) => f.startedAt.toISOString()),
            late.map((f) => f.occurredAt.toISOString()),
          ],
        );
        const ids = new Set(inserted.rows.map((r) => r.event_id));
        newlyLate = late.filter((f) => ids.has(f.eventId));
      }
      return { decisions, newlyLate, changedWindows: merged.length };
    });
  }

  async upsertProviderReturns(lines: ProviderReturnLine[], timeZone: string): Promise<void> {
    if (lines.length === 0) return;
    const col = <K extends keyof ProviderReturnLine>(k: K) => lines.map((l) => l[k]);
    await this.sql.query(
      `INSERT INTO analytics_provider_returns AS p (tenant_id, order_id, sku, event_id, reason, product_type, occurred_at, day)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::date[])
       ON CONFLICT (tenant_id, order_id, sku) DO UPDATE SET event_id = excluded.event_id, reason = excluded.reason,
         product_type = excluded.product_type, occurred_at = excluded.occurred_at, day = excluded.day
       WHERE excluded.occurred_at >= p.occurred_at`,
      [
        col('tenantId'),
        col('orderId'),
        col('sku'),
        col('eventId'),
        col('reason'),
        col('productType'),
        lines.map((l) => l.occurredAt.toISOString()),
        lines.map((l) => localDate(l.occurredAt, timeZone)),
      ],
    );
  }

  async upsertTicketReason(r: TicketReason, timeZone: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO analytics_ticket_reasons AS t (tenant_id, ticket_id, conversation_id, version, reason, occurred_at, day)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET conversation_id = excluded.conversation_id,
         version = excluded.version, reason = excluded.reason, occurred_at = excluded.occurred_at, day = excluded.day
       WHERE excluded.version >= t.version`,
      [
        r.tenantId,
        r.ticketId,
        r.conversationId,
        r.version,
        r.reason,
        r.occurredAt.toISOString(),
        localDate(r.occurredAt, timeZone),
      ],
    );
  }

  async windows(filter: {
    tenantId: string;
    granularity: Granularity;
    from: string;
    to: string;
    channel?: string;
    skill?: string;
  }): Promise<WindowRow[]> {
    const { rows } = await this.sql.query<RawWindow>(
      `SELECT ${WINDOW_COLUMNS} FROM ${this.tables.windows}
        WHERE tenant_id = $1 AND granularity = $2 AND window_start BETWEEN $3::date AND $4::date
          AND ($5 = '' OR channel = $5) AND ($6 = '' OR skill = $6) AND conversations > 0
        ORDER BY window_start, channel, skill`,
      [filter.tenantId, filter.granularity, filter.from, filter.to, filter.channel ?? '', filter.skill ?? ''],
    );
    return rows.map(toWindow);
  }

  async returnReasons(f: {
    tenantId: string;
    from: string;
    to: string;
    productType: string;
    sku: string;
  }): Promise<ReasonRow[]> {
    const { rows } = await this.sql.query<{
      reason: string;
      product_type: string;
      sku: string;
      source: string;
      count: unknown;
    }>(
      `SELECT reason, product_type, sku, source, count(*) AS count FROM (
         SELECT return_reason AS reason, product_type, sku, 'conversation' AS source
           FROM ${this.tables.conversations}
          WHERE tenant_id = $1 AND day_start BETWEEN $2::date AND $3::date AND return_reason IS NOT NULL
         UNION ALL
         SELECT reason, product_type, sku, 'return_provider' FROM analytics_provider_returns
          WHERE tenant_id = $1 AND day BETWEEN $2::date AND $3::date
       ) x
       WHERE ($4 = '' OR product_type = $4) AND ($5 = '' OR sku = $5)
       GROUP BY reason, product_type, sku, source
       ORDER BY count(*) DESC, reason, product_type, sku, source`,
      [f.tenantId, f.from, f.to, f.productType, f.sku],
    );
    return rows.map((r) => ({
      reason: r.reason,
      productType: r.product_type,
      sku: r.sku,
      source: r.source,
      count: Number(r.count),
    }));
  }

  /**
   * Handoff reasons: each handed-off conversation once, with the reason its outcome gave, else its
   * ticket's reason, else "other"; plus tickets whose conversation has no handed-off outcome here.
   */
  async handoffReasons(f: {
    tenantId: string;
    from: string;
    to: string;
    productType: string;
    sku: string;
  }): Promise<ReasonRow[]> {
    const c = this.tables.conversations;
    const { rows } = await this.sql.query<{
      reason: string;
      product_type: string;
      sku: string;
      source: string;
      count: unknown;
    }>(
      `SELECT reason, product_type, sku, source, count(*) AS count FROM (
         SELECT COALESCE(c.handoff_reason, t.reason, 'other') AS reason, c.product_type, c.sku,
                CASE WHEN c.handoff_reason IS NULL AND t.reason IS NOT NULL THEN 'ticket' ELSE 'conversation' END AS source
           FROM ${c} c
           LEFT JOIN LATERAL (SELECT reason FROM analytics_ticket_reasons t
                               WHERE t.tenant_id = c.tenant_id AND t.conversation_id = c.conversation_id
                               ORDER BY version DESC LIMIT 1) t ON true
          WHERE c.tenant_id = $1 AND c.outcome = 'handed_off' AND c.day_start BETWEEN $2::date AND $3::date
         UNION ALL
         SELECT t.reason, '', '', 'ticket' FROM analytics_ticket_reasons t
          WHERE t.tenant_id = $1 AND t.day BETWEEN $2::date AND $3::date
            AND NOT EXISTS (SELECT 1 FROM ${c} c WHERE c.tenant_id = t.tenant_id AND c.conversation_id = t.conversation_id
                              AND c.outcome = 'handed_off')
       ) x
       WHERE ($4 = '' OR product_type = $4) AND ($5 = '' OR sku = $5)
       GROUP BY reason, product_type, sku, source
       ORDER BY count(*) DESC, reason, product_type, sku, source`,
      [f.tenantId, f.from, f.to, f.productType, f.sku],
    );
    return rows.map((r) => ({
      reason: r.reason,
      productType: r.product_type,
      sku: r.sku,
      source: r.source,
      count: Number(r.count),
    }));
  }

  async lateDropped(tenantId: string): Promise<number> {
    const { rows } = await this.sql.query<{ n: unknown }>(
      'SELECT count(*) AS n FROM analytics_late_dropped WHERE tenant_id = $1',
      [tenantId],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
