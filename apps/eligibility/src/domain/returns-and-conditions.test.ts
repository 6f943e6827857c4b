// Returns already started (per line, quantity-aware, with the date asked) and conditions the
// shopper must meet (eligible with a stated condition instead of an unverifiable refusal), decided
// by the engine and the independent reference alike, explained in Korean, Polish and English.
import { order, policy } from '../../test/fixtures';
import { compilePolicy } from './compile';
import { evaluateOrder } from './evaluate';
import { conditionText, explain, formatDate } from './explain';
import { type Order, validateOrder } from './order';
import { type Policy, type PolicyInput, validatePolicy } from './policy';
import { referenceEvaluate } from './reference';

function decide(p: Policy, o: Order, now: string) {
  const engine = evaluateOrder(compilePolicy(p), o, new Date(now));
  expect(engine.map(({ trace: _t, ...d }) => d)).toEqual(referenceEvaluate(p, o, new Date(now)));
  return engine;
}

const DELIVERED = '2026-03-01T10:00:00Z';
const NOW = '2026-03-10T10:00:00Z';
// 22:30 UTC on March 8: March 8 in Warsaw and New York, already March 9 in Seoul.
const ASKED = '2026-03-08T22:30:00Z';

const warsaw = policy({
  timeZone: 'Europe/Warsaw',
  storeCountry: 'PL',
  returnWindow: { days: 30, startsAt: 'delivery' },
  resolutions: { refund: true, exchange: true, storeCredit: false },
});
const seoul = policy({ ...warsaw, timeZone: 'Asia/Seoul', storeCountry: 'KR' } as PolicyInput);
const newYork = policy({ ...warsaw, timeZone: 'America/New_York', storeCountry: 'US' } as PolicyInput);

const shipped = (
  items: { id: string; quantity?: number; tags?: string[]; productType?: string; giftCard?: boolean }[],
  extra: Partial<Parameters<typeof order>[0]> = {},
) =>
  order({
    createdAt: '2026-02-25T10:00:00Z',
    deliveredAt: DELIVERED,
    country: 'PL',
    items: items.map((i) => ({ ...i, title: i.id })),
    ...extra,
  });

