// Follow-ups: after a handoff the agent stays silent, so every further shopper message of that
// conversation is added to its open ticket here (built-in desk thread, Zendesk comment, Gorgias
// message, Freshdesk incoming note), once per inbound message id, and the shopper is told once per
// ticket that their messages go there. Messages received at or before the handoff (the newest
// customer message of its transcript) are already in the ticket and are skipped, as are
// conversations without an open ticket.
import { createHash } from 'node:crypto';
import { FailedPrecondition, Unavailable } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import { type InboundMessage, OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { type Desk, shortRef } from './desk';
import type { Escalations } from './escalations';
import type { AdapterFactory } from './handoff';
import { type DestinationName, pickLanguage, render } from './model';
import { noticeTexts } from './notices';
import { CHANNEL_OUTBOUND_TOPIC, type Clock, type Outbox, type OutboxRecord } from './ports';
import { isHelpdesk, type RoutingStore } from './routing';

export const FORWARDED_TRIGGER = 'message:forwarded';
/** Why a desk ticket went urgent after the handoff (its history and ticket event). */
export const ESCALATION_REASON = 'the customer disputes or threatens after the handoff';

export type FollowUpOutcome =
  /** Added to the ticket now. */
  | 'appended'
  /** Added before (a redelivery): nothing done. */
  | 'duplicate'
  /** The conversation has no ticket (never handed off, do-not-forward, or the handoff failed). */
  | 'no_ticket'
  /** The latest ticket was resolved, closed or handed back. */
  | 'ticket_closed'
  /** Received at or before the handoff: it is in the ticket's transcript already. */
  | 'before_ticket'
  /** Nothing to add (no text, no button payload) or not a shopper message we can place. */
  | 'ignored';

export interface FollowUpDeps {
  sql: Sql;
  clock: Clock;
  outbox: Outbox;
  routing: RoutingStore;
  desk: Desk;
  adapterFor: AdapterFactory;
  /** Helpdesk tickets to raise to urgent, recorded with the message and retried until the vendor takes it. */
  escalations: Pick<Escalations, 'recordIn' | 'kick'>;
  logger: Logger;
  /** How long one replica owns a message's vendor call (default 60 s). */
  leaseMs?: number;
  /** Poll interval while the conversation's handoff is still being created (default 200 ms). */
  pollMs?: number;
}

interface AttemptRow {
  attempt: number;
  destination: DestinationName;
  state: 'pending' | 'created';
  lease_until: Date | null;
  ticket_ref: string;
  channel: string;
  language: string;
  resolved_at: Date | null;
  created_at: Date;
  transcript_until: Date | null;
}

interface FollowUpRow {
  state: 'pending' | 'appended';
  lease_until: Date | null;
  tries: number;
}

/** Hash of the text as the vendors compare it (whitespace runs collapsed); the text is not stored. */
export function textHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32);
}

export class FollowUps {
  private readonly log: Logger;
  constructor(private readonly d: FollowUpDeps) {
    this.log = d.logger.child({ component: 'followups' });
  }

