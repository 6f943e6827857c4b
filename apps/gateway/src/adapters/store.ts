// PostgreSQL/PGlite repository for the gateway's durable state (see migrations/001_gateway.sql).
import type { Sql } from '@boomerang/kit/sql';
import { Batcher } from './batcher';

export type ClaimResult = 'claimed' | 'duplicate' | 'in-flight';

export interface ContactRow {
  channel: number;
  sender: string;
  lastInboundAt: Date;
  subject: string;
  threadRef: string;
}

const RECENTLY_PUBLISHED_MAX = 50_000;

interface ClaimItem {
  tenantId: string;
  messageId: string;
  staleMs: number;
  /** The conversation's contact window, written in the same statement as the claim. */
  contact?: { conversationId: string; c: ContactRow };
}

type ContactItem = { tenantId: string; conversationId: string; c: ContactRow };

/**
 * Upserts the last inbound of each conversation ($1..$7 arrays). One row per conversation per
 * statement (ON CONFLICT cannot touch a row twice): callers pass `latestPerConversation`.
 */
const UPSERT_CONTACTS = `INSERT INTO gateway_contacts (tenant_id, conversation_id, channel, sender, last_inbound_at, subject, thread_ref)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
       ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
         last_inbound_at = GREATEST(gateway_contacts.last_inbound_at, EXCLUDED.last_inbound_at),
         sender = EXCLUDED.sender,
         subject = CASE WHEN EXCLUDED.subject <> '' THEN EXCLUDED.subject ELSE gateway_contacts.subject END,
         thread_ref = CASE WHEN EXCLUDED.thread_ref <> '' THEN EXCLUDED.thread_ref ELSE gateway_contacts.thread_ref END`;

function contactParams(items: ContactItem[]): unknown[] {
  const latest = new Map<string, ContactItem>();
  for (const i of items) latest.set(`${i.tenantId}\u0000${i.conversationId}`, i);
  const rows = [...latest.values()];
  return [
    rows.map((r) => r.tenantId),
    rows.map((r) => r.conversationId),
    rows.map((r) => r.c.channel),
    rows.map((r) => r.c.sender),
    rows.map((r) => r.c.lastInboundAt.toISOString()),
    rows.map((r) => r.c.subject),
    rows.map((r) => r.c.threadRef),
  ];
}

export class GatewayStore {
  constructor(private readonly sql: Sql) {}

  private readonly claims = new Batcher<ClaimItem, ClaimResult>((items) => this.claimMany(items));
  private readonly published = new Batcher<{ tenantId: string; messageId: string }, void>(async (items) => {
    await this.sql.query(
      `UPDATE gateway_inbound_seen s SET state = 'published'
         FROM unnest($1::text[], $2::text[]) AS u(tenant_id, message_id)
        WHERE s.tenant_id = u.tenant_id AND s.message_id = u.message_id`,
      [items.map((i) => i.tenantId), items.map((i) => i.messageId)],
    );
    for (const i of items) this.remember(i.tenantId, i.messageId);
    return items.map(() => undefined);
  });

  /**
   * Ids this process marked published, oldest first: a replay (vendors redeliver after timeouts and
   * outages) is answered 'duplicate' without a round trip. A published row is never undone, so this
   * subset answers exactly as the table would; other replicas and restarts ask the table.
   */
  private readonly recentlyPublished = new Set<string>();

  private remember(tenantId: string, messageId: string): void {
    this.recentlyPublished.add(`${tenantId}\u0000${messageId}`);
    if (this.recentlyPublished.size > RECENTLY_PUBLISHED_MAX) {
      const oldest = this.recentlyPublished.values().next().value;
      if (oldest !== undefined) this.recentlyPublished.delete(oldest);
    }
  }

  /**
   * Claims an inbound message id. 'duplicate' = already published; 'in-flight' = another delivery of
   * it is being published right now. A pending claim older than `staleMs` (a crashed replica) is
   * taken over so the message is never lost. Concurrent claims are written in one statement.
   *
   * `contact` (WhatsApp window, email thread) is upserted by that same statement, whatever the
   * claim's outcome: the shopper did write, so the window is open before the message can reach the
   * agent — a reply can never find it missing — and it costs no extra round trip.
   */
  claimInbound(
    tenantId: string,
    messageId: string,
    staleMs = 30_000,
    contact?: { conversationId: string; c: ContactRow },
  ): Promise<ClaimResult> {
    if (this.recentlyPublished.has(`${tenantId}\u0000${messageId}`)) return Promise.resolve('duplicate');
    return this.claims.run({ tenantId, messageId, staleMs, contact });
  }

