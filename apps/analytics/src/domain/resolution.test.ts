import { decide, type OutcomeFact } from './resolution';
import { isoWeekStart, localDate, windowStarts } from './windows';

const DAY = 24 * 3600_000;
const base: OutcomeFact = {
  eventId: 'e1',
  tenantId: 'brand-kr',
  conversationId: 'c1',
  revision: 1,
  outcome: 'resolved_by_agent',
  channel: 'kakao',
  skill: 'returns_exchanges',
  startedAt: new Date('2025-03-02T16:30:00Z'),
  occurredAt: new Date('2025-03-02T17:00:00Z'),
  returnReason: null,
  handoffReason: null,
  productType: '',
  sku: '',
};
const opts = { allowedLatenessMs: 14 * DAY, timeZone: 'Asia/Seoul' };

describe('windows in the brand time zone', () => {
  it('puts an instant in the local day and ISO week', () => {
    // Sunday 16:30 UTC is Monday 01:30 in Seoul.
    expect(windowStarts(new Date('2025-03-02T16:30:00Z'), 'Asia/Seoul')).toEqual({
      day: '2025-03-03',
      iso_week: '2025-03-03',
    });
    expect(windowStarts(new Date('2025-03-02T16:30:00Z'), 'UTC')).toEqual({
      day: '2025-03-02',
      iso_week: '2025-02-24',
    });
    // Warsaw: 22:30 UTC is 23:30 in winter (CET) but 00:30 the next day in summer (CEST, from 2025-03-30).
    expect(localDate(new Date('2025-03-29T22:30:00Z'), 'Europe/Warsaw')).toBe('2025-03-29');
    expect(localDate(new Date('2025-03-30T22:30:00Z'), 'Europe/Warsaw')).toBe('2025-03-31');
  });

  it('starts ISO weeks on Monday, across month and year ends', () => {
    expect(isoWeekStart('2025-03-09')).toBe('2025-03-03'); // Sunday
    expect(isoWeekStart('2025-03-10')).toBe('2025-03-10'); // Monday
    expect(isoWeekStart('2026-01-01')).toBe('2025-12-29'); // Thursday of ISO week 2026-W01
  });
});

describe('decide', () => {
  it('counts a new conversation once in its day and week', () => {
    const d = decide(undefined, base, opts);
    expect(d.kind).toBe('apply');
    if (d.kind !== 'apply') return;
    expect(d.deltas.map((x) => [x.granularity, x.windowStart, x.conversations, x.resolvedByAgent])).toEqual([
      ['day', '2025-03-03', 1, 1],
      ['iso_week', '2025-03-03', 1, 1],
    ]);
  });

  it('ignores duplicates and older revisions', () => {
    const d = decide(undefined, base, opts);
    if (d.kind !== 'apply') throw new Error('expected apply');
    expect(decide(d.next, base, opts).kind).toBe('stale');
    expect(decide(d.next, { ...base, eventId: 'other', revision: 0 }, opts).kind).toBe('stale');
  });

  it('moves a reopened conversation from its old outcome to the new one', () => {
    const d = decide(undefined, base, opts);
    if (d.kind !== 'apply') throw new Error('expected apply');
    const reopen = decide(
      d.next,
      {
        ...base,
        revision: 2,
        outcome: 'handed_off',
        occurredAt: new Date(base.startedAt.getTime() + 3 * DAY),
      },
      opts,
    );
    if (reopen.kind !== 'apply') throw new Error('expected apply');
    expect(
      reopen.deltas.map((x) => [x.granularity, x.conversations, x.resolvedByAgent, x.handedOff]),
    ).toEqual([
      ['day', 0, -1, 1],
      ['iso_week', 0, -1, 1],
    ]);
  });

  it('drops an outcome that occurred after the allowed lateness', () => {
    expect(
      decide(undefined, { ...base, occurredAt: new Date(base.startedAt.getTime() + 15 * DAY) }, opts).kind,
    ).toBe('late');
    expect(
      decide(undefined, { ...base, occurredAt: new Date(base.startedAt.getTime() + 13 * DAY) }, opts).kind,
    ).toBe('apply');
  });

  it('changes nothing for a new revision with the same outcome and windows', () => {
    const d = decide(undefined, base, opts);
    if (d.kind !== 'apply') throw new Error('expected apply');
    const same = decide(d.next, { ...base, revision: 2 }, opts);
    expect(same.kind === 'apply' && same.deltas).toEqual([]);
  });
});