  /**
   * Adds one inbound shopper message to the conversation's open ticket. Throws a retriable error
   * (Unavailable) when the vendor is unavailable or the ticket is still being created, a permanent
   * one (FailedPrecondition / InvalidArgument) when the vendor refuses; the caller retries or
   * dead-letters, and commits the offset only after this resolves.
   */
  async handle(
    msg: InboundMessage,
    signal?: AbortSignal,
    options: { urgent?: boolean } = {},
  ): Promise<FollowUpOutcome> {
    const tenantId = msg.tenantId.trim();
    const conversationId = msg.conversationId.trim();
    const messageId = msg.messageId.trim();
    const text = msg.text.trim() || (msg.postback.trim() ? `[${msg.postback.trim()}]` : '');
    if (!tenantId || !conversationId || !messageId || !text) return 'ignored';
    const receivedAt = msg.receivedAt ?? this.d.clock.now();

    const done = await this.d.sql.query<{ state: string; destination: string; ticket_ref: string }>(
      'SELECT state, destination, ticket_ref FROM ticket_followups WHERE tenant_id = $1 AND message_id = $2',
      [tenantId, messageId],
    );
    const before = done.rows[0];
    if (before?.state === 'appended') {
      // The agent's copy of a message the inbound follower added first still escalates.
      if (options.urgent && before.destination === 'desk') {
        const escalated = await this.d.sql.transaction((tx) =>
          this.d.desk.escalateIn(tx, tenantId, before.ticket_ref, ESCALATION_REASON),
        );
        if (escalated) {
          this.d.desk.committed(tenantId);
          this.log.warn(
            { tenantId, conversationId, messageId },
            'the customer disputes after the handoff: desk ticket now urgent',
          );
        }
      } else if (options.urgent && isHelpdesk(before.destination as DestinationName)) {
        const attempt = await this.latestTicket(tenantId, conversationId, signal);
        if (attempt?.ticket_ref === before.ticket_ref) {
          await this.d.sql.transaction((tx) =>
            this.escalateIn(tx, tenantId, conversationId, messageId, attempt),
          );
          this.d.escalations.kick();
        }
      }
      return 'duplicate';
    }

    const attempt = await this.latestTicket(tenantId, conversationId, signal);
    if (attempt?.state !== 'created' || attempt.destination === 'do_not_forward') return 'no_ticket';
    // In the ticket already: received at or before the newest customer message of the handoff's
    // transcript (same clock: the gateway's), or, without transcript times, before the handoff.
    const cutoff = new Date(attempt.transcript_until ?? attempt.created_at).getTime();
    if (receivedAt.getTime() <= cutoff) return 'before_ticket';
    if (attempt.resolved_at) return 'ticket_closed';

    const hash = textHash(text);
    const log = { tenantId, conversationId, messageId, destination: attempt.destination };
    if (attempt.destination === 'desk') {
      let escalated = false;
      const outcome = await this.d.sql
        .transaction(async (tx) => {
          const inserted = await tx.query(
            `INSERT INTO ticket_followups (tenant_id, message_id, conversation_id, destination, ticket_ref, text_hash, state, tries, received_at, created_at, appended_at)
           VALUES ($1, $2, $3, 'desk', $4, $5, 'appended', 1, $6, $7, $7) ON CONFLICT DO NOTHING`,
            [tenantId, messageId, conversationId, attempt.ticket_ref, hash, receivedAt, this.d.clock.now()],
          );
          // The agent's copy of a message the inbound follower added first still escalates.
          const escalate = async () =>
            options.urgent &&
            (await this.d.desk.escalateIn(tx, tenantId, attempt.ticket_ref, ESCALATION_REASON));
          if (inserted.rowCount !== 1) {
            if (await escalate()) escalated = true;
            return 'duplicate' as const;
          }
          const ticket = await this.d.desk.addCustomerMessageIn(tx, tenantId, attempt.ticket_ref, {
            text,
            at: receivedAt,
            channel: attempt.channel,
          });
          if (!ticket) throw new TicketClosed();
          if (await escalate()) escalated = true;
          await this.acknowledgeOnce(tx, msg, attempt, shortRef(ticket.id), ticket.language);
          return 'appended' as const;
        })
        .catch((err) => {
          if (err instanceof TicketClosed) return 'ticket_closed' as const;
          throw err;
        });
      if (escalated) this.log.warn(log, 'the customer disputes after the handoff: desk ticket now urgent');
      if (outcome === 'appended' || escalated) this.d.desk.committed(tenantId);
      if (outcome === 'appended') this.log.info(log, 'shopper message added to the desk ticket');
      return outcome;
    }
    if (!isHelpdesk(attempt.destination)) return 'no_ticket';

    // Helpdesks: record and lease the message before calling the vendor, acknowledge after.
    const route = await this.d.routing.get(tenantId, attempt.channel);
    if (!route || route.destination !== attempt.destination) {
      throw new FailedPrecondition(
        `the ${attempt.destination} ticket ${attempt.ticket_ref} can no longer be reached: handoff routing for channel ${attempt.channel} now points to ${route?.destination ?? 'nothing'}`,
        { field: 'routing.destination' },
      );
    }
    const now = this.d.clock.now();
    const claim = await this.d.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ticket_followups (tenant_id, message_id, conversation_id, destination, ticket_ref, text_hash, state, received_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) ON CONFLICT DO NOTHING`,
        [tenantId, messageId, conversationId, attempt.destination, attempt.ticket_ref, hash, receivedAt, now],
      );
      const { rows } = await tx.query<FollowUpRow>(
        'SELECT state, lease_until, tries FROM ticket_followups WHERE tenant_id = $1 AND message_id = $2 FOR UPDATE',
        [tenantId, messageId],
      );
      const row = rows[0]!;
      // The dispute is on record with the message: the ticket goes urgent even if this caller goes away.
      if (options.urgent) await this.escalateIn(tx, tenantId, conversationId, messageId, attempt);
      if (row.state === 'appended') return { duplicate: true as const };
      if (row.lease_until && new Date(row.lease_until).getTime() > now.getTime()) {
        return { busy: Math.ceil((new Date(row.lease_until).getTime() - now.getTime()) / 1000) };
      }
      await tx.query(
        'UPDATE ticket_followups SET tries = tries + 1, lease_until = $3 WHERE tenant_id = $1 AND message_id = $2',
        [tenantId, messageId, new Date(now.getTime() + (this.d.leaseMs ?? 60_000))],
      );
      const added = await tx.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ticket_followups
         WHERE tenant_id = $1 AND destination = $2 AND ticket_ref = $3 AND text_hash = $4 AND state = 'appended'`,
        [tenantId, attempt.destination, attempt.ticket_ref, hash],
      );
      return { lookupFirst: row.tries > 0, alreadyAdded: Number(added.rows[0]?.n ?? 0) };
    });
    if (options.urgent) this.d.escalations.kick();
    if ('duplicate' in claim) return 'duplicate';
    if ('busy' in claim) {
      throw new Unavailable(`this message is being added by another replica; retry in ${claim.busy} s`, {
        retryAfterSeconds: claim.busy,
      });
    }
    try {
      const adapter = this.d.adapterFor(route);
      const { ref } = await adapter.addMessage(
        { ticketRef: attempt.ticket_ref, text, alreadyAdded: claim.alreadyAdded },
        { lookupFirst: claim.lookupFirst, signal },
      );
      await this.d.sql.transaction(async (tx) => {
        await tx.query(
          `UPDATE ticket_followups SET state = 'appended', vendor_ref = $3, lease_until = NULL, appended_at = $4
           WHERE tenant_id = $1 AND message_id = $2`,
          [tenantId, messageId, ref, this.d.clock.now()],
        );
        await this.acknowledgeOnce(tx, msg, attempt, `#${attempt.ticket_ref}`, attempt.language);
      });
      this.d.outbox.kick();
      this.log.info({ ...log, ref }, 'shopper message added to the helpdesk ticket');
      return 'appended';
    } catch (err) {
      await this.d.sql
        .query(
          `UPDATE ticket_followups SET lease_until = NULL WHERE tenant_id = $1 AND message_id = $2 AND state = 'pending'`,
          [tenantId, messageId],
        )
        .catch(() => undefined);
      throw err;
    }
  }

  /**
   * Records, in the caller's transaction, that the helpdesk ticket goes to the vendor's highest priority
   * (see HelpdeskAdapter.escalate); domain/escalations.ts calls the vendor until it takes it.
   */
  private escalateIn(
    tx: Queryable,
    tenantId: string,
    conversationId: string,
    messageId: string,
    attempt: AttemptRow,
  ): Promise<void> {
    return this.d.escalations.recordIn(tx, {
      tenantId,
      destination: attempt.destination,
      ticketRef: attempt.ticket_ref,
      conversationId,
      channel: attempt.channel,
      messageId,
    });
  }

  /**
   * The conversation's latest handoff attempt. One still being created (pending, leased) is waited
   * for: the shopper may write again while the helpdesk call is in flight.
   */
  private async latestTicket(
    tenantId: string,
    conversationId: string,
    signal?: AbortSignal,
  ): Promise<AttemptRow | undefined> {
    for (;;) {
      const { rows } = await this.d.sql.query<AttemptRow>(
        `SELECT attempt, destination, state, lease_until, ticket_ref, channel, language, resolved_at, created_at, transcript_until
         FROM handoff_attempts WHERE tenant_id = $1 AND conversation_id = $2
         ORDER BY created_at DESC, attempt DESC LIMIT 1`,
        [tenantId, conversationId],
      );
      const row = rows[0];
      const leased =
        row?.state === 'pending' &&
        row.lease_until !== null &&
        new Date(row.lease_until).getTime() > this.d.clock.now().getTime();
      if (!leased) return row;
      if (signal?.aborted) throw new Unavailable('stopping while the ticket was being created');
      await new Promise((r) => setTimeout(r, this.d.pollMs ?? 200));
    }
  }

  /** The "your message was added" notice, once per ticket, in the caller's transaction. */
  private async acknowledgeOnce(
    tx: Queryable,
    msg: InboundMessage,
    attempt: AttemptRow,
    ticketLabel: string,
    language: string,
  ): Promise<void> {
    // A backlog (after an outage, or the first deploy of this follower reading the topic from its
    // start) is added to the ticket, but "your message was added" hours later would only confuse:
    // the notice is for a message written just now, and a later fresh one still gets it.
    const age = this.d.clock.now().getTime() - (msg.receivedAt?.getTime() ?? this.d.clock.now().getTime());
    if (age > FORWARDED_NOTICE_MAX_AGE_MS) return;
    const first = await tx.query(
      `INSERT INTO ticket_followup_acks (tenant_id, destination, ticket_ref, message_id, at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [msg.tenantId, attempt.destination, attempt.ticket_ref, msg.messageId, this.d.clock.now()],
    );
    if (first.rowCount !== 1) return;
    const route = await this.d.routing.get(msg.tenantId, attempt.channel, tx);
    const texts = noticeTexts(FORWARDED_TRIGGER, route?.notices ?? []);
    const picked = texts && pickLanguage(texts, language || msg.localeHint || 'en');
    if (!picked) return; // switched off by the tenant
    const out: OutboundMessage = {
      messageId: `handoff:followup:${msg.tenantId}:${msg.messageId}`,
      tenantId: msg.tenantId,
      conversationId: msg.conversationId,
      channel: msg.channel,
      recipient: msg.sender,
      parts: [{ part: { $case: 'text', value: render(picked.text, { ticket: ticketLabel }) } }],
      language: picked.language,
      createdAt: this.d.clock.now(),
      // Synchronous channels (Kakao, Naver) correlate the reply with the message it answers.
      inReplyTo: msg.messageId,
      subject: '',
    };
    const record: OutboxRecord = {
      topic: CHANNEL_OUTBOUND_TOPIC,
      key: `${msg.tenantId}/${msg.conversationId}`,
      value: OutboundMessage.encode(out).finish(),
    };
    await this.d.outbox.enqueue(tx, [record]);
  }
}

class TicketClosed extends Error {}

/** Past this age a forwarded message gets no "added to your request" notice (it is still added). */
export const FORWARDED_NOTICE_MAX_AGE_MS = 10 * 60_000;
