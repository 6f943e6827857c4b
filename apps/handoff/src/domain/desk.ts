// The built-in ticket desk (seed 003): tickets with assignee (person + role), priority, memos
// (internal or customer-visible, with a kind), status transitions, audit history and optimistic
// concurrency. Every change writes its TicketEvent (and any customer notice) to the outbox in the
// same transaction, so what was committed is published, and nothing uncommitted ever is.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Aborted, InvalidArgument, NotFound } from '@boomerang/kit/errors';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import type { CustomerRef, TranscriptEntry } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import type { HistoryEntry, Memo, Ticket } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import {
  channelEnum,
  channelName,
  checkTransition,
  type PriorityName,
  pickLanguage,
  priorityEnum,
  render,
  requireText,
  type StatusName,
  statusEnum,
} from './model';
import { memoKind, noticeTexts } from './notices';
import {
  CHANNEL_OUTBOUND_TOPIC,
  type Clock,
  type Outbox,
  type OutboxRecord,
  TICKET_EVENTS_TOPIC,
} from './ports';
import type { RoutingStore } from './routing';

export interface CreateTicketInput {
  tenantId: string;
  conversationId: string;
  customer: CustomerRef;
  subject: string;
  priority: PriorityName;
  tags: string[];
  transcript: TranscriptEntry[];
  channel: string;
  language: string;
  recipient: string;
  /** Same key → same ticket (retries never duplicate). Empty: no deduplication. */
  idempotencyKey: string;
  actor: string;
  /** Recorded on the "created" event: why the conversation was handed off. */
  reason?: string;
}

export interface ListInput {
  tenantId: string;
  assigneeId: string;
  statuses: StatusName[];
  priority?: PriorityName;
  conversationId: string;
  pageSize: number;
  pageToken: string;
}

