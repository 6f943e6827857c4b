/**
 * Processes turns: one conversation at a time, idempotent per inbound message id, state written in
 * one transaction with an optimistic version check, replies and outcomes through the outbox. The
 * Kafka consumer, Converse and the simulation harness all call `handle`.
 */
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@boomerang/kit/bus';
import { Aborted } from '@boomerang/kit/errors';
import type { Queryable, Sql, Transaction } from '@boomerang/kit/sql';
import { type Channel, OutboundMessage, type ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import { AgentOutcome, Outcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import type { Logger } from 'pino';
import {
  type Conversation,
  type Decision,
  newConversation,
  type OutcomeName,
  partsText,
  type State,
  type TurnInput,
} from './domain/conversation';
import { classify } from './domain/intents';
import type { Lang } from './domain/language';
import type { Ports } from './domain/ports';
import { customerText, handBackParts, runTurn } from './domain/skill';
import type { Overrides } from './domain/templates';
import { KeyedLock } from './keyed-lock';
import { type OutboxRecord, type OutboxRelay, type PendingRow, writeOutbox } from './outbox';
import type { ChannelSettings, Settings } from './settings';

export interface InboundTurn extends TurnInput {
  tenantId: string;
  conversationId: string;
  channel: Channel;
  /** Live channel traffic is gated by the channel's on/off switch and activation time. */
  live: boolean;
}

export interface TurnResult {
  parts: ReplyPart[];
  state: string;
  language: string;
  intent: string;
  ignored: boolean;
  ignoredReason: string;
  version: number;
  duplicate?: boolean;
  /** Previews: the sign-in code this turn would have sent (ConverseResponse.preview_code). */
  previewCode?: string;
}

interface Row {
  tenant_id: string;
  conversation_id: string;
  channel: number;
  sender: string;
  state: string;
  version: number;
  language: string;
  data: Record<string, unknown>;
  outcome: string | null;
  outcome_reason: string | null;
  outcome_revision: number;
  created_at: Date | string;
}

const OUTCOME_ENUM: Record<OutcomeName, Outcome> = {
  resolved_by_agent: Outcome.OUTCOME_RESOLVED_BY_AGENT,
  handed_off: Outcome.OUTCOME_HANDED_OFF,
  abandoned: Outcome.OUTCOME_ABANDONED,
};

/**
 * Sees every turn's processing window, for tests and diagnostics: `begin` once the conversation is
 * locked (and its state read under the lock) and before the turn runs, `end` after the transaction
 * finished. The turns of one batch share the batch's window (they run one after another inside it).
 */
export interface TurnObserver {
  begin(key: string, messageId: string): void;
  end(key: string, messageId: string, committed: boolean): void;
}

export interface EngineDeps {
  observer?: TurnObserver;
  sql: Sql;
  ports: Ports;
  settings: Settings;
  relay: OutboxRelay;
  logger: Logger;
  clock: () => Date;
}

function toConversation(r: Row): Conversation {
  return {
    tenantId: r.tenant_id,
    conversationId: r.conversation_id,
    channel: r.channel as Channel,
    sender: r.sender,
    state: r.state as State,
    version: r.version,
    language: r.language as Lang,
    data: r.data as Conversation['data'],
    outcome: (r.outcome ?? undefined) as OutcomeName | undefined,
    outcomeReason: r.outcome_reason ?? undefined,
    outcomeRevision: r.outcome_revision,
    createdAt: new Date(r.created_at),
  };
}

/**
 * Transaction-scoped advisory locks on conversations (`tenant/conversation` keys), taken in hash
 * order so overlapping batches cannot deadlock; every writer of a conversation takes them first.
 */
async function lockConversations(tx: Queryable, keys: string[]): Promise<void> {
  await tx.query(
    `SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY 1) s`,
    [keys.map(lockKey)],
  );
}

/** The advisory lock key of a conversation (`tenant/conversation`), hashed by hashtext in SQL. */
function lockKey(key: string): string {
  return `agent:${key}`;
}

/**
 * Channel vendors stamp messages in whole seconds (WhatsApp `timestamp`), so a message sent in the
 * second the channel was turned on can carry a time a few hundred ms "before" the activation: only a
 * message from an earlier second is before activation.
 */
export function beforeActivation(receivedAt: Date, activatedAt: Date): boolean {
  return Math.floor(receivedAt.getTime() / 1000) < Math.floor(activatedAt.getTime() / 1000);
}

/** Rows a batch writes, flushed in one statement (data-modifying CTEs over unnest arrays). */
class BatchWrites {
  ids: number[] = [];
  readonly records: OutboxRecord[] = [];
  private readonly p: unknown[][] = [[], [], [], [], []];
  private readonly c: unknown[][] = Array.from({ length: 13 }, () => []);
  private readonly t: unknown[][] = [[], [], [], [], []];
  private readonly d: unknown[][] = [[], [], [], [], []];

  processed(turn: InboundTurn, result: TurnResult, now: Date): void {
    push(this.p, [
      turn.tenantId,
      turn.messageId,
      turn.conversationId,
      JSON.stringify(result),
      now.toISOString(),
    ]);
  }

  conversation(c: Conversation, now: Date): void {
    push(this.c, [
      c.tenantId,
      c.conversationId,
      c.channel,
      c.sender,
      c.state,
      c.version,
      c.language,
      JSON.stringify(c.data),
      c.outcome ?? null,
      c.outcomeReason ?? null,
      c.outcomeRevision,
      c.createdAt.toISOString(),
      now.toISOString(),
    ]);
  }

  transcript(c: Conversation, entries: { role: string; text: string; at: Date }[]): void {
    for (const e of entries) push(this.t, [c.tenantId, c.conversationId, e.role, e.text, e.at.toISOString()]);
  }

  decisions(c: Conversation, messageId: string, entries: Decision[], now: Date): void {
    push(this.d, [c.tenantId, c.conversationId, messageId, JSON.stringify(entries), now.toISOString()]);
  }

  outbox(records: OutboxRecord[]): void {
    this.records.push(...records);
  }

  /** Nothing to write (every turn was a duplicate)? */
  get empty(): boolean {
    return this.p[0]!.length === 0;
  }

  /**
   * Writes everything with the commit (one round trip: see Transaction.commitWith); also deletes
   * the `published` outbox rows (relayed earlier).
   */
  async flush(tx: Transaction, published: number[]): Promise<number[]> {
    if (this.empty) return [];
    const o = [
      this.records.map((r) => r.topic),
      this.records.map((r) => r.key),
      this.records.map((r) => Buffer.from(r.value).toString('base64')),
    ];
    const { rows } = await tx.commitWith<{ id: string }>(
      `WITH p AS (
         INSERT INTO agent_processed_messages (tenant_id, message_id, conversation_id, result, processed_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])
         ON CONFLICT DO NOTHING RETURNING 1),
       c AS (
         INSERT INTO agent_conversations (tenant_id, conversation_id, channel, sender, state, version, language,
           data, outcome, outcome_reason, outcome_revision, created_at, updated_at)
         SELECT * FROM unnest($6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::int[], $12::text[],
           $13::jsonb[], $14::text[], $15::text[], $16::int[], $17::timestamptz[], $18::timestamptz[])
         ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
           state = EXCLUDED.state, version = EXCLUDED.version, language = EXCLUDED.language, data = EXCLUDED.data,
           outcome = EXCLUDED.outcome, outcome_reason = EXCLUDED.outcome_reason,
           outcome_revision = EXCLUDED.outcome_revision, updated_at = EXCLUDED.updated_at
         RETURNING 1),
       t AS (
         INSERT INTO agent_transcript (tenant_id, conversation_id, role, text, at)
         SELECT * FROM unnest($19::text[], $20::text[], $21::text[], $22::text[], $23::timestamptz[]) RETURNING 1),
       d AS (
         INSERT INTO agent_decisions (tenant_id, conversation_id, message_id, entries, at)
         SELECT * FROM unnest($24::text[], $25::text[], $26::text[], $27::jsonb[], $28::timestamptz[]) RETURNING 1),
       o AS (
         INSERT INTO agent_outbox (topic, key, value)
         SELECT t, k, decode(v, 'base64') FROM unnest($29::text[], $30::text[], $31::text[]) AS x(t, k, v)
         RETURNING id),
       m AS (
         DELETE FROM agent_outbox WHERE id = ANY($32::bigint[]))
       SELECT id FROM o ORDER BY id`,
      [...this.p, ...this.c, ...this.t, ...this.d, ...o, published],
    );
    return rows.map((r) => Number(r.id));
  }
}

function push(columns: unknown[][], values: unknown[]): void {
  values.forEach((v, i) => {
    columns[i]!.push(v);
  });
}

/** Processed message ids deleted per statement by pruneProcessed. */
const PRUNE_SLICE = 5000;

/** Most turns one group transaction takes (a batch is never split; a larger one runs alone). */
const MAX_GROUP_TURNS = 1000;

/** Channel settings and template overrides of a batch's tenants, read when it arrived. */
interface TurnSettings {
  channels: Map<string, ChannelSettings>;
  overrides: Map<string, Overrides>;
}

interface Submitted {
  turns: InboundTurn[];
  settings: TurnSettings;
  resolve(results: TurnResult[]): void;
  reject(err: unknown): void;
}

export class Engine {
  private readonly lock = new KeyedLock();
  /** Batches waiting for the next group transaction (see handleBatch). */
  private queued: Submitted[] = [];
  private groupScheduled = false;
  private groupRunning = false;

  constructor(private readonly deps: EngineDeps) {}

  async load(
    tenantId: string,
    conversationId: string,
    q: Queryable = this.deps.sql,
    forUpdate = false,
  ): Promise<Conversation | undefined> {
    const { rows } = await q.query<Row>(
      `SELECT * FROM agent_conversations WHERE tenant_id = $1 AND conversation_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [tenantId, conversationId],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** One turn (Converse, simulations): the same path as a consumed batch, as a batch of one. */
  async handle(turn: InboundTurn): Promise<TurnResult> {
    const input = { ...turn, messageId: turn.messageId || randomUUID() };
    const [result] = await this.lock.run(`${turn.tenantId}/${turn.conversationId}`, () =>
      this.handleBatch([input]),
    );
    return result!;
  }

  private async processed(tenantId: string, messageId: string): Promise<TurnResult | undefined> {
    const { rows } = await this.deps.sql.query<{ result: TurnResult }>(
      'SELECT result FROM agent_processed_messages WHERE tenant_id = $1 AND message_id = $2',
      [tenantId, messageId],
    );
    return rows[0] ? { ...rows[0].result, parts: rows[0].result.parts ?? [], duplicate: true } : undefined;
  }

  /**
   * Processes turns (e.g. a run of one inbound partition) in one transaction: advisory locks on
   * every conversation of the batch (so two replicas never work on a conversation at once, even while
   * a partition changes hands), one statement reading the processed ids and the conversations, the
   * turns of each conversation in order, one statement writing processed ids, state, transcript,
   * decision log and outbox. Results come back in input order once the transaction committed; the
   * replies are relayed right after (see relay).
   *
   * Group commit: batches submitted while the previous group's transaction runs (e.g. the
   * partitions of one Kafka fetch, handled concurrently) share the next transaction, so a fetch
   * costs one transaction and one publish instead of one per partition. Batches of different
   * partitions hold different conversations; if a group fails, each of its batches runs again in a
   * transaction of its own, so a failing batch fails alone (and is retried / split by the consumer).
   */
  async handleBatch(input: InboundTurn[]): Promise<TurnResult[]> {
    const turns = input.map((t) => ({ ...t, messageId: t.messageId || randomUUID() }));
    if (turns.length === 0) return [];
    // Settings as of arrival, read outside the transaction (PGlite has one connection; cached anyway).
    const settings: TurnSettings = { channels: new Map(), overrides: new Map() };
    for (const t of turns) {
      const ck = `${t.tenantId}/${t.channel}`;
      if (!settings.channels.has(ck))
        settings.channels.set(ck, await this.deps.settings.channel(t.tenantId, t.channel));
      if (!settings.overrides.has(t.tenantId))
        settings.overrides.set(t.tenantId, await this.deps.settings.overrides(t.tenantId));
    }
    return new Promise((resolve, reject) => {
      this.queued.push({ turns, settings, resolve, reject });
      this.scheduleGroup();
    });
  }

  private scheduleGroup(): void {
    if (this.groupRunning || this.groupScheduled || this.queued.length === 0) return;
    this.groupScheduled = true;
    // After the current I/O callbacks, so the batches of one fetch (started together) join one group.
    setImmediate(() => {
      this.groupScheduled = false;
      void this.runGroup();
    });
  }

  private async runGroup(): Promise<void> {
    this.groupRunning = true;
    let n = 0;
    let take = 0;
    while (
      take < this.queued.length &&
      (take === 0 || n + this.queued[take]!.turns.length <= MAX_GROUP_TURNS)
    )
      n += this.queued[take++]!.turns.length;
    const group = this.queued.splice(0, take);
    try {
      if (group.length === 1) {
        await this.runAlone(group[0]!);
        return;
      }
      let done: Awaited<ReturnType<Engine['transact']>>;
      try {
        done = await this.transact(
          group.flatMap((g) => g.turns),
          {
            channels: new Map(group.flatMap((g) => [...g.settings.channels])),
            overrides: new Map(group.flatMap((g) => [...g.settings.overrides])),
          },
        );
      } catch (err) {
        this.deps.logger.debug({ err, batches: group.length }, 'group transaction failed; batches run alone');
        await Promise.all(group.map((g) => this.runAlone(g)));
        return;
      }
      this.relay(done);
      let at = 0;
      const parts = group.map((g) => {
        const r = done.results.slice(at, at + g.turns.length);
        at += g.turns.length;
        return r;
      });
      for (const [i, g] of group.entries()) g.resolve(parts[i]!);
    } finally {
      this.groupRunning = false;
      this.scheduleGroup();
    }
  }

  private async runAlone(g: Submitted): Promise<void> {
    let done: Awaited<ReturnType<Engine['transact']>>;
    try {
      done = await this.transact(g.turns, g.settings);
    } catch (err) {
      g.reject(err);
      return;
    }
    this.relay(done);
    g.resolve(done.results);
  }

  /**
   * Hands committed outbox rows to the relay, in commit order (it publishes in that order). Not
   * awaited: the rows are durable, so the batch counts as done (and the consumer commits its
   * offsets) without waiting for the publish; a failed publish is retried by the outbox sweeper.
   */
  private relay(done: { ids: number[]; records: OutboxRecord[]; pending: PendingRow[] }): void {
    void this.deps.relay.deliver(done.ids, done.records, done.pending);
  }

  /** The turns in one transaction (see handleBatch); relaying the outbox records is the caller's. */
  private async transact(
    turns: InboundTurn[],
    { channels, overrides }: TurnSettings,
  ): Promise<{ results: TurnResult[]; ids: number[]; records: OutboxRecord[]; pending: PendingRow[] }> {
    const { sql } = this.deps;
    const byConversation = new Map<string, number[]>();
    turns.forEach((t, i) => {
      const key = `${t.tenantId}/${t.conversationId}`;
      const at = byConversation.get(key);
      if (at) at.push(i);
      else byConversation.set(key, [i]);
    });
    const keys = [...byConversation.keys()];
    const observer = this.deps.observer;
    let observed = false;
    let committed = false;
    const results: TurnResult[] = new Array(turns.length);
    const writes = new BatchWrites();
    let marks: number[] = [];
    const pending: PendingRow[] = [];
    try {
      await sql.transaction(async (tx) => {
        // Locks in hash order (no deadlock between overlapping batches; released at commit), then the
        // processed ids, the conversations and their unpublished outbox rows as of after the locks: one
        // round trip (003_lock_and_read_pending). The relay checks reply order against those rows.
        const locked = tx.query<{ kind: string; doc: unknown }>(
          'SELECT kind, doc FROM agent_lock_and_read($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])',
          [
            keys.map(lockKey),
            turns.map((t) => t.tenantId),
            turns.map((t) => t.messageId),
            keys.map((k) => turns[byConversation.get(k)![0]!]!.tenantId),
            keys.map((k) => turns[byConversation.get(k)![0]!]!.conversationId),
          ],
        );
        // While PostgreSQL takes the locks and reads: what the texts say (no state needed).
        for (const t of turns) if (t.text && !t.read) t.read = classify(t.text);
        const { rows } = await locked;
        if (observer) {
          observed = true;
          for (const t of turns) observer.begin(`${t.tenantId}/${t.conversationId}`, t.messageId);
        }
        const seen = new Map<string, TurnResult>();
        const existing = new Map<string, Conversation>();
        for (const r of rows) {
          if (r.kind === 'o') {
            const d = r.doc as { id: number | string; age_ms: number };
            pending.push({ id: Number(d.id), ageMs: Number(d.age_ms) });
          } else if (r.kind === 'm') {
            const d = r.doc as { tenant_id: string; message_id: string; result: TurnResult };
            seen.set(`${d.tenant_id}/${d.message_id}`, d.result);
          } else {
            const c = toConversation(r.doc as Row);
            existing.set(`${c.tenantId}/${c.conversationId}`, c);
          }
        }
        await Promise.all(
          keys.map(async (key) => {
            let conv = existing.get(key);
            const fresh: { role: string; text: string; at: Date }[] = [];
            let stored: { role: string; text: string; at: Date }[] | undefined;
            const transcript = async () => {
              if (!conv || conv.version === 0) return [...fresh];
              stored ??= await this.transcript(conv.tenantId, conv.conversationId, tx);
              return [...stored, ...fresh];
            };
            let touched = false;
            for (const i of byConversation.get(key)!) {
              const turn = turns[i]!;
              const dup = seen.get(`${turn.tenantId}/${turn.messageId}`);
              if (dup) {
                results[i] = { ...dup, parts: dup.parts ?? [], duplicate: true };
                continue;
              }
              const step = await this.step(
                conv,
                turn,
                channels.get(`${turn.tenantId}/${turn.channel}`)!,
                overrides.get(turn.tenantId)!,
                transcript,
              );
              results[i] = step.result;
              seen.set(`${turn.tenantId}/${turn.messageId}`, step.result);
              writes.processed(turn, step.result, step.now);
              if (!step.conv) continue;
              conv = step.conv;
              touched = true;
              fresh.push(...step.transcript);
              writes.transcript(conv, step.transcript);
              writes.decisions(conv, turn.messageId, step.decisions, step.now);
              writes.outbox(step.records);
            }
            if (touched && conv) writes.conversation(conv, this.deps.clock());
          }),
        );
        // Outbox rows relayed since the last transaction are marked published in the same statement.
        if (!writes.empty) marks = this.deps.relay.takeMarks();
        writes.ids = await writes.flush(tx, marks);
      });
      committed = true;
    } catch (err) {
      this.deps.relay.returnMarks(marks);
      throw err;
    } finally {
      if (observed)
        for (const t of turns) observer!.end(`${t.tenantId}/${t.conversationId}`, t.messageId, committed);
    }
    return { results, ids: writes.ids, records: writes.records, pending };
  }

  /** One turn on a conversation already read under the lock; `conv` is undefined for ignored turns. */
  private async step(
    existing: Conversation | undefined,
    turn: InboundTurn,
    channel: Awaited<ReturnType<Settings['channel']>>,
    overrides: Awaited<ReturnType<Settings['overrides']>>,
    transcript: () => Promise<{ role: string; text: string; at: Date }[]>,
  ): Promise<{
    result: TurnResult;
    now: Date;
    conv?: Conversation;
    transcript: { role: string; text: string; at: Date }[];
    decisions: Decision[];
    records: OutboxRecord[];
  }> {
    const { settings, ports, logger } = this.deps;
    const started = Date.now();
    const now = this.deps.clock();
    if (turn.live) {
      const ignoredReason = !channel.enabled
        ? 'channel_off'
        : channel.activatedAt && beforeActivation(turn.receivedAt, channel.activatedAt)
          ? 'before_activation'
          : '';
      if (ignoredReason) {
        logger.debug(
          { tenant: turn.tenantId, conversation: turn.conversationId, reason: ignoredReason },
          'inbound message ignored',
        );
        return {
          result: {
            parts: [],
            state: existing?.state ?? 'idle',
            language: existing?.language ?? 'en',
            intent: '',
            ignored: true,
            ignoredReason,
            version: existing?.version ?? 0,
          },
          now,
          transcript: [],
          decisions: [],
          records: [],
        };
      }
    }

    const conv = existing ?? newConversation(turn.tenantId, turn.conversationId, turn.channel, now, 'en');
    if (!existing) conv.sender = turn.sender;

    let output: Awaited<ReturnType<typeof runTurn>>;
    let ignoredReason = '';
    if (conv.state === 'handed_off') {
      // Silent until people hand the conversation back.
      ignoredReason = 'handed_off';
      output = {
        parts: [],
        state: 'handed_off',
        language: conv.language,
        intent: '',
        data: conv.data,
        decisions: [{ at: now.toISOString(), kind: 'ignored', reason: 'handed_off' }],
      };
      if (!turn.preview && !conv.data.preview) output.decisions.push(await this.forward(turn));
    } else {
      output = await runTurn(conv, turn, {
        ports,
        overrides,
        introMessage: channel.introMessage || undefined,
        limitedMode: () => settings.limitedMode(turn.tenantId),
        documentLanguage: () => settings.documentLanguage(turn.tenantId),
        now: turn.asOf ?? (conv.data.asOf ? new Date(conv.data.asOf) : now),
        tick: () => Date.now(),
        transcript,
      });
    }
    output.decisions.push({
      at: new Date().toISOString(),
      kind: 'state',
      from: conv.state,
      to: output.state,
      ms: Date.now() - started,
    });

    const result: TurnResult = {
      parts: output.parts,
      state: output.state,
      language: output.language,
      intent: output.intent,
      ignored: Boolean(ignoredReason),
      ignoredReason,
      version: conv.version + 1,
      ...(output.previewCode ? { previewCode: output.previewCode } : {}),
    };
    // A preview's reply goes back to its caller only, and its outcome stays out of analytics.
    const preview = Boolean(turn.preview || output.data.preview);
    const records: OutboxRecord[] = [];
    if (output.parts.length && !preview)
      records.push(this.outbound(conv, turn, output.parts, output.language));
    let outcome = conv.outcome;
    let outcomeReason = conv.outcomeReason;
    let revision = conv.outcomeRevision;
    if (
      output.outcome &&
      (output.outcome.outcome !== conv.outcome || output.outcome.reason !== conv.outcomeReason)
    ) {
      outcome = output.outcome.outcome;
      outcomeReason = output.outcome.reason;
      revision += 1;
      if (!preview)
        records.push(
          this.outcomeRecord(
            { ...conv, data: output.data },
            output.outcome.outcome,
            output.outcome.reason,
            revision,
            output.language,
            now,
          ),
        );
      output.decisions.push({
        at: now.toISOString(),
        kind: 'outcome',
        outcome,
        reason: outcomeReason,
        revision,
      });
    }
    return {
      result,
      now,
      conv: {
        ...conv,
        state: output.state as State,
        language: output.language as Lang,
        data: output.data,
        outcome,
        outcomeReason,
        outcomeRevision: revision,
        version: conv.version + 1,
      },
      transcript: [
        {
          role: 'customer',
          // A sign-in code never lands in the transcript (it goes into handoff tickets and exports).
          // A tapped button as the shopper saw it ("[상담원 연결]"), not its postback code.
          text: turn.text
            ? conv.state === 'awaiting_code'
              ? maskCodes(turn.text)
              : turn.text
            : customerText(turn, output.language as Lang, overrides, conv.data),
          at: turn.receivedAt,
        },
        ...(output.parts.length ? [{ role: 'agent', text: partsText(output.parts), at: now }] : []),
      ],
      decisions: output.decisions,
      records,
    };
  }

  /**
   * A message of a handed-off conversation goes to its open ticket through the handoff service. Its
   * inbound follower does the same from the topic, but it can only wait a few seconds for the
   * handoff to be on record; the agent sees a conversation's messages in order, after its handoff,
   * so a message the follower had to skip (the agent running behind) still reaches the team. Both
   * are idempotent per message id. A failure is logged, not retried here: the follower retries on
   * its own, and failing the turn would hold up every conversation of the batch.
   */
  private async forward(turn: InboundTurn): Promise<Decision> {
    const started = Date.now();
    const base = { at: new Date().toISOString(), kind: 'tool' as const, tool: 'handoff.Forward' };
    try {
      // A dispute or threat while people have the conversation ("I'll report you to UOKiK", "카드사에
      // 결제 취소 요청할게요"): the ticket goes urgent (the follower can't tell; the agent can).
      const read = turn.text ? (turn.read ?? classify(turn.text)) : undefined;
      const urgent = read?.intent === 'dispute' && !read.ambiguous;
      const outcome = await this.deps.ports.handoff.forward({
        tenantId: turn.tenantId,
        conversationId: turn.conversationId,
        channel: turn.channel,
        messageId: turn.messageId,
        text: turn.text,
        postback: turn.postback,
        sender: turn.sender,
        receivedAt: turn.receivedAt,
        urgent,
      });
      return { ...base, ok: true, ms: Date.now() - started, result: outcome, ...(urgent ? { urgent } : {}) };
    } catch (err) {
      this.deps.logger.warn(
        { err, tenant: turn.tenantId, conversation: turn.conversationId, messageId: turn.messageId },
        'could not forward a handed-off message to its ticket; the inbound follower retries it',
      );
      return { ...base, ok: false, ms: Date.now() - started, error: (err as Error).name };
    }
  }

  /**
   * A ticket was resolved: the conversation is handed back and the shopper is told (`silent`: the
   * handoff service already told them, so only the state changes).
   */
  async handBack(
    tenantId: string,
    conversationId: string,
    eventId: string,
    options: { silent?: boolean } = {},
  ): Promise<boolean> {
    return this.lock.run(`${tenantId}/${conversationId}`, async () => {
      const messageId = `ticket:${eventId}`;
      if (await this.processed(tenantId, messageId)) return false;
      const conv = await this.load(tenantId, conversationId);
      if (conv?.state !== 'handed_off') return false;
      const now = this.deps.clock();
      const overrides = await this.deps.settings.overrides(tenantId);
      const parts = options.silent ? [] : handBackParts(conv.language, overrides);
      const result: TurnResult = {
        parts,
        state: 'idle',
        language: conv.language,
        intent: '',
        ignored: false,
        ignoredReason: '',
        version: conv.version + 1,
      };
      const records = parts.length
        ? [this.outbound(conv, { messageId, receivedAt: now } as InboundTurn, parts, conv.language)]
        : [];
      const ids = await this.deps.sql.transaction(async (tx) => {
        await lockConversations(tx, [`${tenantId}/${conversationId}`]);
        const current = await this.load(tenantId, conversationId, tx, true);
        if (current?.version !== conv.version) throw new Aborted('conversation changed concurrently');
        await tx.query(
          `INSERT INTO agent_processed_messages (tenant_id, message_id, conversation_id, result, processed_at) VALUES ($1, $2, $3, $4, $5)`,
          [tenantId, messageId, conversationId, JSON.stringify(result), now],
        );
        await this.save(
          tx,
          conv,
          'idle',
          conv.language,
          { ...conv.data, clarifications: 0 },
          conv.outcome,
          conv.outcomeReason,
          conv.outcomeRevision,
          now,
        );
        if (parts.length)
          await this.appendTranscript(tx, conv, [{ role: 'agent', text: partsText(parts), at: now }]);
        await this.appendDecisions(
          tx,
          conv,
          messageId,
          [
            {
              at: now.toISOString(),
              kind: 'state',
              from: 'handed_off',
              to: 'idle',
              reason: 'ticket_resolved',
              eventId,
            },
          ],
          now,
        );
        return writeOutbox(tx, records);
      });
      await this.deps.relay.deliver(ids, records);
      return true;
    });
  }

  /**
   * Forgets processed inbound message ids older than `retentionMs` (in slices of PRUNE_SLICE rows, so
   * no statement holds many locks), and clears outbox rows an older replica marked published instead
   * of deleting them (rolling updates). A message is redelivered within minutes (a crash, a
   * rebalance) or, at the most, within the inbound topic's retention: keep ids longer than that.
   */
  async pruneProcessed(retentionMs: number): Promise<number> {
    const before = new Date(this.deps.clock().getTime() - retentionMs);
    let pruned = 0;
    for (;;) {
      const { rows } = await this.deps.sql.query<{ n: number }>(
        `WITH d AS (
           DELETE FROM agent_processed_messages WHERE (tenant_id, message_id) IN (
             SELECT tenant_id, message_id FROM agent_processed_messages WHERE processed_at < $1 LIMIT ${PRUNE_SLICE})
           RETURNING 1)
         SELECT count(*)::int AS n FROM d`,
        [before],
      );
      const n = rows[0]?.n ?? 0;
      pruned += n;
      if (n < PRUNE_SLICE) break;
    }
    await this.deps.sql.query('DELETE FROM agent_outbox WHERE published_at IS NOT NULL');
    return pruned;
  }

  /** Conversations left mid-flow (no outcome) for longer than `idleMs` become abandoned. */
  async sweepAbandoned(idleMs: number): Promise<number> {
    const now = this.deps.clock();
    const { rows } = await this.deps.sql.query<Row>(
      `SELECT * FROM agent_conversations WHERE outcome IS NULL AND updated_at < $1 AND state <> 'handed_off' LIMIT 200`,
      [new Date(now.getTime() - idleMs)],
    );
    let n = 0;
    for (const r of rows) {
      const conv = toConversation(r);
      const done = await this.lock.run(`${conv.tenantId}/${conv.conversationId}`, async () => {
        // A preview conversation is marked abandoned too, but analytics never hears of it.
        const records = conv.data.preview
          ? []
          : [this.outcomeRecord(conv, 'abandoned', conv.state, conv.outcomeRevision + 1, conv.language, now)];
        const ids = await this.deps.sql.transaction(async (tx) => {
          await lockConversations(tx, [`${conv.tenantId}/${conv.conversationId}`]);
          const current = await this.load(conv.tenantId, conv.conversationId, tx, true);
          if (!current || current.version !== conv.version || current.outcome) return undefined;
          await this.save(
            tx,
            conv,
            conv.state,
            conv.language,
            conv.data,
            'abandoned',
            conv.state,
            conv.outcomeRevision + 1,
            now,
          );
          return writeOutbox(tx, records);
        });
        if (ids?.length) await this.deps.relay.deliver(ids, records);
        return ids !== undefined;
      });
      if (done) n++;
    }
    return n;
  }

  async transcript(
    tenantId: string,
    conversationId: string,
    q: Queryable = this.deps.sql,
  ): Promise<{ role: string; text: string; at: Date }[]> {
    const { rows } = await q.query<{ role: string; text: string; at: Date | string }>(
      'SELECT role, text, at FROM agent_transcript WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY id',
      [tenantId, conversationId],
    );
    return rows.map((r) => ({ role: r.role, text: r.text, at: new Date(r.at) }));
  }

  async decisionLog(tenantId: string, conversationId: string): Promise<Decision[]> {
    const { rows } = await this.deps.sql.query<{ message_id: string; entries: Decision[] }>(
      'SELECT message_id, entries FROM agent_decisions WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY id',
      [tenantId, conversationId],
    );
    return rows.flatMap((r) => r.entries.map((e) => ({ ...e, messageId: r.message_id })));
  }

  private async save(
    tx: Queryable,
    conv: Conversation,
    state: string,
    language: string,
    data: unknown,
    outcome: string | undefined,
    outcomeReason: string | undefined,
    revision: number,
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO agent_conversations (tenant_id, conversation_id, channel, sender, state, version, language, data, outcome, outcome_reason, outcome_revision, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, $11)
       ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
         state = EXCLUDED.state, version = agent_conversations.version + 1, language = EXCLUDED.language, data = EXCLUDED.data,
         outcome = EXCLUDED.outcome, outcome_reason = EXCLUDED.outcome_reason, outcome_revision = EXCLUDED.outcome_revision,
         updated_at = EXCLUDED.updated_at`,
      [
        conv.tenantId,
        conv.conversationId,
        conv.channel,
        conv.sender,
        state,
        language,
        JSON.stringify(data),
        outcome ?? null,
        outcomeReason ?? null,
        revision,
        now,
      ],
    );
  }

  private async appendTranscript(
    tx: Queryable,
    conv: Conversation,
    entries: { role: string; text: string; at: Date }[],
  ): Promise<void> {
    const params: unknown[] = [];
    const values = entries.map((e, i) => {
      params.push(conv.tenantId, conv.conversationId, e.role, e.text, e.at);
      return `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`;
    });
    if (values.length)
      await tx.query(
        `INSERT INTO agent_transcript (tenant_id, conversation_id, role, text, at) VALUES ${values.join(', ')}`,
        params,
      );
  }

  private async appendDecisions(
    tx: Queryable,
    conv: Conversation,
    messageId: string,
    entries: Decision[],
    now: Date,
  ): Promise<void> {
    await tx.query(
      'INSERT INTO agent_decisions (tenant_id, conversation_id, message_id, entries, at) VALUES ($1, $2, $3, $4, $5)',
      [conv.tenantId, conv.conversationId, messageId, JSON.stringify(entries), now],
    );
  }

  private outbound(
    conv: Conversation,
    turn: Pick<InboundTurn, 'messageId' | 'sender'>,
    parts: ReplyPart[],
    language: string,
  ): OutboxRecord {
    const msg = OutboundMessage.fromPartial({
      messageId: `agent:${turn.messageId}`,
      tenantId: conv.tenantId,
      conversationId: conv.conversationId,
      channel: conv.channel,
      recipient: turn.sender || conv.sender,
      parts,
      language,
      createdAt: this.deps.clock(),
      inReplyTo: turn.messageId,
    });
    return {
      topic: TOPICS.channelOutbound.name,
      key: `${conv.tenantId}/${conv.conversationId}`,
      value: OutboundMessage.encode(msg).finish(),
    };
  }

  private outcomeRecord(
    conv: Conversation,
    outcome: OutcomeName,
    reason: string,
    revision: number,
    language: string,
    now: Date,
  ): OutboxRecord {
    const ev = AgentOutcome.fromPartial({
      eventId: `${conv.tenantId}/${conv.conversationId}/${revision}`,
      tenantId: conv.tenantId,
      conversationId: conv.conversationId,
      channel: conv.channel,
      skill: 'returns_exchanges',
      outcome: OUTCOME_ENUM[outcome],
      revision,
      conversationStartedAt: conv.createdAt,
      occurredAt: now,
      reason,
      returnReason: conv.data.returnReason ?? '',
      language,
      productType: conv.data.productType ?? '',
      sku: conv.data.sku ?? '',
    });
    return {
      topic: TOPICS.agentOutcomes.name,
      key: `${conv.tenantId}/${conv.conversationId}`,
      value: AgentOutcome.encode(ev).finish(),
    };
  }
}

/** "it's 497 778" → "it's ••••••": one-time codes as the shopper may type them. */
export function maskCodes(text: string): string {
  return text.replace(/(?<![\p{N}#])\d(?:[\s-]?\d){5}(?!\p{N})/gu, '••••••');
}
