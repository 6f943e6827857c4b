import { InvalidArgument } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import type { CommerceEvent } from '@boomerang/proto/boomerang/events/v1/commerce';
import type { AgentOutcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import { Outcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import type { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import { handoffReasons, returnReasons } from './reasons';
import { normaliseReasons, type OutcomeFact, type OutcomeName } from './resolution';

const OUTCOMES: Partial<Record<Outcome, OutcomeName>> = {
  [Outcome.OUTCOME_RESOLVED_BY_AGENT]: 'resolved_by_agent',
  [Outcome.OUTCOME_HANDED_OFF]: 'handed_off',
  [Outcome.OUTCOME_ABANDONED]: 'abandoned',
};

/** "CHANNEL_KAKAO" → "kakao" (the names TicketEvent.channel and the gateway use). */
export function channelName(channel: Channel): string {
  const name = Channel[channel] as string | undefined;
  if (!name || channel === Channel.UNRECOGNIZED) return 'unspecified';
  return name.replace(/^CHANNEL_/, '').toLowerCase();
}

const KEY_SAFE = /^[^/\s]{1,200}$/;

function requireId(value: string, field: string): string {
  if (!KEY_SAFE.test(value))
    throw new InvalidArgument(`${field} must be a non-empty id without "/" or spaces`, { field });
  return value;
}

/** AgentOutcome → fact, or InvalidArgument (the message then goes to the DLQ: retrying cannot fix it). */
export function outcomeFact(event: AgentOutcome): OutcomeFact {
  const outcome = OUTCOMES[event.outcome];
  if (!outcome)
    throw new InvalidArgument(`outcome ${event.outcome} is not a final outcome`, { field: 'outcome' });
  if (!event.conversationStartedAt) {
    throw new InvalidArgument('conversation_started_at is required', { field: 'conversation_started_at' });
  }
  const skill = event.skill.trim() || 'default';
  return {
    eventId: event.eventId || `${event.tenantId}/${event.conversationId}/${event.revision}`,
    tenantId: requireId(event.tenantId, 'tenant_id'),
    conversationId: requireId(event.conversationId, 'conversation_id'),
    revision: event.revision,
    outcome,
    channel: channelName(event.channel),
    skill: requireId(skill, 'skill'),
    startedAt: event.conversationStartedAt,
    occurredAt: event.occurredAt ?? event.conversationStartedAt,
    ...normaliseReasons({ outcome, reason: event.reason, returnReason: event.returnReason }),
    productType: event.productType.trim(),
    sku: event.sku.trim(),
  };
}

export interface ProviderReturnLine {
  tenantId: string;
  orderId: string;
  sku: string;
  productType: string;
  eventId: string;
  reason: string;
  occurredAt: Date;
}

/** A provider's return event with a reason → one line per SKU (product_types[i] belongs to skus[i]). */
export function providerReturnLines(event: CommerceEvent, receivedAt: Date): ProviderReturnLine[] {
  const reason = returnReasons.classify(event.returnReason);
  if (!reason) return [];
  const base = {
    tenantId: requireId(event.tenantId, 'tenant_id'),
    orderId: requireId(event.orderId, 'order_id'),
    eventId: event.eventId,
    reason,
    occurredAt: event.occurredAt ?? receivedAt,
  };
  if (event.skus.length === 0)
    return [{ ...base, sku: '', productType: event.productTypes[0]?.trim() ?? '' }];
  return event.skus.map((sku, i) => ({
    ...base,
    sku: sku.trim(),
    productType: event.productTypes[i]?.trim() ?? '',
  }));
}

export interface TicketReason {
  tenantId: string;
  ticketId: string;
  conversationId: string;
  version: number;
  reason: string;
  occurredAt: Date;
}

/** A ticket event that carries a handoff reason. */
export function ticketReason(event: TicketEvent, receivedAt: Date): TicketReason | undefined {
  const reason = handoffReasons.classify(event.reason);
  if (!reason) return undefined;
  return {
    tenantId: requireId(event.tenantId, 'tenant_id'),
    ticketId: requireId(event.ticketId, 'ticket_id'),
    conversationId: event.conversationId,
    version: event.version,
    reason,
    occurredAt: event.occurredAt ?? receivedAt,
  };
}
