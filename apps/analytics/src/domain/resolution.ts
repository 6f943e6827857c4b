import { handoffReasons, returnReasons } from './reasons';
import { GRANULARITIES, type Granularity, windowStarts } from './windows';

export type OutcomeName = 'resolved_by_agent' | 'handed_off' | 'abandoned';

/** One AgentOutcome, validated and with the shopper's words already reduced to taxonomy codes. */
export interface OutcomeFact {
  eventId: string;
  tenantId: string;
  conversationId: string;
  revision: number;
  outcome: OutcomeName;
  channel: string;
  skill: string;
  startedAt: Date;
  occurredAt: Date;
  returnReason: string | null;
  handoffReason: string | null;
  productType: string;
  sku: string;
}

/** What is stored per conversation: its current (highest applied revision) outcome and windows. */
export interface ConversationState {
  tenantId: string;
  conversationId: string;
  revision: number;
  eventId: string;
  outcome: OutcomeName;
  channel: string;
  skill: string;
  startedAt: Date;
  occurredAt: Date;
  timeZone: string;
  dayStart: string;
  weekStart: string;
  returnReason: string | null;
  handoffReason: string | null;
  productType: string;
  sku: string;
}

export interface WindowKey {
  tenantId: string;
  channel: string;
  skill: string;
  granularity: Granularity;
  windowStart: string;
}

export interface WindowDelta extends WindowKey {
  timeZone: string;
  conversations: number;
  resolvedByAgent: number;
  handedOff: number;
  abandoned: number;
}

export type Decision =
  /** Same or older revision than what is applied: a duplicate or an out-of-order copy. Nothing changes. */
  | { kind: 'stale' }
  /** Occurred after the allowed lateness: not applied, recorded as late. */
  | { kind: 'late' }
  | { kind: 'apply'; next: ConversationState; deltas: WindowDelta[] };

export interface DecideOptions {
  /** How long after a conversation started its outcome (or a reopen's new outcome) is still applied. */
  allowedLatenessMs: number;
  timeZone: string;
}

/** The compacted-topic key and the SQL identity of a window. */
export function windowKeyString(k: WindowKey): string {
  return `${k.tenantId}/${k.channel}/${k.skill}/${k.granularity}/${k.windowStart}`;
}

function contributions(state: ConversationState, sign: 1 | -1): WindowDelta[] {
  const starts: Record<Granularity, string> = { day: state.dayStart, iso_week: state.weekStart };
  return GRANULARITIES.map((granularity) => ({
    tenantId: state.tenantId,
    channel: state.channel,
    skill: state.skill,
    granularity,
    windowStart: starts[granularity],
    timeZone: state.timeZone,
    conversations: sign,
    resolvedByAgent: state.outcome === 'resolved_by_agent' ? sign : 0,
    handedOff: state.outcome === 'handed_off' ? sign : 0,
    abandoned: state.outcome === 'abandoned' ? sign : 0,
  }));
}

/**
 * The whole counting rule, with no I/O: given the conversation's current state (if any) and a new
 * outcome event, either ignore it (stale), drop it (late), or replace the state and move the
 * conversation's contribution from its old windows/outcome to the new ones.
 */
export function decide(
  previous: ConversationState | undefined,
  fact: OutcomeFact,
  options: DecideOptions,
): Decision {
  if (previous && fact.revision <= previous.revision) return { kind: 'stale' };
  if (fact.occurredAt.getTime() - fact.startedAt.getTime() > options.allowedLatenessMs)
    return { kind: 'late' };
  // A reopen keeps the time zone and windows the conversation was first counted in (the brand may
  // change its zone later; old conversations stay where analysts already saw them).
  const timeZone = previous?.timeZone ?? options.timeZone;
  const starts =
    previous && previous.startedAt.getTime() === fact.startedAt.getTime()
      ? { day: previous.dayStart, iso_week: previous.weekStart }
      : windowStarts(fact.startedAt, timeZone);
  const next: ConversationState = {
    tenantId: fact.tenantId,
    conversationId: fact.conversationId,
    revision: fact.revision,
    eventId: fact.eventId,
    outcome: fact.outcome,
    channel: fact.channel,
    skill: fact.skill,
    startedAt: fact.startedAt,
    occurredAt: fact.occurredAt,
    timeZone,
    dayStart: starts.day,
    weekStart: starts.iso_week,
    returnReason: fact.returnReason,
    handoffReason: fact.handoffReason,
    productType: fact.productType,
    sku: fact.sku,
  };
  const deltas = mergeDeltas([...(previous ? contributions(previous, -1) : []), ...contributions(next, 1)]);
  return { kind: 'apply', next, deltas };
}

/** Sums deltas per window and drops those that cancel out (e.g. a same-outcome revision). Sorted by key. */
export function mergeDeltas(deltas: WindowDelta[]): WindowDelta[] {
  const byKey = new Map<string, WindowDelta>();
  for (const d of deltas) {
    const key = windowKeyString(d);
    const acc = byKey.get(key);
    if (!acc) byKey.set(key, { ...d });
    else {
      acc.conversations += d.conversations;
      acc.resolvedByAgent += d.resolvedByAgent;
      acc.handedOff += d.handedOff;
      acc.abandoned += d.abandoned;
    }
  }
  return [...byKey.entries()]
    .filter(
      ([, d]) => d.conversations !== 0 || d.resolvedByAgent !== 0 || d.handedOff !== 0 || d.abandoned !== 0,
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

/** rate = resolved_by_agent / conversations, 0 without conversations. */
export function resolutionRate(resolvedByAgent: number, conversations: number): number {
  return conversations > 0 ? resolvedByAgent / conversations : 0;
}

/** Normalises the reasons of an outcome: return reason always, handoff reason only for handoffs. */
export function normaliseReasons(input: { outcome: OutcomeName; reason: string; returnReason: string }): {
  returnReason: string | null;
  handoffReason: string | null;
} {
  return {
    returnReason: returnReasons.classify(input.returnReason) ?? null,
    handoffReason: input.outcome === 'handed_off' ? (handoffReasons.classify(input.reason) ?? null) : null,
  };
}