describe('a return already in progress', () => {
  const boots = shipped([{ id: 'kurtka' }, { id: 'buty' }], {
    returns: [{ requestedAt: ASKED, lines: [{ lineItemId: 'buty', quantity: 1 }] }],
  });

  it('is not offered again; the rest of the cart is', () => {
    const [jacket, b] = decide(warsaw, boots, NOW);
    expect(jacket).toMatchObject({ eligible: true, reasonCodes: [], returnableQuantity: 1 });
    expect(b).toMatchObject({
      eligible: false,
      allowedResolutions: [],
      reasonCodes: ['RETURN_IN_PROGRESS'],
      returnableQuantity: 0,
      inReturnQuantity: 1,
      returnRequestedOn: '2026-03-08',
    });
    expect(b!.trace.find((t) => t.rule === 'return-in-progress')).toMatchObject({
      fired: true,
      facts: { remainingQuantity: 0, returnInProgressQuantity: 1 },
    });
  });

  it('says so with the local date it was requested, in pl, en and ko', () => {
    const pl = decide(warsaw, boots, NOW)[1]!;
    expect(explain(pl, 'pl')).toBe(
      'Zwrot tego produktu jest już w toku (zgłoszony 8 marca 2026), więc nie można rozpocząć kolejnego.',
    );
    const en = decide(newYork, boots, NOW)[1]!;
    expect(explain(en, 'en')).toBe(
      "A return for this item is already in progress (requested on March 8, 2026), so another one can't be started.",
    );
    const ko = decide(seoul, boots, NOW)[1]!;
    expect(ko.returnRequestedOn).toBe('2026-03-09');
    expect(explain(ko, 'ko')).toBe(
      '이 상품은 이미 반품이 진행 중입니다(2026년 3월 9일 신청). 반품을 새로 신청할 수 없습니다.',
    );
  });

  it('without a known request date, still says it is in progress', () => {
    const o = shipped([{ id: 'buty' }], { returns: [{ lines: [{ lineItemId: 'buty', quantity: 1 }] }] });
    const d = decide(warsaw, o, NOW)[0]!;
    expect(d.returnRequestedOn).toBe('');
    expect(explain(d, 'en')).toBe(
      "A return for this item is already in progress, so another one can't be started.",
    );
  });

  it('counts units: 2 bought, 1 in a return → 1 still returnable, and the card can say so', () => {
    const socks = shipped([{ id: 'skarpety', quantity: 2 }], {
      returns: [{ requestedAt: ASKED, lines: [{ lineItemId: 'skarpety', quantity: 1 }] }],
    });
    const d = decide(warsaw, socks, NOW)[0]!;
    expect(d).toMatchObject({
      eligible: true,
      returnableQuantity: 1,
      inReturnQuantity: 1,
      quantity: 2,
      reasonCodes: ['RETURN_IN_PROGRESS'],
      allowedResolutions: ['REFUND', 'EXCHANGE'],
    });
    expect(explain(d, 'pl')).toBe(
      '1 z 2 szt. jest już w zwrocie zgłoszonym 8 marca 2026. Pozostałe 1 szt. można jeszcze zwrócić. Można zgłosić do 31 marca 2026: zwrot pieniędzy, wymiana.',
    );
    expect(explain(d, 'en')).toBe(
      '1 of 2 already in a return requested on March 8, 2026. 1 can still be returned. Can be requested until March 31, 2026: refund, exchange.',
    );
    expect(explain(d, 'ko')).toBe(
      '2개 중 1개는 이미 반품이 진행 중입니다(2026년 3월 8일 신청). 1개는 아직 반품할 수 있습니다. 2026년 3월 31일까지 신청 가능: 환불, 교환.',
    );
  });

  it('already-refunded units likewise: 2 bought, 1 refunded → 1 returnable, explained', () => {
    const o = shipped([{ id: 'skarpety', quantity: 2 }], {
      refunds: [{ lineItemId: 'skarpety', quantity: 1 }],
    });
    const d = decide(warsaw, o, NOW)[0]!;
    expect(d).toMatchObject({
      eligible: true,
      returnableQuantity: 1,
      returnedQuantity: 1,
      reasonCodes: ['ALREADY_RETURNED'],
    });
    expect(explain(d, 'en')).toMatch(/^1 of 2 already returned or refunded\. 1 can still be returned\. /);
    expect(explain(d, 'pl')).toMatch(
      /^1 z 2 szt\. zwrócono lub zrefundowano już wcześniej\. Pozostałe 1 szt\./,
    );
    expect(explain(d, 'ko')).toMatch(
      /^2개 중 1개는 이미 반품 또는 환불되었습니다\. 1개는 아직 반품할 수 있습니다\. /,
    );
  });

  it('1 refunded and 1 in a return leaves nothing: in progress, not offered', () => {
    const o = shipped([{ id: 'skarpety', quantity: 2 }], {
      refunds: [{ lineItemId: 'skarpety', quantity: 1 }],
      returns: [{ requestedAt: ASKED, lines: [{ lineItemId: 'skarpety', quantity: 1 }] }],
    });
    expect(decide(warsaw, o, NOW)[0]).toMatchObject({
      eligible: false,
      reasonCodes: ['RETURN_IN_PROGRESS'],
      returnedQuantity: 1,
      inReturnQuantity: 1,
    });
  });

  it('a completed return and the platform refund for the same unit count once', () => {
    const o = shipped([{ id: 'kurtka', quantity: 2 }], {
      refunds: [{ lineItemId: 'kurtka', quantity: 1 }],
      returns: [{ status: 'completed', requestedAt: ASKED, lines: [{ lineItemId: 'kurtka', quantity: 1 }] }],
    });
    expect(decide(warsaw, o, NOW)[0]).toMatchObject({
      eligible: true,
      returnableQuantity: 1,
      returnedQuantity: 1,
    });
    // Completed without a platform refund (e.g. an exchange) is returned too.
    const exchanged = shipped([{ id: 'kurtka' }], {
      returns: [{ status: 'completed', lines: [{ lineItemId: 'kurtka', quantity: 1 }] }],
    });
    expect(decide(warsaw, exchanged, NOW)[0]).toMatchObject({
      eligible: false,
      reasonCodes: ['ALREADY_RETURNED'],
    });
  });

  it('a unit refunded while its return is still open is counted once, as returned', () => {
    const o = shipped([{ id: 'kurtka' }], {
      refunds: [{ lineItemId: 'kurtka', quantity: 1 }],
      returns: [{ requestedAt: ASKED, lines: [{ lineItemId: 'kurtka', quantity: 1 }] }],
    });
    expect(decide(warsaw, o, NOW)[0]).toMatchObject({
      eligible: false,
      reasonCodes: ['ALREADY_RETURNED'],
      inReturnQuantity: 0,
      returnRequestedOn: '',
    });
  });

  it('a rejected or cancelled return frees the item again', () => {
    const o = shipped([{ id: 'buty' }], {
      returns: [{ status: 'declined', requestedAt: ASKED, lines: [{ lineItemId: 'buty', quantity: 1 }] }],
    });
    expect(decide(warsaw, o, NOW)[0]).toMatchObject({ eligible: true, reasonCodes: [], inReturnQuantity: 0 });
  });

  it('takes the earliest request date of several open returns', () => {
    const o = shipped([{ id: 'skarpety', quantity: 3 }], {
      returns: [
        { requestedAt: '2026-03-09T09:00:00Z', lines: [{ lineItemId: 'skarpety', quantity: 1 }] },
        { requestedAt: '2026-03-05T09:00:00Z', lines: [{ lineItemId: 'skarpety', quantity: 1 }] },
      ],
    });
    expect(decide(warsaw, o, NOW)[0]).toMatchObject({
      eligible: true,
      returnableQuantity: 1,
      inReturnQuantity: 2,
      returnRequestedOn: '2026-03-05',
    });
  });

  it('ignores return lines of unknown line items, refuses negative quantities', () => {
    const o = shipped([{ id: 'buty' }], { returns: [{ lines: [{ lineItemId: 'gone', quantity: 1 }] }] });
    validateOrder(o);
    expect(decide(warsaw, o, NOW)[0]).toMatchObject({ eligible: true, reasonCodes: [] });
    const bad = shipped([{ id: 'buty' }], { returns: [{ lines: [{ lineItemId: 'buty', quantity: -1 }] }] });
    expect(() => validateOrder(bad)).toThrow('order.returns[0].lines[0].quantity');
  });

  it('custom rules can read returnInProgressQuantity', () => {
    const p = policy({
      ...warsaw,
      customRules: [
        {
          name: 'one-return-at-a-time',
          conditions: { all: [{ fact: 'returnInProgressQuantity', operator: 'greaterThan', value: 0 }] },
          event: { type: 'deny', params: { reasonCode: 'ONE_RETURN_AT_A_TIME' } },
        },
      ],
    } as PolicyInput);
    const o = shipped([{ id: 'skarpety', quantity: 2 }], {
      returns: [{ lines: [{ lineItemId: 'skarpety', quantity: 1 }] }],
    });
    expect(decide(p, o, NOW)[0]).toMatchObject({ eligible: false, reasonCodes: ['ONE_RETURN_AT_A_TIME'] });
  });
});