interface TicketRow {
  seq: string | number;
  tenant_id: string;
  id: string;
  conversation_id: string;
  channel: string;
  language: string;
  recipient: string;
  customer: CustomerRef;
  subject: string;
  status: StatusName;
  priority: PriorityName;
  assignee_id: string;
  assignee_role: string;
  tags: string[];
  transcript: { role: string; text: string; at: string | null }[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface Mutation {
  change: 'assigned' | 'priority' | 'memo' | 'status';
  actor: string;
  detail: string;
  fields?: Partial<Pick<TicketRow, 'status' | 'priority' | 'assignee_id' | 'assignee_role'>>;
  memo?: { id: string; author: string; text: string; kind: string; internal: boolean };
}

export interface HistoryTail {
  seq: number;
  ticketId: string;
  change: string;
}

const MAX_PAGE = 200;

export class Desk {
  /** Emits 'change' (tenantId) after a commit; Watch uses it to wake up early (it also polls). */
  readonly changes = new EventEmitter();

  constructor(private readonly deps: { sql: Sql; clock: Clock; outbox: Outbox; routing: RoutingStore }) {
    this.changes.setMaxListeners(0);
  }

  async create(input: CreateTicketInput): Promise<{ ticket: Ticket; created: boolean }> {
    const out = await this.deps.sql.transaction((tx) => this.createIn(tx, input));
    if (out.created) this.afterCommit(input.tenantId);
    return out;
  }

  /** Creates (or finds, by idempotency key) a ticket inside the caller's transaction. */
  async createIn(tx: Queryable, input: CreateTicketInput): Promise<{ ticket: Ticket; created: boolean }> {
    const tenantId = requireText(input.tenantId, 'tenant_id', 200);
    const subject = requireText(input.subject, 'subject', 500);
    const channel = input.channel ? channelName(input.channel) : '';
    if (channel === undefined)
      throw new InvalidArgument(`unknown channel "${input.channel}"`, { field: 'channel' });
    const key = input.idempotencyKey.trim() || null;
    if (key) {
      const existing = await tx.query<{ id: string }>(
        'SELECT id FROM tickets WHERE tenant_id = $1 AND idempotency_key = $2',
        [tenantId, key],
      );
      if (existing.rows[0])
        return { ticket: (await this.load(tx, tenantId, existing.rows[0].id))!, created: false };
    }
    const now = this.deps.clock.now();
    const id = randomUUID();
    const transcript = input.transcript.map((t) => ({
      role: t.role,
      text: t.text,
      at: t.at ? t.at.toISOString() : null,
    }));
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    const inserted = await tx.query<TicketRow>(
      `INSERT INTO tickets (tenant_id, id, conversation_id, channel, language, recipient, customer, subject, status, priority,
         tags, transcript, idempotency_key, version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'OPEN', $9, $10, $11, $12, 1, $13, $13)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING *`,
      [
        tenantId,
        id,
        input.conversationId.trim(),
        channel,
        input.language.trim(),
        input.recipient.trim(),
        JSON.stringify(input.customer),
        subject,
        input.priority,
        tags,
        JSON.stringify(transcript),
        key,
        now,
      ],
    );
    const row = inserted.rows[0];
    if (!row) {
      // A concurrent create with the same key won the race.
      const again = await tx.query<{ id: string }>(
        'SELECT id FROM tickets WHERE tenant_id = $1 AND idempotency_key = $2',
        [tenantId, key],
      );
      return { ticket: (await this.load(tx, tenantId, again.rows[0]!.id))!, created: false };
    }
    await this.history(tx, row, 1, 'created', input.actor, `created with priority ${input.priority}`, now);
    await this.deps.outbox.enqueue(tx, [this.event(row, 'created', now, { reason: input.reason ?? '' })]);
    return { ticket: (await this.load(tx, tenantId, id))!, created: true };
  }

  /**
   * A shopper's message written after the handoff, in the caller's transaction: appended to the
   * ticket's thread (transcript, role "customer") with a history entry and a `customer_message`
   * event, so agents see it in Get and Watch. Only while the ticket is OPEN or PENDING; undefined
   * otherwise (resolved or closed: the conversation went back to the agent). The status is unchanged.
   */
  async addCustomerMessageIn(
    tx: Queryable,
    tenantId: string,
    id: string,
    message: { text: string; at: Date; channel: string },
  ): Promise<{ id: string; language: string; subject: string } | undefined> {
    const { rows } = await tx.query<TicketRow>(
      'SELECT * FROM tickets WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [tenantId, id],
    );
    const row = rows[0];
    if (!row || (row.status !== 'OPEN' && row.status !== 'PENDING')) return undefined;
    const now = this.deps.clock.now();
    const version = row.version + 1;
    const entry = { role: 'customer', text: message.text, at: message.at.toISOString() };
    await tx.query(
      `UPDATE tickets SET transcript = transcript || $3::jsonb, version = $4, updated_at = $5
       WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, JSON.stringify([entry]), version, now],
    );
    const next: TicketRow = { ...row, version, updated_at: now };
    await this.history(
      tx,
      next,
      version,
      'customer_message',
      'customer',
      `message from the customer${message.channel ? ` on ${message.channel}` : ''} after the handoff`,
      now,
    );
    await this.deps.outbox.enqueue(tx, [this.event(next, 'customer_message', now, {})]);
    return { id: row.id, language: row.language, subject: row.subject };
  }

  /**
   * Inside the caller's transaction: an open ticket whose customer disputes or threatens after the
   * handoff goes to URGENT (history and a ticket event, as a priority change), unless it is there.
   */
  async escalateIn(tx: Queryable, tenantId: string, id: string, why: string): Promise<boolean> {
    const { rows } = await tx.query<TicketRow>(
      'SELECT * FROM tickets WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [tenantId, id],
    );
    const row = rows[0];
    if (!row || (row.status !== 'OPEN' && row.status !== 'PENDING') || row.priority === 'URGENT')
      return false;
    const now = this.deps.clock.now();
    const version = row.version + 1;
    await tx.query(
      `UPDATE tickets SET priority = 'URGENT', version = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, version, now],
    );
    const next: TicketRow = { ...row, priority: 'URGENT', version, updated_at: now };
    await this.history(
      tx,
      next,
      version,
      'priority',
      'customer',
      `priority ${row.priority} -> URGENT (${why})`,
      now,
    );
    await this.deps.outbox.enqueue(tx, [this.event(next, 'priority', now, { reason: why })]);
    return true;
  }

  /** After the caller's transaction with a desk change committed: publish soon, wake Watch. */
  committed(tenantId: string): void {
    this.afterCommit(tenantId);
  }

  async get(tenantId: string, id: string): Promise<Ticket> {
    const t = await this.load(
      this.deps.sql,
      requireText(tenantId, 'tenant_id', 200),
      requireText(id, 'id', 200),
    );
    if (!t) throw new NotFound(`ticket ${id} not found`, { field: 'id' });
    return t;
  }

  assign(
    tenantId: string,
    id: string,
    expectedVersion: number,
    assignee: { id: string; role: string },
    actor: string,
  ): Promise<Ticket> {
    const assigneeId = requireText(assignee.id, 'assignee.id', 200);
    const role = memoKind(assignee.role);
    return this.mutate(tenantId, id, expectedVersion, (row) => {
      if (row.assignee_id === assigneeId && row.assignee_role === role) {
        throw new InvalidArgument(`ticket is already assigned to ${assigneeId}${role ? ` (${role})` : ''}`, {
          field: 'assignee',
        });
      }
      const from = row.assignee_id
        ? `${row.assignee_id}${row.assignee_role ? ` (${row.assignee_role})` : ''}`
        : 'nobody';
      return {
        change: 'assigned',
        actor,
        detail: `reassigned from ${from} to ${assigneeId}${role ? ` (${role})` : ''}`,
        fields: { assignee_id: assigneeId, assignee_role: role },
      };
    });
  }

  setPriority(
    tenantId: string,
    id: string,
    expectedVersion: number,
    priority: PriorityName,
    actor: string,
  ): Promise<Ticket> {
    return this.mutate(tenantId, id, expectedVersion, (row) => {
      if (row.priority === priority)
        throw new InvalidArgument(`ticket priority is already ${priority}`, { field: 'priority' });
      return {
        change: 'priority',
        actor,
        detail: `priority ${row.priority} -> ${priority}`,
        fields: { priority },
      };
    });
  }

  addMemo(tenantId: string, id: string, expectedVersion: number, memo: Memo): Promise<Ticket> {
    const author = requireText(memo.author, 'memo.author', 200);
    const text = requireText(memo.text, 'memo.text');
    const kind = memoKind(memo.kind);
    return this.mutate(tenantId, id, expectedVersion, () => ({
      change: 'memo',
      actor: author,
      detail: `${memo.internal ? 'internal' : 'customer-visible'} memo${kind ? ` (${kind})` : ''}`,
      memo: { id: randomUUID(), author, text, kind, internal: memo.internal },
    }));
  }

  setStatus(
    tenantId: string,
    id: string,
    expectedVersion: number,
    status: StatusName,
    actor: string,
  ): Promise<Ticket> {
    return this.mutate(tenantId, id, expectedVersion, (row) => {
      checkTransition(row.status, status);
      return { change: 'status', actor, detail: `${row.status} -> ${status}`, fields: { status } };
    });
  }

  async list(input: ListInput): Promise<{ tickets: Ticket[]; nextPageToken: string }> {
    const tenantId = requireText(input.tenantId, 'tenant_id', 200);
    const size = input.pageSize <= 0 ? 50 : Math.min(input.pageSize, MAX_PAGE);
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (input.assigneeId.trim()) add('assignee_id = ?', input.assigneeId.trim());
    if (input.statuses.length) add('status = ANY(?)', input.statuses);
    if (input.priority) add('priority = ?', input.priority);
    if (input.conversationId.trim()) add('conversation_id = ?', input.conversationId.trim());
    const filterKey = JSON.stringify(params);
    if (input.pageToken) add('seq < ?', decodeToken(input.pageToken, filterKey));
    params.push(size + 1);
    const { rows } = await this.deps.sql.query<TicketRow>(
      `SELECT * FROM tickets WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, size);
    const more = rows.length > size;
    return {
      tickets: page.map((r) => toTicket(r, [], [])),
      nextPageToken: more ? encodeToken(Number(page[page.length - 1]!.seq), filterKey) : '',
    };
  }

  /** Highest history position of a tenant (Watch starts after it). */
  async headSeq(tenantId: string): Promise<number> {
    const { rows } = await this.deps.sql.query<{ s: string | number | null }>(
      'SELECT max(seq) AS s FROM ticket_history WHERE tenant_id = $1',
      [tenantId],
    );
    return Number(rows[0]?.s ?? 0);
  }

  async tail(tenantId: string, afterSeq: number, limit = 100): Promise<HistoryTail[]> {
    const { rows } = await this.deps.sql.query<{ seq: string | number; ticket_id: string; change: string }>(
      'SELECT seq, ticket_id, change FROM ticket_history WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [tenantId, afterSeq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), ticketId: r.ticket_id, change: r.change }));
  }

  private afterCommit(tenantId: string): void {
    this.deps.outbox.kick();
    this.changes.emit('change', tenantId);
  }

  private async mutate(
    tenantIdRaw: string,
    idRaw: string,
    expectedVersion: number,
    decide: (row: TicketRow) => Mutation,
  ): Promise<Ticket> {
    const tenantId = requireText(tenantIdRaw, 'tenant_id', 200);
    const id = requireText(idRaw, 'id', 200);
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
      throw new InvalidArgument(
        'expected_version is required: send the version of the ticket you last read',
        { field: 'expected_version' },
      );
    }
    const ticket = await this.deps.sql.transaction(async (tx) => {
      const { rows } = await tx.query<TicketRow>(
        'SELECT * FROM tickets WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
        [tenantId, id],
      );
      const row = rows[0];
      if (!row) throw new NotFound(`ticket ${id} not found`, { field: 'id' });
      if (row.version !== expectedVersion) {
        throw new Aborted(
          `ticket ${id} was changed by someone else (now at version ${row.version}, you sent expected_version ${expectedVersion}); reload it and try again`,
          { field: 'expected_version' },
        );
      }
      const m = decide(row);
      const now = this.deps.clock.now();
      const version = row.version + 1;
      const next: TicketRow = { ...row, ...m.fields, version, updated_at: now };
      const updated = await tx.query(
        `UPDATE tickets SET status = $3, priority = $4, assignee_id = $5, assignee_role = $6, version = $7, updated_at = $8
         WHERE tenant_id = $1 AND id = $2 AND version = $9`,
        [
          tenantId,
          id,
          next.status,
          next.priority,
          next.assignee_id,
          next.assignee_role,
          version,
          now,
          expectedVersion,
        ],
      );
      if (updated.rowCount !== 1)
        throw new Aborted(`ticket ${id} was changed by someone else; reload it and try again`, {
          field: 'expected_version',
        });
      if (m.memo) {
        await tx.query(
          'INSERT INTO ticket_memos (tenant_id, ticket_id, id, author, text, kind, internal, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [tenantId, id, m.memo.id, m.memo.author, m.memo.text, m.memo.kind, m.memo.internal, now],
        );
      }
      await this.history(tx, next, version, m.change, m.actor, m.detail, now);
      const notice = await this.notice(tx, next, m, now);
      const records: OutboxRecord[] = [
        this.event(next, m.change, now, { memoKind: m.memo?.kind ?? '', customerNotified: Boolean(notice) }),
      ];
      if (notice) records.push(notice);
      await this.deps.outbox.enqueue(tx, records);
      return (await this.load(tx, tenantId, id))!;
    });
    this.afterCommit(tenantId);
    return ticket;
  }

  /**
   * The customer progress notice for a change, if any: a customer-visible memo is sent as written; an
   * internal memo of a kind with a template ("item_received", ...) and a status with a template
   * ("RESOLVED") send the template in the customer's language on the conversation's channel.
   */
  private async notice(
    tx: Queryable,
    t: TicketRow,
    m: Mutation,
    now: Date,
  ): Promise<OutboxRecord | undefined> {
    if (!t.conversation_id || !t.channel) return undefined;
    let text: string | undefined;
    let language = t.language;
    if (m.memo && !m.memo.internal) {
      text = m.memo.text;
    } else {
      const trigger = m.memo
        ? m.memo.kind
          ? `memo:${m.memo.kind}`
          : ''
        : m.change === 'status'
          ? `status:${t.status}`
          : '';
      if (!trigger) return undefined;
      const route = await this.deps.routing.get(t.tenant_id, t.channel, tx);
      const texts = noticeTexts(trigger, route?.notices ?? []);
      const picked = texts && pickLanguage(texts, t.language);
      if (!picked) return undefined;
      text = render(picked.text, { ticket: shortRef(t.id), subject: t.subject });
      language = picked.language;
    }
    const msg: OutboundMessage = {
      messageId: `handoff:${t.tenant_id}:${t.id}:${t.version}`,
      tenantId: t.tenant_id,
      conversationId: t.conversation_id,
      channel: channelEnum(t.channel),
      recipient:
        t.recipient ||
        (t.channel === 'email'
          ? (t.customer.email ?? '')
          : ['sms', 'whatsapp'].includes(t.channel)
            ? (t.customer.phone ?? '')
            : ''),
      parts: [{ part: { $case: 'text', value: text } }],
      language,
      createdAt: now,
      inReplyTo: '',
      subject: '',
    };
    return {
      topic: CHANNEL_OUTBOUND_TOPIC,
      key: `${t.tenant_id}/${t.conversation_id}`,
      value: OutboundMessage.encode(msg).finish(),
    };
  }

  private event(
    t: TicketRow,
    change: string,
    now: Date,
    extra: { reason?: string; memoKind?: string; customerNotified?: boolean },
  ): OutboxRecord {
    const e: TicketEvent = {
      eventId: `desk:${t.tenant_id}:${t.id}:${t.version}`,
      tenantId: t.tenant_id,
      ticketId: t.id,
      conversationId: t.conversation_id,
      change,
      status: t.status,
      occurredAt: now,
      destination: 'desk',
      reason: extra.reason ?? '',
      version: t.version,
      channel: t.channel,
      assigneeId: t.assignee_id,
      assigneeRole: t.assignee_role,
      priority: t.priority,
      memoKind: extra.memoKind ?? '',
      externalRef: '',
      language: t.language,
      customerNotified: extra.customerNotified ?? false,
    };
    return {
      topic: TICKET_EVENTS_TOPIC,
      key: `${t.tenant_id}/${t.id}`,
      value: TicketEvent.encode(e).finish(),
    };
  }

  private async history(
    tx: Queryable,
    t: TicketRow,
    version: number,
    change: string,
    actor: string,
    detail: string,
    at: Date,
  ) {
    await tx.query(
      'INSERT INTO ticket_history (tenant_id, ticket_id, version, change, actor, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [t.tenant_id, t.id, version, change, actor.trim(), detail, at],
    );
  }

  private async load(q: Queryable, tenantId: string, id: string): Promise<Ticket | undefined> {
    const { rows } = await q.query<TicketRow>('SELECT * FROM tickets WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    if (!rows[0]) return undefined;
    const memos = await q.query<{
      id: string;
      author: string;
      text: string;
      kind: string;
      internal: boolean;
      at: Date;
    }>(
      'SELECT id, author, text, kind, internal, at FROM ticket_memos WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY at, id',
      [tenantId, id],
    );
    const history = await q.query<{
      version: number;
      change: string;
      actor: string;
      detail: string;
      at: Date;
    }>(
      'SELECT version, change, actor, detail, at FROM ticket_history WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY version',
      [tenantId, id],
    );
    return toTicket(
      rows[0],
      memos.rows.map((m) => ({ ...m, at: new Date(m.at) })),
      history.rows.map((h) => ({ ...h, at: new Date(h.at) })),
    );
  }
}

export function shortRef(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

function toTicket(r: TicketRow, memos: Memo[], history: HistoryEntry[]): Ticket {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    conversationId: r.conversation_id,
    customer: {
      customerId: r.customer.customerId ?? '',
      email: r.customer.email ?? '',
      phone: r.customer.phone ?? '',
      name: r.customer.name ?? '',
    },
    subject: r.subject,
    status: statusEnum(r.status),
    priority: priorityEnum(r.priority),
    assignee: r.assignee_id ? { id: r.assignee_id, role: r.assignee_role } : undefined,
    tags: r.tags,
    memos,
    version: r.version,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    channel: r.channel,
    language: r.language,
    transcript: r.transcript.map((t) => ({
      role: t.role,
      text: t.text,
      at: t.at ? new Date(t.at) : undefined,
    })),
    recipient: r.recipient,
    history,
  };
}

function encodeToken(seq: number, filterKey: string): string {
  return Buffer.from(JSON.stringify({ s: seq, f: hash(filterKey) })).toString('base64url');
}

function decodeToken(token: string, filterKey: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; f?: unknown };
    if (typeof v.s !== 'number' || !Number.isInteger(v.s)) throw new Error('bad');
    if (v.f !== hash(filterKey))
      throw new InvalidArgument('page_token belongs to a list with other filters', { field: 'page_token' });
    return v.s;
  } catch (err) {
    if (err instanceof InvalidArgument) throw err;
    throw new InvalidArgument('page_token is not valid', { field: 'page_token' });
  }
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
