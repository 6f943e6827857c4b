// fast-check generators for policies, orders, time zones and evaluation instants.
import { FinancialStatus, Order, OrderReturnStatus } from '@boomerang/proto/boomerang/commerce/v1/order';
import fc from 'fast-check';
import type { Condition, LeafCondition } from '../src/domain/conditions';
import { type Policy, validatePolicy } from '../src/domain/policy';

/** Zones with DST changes (incl. 30-minute and midnight ones), odd offsets and the date line. */
export const ZONES = [
  'UTC',
  'Asia/Seoul',
  'Europe/Warsaw',
  'America/New_York',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Havana',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Africa/Casablanca',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Beirut',
];
const TYPES = ['Apparel', 'Buty', 'bielizna', '신발', 'Gift card'];
const TAGS = ['final-sale', 'Wyprzedaz', '신상', 'personalizowane', 'summer'];
const COLLECTIONS = ['Outlet', 'Lato 2026', '겨울 컬렉션'];
const SKUS = ['SKU-1', 'SKU-2', 'GIFT-BOX-01'];
const COUNTRIES = ['KR', 'PL', 'DE', 'US', 'JP', ''];
const DAY = 86_400_000;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const T1 = Date.parse('2027-12-31T00:00:00Z');

const isoDate = fc.integer({ min: T0, max: T1 }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const restriction = fc.constantFrom('not_returnable', 'exchange_only', 'store_credit_only' as const);

const leaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.record({
    fact: fc.constantFrom(
      'daysSinceStart',
      'daysPastReturnDeadline',
      'orderAgeDays',
      'unitPrice',
      'remainingQuantity',
      'quantity',
      'returnWindowDays' as const,
    ),
    operator: fc.constantFrom(
      'lessThan',
      'lessThanInclusive',
      'greaterThan',
      'greaterThanInclusive',
      'equal',
      'notEqual' as const,
    ),
    value: fc.integer({ min: -5, max: 100 }),
  }),
  fc.record({
    fact: fc.constantFrom('productType', 'destinationCountry', 'sku', 'currency' as const),
    operator: fc.constantFrom('equal', 'notEqual' as const),
    value: fc.constantFrom(
      ...TYPES.map((t) => t.toLowerCase()),
      ...COUNTRIES.filter(Boolean),
      ...SKUS,
      'PLN',
      'KRW',
    ),
  }),
  fc.record({
    fact: fc.constantFrom('productType', 'destinationCountry' as const),
    operator: fc.constantFrom('in', 'notIn' as const),
    value: fc.subarray([...TYPES.map((t) => t.toLowerCase()), ...COUNTRIES.filter(Boolean)], {
      minLength: 1,
    }),
  }),
  fc.record({
    fact: fc.constantFrom('tags', 'collections' as const),
    operator: fc.constantFrom('contains', 'doesNotContain' as const),
    value: fc.constantFrom(...TAGS.map((t) => t.toLowerCase()), ...COLLECTIONS.map((t) => t.toLowerCase())),
  }),
  fc.record({
    fact: fc.constantFrom('giftCard', 'international', 'delivered', 'orderCancelled' as const),
    operator: fc.constantFrom('equal', 'notEqual' as const),
    value: fc.boolean(),
  }),
) as fc.Arbitrary<LeafCondition>;