describe('conditions the shopper must meet', () => {
  const demanding = (condition: unknown, extra: Partial<PolicyInput> = {}) =>
    policy({
      ...warsaw,
      overrides: [{ match: { tag: 'hygiene' }, condition }],
      finalSale: [{ tag: 'final-sale', behaviour: 'not_returnable' }],
      giftCards: 'not_returnable',
      ...extra,
    } as PolicyInput);
  const cart = shipped([
    { id: 'kapielowki', tags: ['Hygiene'] },
    { id: 'czapka', tags: ['final-sale'] },
    { id: 'karta', giftCard: true },
  ]);

  it('keep a hygiene item eligible with its condition; final sale and gift cards stay refused', () => {
    const [swim, hat, card] = decide(demanding('hygiene_seal_intact'), cart, NOW);
    expect(swim).toMatchObject({
      eligible: true,
      allowedResolutions: ['REFUND', 'EXCHANGE'],
      reasonCodes: ['RETURN_CONDITION'],
      conditions: [{ code: 'HYGIENE_SEAL_INTACT' }],
    });
    expect(swim!.trace.find((t) => t.rule === 'override-1:tag=hygiene:condition')?.fired).toBe(true);
    expect(hat).toMatchObject({ eligible: false, reasonCodes: ['FINAL_SALE'], conditions: [] });
    expect(card).toMatchObject({ eligible: false, reasonCodes: ['GIFT_CARD'] });
  });

  it('state the condition in en, pl and ko, before the deadline', () => {
    const swim = decide(demanding('hygiene_seal_intact'), cart, NOW)[0]!;
    expect(explain(swim, 'en')).toBe(
      'Returnable only if the hygiene liner or seal is intact. Can be requested until March 31, 2026: refund, exchange.',
    );
    const socks = decide(demanding('unopened'), cart, NOW)[0]!;
    expect(explain(socks, 'pl')).toBe(
      'Zwrot możliwy tylko wtedy, gdy opakowanie nie zostało otwarte. Można zgłosić do 31 marca 2026: zwrot pieniędzy, wymiana.',
    );
    expect(explain(socks, 'ko')).toBe(
      '포장을 개봉하지 않은 경우에만 반품할 수 있습니다. 2026년 3월 31일까지 신청 가능: 환불, 교환.',
    );
  });

  it('are no refusal of their own: past the window or not delivered, only the real reason shows', () => {
    const swim = decide(demanding('hygiene_seal_intact'), cart, '2026-04-15T10:00:00Z')[0]!;
    expect(swim).toMatchObject({ eligible: false, reasonCodes: ['WINDOW_EXPIRED'], conditions: [] });
    const notYet = order({
      createdAt: '2026-02-25T10:00:00Z',
      fulfilledAt: DELIVERED,
      items: [{ id: 'kapielowki', tags: ['hygiene'] }],
    });
    const d = decide(demanding('hygiene_seal_intact'), notYet, NOW)[0]!;
    expect(d.reasonCodes).toEqual(['NOT_DELIVERED']);
    expect(explain(d, 'en')).toMatch(/^This item can't be returned yet\./);
  });

  it('any product type, collection or SKU can carry one, alongside a restriction; custom sentences per language', () => {
    const p = policy({
      ...warsaw,
      overrides: [
        {
          match: { productType: 'Biżuteria' },
          condition: {
            code: 'ENGRAVING_NOT_STARTED',
            text: {
              en: 'Returnable only before engraving starts.',
              pl: 'Zwrot możliwy tylko przed rozpoczęciem grawerowania.',
            },
          },
        },
        { match: { collection: 'Outlet' }, effect: 'exchange_only', condition: 'tags_attached' },
        { match: { collection: 'Outlet' }, condition: 'unworn' },
      ],
    } as PolicyInput);
    const o = order({
      createdAt: '2026-02-25T10:00:00Z',
      deliveredAt: DELIVERED,
      items: [
        { id: 'pierscionek', productType: 'biżuteria' },
        { id: 'bluza', collections: ['outlet'] },
      ],
    });
    const [ring, hoodie] = decide(p, o, NOW);
    expect(ring!.conditions.map((c) => c.code)).toEqual(['ENGRAVING_NOT_STARTED']);
    expect(conditionText(ring!.conditions[0]!, 'pl')).toBe(
      'Zwrot możliwy tylko przed rozpoczęciem grawerowania.',
    );
    // No Korean sentence given: English rather than nothing.
    expect(conditionText(ring!.conditions[0]!, 'ko')).toBe('Returnable only before engraving starts.');
    expect(hoodie).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE'],
      reasonCodes: ['EXCHANGE_ONLY', 'RETURN_CONDITION'],
      conditions: [{ code: 'TAGS_ATTACHED' }, { code: 'UNWORN' }],
    });
    expect(explain(hoodie!, 'en')).toBe(
      'This item can only be exchanged. Returnable only with the original tags still attached. Returnable only if the item is unworn and unwashed. Can be requested until March 31, 2026: exchange.',
    );
  });

  it('are validated: a known kind or an upper-case code with a sentence, never with not_returnable', () => {
    const base = {
      schemaVersion: 1,
      timeZone: 'UTC',
      storeCountry: 'US',
      returnWindow: { days: 30, startsAt: 'delivery' },
      resolutions: { refund: true, exchange: true, storeCredit: false },
    };
    const withOverride = (o: unknown) => () => validatePolicy({ ...base, overrides: [o] });
    expect(
      withOverride({ match: { tag: 'hygiene' }, effect: 'not_returnable', condition: 'unopened' }),
    ).toThrow('policy_json.overrides[0].condition');
    expect(withOverride({ match: { tag: 'hygiene' }, condition: 'sealed-ish' })).toThrow(
      'policy_json.overrides[0].condition',
    );
    expect(withOverride({ match: { tag: 'x' }, condition: { code: 'NO_TEXT', text: {} } })).toThrow(
      'policy_json.overrides[0].condition',
    );
    expect(withOverride({ match: { tag: 'x' } })).toThrow(
      'an override needs windowDays, exchangeWindowDays, effect or condition',
    );
    expect(() => withOverride({ match: { tag: 'hygiene' }, condition: 'unopened' })()).not.toThrow();
  });
});

