// Handoff: a conversation the agent cannot finish goes to the tenant's configured destination.
// Idempotent on (tenant, conversation, attempt): the attempt row is written (and leased) before the
// destination is called and acknowledged after, so a retried call returns the stored reference, and a
// retry after a crash between the vendor's create and our acknowledgement looks the ticket up by our
// key instead of creating a second one.
import { createHash, randomUUID } from 'node:crypto';
import { DomainError, FailedPrecondition, InvalidArgument, Unavailable } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import type { HandoffRequest, TestHandoffResponse } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { type Desk, shortRef } from './desk';
import type { HelpdeskAdapter, HelpdeskTicketInput } from './helpdesk';
import {
  baseLanguage,
  type DestinationName,
  destinationEnum,
  priorityName,
  requireChannel,
  requireText,
} from './model';
import { type Clock, type Outbox, type SecretResolver, TICKET_EVENTS_TOPIC } from './ports';
import { handoffMessage, isHelpdesk, type Route, type RoutingStore } from './routing';

export type AdapterFactory = (route: Route) => HelpdeskAdapter;

export interface HandoffDeps {
  sql: Sql;
  clock: Clock;
  outbox: Outbox;
  routing: RoutingStore;
  desk: Desk;
  secrets: SecretResolver;
  adapterFor: AdapterFactory;
  logger: Logger;
  /** How long one caller owns a pending attempt (a crashed caller's lease expires). Default 60 s. */
  leaseMs?: number;
}

export interface HandoffResult {
  destination: DestinationName;
  ticketRef: string;
  message: string;
  /** The reference as the shopper reads it (what `{ticket}` in the message renders). */
  ticketLabel: string;
}

/** How a ticket reference reads to the shopper: the desk's short id, a helpdesk's "#<id>". */
export function ticketLabel(destination: DestinationName, ref: string): string {
  if (!ref) return '';
  return destination === 'desk' ? shortRef(ref) : `#${ref}`;
}

interface AttemptRow {
  destination: DestinationName;
  state: 'pending' | 'created';
  lease_until: Date | null;
  tries: number;
  ticket_ref: string;
  message: string;
  channel: string;
  language: string;
  conversation_id: string;
  resolved_at: Date | null;
}

/** Our key in the vendor's ticket: stable per attempt, reveals nothing about the conversation. */
export function externalKey(tenantId: string, conversationId: string, attempt: number): string {
  return `bmr-${createHash('sha256').update(`${tenantId}\n${conversationId}\n${attempt}`).digest('hex').slice(0, 24)}`;
}

export class HandoffService {
  private readonly log: Logger;
  constructor(private readonly d: HandoffDeps) {
    this.log = d.logger.child({ component: 'handoff' });
  }

