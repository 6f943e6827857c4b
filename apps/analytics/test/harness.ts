/** Shared test helpers: scripted outcome events and a latest-value-per-key reader of the compacted topic. */

import { randomUUID } from 'node:crypto';
import type { EventBus } from '@boomerang/kit/bus';
import { publishEvent } from '@boomerang/kit/bus';
import { ResolutionRate } from '@boomerang/proto/boomerang/events/v1/analytics';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { AgentOutcome, Outcome } from '@boomerang/proto/boomerang/events/v1/outcomes';

export const ZONES = { kr: 'Asia/Seoul', pl: 'Europe/Warsaw', en: 'America/New_York' };

export interface OutcomeInput {
  tenant: string;
  conversation: string;
  revision: number;
  outcome: Outcome;
  channel: Channel;
  startedAt: string;
  /** Default: 20 minutes after the start. */
  occurredAt?: string;
  reason?: string;
  returnReason?: string;
  productType?: string;
  sku?: string;
  eventId?: string;
}

export function outcome(i: OutcomeInput): AgentOutcome {
  const started = new Date(i.startedAt);
  return {
    eventId: i.eventId ?? randomUUID(),
    tenantId: i.tenant,
    conversationId: i.conversation,
    channel: i.channel,
    skill: 'returns_exchanges',
    outcome: i.outcome,
    revision: i.revision,
    conversationStartedAt: started,
    occurredAt: i.occurredAt ? new Date(i.occurredAt) : new Date(started.getTime() + 20 * 60_000),
    reason: i.reason ?? '',
    returnReason: i.returnReason ?? '',
    language: '',
    productType: i.productType ?? '',
    sku: i.sku ?? '',
  };
}

export async function publishOutcomes(bus: EventBus, topic: string, events: AgentOutcome[]): Promise<void> {
  await publishEvent(
    bus,
    topic,
    AgentOutcome,
    events.map((value) => ({ key: `${value.tenantId}/${value.conversationId}`, value })),
  );
}

const {
  RESOLVED_BY_AGENT: R,
  HANDED_OFF: H,
  ABANDONED: A,
} = {
  RESOLVED_BY_AGENT: Outcome.OUTCOME_RESOLVED_BY_AGENT,
  HANDED_OFF: Outcome.OUTCOME_HANDED_OFF,
  ABANDONED: Outcome.OUTCOME_ABANDONED,
};

/**
 * The scripted stream, in two halves (a restart happens between them). Brands in Seoul, Warsaw and
 * New York; times chosen on day/week edges so that a UTC-based window would be wrong.
 */
export function scenario(t: { kr: string; pl: string; en: string }) {
  const c1 = outcome({
    tenant: t.kr,
    conversation: 'c1',
    revision: 1,
    outcome: R,
    channel: Channel.CHANNEL_KAKAO,
    startedAt: '2025-03-02T16:30:00Z', // Monday 2025-03-03 01:30 in Seoul (Sunday in UTC)
  });
  const first = [
    c1,
    outcome({
      tenant: t.kr,
      conversation: 'c2',
      revision: 1,
      outcome: H,
      channel: Channel.CHANNEL_KAKAO,
      startedAt: '2025-03-03T02:00:00Z',
      reason: '고객이 상담원 연결을 요청했습니다',
      returnReason: '사이즈가 너무 작아요',
      productType: '신발',
      sku: 'KR-SHOE-240',
    }),
    outcome({
      tenant: t.kr,
      conversation: 'c3',
      revision: 1,
      outcome: R,
      channel: Channel.CHANNEL_WEBCHAT,
      startedAt: '2025-03-04T05:00:00Z',
      returnReason: '상품이 파손되어 도착했어요',
      productType: '머그컵',
      sku: 'KR-MUG-1',
    }),
    { ...c1 }, // duplicate delivery of the same event
    outcome({
      tenant: t.pl,
      conversation: 'p1',
      revision: 1,
      outcome: A,
      channel: Channel.CHANNEL_WHATSAPP,
      startedAt: '2025-03-09T23:30:00Z', // Monday 2025-03-10 00:30 in Warsaw
    }),
    outcome({
      tenant: t.pl,
      conversation: 'p2',
      revision: 1,
      outcome: R,
      channel: Channel.CHANNEL_WEBCHAT,
      startedAt: '2025-03-10T09:00:00Z',
      returnReason: 'Kurtka jest za mała, potrzebuję większego rozmiaru',
      productType: 'kurtki',
      sku: 'PL-KURTKA-M',
    }),
    outcome({
      tenant: t.en,
      conversation: 'e1',
      revision: 1,
      outcome: R,
      channel: Channel.CHANNEL_WEBCHAT,
      startedAt: '2025-03-10T03:00:00Z', // Sunday 2025-03-09 23:00 in New York (EDT since that morning)
      returnReason: 'These sneakers run small',
      productType: 'shoes',
      sku: 'EN-SNEAKER-9',
    }),
  ];
  const second = [
    // c1 reopened three days later: moves from resolved to handed off.
    outcome({
      tenant: t.kr,
      conversation: 'c1',
      revision: 2,
      outcome: H,
      channel: Channel.CHANNEL_KAKAO,
      startedAt: '2025-03-02T16:30:00Z',
      occurredAt: '2025-03-05T10:00:00Z',
      reason: '반품 기간이 지나 반품 불가 상품입니다',
    }),
    // An old copy of c1's first revision arriving after the reopen: stale, ignored.
    { ...c1, eventId: randomUUID() },
    // Late: its outcome occurred 20 days after the conversation started (allowed: 14).
    outcome({
      tenant: t.kr,
      conversation: 'c4',
      revision: 1,
      outcome: R,
      channel: Channel.CHANNEL_KAKAO,
      startedAt: '2025-03-05T01:00:00Z',
      occurredAt: '2025-03-25T01:00:00Z',
    }),
    outcome({
      tenant: t.pl,
      conversation: 'p3',
      revision: 1,
      outcome: H,
      channel: Channel.CHANNEL_EMAIL,
      startedAt: '2025-03-11T12:00:00Z',
      reason: 'Klient poprosił o rozmowę z konsultantem',
      returnReason: 'paczka przyszła uszkodzona',
      productType: 'kurtki',
      sku: 'PL-KURTKA-M',
    }),
    // A late event for a past window still inside the lateness: applied to the old window.
    outcome({
      tenant: t.en,
      conversation: 'e2',
      revision: 1,
      outcome: A,
      channel: Channel.CHANNEL_WEBCHAT,
      startedAt: '2025-03-04T15:00:00Z',
      occurredAt: '2025-03-12T15:00:00Z',
    }),
    // e1 reopened within the lateness and handed to a person.
    outcome({
      tenant: t.en,
      conversation: 'e1',
      revision: 2,
      outcome: H,
      channel: Channel.CHANNEL_WEBCHAT,
      startedAt: '2025-03-10T03:00:00Z',
      occurredAt: '2025-03-11T03:00:00Z',
      reason: 'customer wants to talk to a real person',
    }),
  ];
  return { first, second };
}