describe('conditions for every item (returnConditions)', () => {
  const unopenedOnly = policy({
    ...warsaw,
    returnConditions: [
      'unopened',
      { code: 'NOT_ASSEMBLED', text: { en: 'Furniture can be returned only if it was never assembled.' } },
    ],
    overrides: [{ match: { productType: 'Kosmetyki' }, condition: 'hygiene_seal_intact' }],
  } as PolicyInput);

  it('are stated on every eligible line but gift cards, before per-product ones, in ko/pl/en', () => {
    const cart = shipped([
      { id: 'krem', productType: 'Kosmetyki' },
      { id: 'sofa' },
      { id: 'karta', giftCard: true },
    ]);
    const [cream, sofa, card] = decide(unopenedOnly, cart, NOW);
    expect(cream).toMatchObject({ eligible: true, reasonCodes: ['RETURN_CONDITION'] });
    expect(cream!.conditions.map((c) => c.code)).toEqual([
      'UNOPENED',
      'NOT_ASSEMBLED',
      'HYGIENE_SEAL_INTACT',
    ]);
    expect(sofa!.conditions.map((c) => c.code)).toEqual(['UNOPENED', 'NOT_ASSEMBLED']);
    expect(card).toMatchObject({ eligible: false, reasonCodes: ['GIFT_CARD'], conditions: [] });
    expect(explain(sofa!, 'en')).toContain('Furniture can be returned only if it was never assembled.');
    for (const locale of ['ko', 'pl', 'en'])
      expect(explain(sofa!, locale)).toContain(conditionText({ code: 'UNOPENED' }, locale));
  });

  it('are not stated on a refused line, and a wrong kind is refused naming the field', () => {
    const late = decide(unopenedOnly, shipped([{ id: 'sofa' }]), '2026-06-10T10:00:00Z')[0]!;
    expect(late).toMatchObject({ eligible: false, conditions: [] });
    expect(() => validatePolicy({ ...warsaw, returnConditions: ['unopend'] })).toThrow(
      /^policy_json\.returnConditions\[0\]/,
    );
  });
});

