import { FinancialStatus } from '@boomerang/proto/boomerang/commerce/v1/order';
import { order, policy, REALISTIC_POLICY } from '../../test/fixtures';
import { compilePolicy } from './compile';
import { evaluateOrder } from './evaluate';
import type { Order } from './order';
import { type Policy, validatePolicy } from './policy';
import { referenceEvaluate } from './reference';

/** Runs both evaluators and insists they agree, so every hand-written case also checks the reference. */
function decide(p: Policy, o: Order, now: string) {
  const engine = evaluateOrder(compilePolicy(p), o, new Date(now));
  const ref = referenceEvaluate(p, o, new Date(now));
  expect(engine.map(({ trace: _t, ...d }) => d)).toEqual(ref);
  return engine;
}
const one = (p: Policy, o: Order, now: string) => decide(p, o, now)[0]!;

describe('return window in the brand time zone (calendar days, last day inclusive)', () => {
  const seoul = policy({ timeZone: 'Asia/Seoul', returnWindow: { days: 30, startsAt: 'delivery' } });
  // Delivered 2026-03-01 at 23:30 in Seoul (14:30 UTC): start date March 1, deadline March 31.
  const late = order({
    createdAt: '2026-02-25T03:00:00Z',
    deliveredAt: '2026-03-01T14:30:00Z',
    items: [{ id: 'li-1', title: '니트 카디건' }],
  });

  it('is open through the last local day and closed one minute later', () => {
    const last = one(seoul, late, '2026-03-31T14:59:00Z'); // 23:59 on March 31 in Seoul
    expect(last).toMatchObject({ eligible: true, deadline: '2026-03-31', reasonCodes: [] });
    const after = one(seoul, late, '2026-03-31T15:00:00Z'); // 00:00 on April 1 in Seoul
    expect(after).toMatchObject({
      eligible: false,
      deadline: '2026-03-31',
      reasonCodes: ['WINDOW_EXPIRED'],
      allowedResolutions: [],
    });
  });

  it('counts the delivery day by its local date, not the UTC date', () => {
    // 00:10 on March 1 in Seoul is still February 28 in UTC.
    const early = order({
      createdAt: '2026-02-25T03:00:00Z',
      deliveredAt: '2026-02-28T15:10:00Z',
      items: [{ id: 'li-1' }],
    });
    expect(one(seoul, early, '2026-03-31T14:00:00Z')).toMatchObject({
      eligible: true,
      deadline: '2026-03-31',
    });
  });

  it('keeps calendar days across the spring DST change (Warsaw, 2026-03-29)', () => {
    const warsaw = policy({
      timeZone: 'Europe/Warsaw',
      storeCountry: 'PL',
      returnWindow: { days: 14, startsAt: 'delivery' },
    });
    // Delivered 2026-03-20 23:30 CET (+01:00); deadline 2026-04-03, which is in CEST (+02:00).
    const o = order({
      createdAt: '2026-03-15T10:00:00Z',
      deliveredAt: '2026-03-20T22:30:00Z',
      country: 'PL',
      items: [{ id: 'kurtka' }],
    });
    expect(one(warsaw, o, '2026-04-03T21:59:00Z')).toMatchObject({ eligible: true, deadline: '2026-04-03' }); // 23:59 CEST
    expect(one(warsaw, o, '2026-04-03T22:00:00Z')).toMatchObject({
      eligible: false,
      reasonCodes: ['WINDOW_EXPIRED'],
    }); // 00:00 CEST
  });

  it('keeps calendar days across the autumn DST change (New York, 2026-11-01)', () => {
    const ny = policy({
      timeZone: 'America/New_York',
      storeCountry: 'US',
      returnWindow: { days: 7, startsAt: 'delivery' },
    });
    // Delivered 2026-10-28 00:05 EDT (04:05 UTC); deadline 2026-11-04 in EST (-05:00).
    const o = order({
      createdAt: '2026-10-20T10:00:00Z',
      deliveredAt: '2026-10-28T04:05:00Z',
      country: 'US',
      items: [{ id: 'boots' }],
    });
    expect(one(ny, o, '2026-11-05T04:59:00Z')).toMatchObject({ eligible: true, deadline: '2026-11-04' }); // 23:59 EST Nov 4
    expect(one(ny, o, '2026-11-05T05:00:00Z')).toMatchObject({ eligible: false }); // 00:00 EST Nov 5
  });

  it('a zero-day window allows the delivery day only', () => {
    const p = policy({ returnWindow: { days: 0, startsAt: 'delivery' } });
    expect(one(p, late, '2026-03-01T14:59:00Z')).toMatchObject({ eligible: true, deadline: '2026-03-01' });
    expect(one(p, late, '2026-03-01T15:00:00Z')).toMatchObject({ eligible: false });
  });

  it('can start at the order date or at fulfilment instead of delivery', () => {
    const byOrder = policy({ returnWindow: { days: 10, startsAt: 'order' } });
    const undelivered = order({ createdAt: '2026-02-25T03:00:00Z', items: [{ id: 'li-1' }] });
    expect(one(byOrder, undelivered, '2026-03-07T14:59:00Z')).toMatchObject({
      eligible: true,
      deadline: '2026-03-07',
    });
    const byFulfilment = policy({ returnWindow: { days: 10, startsAt: 'fulfillment' } });
    expect(one(byFulfilment, undelivered, '2026-03-01T00:00:00Z')).toMatchObject({
      eligible: false,
      reasonCodes: ['NOT_FULFILLED'],
    });
    const shipped = order({
      createdAt: '2026-02-25T03:00:00Z',
      fulfilledAt: '2026-02-26T01:00:00Z',
      items: [{ id: 'li-1' }],
    });
    expect(one(byFulfilment, shipped, '2026-03-08T14:59:00Z')).toMatchObject({
      eligible: true,
      deadline: '2026-03-08',
    });
  });
});