const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { maxDepth: 3, withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

const resolutionList = fc.subarray(['REFUND', 'EXCHANGE', 'STORE_CREDIT'], { minLength: 1 });

export const policyArb: fc.Arbitrary<Policy> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    storeCountry: fc.constantFrom('KR', 'PL', 'US'),
    returnWindow: fc.record({
      days: fc.integer({ min: 0, max: 60 }),
      startsAt: fc.constantFrom('delivery', 'fulfillment', 'order'),
    }),
    exchangeWindow: fc.option(fc.record({ days: fc.integer({ min: 0, max: 90 }) }), { nil: undefined }),
    returnConditions: fc.array(
      fc.oneof(
        fc.constantFrom('unopened', 'unworn', 'original_packaging' as const),
        fc.record({
          code: fc.constantFrom('ASSEMBLED_NOT', 'UNOPENED'),
          text: fc.constant({ en: 'Returnable only if it was never assembled.' }),
        }),
      ),
      { maxLength: 2 },
    ),
    overrides: fc.array(
      fc
        .record({
          match: fc.oneof(
            fc.record({ productType: fc.constantFrom(...TYPES) }),
            fc.record({ tag: fc.constantFrom(...TAGS) }),
            fc.record({ collection: fc.constantFrom(...COLLECTIONS) }),
            fc.record({ sku: fc.constantFrom(...SKUS) }),
          ),
          windowDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
          exchangeWindowDays: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
          effect: fc.option(restriction, { nil: undefined }),
          condition: fc.option(
            fc.oneof(
              fc.constantFrom('unopened', 'hygiene_seal_intact', 'tags_attached' as const),
              fc.record({
                code: fc.constantFrom('ENGRAVING_NOT_STARTED', 'UNOPENED'),
                text: fc.constant({ en: 'Returnable only before engraving starts.' }),
              }),
            ),
            { nil: undefined },
          ),
        })
        .filter(
          (o) =>
            o.windowDays !== undefined ||
            o.exchangeWindowDays !== undefined ||
            o.effect !== undefined ||
            o.condition !== undefined,
        )
        .filter((o) => !(o.effect === 'not_returnable' && o.condition !== undefined)),
      { maxLength: 4 },
    ),
    finalSale: fc.array(fc.record({ tag: fc.constantFrom(...TAGS), behaviour: restriction }), {
      maxLength: 2,
    }),
    giftCards: fc.constantFrom('not_returnable', 'store_credit_only', 'returnable'),
    international: fc.record({
      allowed: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
      windowDays: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
    }),
    holidays: fc.array(
      fc
        .tuple(isoDate, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 90 }))
        .map(([from, len, extra]) => {
          const f = Date.parse(`${from}T00:00:00Z`);
          const to = new Date(f + len * DAY).toISOString().slice(0, 10);
          return {
            orderedFrom: from,
            orderedTo: to,
            returnUntil: new Date(f + (len + extra) * DAY).toISOString().slice(0, 10),
          };
        }),
      { maxLength: 2 },
    ),
    resolutions: fc
      .record({
        refund: fc.boolean(),
        exchange: fc.boolean(),
        storeCredit: fc.boolean(),
        storeCreditBonusPercent: fc.integer({ min: 0, max: 30 }),
      })
      .filter((r) => r.refund || r.exchange || r.storeCredit),
    customRules: fc.oneof(
      { arbitrary: fc.constant([]), weight: 2 },
      {
        weight: 1,
        arbitrary: fc.uniqueArray(
          fc.record({
            name: fc.constantFrom('rule-a', 'rule-b', 'rule-c'),
            priority: fc.integer({ min: 1, max: 100 }),
            conditions: fc.oneof(
              fc.record({ all: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
              fc.record({ any: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
            ),
            event: fc.oneof(
              fc.record({
                type: fc.constant('deny' as const),
                params: fc.record({ reasonCode: fc.constantFrom('CUSTOM_DENY', 'NO_RETURNS_ON_SALE') }),
              }),
              fc.record({
                type: fc.constantFrom('only', 'remove' as const),
                params: fc.record({
                  reasonCode: fc.constantFrom('CUSTOM_LIMIT', 'ZZ_POLICY'),
                  resolutions: resolutionList,
                }),
              }),
            ),
          }),
          { maxLength: 2, selector: (r) => r.name },
        ),
      },
    ),
  })
  .map((p) => validatePolicy({ schemaVersion: 1, ...p }));

export interface Scenario {
  order: Order;
  now: Date;
}

/** An order with random items, shipments, refunds; and `now` often near a deadline boundary. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    createdAt: fc.integer({ min: T0, max: T1 }),
    country: fc.constantFrom(...COUNTRIES),
    cancelled: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    financialStatus: fc.oneof(
      {
        arbitrary: fc.constantFrom(
          FinancialStatus.FINANCIAL_STATUS_PAID,
          FinancialStatus.FINANCIAL_STATUS_PARTIALLY_REFUNDED,
        ),
        weight: 8,
      },
      {
        arbitrary: fc.constantFrom(
          FinancialStatus.FINANCIAL_STATUS_REFUNDED,
          FinancialStatus.FINANCIAL_STATUS_VOIDED,
        ),
        weight: 1,
      },
    ),
    items: fc.array(
      fc.record({
        productType: fc.constantFrom(...TYPES, ''),
        tags: fc.oneof(
          { arbitrary: fc.constant<string[]>([]), weight: 2 },
          { arbitrary: fc.subarray([...TAGS, 'FINAL-SALE', 'wyprzedaz'], { maxLength: 2 }), weight: 1 },
        ),
        collections: fc.subarray(COLLECTIONS, { maxLength: 1 }),
        sku: fc.constantFrom(...SKUS, 'SKU-9'),
        quantity: fc.integer({ min: 1, max: 3 }),
        returned: fc.oneof(
          { arbitrary: fc.constant(0), weight: 4 },
          { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 1 },
        ),
        giftCard: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        price: fc.integer({ min: 0, max: 300 }),
        currency: fc.constantFrom('PLN', 'KRW', 'USD'),
        shipments: fc.array(
          fc.record({
            afterOrderMs: fc.integer({ min: 0, max: 10 * DAY }),
            transitMs: fc.option(fc.integer({ min: 0, max: 8 * DAY }), { nil: undefined, freq: 6 }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        refunded: fc.oneof(
          { arbitrary: fc.constant(0), weight: 4 },
          { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 1 },
        ),
        // Returns at the provider on this line: quantity, status, requested this long after the order.
        returns: fc.oneof(
          { arbitrary: fc.constant([]), weight: 3 },
          {
            weight: 1,
            arbitrary: fc.array(
              fc.record({
                quantity: fc.integer({ min: 0, max: 3 }),
                status: fc.constantFrom(
                  OrderReturnStatus.ORDER_RETURN_STATUS_OPEN,
                  OrderReturnStatus.ORDER_RETURN_STATUS_OPEN,
                  OrderReturnStatus.ORDER_RETURN_STATUS_UNSPECIFIED,
                  OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED,
                  OrderReturnStatus.ORDER_RETURN_STATUS_DECLINED,
                ),
                afterOrderMs: fc.option(fc.integer({ min: 0, max: 40 * DAY }), { nil: undefined, freq: 8 }),
              }),
              { minLength: 1, maxLength: 2 },
            ),
          },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    nowMode: fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant('random' as const),
          ms: fc.integer({ min: T0, max: T1 + 200 * DAY }),
        }),
        weight: 1,
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('boundary' as const),
          days: fc.integer({ min: 0, max: 70 }),
          jitterMs: fc.integer({ min: -30 * 3_600_000, max: 30 * 3_600_000 }),
        }),
      },
    ),
  })
  .map((s) => {
    const lineItems = s.items.map((it, i) => ({
      id: `li-${i + 1}`,
      sku: it.sku,
      title: `Item ${i + 1}`,
      productType: it.productType,
      tags: it.tags,
      collections: it.collections,
      quantity: it.quantity,
      returnedQuantity: Math.min(it.returned, it.quantity),
      giftCard: it.giftCard,
      unitPrice: { amount: `${it.price}.00`, currencyCode: it.currency },
    }));
    const fulfillments = s.items.flatMap((it, i) =>
      it.shipments.map((sh, k) => ({
        id: `f-${i}-${k}`,
        lineItemIds: [`li-${i + 1}`],
        fulfilledAt: new Date(s.createdAt + sh.afterOrderMs),
        deliveredAt:
          sh.transitMs === undefined ? undefined : new Date(s.createdAt + sh.afterOrderMs + sh.transitMs),
      })),
    );
    const refunds = s.items.some((it) => it.refunded > 0)
      ? [
          {
            id: 'r-1',
            lines: s.items
              .map((it, i) => ({ lineItemId: `li-${i + 1}`, quantity: it.refunded }))
              .filter((l) => l.quantity > 0),
          },
        ]
      : [];
    const returns = s.items.flatMap((it, i) =>
      (it.returns as { quantity: number; status: OrderReturnStatus; afterOrderMs?: number }[]).map(
        (r, k) => ({
          id: `ret-${i}-${k}`,
          status: r.status,
          requestedAt: r.afterOrderMs === undefined ? undefined : new Date(s.createdAt + r.afterOrderMs),
          lines: [{ lineItemId: `li-${i + 1}`, quantity: r.quantity }],
          source: 'loop',
        }),
      ),
    );
    const order = Order.fromPartial({
      id: 'o-1',
      returns,
      createdAt: new Date(s.createdAt),
      cancelledAt: s.cancelled ? new Date(s.createdAt + 3_600_000) : undefined,
      financialStatus: s.financialStatus,
      shippingAddress: { countryCode: s.country },
      lineItems,
      fulfillments,
      refunds,
    });
    const anchor =
      fulfillments[0]?.deliveredAt?.getTime() ?? fulfillments[0]?.fulfilledAt?.getTime() ?? s.createdAt;
    const now =
      s.nowMode.kind === 'random'
        ? new Date(s.nowMode.ms)
        : new Date(anchor + s.nowMode.days * DAY + s.nowMode.jitterMs);
    return { order, now };
  });
