// Builders for policies and orders used across the suites.
import {
  FinancialStatus,
  FulfillmentStatus,
  Order,
  OrderReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/order';
import { type Policy, type PolicyInput, validatePolicy } from '../src/domain/policy';

export function policy(overrides: Partial<PolicyInput> = {}): Policy {
  return validatePolicy({
    schemaVersion: 1,
    timeZone: 'Asia/Seoul',
    storeCountry: 'KR',
    returnWindow: { days: 30, startsAt: 'delivery' },
    resolutions: { refund: true, exchange: true, storeCredit: true, storeCreditBonusPercent: 10 },
    ...overrides,
  });
}

export interface ItemSpec {
  id: string;
  title?: string;
  productType?: string;
  tags?: string[];
  collections?: string[];
  sku?: string;
  quantity?: number;
  returnedQuantity?: number;
  giftCard?: boolean;
  price?: string;
  currency?: string;
}

/** An order whose items were all delivered at `deliveredAt` (omit for undelivered). */
export function order(spec: {
  id?: string;
  createdAt: string;
  deliveredAt?: string;
  fulfilledAt?: string;
  country?: string;
  items: ItemSpec[];
  cancelledAt?: string;
  financialStatus?: FinancialStatus;
  refunds?: { lineItemId: string; quantity: number }[];
  /** Returns at the provider: status open (default) / completed / declined, requested at an instant. */
  returns?: {
    id?: string;
    status?: 'open' | 'completed' | 'declined';
    requestedAt?: string;
    lines: { lineItemId: string; quantity: number }[];
  }[];
}): Order {
  const ids = spec.items.map((i) => i.id);
  return Order.fromPartial({
    tenantId: 'tenant-a',
    id: spec.id ?? 'gid://shopify/Order/1001',
    name: '#1001',
    email: 'minji.kim@example.kr',
    createdAt: new Date(spec.createdAt),
    cancelledAt: spec.cancelledAt ? new Date(spec.cancelledAt) : undefined,
    financialStatus: spec.financialStatus ?? FinancialStatus.FINANCIAL_STATUS_PAID,
    fulfillmentStatus:
      spec.fulfilledAt || spec.deliveredAt
        ? FulfillmentStatus.FULFILLMENT_STATUS_FULFILLED
        : FulfillmentStatus.FULFILLMENT_STATUS_UNFULFILLED,
    shippingAddress: { countryCode: spec.country ?? 'KR', city: '서울', zip: '04524' },
    lineItems: spec.items.map((i) => ({
      id: i.id,
      sku: i.sku ?? `SKU-${i.id}`,
      title: i.title ?? i.id,
      productType: i.productType ?? 'Apparel',
      tags: i.tags ?? [],
      collections: i.collections ?? [],
      quantity: i.quantity ?? 1,
      returnedQuantity: i.returnedQuantity ?? 0,
      giftCard: i.giftCard ?? false,
      unitPrice: { amount: i.price ?? '39000', currencyCode: i.currency ?? 'KRW' },
    })),
    fulfillments:
      spec.deliveredAt || spec.fulfilledAt
        ? [
            {
              id: 'f1',
              lineItemIds: ids,
              fulfilledAt: new Date(spec.fulfilledAt ?? spec.deliveredAt!),
              deliveredAt: spec.deliveredAt ? new Date(spec.deliveredAt) : undefined,
            },
          ]
        : [],
    refunds: spec.refunds?.length
      ? [{ id: 'r1', createdAt: new Date(spec.createdAt), lines: spec.refunds }]
      : [],
    returns: (spec.returns ?? []).map((r, i) => ({
      id: r.id ?? `ret-${i + 1}`,
      status: {
        open: OrderReturnStatus.ORDER_RETURN_STATUS_OPEN,
        completed: OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED,
        declined: OrderReturnStatus.ORDER_RETURN_STATUS_DECLINED,
      }[r.status ?? 'open'],
      requestedAt: r.requestedAt ? new Date(r.requestedAt) : undefined,
      lines: r.lines,
      source: 'loop',
    })),
  });
}

/** A realistic policy with more than ten rules (also used by the benchmark's JSON twin). */
export const REALISTIC_POLICY: PolicyInput = {
  schemaVersion: 1,
  timeZone: 'Europe/Warsaw',
  storeCountry: 'PL',
  returnWindow: { days: 30, startsAt: 'delivery' },
  exchangeWindow: { days: 60 },
  overrides: [
    { match: { productType: 'Bielizna' }, effect: 'not_returnable' },
    { match: { productType: 'Buty' }, windowDays: 60 },
    { match: { collection: 'Outlet' }, effect: 'exchange_only' },
    { match: { tag: 'personalizowane' }, effect: 'not_returnable' },
    { match: { sku: 'GIFT-BOX-01' }, effect: 'store_credit_only' },
  ],
  finalSale: [
    { tag: 'final-sale', behaviour: 'not_returnable' },
    { tag: 'wyprzedaz', behaviour: 'exchange_only' },
  ],
  giftCards: 'not_returnable',
  international: { allowed: true, windowDays: 14 },
  holidays: [{ orderedFrom: '2026-11-15', orderedTo: '2026-12-24', returnUntil: '2027-01-31' }],
  resolutions: { refund: true, exchange: true, storeCredit: true, storeCreditBonusPercent: 10 },
  customRules: [
    {
      name: 'low-value-items',
      conditions: {
        all: [
          { fact: 'unitPrice', operator: 'lessThan', value: 10 },
          { fact: 'currency', operator: 'equal', value: 'PLN' },
        ],
      },
      event: {
        type: 'only',
        params: { reasonCode: 'LOW_VALUE_STORE_CREDIT', resolutions: ['STORE_CREDIT'] },
      },
    },
    {
      name: 'no-returns-outside-eu',
      conditions: {
        all: [
          { fact: 'international', operator: 'equal', value: true },
          { fact: 'destinationCountry', operator: 'notIn', value: ['DE', 'CZ', 'SK', 'LT'] },
        ],
      },
      event: { type: 'remove', params: { reasonCode: 'NON_EU_NO_REFUND', resolutions: ['REFUND'] } },
    },
  ],
};