describe('line item decisions', () => {
  const realistic = validatePolicy(REALISTIC_POLICY);
  const base = { createdAt: '2026-05-02T08:00:00Z', deliveredAt: '2026-05-05T09:00:00Z', country: 'PL' };

  it('splits a mixed cart: eligible items stay eligible', () => {
    const o = order({
      ...base,
      items: [
        { id: 'sukienka', title: 'Sukienka lniana', price: '199.00', currency: 'PLN' },
        { id: 'majtki', productType: 'Bielizna', price: '49.00', currency: 'PLN' },
        { id: 'koszula', tags: ['FINAL-SALE'], price: '89.00', currency: 'PLN' },
        { id: 'spodnie', tags: ['wyprzedaz'], price: '129.00', currency: 'PLN' },
        { id: 'karta', giftCard: true, productType: 'Gift card', price: '100.00', currency: 'PLN' },
      ],
    });
    const [dress, underwear, shirt, trousers, card] = decide(realistic, o, '2026-05-20T10:00:00Z');
    expect(dress).toMatchObject({
      eligible: true,
      allowedResolutions: ['REFUND', 'EXCHANGE', 'STORE_CREDIT'],
      deadline: '2026-06-04',
      exchangeDeadline: '2026-07-04',
      storeCreditBonusPercent: 10,
    });
    expect(underwear).toMatchObject({ eligible: false, reasonCodes: ['EXCLUDED_CATEGORY'] });
    expect(shirt).toMatchObject({ eligible: false, reasonCodes: ['FINAL_SALE'] });
    expect(trousers).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE'],
      reasonCodes: ['FINAL_SALE'],
      storeCreditBonusPercent: 0,
    });
    expect(card).toMatchObject({ eligible: false, reasonCodes: ['GIFT_CARD'] });
    const fired = dress!.trace.filter((t) => t.fired).map((t) => t.rule);
    expect(fired).toEqual([]);
    expect(shirt!.trace.find((t) => t.rule === 'final-sale:final-sale')).toMatchObject({
      fired: true,
      facts: { tags: ['final-sale'] },
    });
  });

  it('after the return window an exchange stays possible until the exchange window ends', () => {
    const o = order({ ...base, items: [{ id: 'sukienka', price: '199.00', currency: 'PLN' }] });
    expect(one(realistic, o, '2026-06-10T10:00:00Z')).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE'],
      reasonCodes: ['WINDOW_EXPIRED'],
    });
    expect(one(realistic, o, '2026-07-04T21:59:00Z')).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE'],
    });
    expect(one(realistic, o, '2026-07-04T22:00:00Z')).toMatchObject({
      eligible: false,
      reasonCodes: ['WINDOW_EXPIRED'],
    });
  });

  it('uses the first matching override window and the international window', () => {
    const shoes = order({
      ...base,
      items: [{ id: 'buty', productType: 'buty', price: '299.00', currency: 'PLN' }],
    });
    expect(one(realistic, shoes, '2026-06-20T10:00:00Z')).toMatchObject({
      eligible: true,
      deadline: '2026-07-04',
      allowedResolutions: ['REFUND', 'EXCHANGE', 'STORE_CREDIT'],
    });
    const toGermany = order({
      ...base,
      country: 'DE',
      items: [{ id: 'sukienka', price: '199.00', currency: 'EUR' }],
    });
    expect(one(realistic, toGermany, '2026-05-19T21:59:00Z')).toMatchObject({
      eligible: true,
      deadline: '2026-05-19',
      exchangeDeadline: '2026-07-04',
    });
    const toUs = order({
      ...base,
      country: 'US',
      items: [{ id: 'sukienka', price: '199.00', currency: 'USD' }],
    });
    expect(one(realistic, toUs, '2026-05-10T10:00:00Z')).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE', 'STORE_CREDIT'],
      reasonCodes: ['NON_EU_NO_REFUND'],
    });
  });

  it('refuses international orders when the policy does not allow them', () => {
    const p = policy({ international: { allowed: false } });
    const o = order({
      createdAt: '2026-05-01T00:00:00Z',
      deliveredAt: '2026-05-03T00:00:00Z',
      country: 'JP',
      items: [{ id: 'a' }],
    });
    expect(one(p, o, '2026-05-04T00:00:00Z')).toMatchObject({
      eligible: false,
      reasonCodes: ['INTERNATIONAL_NOT_ALLOWED'],
    });
    const domestic = order({
      createdAt: '2026-05-01T00:00:00Z',
      deliveredAt: '2026-05-03T00:00:00Z',
      country: 'KR',
      items: [{ id: 'a' }],
    });
    expect(one(p, domestic, '2026-05-04T00:00:00Z').eligible).toBe(true);
  });

  it('orders placed in the holiday period are returnable until the fixed date', () => {
    const xmas = order({
      ...base,
      createdAt: '2026-12-10T10:00:00Z',
      deliveredAt: '2026-12-12T10:00:00Z',
      items: [{ id: 'sweter', price: '159.00', currency: 'PLN' }],
    });
    expect(one(realistic, xmas, '2027-01-31T22:59:00Z')).toMatchObject({
      eligible: true,
      deadline: '2027-01-31',
      allowedResolutions: ['REFUND', 'EXCHANGE', 'STORE_CREDIT'],
    });
    // The 60-day exchange window (until 2027-02-10) is longer than the holiday date: exchange only.
    expect(one(realistic, xmas, '2027-01-31T23:00:00Z')).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE'],
      exchangeDeadline: '2027-02-10',
      reasonCodes: ['WINDOW_EXPIRED'],
    });
    expect(one(realistic, xmas, '2027-02-10T23:00:00Z')).toMatchObject({
      eligible: false,
      reasonCodes: ['WINDOW_EXPIRED'],
    });
    // Ordered on 2026-12-25 (local): outside the holiday period, normal 30 days from delivery.
    const after = order({
      ...base,
      createdAt: '2026-12-24T23:30:00Z',
      deliveredAt: '2026-12-28T10:00:00Z',
      items: [{ id: 'sweter', price: '159.00', currency: 'PLN' }],
    });
    expect(one(realistic, after, '2027-01-10T10:00:00Z')).toMatchObject({ deadline: '2027-01-27' });
  });

  it('handles order states and quantities already returned or refunded', () => {
    const p = policy();
    const items = [
      { id: 'a', quantity: 3, returnedQuantity: 1 },
      { id: 'b', quantity: 2 },
      { id: 'c', quantity: 1 },
    ];
    const o = order({
      createdAt: '2026-05-01T00:00:00Z',
      deliveredAt: '2026-05-03T00:00:00Z',
      items,
      refunds: [
        { lineItemId: 'b', quantity: 2 },
        { lineItemId: 'a', quantity: 1 },
      ],
    });
    const [a, b, c] = decide(p, o, '2026-05-05T00:00:00Z');
    expect(a).toMatchObject({ eligible: true, returnableQuantity: 2 });
    expect(b).toMatchObject({ eligible: false, reasonCodes: ['ALREADY_RETURNED'], returnableQuantity: 0 });
    expect(c).toMatchObject({ eligible: true, returnableQuantity: 1 });
    const cancelled = order({
      createdAt: '2026-05-01T00:00:00Z',
      cancelledAt: '2026-05-01T02:00:00Z',
      items: [{ id: 'a' }],
    });
    expect(one(p, cancelled, '2026-05-02T00:00:00Z').reasonCodes).toEqual([
      'ORDER_CANCELLED',
      'NOT_DELIVERED',
    ]);
    const refunded = order({
      createdAt: '2026-05-01T00:00:00Z',
      deliveredAt: '2026-05-03T00:00:00Z',
      financialStatus: FinancialStatus.FINANCIAL_STATUS_REFUNDED,
      items: [{ id: 'a' }],
    });
    expect(one(p, refunded, '2026-05-04T00:00:00Z')).toMatchObject({
      eligible: false,
      reasonCodes: ['ORDER_REFUNDED'],
    });
  });

  it('an item without a delivered fulfilment is NOT_DELIVERED while the rest of the order is eligible', () => {
    const p = policy();
    const o = order({
      createdAt: '2026-05-01T00:00:00Z',
      deliveredAt: '2026-05-03T00:00:00Z',
      items: [{ id: 'a' }, { id: 'b' }],
    });
    o.fulfillments[0]!.lineItemIds = ['a'];
    o.fulfillments.push({
      id: 'f2',
      lineItemIds: ['b'],
      fulfilledAt: new Date('2026-05-04T00:00:00Z'),
      deliveredAt: undefined,
      trackingUrl: '',
    });
    const [a, b] = decide(p, o, '2026-05-05T00:00:00Z');
    expect(a).toMatchObject({ eligible: true, deadline: '2026-06-02' });
    expect(b).toMatchObject({ eligible: false, deadline: '', reasonCodes: ['NOT_DELIVERED'] });
  });
});
