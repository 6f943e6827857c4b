// Shopify GraphQL order → boomerang.commerce.v1.Order (the shape eligibility reads).
import {
  FinancialStatus,
  FulfillmentStatus,
  type LineItem,
  type Order,
} from '@boomerang/proto/boomerang/commerce/v1/order';
import {
  RefundState,
  Resolution,
  ReturnState,
  type ReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { CustomerRecord } from '../domain/ports';
import type { GqlCustomer, GqlOrder, GqlReturn } from './shopify';

const legacyId = (gid: string) => gid.replace(/^gid:\/\/shopify\/\w+\//, '');

const RETURN_STATE: Record<GqlReturn['status'], ReturnState> = {
  // Shopify has no "approved" or "in transit" here: an open return is reported as requested.
  REQUESTED: ReturnState.RETURN_STATE_REQUESTED,
  OPEN: ReturnState.RETURN_STATE_REQUESTED,
  CLOSED: ReturnState.RETURN_STATE_CLOSED,
  CANCELED: ReturnState.RETURN_STATE_CANCELLED,
  DECLINED: ReturnState.RETURN_STATE_REJECTED,
};

/**
 * Shopify's own returns in the returns providers' shape: the state, the lines with quantities and
 * the refunds Shopify links to the return (issued, with their total; none yet: NONE). Shopify gives
 * no request time here, so none is claimed.
 */
export function normalizeReturns(returns: GqlReturn[]): ReturnStatus[] {
  return returns.map((r) => {
    const qty = new Map<string, number>();
    for (const n of r.returnLineItems.nodes) {
      if (!n.fulfillmentLineItem || !n.quantity) continue;
      const id = legacyId(n.fulfillmentLineItem.lineItem.id);
      qty.set(id, (qty.get(id) ?? 0) + n.quantity);
    }
    const refunds = r.refunds?.nodes ?? [];
    const currency = refunds[0]?.totalRefundedSet.shopMoney.currencyCode ?? '';
    const refunded = refunds.reduce((sum, f) => sum + Number(f.totalRefundedSet.shopMoney.amount), 0);
    const lines = [...qty].map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
    const latest = refunds
      .map((f) => f.createdAt)
      .filter(Boolean)
      .sort()
      .at(-1);
    return {
      returnId: legacyId(r.id),
      state: RETURN_STATE[r.status] ?? ReturnState.RETURN_STATE_REQUESTED,
      refundState: refunds.length ? RefundState.REFUND_STATE_ISSUED : RefundState.REFUND_STATE_NONE,
      refundAmount: refunds.length ? { amount: refunded.toFixed(2), currencyCode: currency } : undefined,
      updatedAt: latest ? new Date(latest) : undefined,
      lineItemIds: lines.map((l) => l.lineItemId),
      resolution: Resolution.RESOLUTION_UNSPECIFIED,
      lines,
      requestedAt: undefined,
    };
  });
}
const date = (s: string | null | undefined) => (s ? new Date(s) : undefined);

const FINANCIAL: Record<string, FinancialStatus> = {
  PENDING: FinancialStatus.FINANCIAL_STATUS_PENDING,
  AUTHORIZED: FinancialStatus.FINANCIAL_STATUS_PENDING,
  PARTIALLY_PAID: FinancialStatus.FINANCIAL_STATUS_PENDING,
  PAID: FinancialStatus.FINANCIAL_STATUS_PAID,
  PARTIALLY_REFUNDED: FinancialStatus.FINANCIAL_STATUS_PARTIALLY_REFUNDED,
  REFUNDED: FinancialStatus.FINANCIAL_STATUS_REFUNDED,
  VOIDED: FinancialStatus.FINANCIAL_STATUS_VOIDED,
  EXPIRED: FinancialStatus.FINANCIAL_STATUS_VOIDED,
};

const FULFILLMENT: Record<string, FulfillmentStatus> = {
  FULFILLED: FulfillmentStatus.FULFILLMENT_STATUS_FULFILLED,
  PARTIALLY_FULFILLED: FulfillmentStatus.FULFILLMENT_STATUS_PARTIALLY_FULFILLED,
};

export function normalizeOrder(tenantId: string, o: GqlOrder): Order {
  const returned = new Map<string, number>();
  for (const r of o.refunds) {
    for (const l of r.refundLineItems.nodes) {
      const id = legacyId(l.lineItem.id);
      returned.set(id, (returned.get(id) ?? 0) + l.quantity);
    }
  }
  const lineItems: LineItem[] = o.lineItems.nodes.map((li) => ({
    id: legacyId(li.id),
    sku: li.sku ?? '',
    title: li.title,
    productId: li.product?.legacyResourceId ?? '',
    productType: li.product?.productType ?? '',
    tags: li.product?.tags ?? [],
    collections: li.product?.collections?.nodes.map((c) => c.handle) ?? [],
    quantity: li.quantity,
    returnedQuantity: Math.min(li.quantity, returned.get(legacyId(li.id)) ?? 0),
    unitPrice: {
      amount: li.originalUnitPriceSet.shopMoney.amount,
      currencyCode: li.originalUnitPriceSet.shopMoney.currencyCode,
    },
    giftCard: li.isGiftCard,
    variantTitle: li.variantTitle ?? '',
  }));
  const allLines = lineItems.map((l) => l.id);
  return {
    tenantId,
    id: o.legacyResourceId,
    name: o.name,
    customerId: o.customer?.legacyResourceId ?? '',
    email: o.email ?? '',
    createdAt: date(o.createdAt),
    cancelledAt: date(o.cancelledAt),
    updatedAt: date(o.updatedAt),
    financialStatus:
      FINANCIAL[o.displayFinancialStatus ?? ''] ?? FinancialStatus.FINANCIAL_STATUS_UNSPECIFIED,
    fulfillmentStatus:
      FULFILLMENT[o.displayFulfillmentStatus] ?? FulfillmentStatus.FULFILLMENT_STATUS_UNFULFILLED,
    shippingAddress: o.shippingAddress
      ? {
          countryCode: o.shippingAddress.countryCodeV2 ?? '',
          zip: o.shippingAddress.zip ?? '',
          city: o.shippingAddress.city ?? '',
        }
      : undefined,
    lineItems,
    fulfillments: o.fulfillments
      .filter((f) => f.status !== 'CANCELLED')
      .map((f) => ({
        id: f.legacyResourceId,
        // Without per-shipment lines (summary shape) a shipment is taken to hold every line.
        lineItemIds: f.fulfillmentLineItems
          ? [...new Set(f.fulfillmentLineItems.nodes.map((n) => legacyId(n.lineItem.id)))]
          : allLines,
        fulfilledAt: date(f.createdAt),
        deliveredAt: date(f.deliveredAt),
        trackingUrl: f.trackingInfo[0]?.url ?? '',
      })),
    refunds: o.refunds.map((r) => ({
      id: r.legacyResourceId,
      createdAt: date(r.createdAt),
      amount: {
        amount: r.totalRefundedSet.shopMoney.amount,
        currencyCode: r.totalRefundedSet.shopMoney.currencyCode,
      },
      lines: r.refundLineItems.nodes.map((l) => ({
        lineItemId: legacyId(l.lineItem.id),
        quantity: l.quantity,
      })),
    })),
    total: { amount: o.totalPriceSet.shopMoney.amount, currencyCode: o.totalPriceSet.shopMoney.currencyCode },
    // Returns come from the returns provider (OrderService.GetOrder), not from the platform.
    returns: [],
  };
}

export function normalizeCustomer(c: GqlCustomer): CustomerRecord {
  return {
    id: c.legacyResourceId,
    email: c.email ?? '',
    phone: c.phone ?? '',
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    locale: c.locale ?? '',
  };
}