  private async claimMany(items: ClaimItem[]): Promise<ClaimResult[]> {
    const key = (t: string, m: string) => `${t}\u0000${m}`;
    // The same id twice in one batch: the first claims it, the others see it in flight.
    const firsts = new Map<string, ClaimItem>();
    for (const i of items)
      if (!firsts.has(key(i.tenantId, i.messageId))) firsts.set(key(i.tenantId, i.messageId), i);
    const unique = [...firsts.values()];
    // Nearly every id is new: a plain insert claims those (the cheapest statement; DO UPDATE costs
    // about twice as much per row even without conflicts). Only the rare conflicts take the slow way.
    const claim = `INSERT INTO gateway_inbound_seen (tenant_id, message_id, state)
         SELECT tenant_id, message_id, 'pending' FROM unnest($1::text[], $2::text[]) AS u(tenant_id, message_id)
       ON CONFLICT (tenant_id, message_id) DO NOTHING
       RETURNING tenant_id, message_id`;
    const claimParams = [unique.map((i) => i.tenantId), unique.map((i) => i.messageId)];
    const contacts = items.flatMap((i) => (i.contact ? [{ tenantId: i.tenantId, ...i.contact }] : []));
    // A data-modifying WITH runs exactly once, in the claim's transaction (one statement).
    const claimed = await this.sql.query<{ tenant_id: string; message_id: string }>(
      contacts.length
        ? `WITH contacts AS (${UPSERT_CONTACTS.replace(/\$(\d)/g, (_, d) => `$${Number(d) + 2}`)}) ${claim}`
        : claim,
      contacts.length ? [...claimParams, ...contactParams(contacts)] : claimParams,
    );
    const won = new Set(claimed.rows.map((r) => key(r.tenant_id, r.message_id)));
    const states = new Map<string, string>();
    if (won.size < unique.length) {
      const lost = unique.filter((i) => !won.has(key(i.tenantId, i.messageId)));
      // A pending claim older than staleMs (its replica crashed mid-publish) is taken over; the row
      // lock makes one taker win when several replicas try at once.
      const taken = await this.sql.query<{ tenant_id: string; message_id: string }>(
        `UPDATE gateway_inbound_seen s SET seen_at = now()
           FROM unnest($1::text[], $2::text[]) AS u(tenant_id, message_id)
          WHERE s.tenant_id = u.tenant_id AND s.message_id = u.message_id AND s.state = 'pending'
            AND s.seen_at < now() - make_interval(secs => $3::double precision / 1000)
          RETURNING s.tenant_id, s.message_id`,
        [lost.map((i) => i.tenantId), lost.map((i) => i.messageId), lost[0]?.staleMs ?? 30_000],
      );
      for (const r of taken.rows) won.add(key(r.tenant_id, r.message_id));
      const rest = lost.filter((i) => !won.has(key(i.tenantId, i.messageId)));
      if (rest.length > 0) {
        const { rows } = await this.sql.query<{ tenant_id: string; message_id: string; state: string }>(
          `SELECT s.tenant_id, s.message_id, s.state FROM gateway_inbound_seen s
             JOIN unnest($1::text[], $2::text[]) AS u(tenant_id, message_id)
               ON s.tenant_id = u.tenant_id AND s.message_id = u.message_id`,
          [rest.map((i) => i.tenantId), rest.map((i) => i.messageId)],
        );
        for (const r of rows) states.set(key(r.tenant_id, r.message_id), r.state);
      }
    }
    const handed = new Set<string>();
    return items.map((i) => {
      const k = key(i.tenantId, i.messageId);
      if (won.has(k) && !handed.has(k)) {
        handed.add(k);
        return 'claimed';
      }
      if (won.has(k)) return 'in-flight';
      return states.get(k) === 'published' ? 'duplicate' : 'in-flight';
    });
  }

  markPublished(tenantId: string, messageId: string): Promise<void> {
    return this.published.run({ tenantId, messageId });
  }

  /** Publishing failed: forget the claim so the vendor's retry is processed again. */
  async releaseInbound(tenantId: string, messageId: string): Promise<void> {
    await this.sql.query(
      `DELETE FROM gateway_inbound_seen WHERE tenant_id = $1 AND message_id = $2 AND state = 'pending'`,
      [tenantId, messageId],
    );
  }

