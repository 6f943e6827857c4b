// Desk vocabulary: statuses, priorities, the allowed status transitions, channel names.
import { FailedPrecondition, InvalidArgument } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { Destination, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { TicketStatus } from '@boomerang/proto/boomerang/handoff/v1/tickets';

export type StatusName = 'OPEN' | 'PENDING' | 'RESOLVED' | 'CLOSED';
export type PriorityName = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';
export type DestinationName = 'zendesk' | 'gorgias' | 'freshdesk' | 'desk' | 'do_not_forward';

/**
 * Allowed status transitions (the desk's workflow, seed 003):
 * - OPEN → PENDING (waiting on the customer or another team, e.g. the item in transit), RESOLVED, CLOSED
 * - PENDING → OPEN, RESOLVED, CLOSED
 * - RESOLVED → OPEN (reopened: the customer wrote again), CLOSED
 * - CLOSED is final: a new request gets a new ticket (the history stays readable).
 */
export const TRANSITIONS: Record<StatusName, readonly StatusName[]> = {
  OPEN: ['PENDING', 'RESOLVED', 'CLOSED'],
  PENDING: ['OPEN', 'RESOLVED', 'CLOSED'],
  RESOLVED: ['OPEN', 'CLOSED'],
  CLOSED: [],
};

export function checkTransition(from: StatusName, to: StatusName): void {
  if (from === to) throw new FailedPrecondition(`ticket is already ${to}`, { field: 'status' });
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    throw new FailedPrecondition(
      `cannot change ticket status from ${from} to ${to}; allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'none (closed tickets are final)'}`,
      { field: 'status' },
    );
  }
}

const STATUS_NAMES: Record<number, StatusName> = {
  [TicketStatus.TICKET_STATUS_OPEN]: 'OPEN',
  [TicketStatus.TICKET_STATUS_PENDING]: 'PENDING',
  [TicketStatus.TICKET_STATUS_RESOLVED]: 'RESOLVED',
  [TicketStatus.TICKET_STATUS_CLOSED]: 'CLOSED',
};

export function statusName(s: TicketStatus, field = 'status'): StatusName {
  const n = STATUS_NAMES[s];
  if (!n) throw new InvalidArgument('status is required (OPEN, PENDING, RESOLVED or CLOSED)', { field });
  return n;
}

export function statusEnum(s: StatusName): TicketStatus {
  return TicketStatus[`TICKET_STATUS_${s}`];
}

const PRIORITY_NAMES: Record<number, PriorityName> = {
  [Priority.PRIORITY_LOW]: 'LOW',
  [Priority.PRIORITY_NORMAL]: 'NORMAL',
  [Priority.PRIORITY_HIGH]: 'HIGH',
  [Priority.PRIORITY_URGENT]: 'URGENT',
};

/** UNSPECIFIED → `fallback` (NORMAL) when allowed, else INVALID_ARGUMENT. */
export function priorityName(p: Priority, fallback?: PriorityName, field = 'priority'): PriorityName {
  const n = PRIORITY_NAMES[p] ?? (p === Priority.PRIORITY_UNSPECIFIED ? fallback : undefined);
  if (!n) throw new InvalidArgument('priority must be LOW, NORMAL, HIGH or URGENT', { field });
  return n;
}

export function priorityEnum(p: PriorityName): Priority {
  return Priority[`PRIORITY_${p}`];
}

const DESTINATIONS: Record<number, DestinationName> = {
  [Destination.DESTINATION_ZENDESK]: 'zendesk',
  [Destination.DESTINATION_GORGIAS]: 'gorgias',
  [Destination.DESTINATION_FRESHDESK]: 'freshdesk',
  [Destination.DESTINATION_DESK]: 'desk',
  [Destination.DESTINATION_DO_NOT_FORWARD]: 'do_not_forward',
};

export function destinationName(d: Destination): DestinationName | undefined {
  return DESTINATIONS[d];
}

export function destinationEnum(d: DestinationName): Destination {
  return Number(Object.entries(DESTINATIONS).find(([, v]) => v === d)![0]) as Destination;
}

const CHANNELS: Record<string, Channel> = {
  webchat: Channel.CHANNEL_WEBCHAT,
  web: Channel.CHANNEL_WEBCHAT,
  sms: Channel.CHANNEL_SMS,
  whatsapp: Channel.CHANNEL_WHATSAPP,
  email: Channel.CHANNEL_EMAIL,
  kakao: Channel.CHANNEL_KAKAO,
  naver: Channel.CHANNEL_NAVER,
};

/** "kakao", "KAKAO" or "CHANNEL_KAKAO" → "kakao"; undefined when unknown. */
export function channelName(raw: string): string | undefined {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/^channel_/, '');
  if (!(s in CHANNELS)) return undefined;
  return s === 'web' ? 'webchat' : s;
}

export function channelEnum(name: string): Channel {
  return CHANNELS[name] ?? Channel.CHANNEL_UNSPECIFIED;
}

export function requireChannel(raw: string, field = 'channel'): string {
  const c = channelName(raw);
  if (!c)
    throw new InvalidArgument(`unknown channel "${raw}" (webchat, sms, whatsapp, email, kakao, naver)`, {
      field,
    });
  return c;
}

/** BCP-47-ish tag → lower-case primary language ("ko-KR" → "ko"); "" when absent. */
export function baseLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Picks the text for a language: exact tag, its base language, English, then any. */
export function pickLanguage(
  texts: Record<string, string>,
  language: string,
): { language: string; text: string } | undefined {
  const entries = Object.entries(texts).filter(([, t]) => t.trim() !== '');
  if (entries.length === 0) return undefined;
  const want = language.trim().toLowerCase();
  const base = baseLanguage(want);
  const find = (l: string) => entries.find(([k]) => k.toLowerCase() === l);
  const hit = (want && find(want)) || (base && find(base)) || find('en') || entries[0]!;
  return { language: hit[0], text: hit[1] };
}

export function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

export function requireText(value: string, field: string, max = 10_000): string {
  const v = value.trim();
  if (!v) throw new InvalidArgument(`${field} is required`, { field });
  if (v.length > max) throw new InvalidArgument(`${field} is longer than ${max} characters`, { field });
  return v;
}