  async handoff(req: HandoffRequest, signal?: AbortSignal): Promise<HandoffResult> {
    const tenantId = requireText(req.tenantId, 'tenant_id', 200);
    const conversationId = requireText(req.conversationId, 'conversation_id', 200);
    if (!Number.isInteger(req.attempt) || req.attempt < 0)
      throw new InvalidArgument('attempt must be 0 or more', { field: 'attempt' });
    const channel = requireChannel(req.channel);
    const priority = priorityName(req.priority, 'NORMAL');
    const language = req.language.trim() || 'en';
    const route = await this.d.routing.get(tenantId, channel);
    if (!route) {
      throw new FailedPrecondition(
        `handoff is not configured for channel ${channel}; set it in the launch checklist (SetRouting)`,
        { field: 'channel' },
      );
    }
    const key = externalKey(tenantId, conversationId, req.attempt);
    const now = this.d.clock.now();
    const leaseMs = this.d.leaseMs ?? 60_000;

    // The newest customer message the ticket will hold: later ones are added by the inbound follower.
    const customerTimes = req.transcript
      .filter((t) => t.role === 'customer' && t.at)
      .map((t) => t.at!.getTime());
    const transcriptUntil = customerTimes.length ? new Date(Math.max(...customerTimes)) : null;

    // 1. Record (or find) the attempt and take the lease.
    const claimed = await this.d.sql.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO handoff_attempts (tenant_id, conversation_id, attempt, destination, channel, external_key, state, language, created_at, transcript_until)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          tenantId,
          conversationId,
          req.attempt,
          route.destination,
          channel,
          key,
          language,
          now,
          transcriptUntil,
        ],
      );
      const { rows } = await tx.query<AttemptRow>(
        'SELECT * FROM handoff_attempts WHERE tenant_id = $1 AND conversation_id = $2 AND attempt = $3 FOR UPDATE',
        [tenantId, conversationId, req.attempt],
      );
      const row = rows[0]!;
      if (row.state === 'created') return { done: row };
      if (row.lease_until && new Date(row.lease_until).getTime() > now.getTime()) {
        const wait = Math.ceil((new Date(row.lease_until).getTime() - now.getTime()) / 1000);
        throw new Unavailable(`this handoff is already in progress; retry in ${wait} s`, {
          retryAfterSeconds: wait,
        });
      }
      // A pending row that was tried before may already exist at the same vendor: look it up first.
      const lookupFirst = row.tries > 0 && row.destination === route.destination;
      await tx.query(
        `UPDATE handoff_attempts SET lease_until = $4, tries = tries + 1, destination = $5
         WHERE tenant_id = $1 AND conversation_id = $2 AND attempt = $3`,
        [tenantId, conversationId, req.attempt, new Date(now.getTime() + leaseMs), route.destination],
      );
      return { lookupFirst };
    });
    if ('done' in claimed && claimed.done) {
      this.log.info(
        { tenantId, conversationId, attempt: req.attempt },
        'handoff already done; returning the stored reference',
      );
      return {
        destination: claimed.done.destination,
        ticketRef: claimed.done.ticket_ref,
        message: claimed.done.message,
        ticketLabel: ticketLabel(claimed.done.destination, claimed.done.ticket_ref),
      };
    }
    const lookupFirst = 'lookupFirst' in claimed ? claimed.lookupFirst : false;

    // 2. Call the destination; 3. acknowledge (store the reference) in one transaction with its event.
    try {
      const subject = (req.subject.trim() || `${req.reason.trim() || 'Handoff'} (${channel})`).slice(0, 200);
      if (route.destination === 'do_not_forward') {
        const message = handoffMessage(route, language, '');
        await this.acknowledge(tenantId, conversationId, req.attempt, '', message);
        return { destination: 'do_not_forward', ticketRef: '', message, ticketLabel: '' };
      }
      if (route.destination === 'desk') {
        let ref = '';
        let message = '';
        await this.d.sql.transaction(async (tx) => {
          const { ticket } = await this.d.desk.createIn(tx, {
            tenantId,
            conversationId,
            customer: req.customer ?? { customerId: '', email: '', phone: '', name: '' },
            subject,
            priority,
            tags: ['handoff'],
            transcript: req.transcript,
            channel,
            language,
            recipient: req.recipient,
            idempotencyKey: `handoff:${conversationId}:${req.attempt}`,
            actor: 'agent',
            reason: req.reason,
          });
          ref = ticket.id;
          message = handoffMessage(route, language, ticketLabel('desk', ticket.id));
          await this.acknowledgeIn(tx, tenantId, conversationId, req.attempt, ref, message);
        });
        this.d.outbox.kick();
        this.d.desk.changes.emit('change', tenantId);
        return { destination: 'desk', ticketRef: ref, message, ticketLabel: ticketLabel('desk', ref) };
      }
      const adapter = this.d.adapterFor(route);
      const input = ticketInput(req, { key, subject, channel, language, priority, test: false });
      const { ref } = await adapter.createTicket(input, { lookupFirst, signal });
      const message = handoffMessage(route, language, ticketLabel(route.destination, ref));
      await this.d.sql.transaction(async (tx) => {
        await this.acknowledgeIn(tx, tenantId, conversationId, req.attempt, ref, message);
        const event: TicketEvent = {
          eventId: `${route.destination}:${tenantId}:${ref}:created`,
          tenantId,
          ticketId: ref,
          conversationId,
          change: 'created',
          status: 'OPEN',
          occurredAt: this.d.clock.now(),
          destination: route.destination,
          reason: req.reason,
          version: 1,
          channel,
          assigneeId: '',
          assigneeRole: '',
          priority,
          memoKind: '',
          externalRef: ref,
          language,
          customerNotified: false,
        };
        await this.d.outbox.enqueue(tx, [
          {
            topic: TICKET_EVENTS_TOPIC,
            key: `${tenantId}/${ref}`,
            value: TicketEvent.encode(event).finish(),
          },
        ]);
      });
      this.d.outbox.kick();
      this.log.info(
        { tenantId, conversationId, attempt: req.attempt, destination: route.destination, ref },
        'handed off',
      );
      return {
        destination: route.destination,
        ticketRef: ref,
        message,
        ticketLabel: ticketLabel(route.destination, ref),
      };
    } catch (err) {
      await this.d.sql
        .query(
          'UPDATE handoff_attempts SET lease_until = NULL WHERE tenant_id = $1 AND conversation_id = $2 AND attempt = $3 AND state = $4',
          [tenantId, conversationId, req.attempt, 'pending'],
        )
        .catch(() => undefined);
      throw err;
    }
  }

  /** Creates a clearly marked test ticket in the configured destination; reports the exact problem. */
  async test(tenantIdRaw: string, channelRaw: string): Promise<TestHandoffResponse> {
    const tenantId = requireText(tenantIdRaw, 'tenant_id', 200);
    const channel = requireChannel(channelRaw);
    const route = await this.d.routing.get(tenantId, channel);
    const fail = (destination: DestinationName | undefined, error: string): TestHandoffResponse => ({
      ok: false,
      destination: destination ? destinationEnum(destination) : 0,
      ticketRef: '',
      error,
    });
    if (!route) return fail(undefined, `handoff is not configured for channel ${channel}`);
    const subject = '[TEST] Boomerang handoff test — please ignore / 테스트 / test';
    if (route.destination === 'do_not_forward') {
      return { ok: true, destination: destinationEnum(route.destination), ticketRef: '', error: '' };
    }
    if (route.destination === 'desk') {
      const { ticket } = await this.d.desk.create({
        tenantId,
        conversationId: '',
        customer: { customerId: '', email: '', phone: '', name: '' },
        subject,
        priority: 'LOW',
        tags: ['test'],
        transcript: [],
        channel,
        language: 'en',
        recipient: '',
        idempotencyKey: '',
        actor: 'handoff-test',
      });
      return { ok: true, destination: destinationEnum('desk'), ticketRef: ticket.id, error: '' };
    }
    try {
      const adapter = this.d.adapterFor(route);
      const input = ticketInput(
        {
          tenantId,
          conversationId: 'test',
          attempt: 0,
          reason: 'Test ticket created from the Boomerang launch checklist. No action needed.',
          transcript: [],
          customer: undefined,
          channel,
          language: 'en',
          priority: 0,
          subject,
          recipient: '',
        },
        {
          key: `bmr-test-${randomUUID().slice(0, 18)}`,
          subject,
          channel,
          language: 'en',
          priority: 'LOW',
          test: true,
        },
      );
      const { ref } = await adapter.createTicket(input, { lookupFirst: false });
      return { ok: true, destination: destinationEnum(route.destination), ticketRef: ref, error: '' };
    } catch (err) {
      if (err instanceof DomainError) return fail(route.destination, err.message);
      this.log.error({ err, tenantId, channel }, 'test handoff failed unexpectedly');
      return fail(route.destination, 'unexpected error while creating the test ticket');
    }
  }

  /**
   * Hand-back from a helpdesk webhook: the external ticket was solved/closed. Publishes one
   * TicketEvent RESOLVED for the conversation (deduplicated: a repeated webhook changes nothing).
   */
  async resolveExternal(
    vendor: DestinationName,
    tenantId: string,
    ticketRef: string,
  ): Promise<'resolved' | 'duplicate' | 'unknown'> {
    const outcome = await this.d.sql.transaction(async (tx) => {
      const { rows } = await tx.query<AttemptRow & { attempt: number }>(
        `SELECT * FROM handoff_attempts WHERE tenant_id = $1 AND destination = $2 AND ticket_ref = $3 AND state = 'created' FOR UPDATE`,
        [tenantId, vendor, ticketRef],
      );
      const row = rows[0];
      if (!row) return 'unknown' as const;
      if (row.resolved_at) return 'duplicate' as const;
      const now = this.d.clock.now();
      await tx.query(
        'UPDATE handoff_attempts SET resolved_at = $4 WHERE tenant_id = $1 AND conversation_id = $2 AND attempt = $3',
        [tenantId, row.conversation_id, row.attempt, now],
      );
      const event: TicketEvent = {
        eventId: `${vendor}:${tenantId}:${ticketRef}:resolved`,
        tenantId,
        ticketId: ticketRef,
        conversationId: row.conversation_id,
        change: 'status',
        status: 'RESOLVED',
        occurredAt: now,
        destination: vendor,
        reason: '',
        version: 2,
        channel: row.channel,
        assigneeId: '',
        assigneeRole: '',
        priority: '',
        memoKind: '',
        externalRef: ticketRef,
        language: row.language,
        customerNotified: false,
      };
      await this.d.outbox.enqueue(tx, [
        {
          topic: TICKET_EVENTS_TOPIC,
          key: `${tenantId}/${ticketRef}`,
          value: TicketEvent.encode(event).finish(),
        },
      ]);
      return 'resolved' as const;
    });
    if (outcome === 'resolved') this.d.outbox.kick();
    return outcome;
  }

  private async acknowledge(
    tenantId: string,
    conversationId: string,
    attempt: number,
    ref: string,
    message: string,
  ): Promise<void> {
    await this.d.sql.transaction((tx) =>
      this.acknowledgeIn(tx, tenantId, conversationId, attempt, ref, message),
    );
  }

  private async acknowledgeIn(
    tx: Queryable,
    tenantId: string,
    conversationId: string,
    attempt: number,
    ref: string,
    message: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE handoff_attempts SET state = 'created', ticket_ref = $4, message = $5, lease_until = NULL, acknowledged_at = $6
       WHERE tenant_id = $1 AND conversation_id = $2 AND attempt = $3`,
      [tenantId, conversationId, attempt, ref, message, this.d.clock.now()],
    );
  }
}

/** Ticket body labels per conversation language (others: English). */
const BODY_LABELS: Record<
  string,
  {
    test: string;
    reason: string;
    notGiven: string;
    conversation: string;
    channel: string;
    language: string;
    customer: string;
    anonymous: string;
    transcript: string;
    roles: Record<string, string>;
  }
> = {
  en: {
    test: 'TEST TICKET — created by the Boomerang launch checklist; no action needed.',
    reason: 'Reason',
    notGiven: '(not given)',
    conversation: 'Conversation',
    channel: 'channel',
    language: 'language',
    customer: 'Customer',
    anonymous: '(anonymous)',
    transcript: 'Transcript',
    roles: { customer: 'customer', agent: 'assistant', system: 'system' },
  },
  ko: {
    test: '테스트 티켓 — Boomerang 출시 체크리스트가 만든 티켓입니다. 처리하지 않으셔도 됩니다.',
    reason: '사유',
    notGiven: '(없음)',
    conversation: '대화',
    channel: '채널',
    language: '언어',
    customer: '고객',
    anonymous: '(익명)',
    transcript: '대화 내용',
    roles: { customer: '고객', agent: '챗봇', system: '시스템' },
  },
  pl: {
    test: 'ZGŁOSZENIE TESTOWE — utworzone przez listę kontrolną uruchomienia Boomerang; nie wymaga działania.',
    reason: 'Powód',
    notGiven: '(nie podano)',
    conversation: 'Rozmowa',
    channel: 'kanał',
    language: 'język',
    customer: 'Klient',
    anonymous: '(anonimowy)',
    transcript: 'Przebieg rozmowy',
    roles: { customer: 'klient', agent: 'asystent', system: 'system' },
  },
};

function ticketInput(
  req: HandoffRequest,
  o: {
    key: string;
    subject: string;
    channel: string;
    language: string;
    priority: HelpdeskTicketInput['priority'];
    test: boolean;
  },
): HelpdeskTicketInput {
  const c = req.customer ?? { customerId: '', email: '', phone: '', name: '' };
  // The people reading the ticket work in the shopper's language (a Korean brand's desk reads
  // Korean): labels follow the conversation's language; the reason stays the agent's stable code.
  const l = BODY_LABELS[baseLanguage(o.language)] ?? BODY_LABELS.en!;
  const lines = [
    ...(o.test ? [l.test, ''] : []),
    `${l.reason}: ${req.reason.trim() || l.notGiven}`,
    `${l.conversation}: ${req.conversationId} (${l.channel} ${o.channel}, ${l.language} ${o.language})`,
    `${l.customer}: ${[c.name, c.email, c.phone].filter(Boolean).join(' · ') || l.anonymous}${c.customerId ? ` [id ${c.customerId}]` : ''}`,
    '',
    `${l.transcript}:`,
    ...req.transcript.map(
      (t) => `[${t.at ? t.at.toISOString() : '--'}] ${l.roles[t.role] ?? t.role}: ${t.text}`,
    ),
  ];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    externalKey: o.key,
    subject: o.subject,
    bodyText: lines.join('\n'),
    bodyHtml: lines.map((l) => (l ? `<p>${esc(l)}</p>` : '')).join(''),
    customer: { id: c.customerId, email: c.email, phone: c.phone, name: c.name },
    priority: o.priority,
    channel: o.channel,
    language: o.language,
    tags: [
      'boomerang',
      `channel-${o.channel}`,
      `lang-${baseLanguage(o.language) || 'xx'}`,
      ...(o.test ? ['boomerang-test'] : []),
    ],
    test: o.test,
  };
}

export { isHelpdesk };