describe('an override’s own exchange window (exchangeWindowDays)', () => {
  // "Returns and exchanges within 30 days, exchanges of clothing within 60; electronics: 15 days
  // for both" — without exchangeWindowDays the 60-day exchange window would reach electronics too.
  const shop = policy({
    ...warsaw,
    exchangeWindow: { days: 60 },
    overrides: [
      { match: { productType: 'Elektronika' }, windowDays: 15, exchangeWindowDays: 15 },
      { match: { productType: 'Buty' }, windowDays: 20 },
    ],
  } as PolicyInput);
  const cart = shipped([
    { id: 'sluchawki', productType: 'Elektronika' },
    { id: 'buty', productType: 'Buty' },
    { id: 'kurtka' },
  ]);

  it('limits exchanges of matching lines; the others keep the policy’s exchange window', () => {
    // Delivered March 1 (Warsaw); day 25.
    const [phones, shoes, jacket] = decide(shop, cart, '2026-03-26T10:00:00Z');
    expect(phones).toMatchObject({
      eligible: false,
      deadline: '2026-03-16',
      exchangeDeadline: '2026-03-16',
      reasonCodes: ['WINDOW_EXPIRED'],
    });
    expect(shoes).toMatchObject({
      eligible: true,
      allowedResolutions: ['EXCHANGE'],
      exchangeDeadline: '2026-04-30',
    });
    expect(jacket).toMatchObject({ eligible: true, deadline: '2026-03-31', exchangeDeadline: '2026-04-30' });
    for (const locale of ['ko', 'pl', 'en'])
      expect(explain(phones!, locale)).toContain(formatDate('2026-03-16', locale));
  });
});