export type Counts = [conversations: number, resolved: number, handedOff: number, abandoned: number];

/** Expected final values per topic key, worked out by hand from the scenario. */
export function expectedWindows(t: { kr: string; pl: string; en: string }): Record<string, Counts> {
  const k = (tenant: string, channel: string, g: string, start: string) =>
    `${tenant}/${channel}/returns_exchanges/${g}/${start}`;
  return {
    [k(t.kr, 'kakao', 'day', '2025-03-03')]: [2, 0, 2, 0], // c1 (reopened → handed off), c2
    [k(t.kr, 'kakao', 'iso_week', '2025-03-03')]: [2, 0, 2, 0], // c4 was late: not counted
    [k(t.kr, 'webchat', 'day', '2025-03-04')]: [1, 1, 0, 0],
    [k(t.kr, 'webchat', 'iso_week', '2025-03-03')]: [1, 1, 0, 0],
    [k(t.pl, 'whatsapp', 'day', '2025-03-10')]: [1, 0, 0, 1],
    [k(t.pl, 'whatsapp', 'iso_week', '2025-03-10')]: [1, 0, 0, 1],
    [k(t.pl, 'webchat', 'day', '2025-03-10')]: [1, 1, 0, 0],
    [k(t.pl, 'webchat', 'iso_week', '2025-03-10')]: [1, 1, 0, 0],
    [k(t.pl, 'email', 'day', '2025-03-11')]: [1, 0, 1, 0],
    [k(t.pl, 'email', 'iso_week', '2025-03-10')]: [1, 0, 1, 0],
    [k(t.en, 'webchat', 'day', '2025-03-09')]: [1, 0, 1, 0], // e1: reopened → handed off
    [k(t.en, 'webchat', 'iso_week', '2025-03-03')]: [2, 0, 1, 1], // e1 + e2 (Tuesday 03-04)
    [k(t.en, 'webchat', 'day', '2025-03-04')]: [1, 0, 0, 1],
  };
}

export function countsOf(r: ResolutionRate): Counts {
  return [r.conversations, r.resolvedByAgent, r.handedOff, r.abandoned];
}

/** Reads a compacted topic from the beginning with our bus and keeps the latest value per key. */
export async function latestPerKey(
  bus: EventBus,
  topic: string,
  groupId: string,
): Promise<{ map: Map<string, ResolutionRate>; stop: () => Promise<void> }> {
  const map = new Map<string, ResolutionRate>();
  const sub = await bus.subscribe({ topics: [topic], groupId, fromBeginning: true }, async (m) => {
    map.set(m.key, ResolutionRate.decode(m.value));
  });
  return { map, stop: () => sub.stop() };
}