  async contact(tenantId: string, conversationId: string): Promise<ContactRow | undefined> {
    const { rows } = await this.sql.query<{
      channel: number;
      sender: string;
      last_inbound_at: Date | string;
      subject: string;
      thread_ref: string;
    }>(
      'SELECT channel, sender, last_inbound_at, subject, thread_ref FROM gateway_contacts WHERE tenant_id = $1 AND conversation_id = $2',
      [tenantId, conversationId],
    );
    const r = rows[0];
    return (
      r && {
        channel: r.channel,
        sender: r.sender,
        lastInboundAt: new Date(r.last_inbound_at),
        subject: r.subject,
        threadRef: r.thread_ref,
      }
    );
  }

  /**
   * Where a late reply goes and until when an inline answer is possible. The same request sent again
   * (Kakao resends with its request id) brings a fresh callback URL and waits anew: both win.
   */
  async recordSyncRequest(
    messageId: string,
    tenantId: string,
    channel: number,
    callbackUrl: string,
    deadline: Date,
  ): Promise<void> {
    await this.sql.query(
      `INSERT INTO gateway_sync_requests (message_id, tenant_id, channel, callback_url, deadline_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (message_id) DO UPDATE SET
         callback_url = CASE WHEN EXCLUDED.callback_url <> '' THEN EXCLUDED.callback_url ELSE gateway_sync_requests.callback_url END,
         deadline_at = GREATEST(gateway_sync_requests.deadline_at, EXCLUDED.deadline_at)`,
      [messageId, tenantId, channel, callbackUrl, deadline],
    );
  }

  async syncRequest(messageId: string): Promise<{ callbackUrl: string; deadline: Date } | undefined> {
    const { rows } = await this.sql.query<{ callback_url: string; deadline_at: Date | string }>(
      'SELECT callback_url, deadline_at FROM gateway_sync_requests WHERE message_id = $1',
      [messageId],
    );
    const r = rows[0];
    return r && { callbackUrl: r.callback_url, deadline: new Date(r.deadline_at) };
  }

  /** Delivery state of an outbound message, if any attempt was recorded. */
  async delivery(messageId: string): Promise<string | undefined> {
    const { rows } = await this.sql.query<{ mode: string }>(
      'SELECT mode FROM gateway_deliveries WHERE message_id = $1',
      [messageId],
    );
    return rows[0]?.mode;
  }

  /** Claims an outbound message for delivery (`inline` from a waiting request, `sending` for the API). */
  async claimDelivery(messageId: string, tenantId: string, mode: 'inline' | 'sending'): Promise<boolean> {
    const { rows } = await this.sql.query(
      `INSERT INTO gateway_deliveries (message_id, tenant_id, mode) VALUES ($1, $2, $3)
       ON CONFLICT (message_id) DO UPDATE SET mode = EXCLUDED.mode, updated_at = now()
         WHERE gateway_deliveries.mode = 'sending' AND EXCLUDED.mode = 'sending'
       RETURNING message_id`,
      [messageId, tenantId, mode],
    );
    return rows.length > 0;
  }

  async markSent(messageId: string, vendorId: string): Promise<void> {
    await this.sql.query(
      `UPDATE gateway_deliveries SET mode = 'sent', vendor_id = $2, updated_at = now() WHERE message_id = $1`,
      [messageId, vendorId],
    );
  }

  async releaseDelivery(messageId: string): Promise<void> {
    await this.sql.query(`DELETE FROM gateway_deliveries WHERE message_id = $1 AND mode = 'sending'`, [
      messageId,
    ]);
  }

  /** Stores a rendered web chat reply once; returns its sequence number. */
  async saveWebchatReply(
    tenantId: string,
    conversationId: string,
    messageId: string,
    body: string,
  ): Promise<void> {
    await this.sql.query(
      `INSERT INTO gateway_webchat_replies (tenant_id, conversation_id, message_id, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id) DO NOTHING`,
      [tenantId, conversationId, messageId, body],
    );
  }

  /** Replies of a conversation after the one with `afterMessageId` (all when unknown/empty). */
  async webchatRepliesAfter(
    tenantId: string,
    conversationId: string,
    afterMessageId: string | undefined,
  ): Promise<{ messageId: string; body: string }[]> {
    const { rows } = await this.sql.query<{ message_id: string; body: string }>(
      `SELECT message_id, body FROM gateway_webchat_replies
        WHERE tenant_id = $1 AND conversation_id = $2
          AND seq > COALESCE((SELECT seq FROM gateway_webchat_replies WHERE message_id = $3 AND tenant_id = $1), 0)
        ORDER BY seq LIMIT 200`,
      [tenantId, conversationId, afterMessageId ?? ''],
    );
    return rows.map((r) => ({ messageId: r.message_id, body: r.body }));
  }
}
