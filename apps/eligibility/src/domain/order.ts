// The order shape consumed here is the commerce service's `boomerang.commerce.v1.Order` (generated
// type, no transport). This file validates it at the edge so the evaluators can trust it.
import { InvalidArgument } from '@boomerang/kit/errors';
import {
  FinancialStatus,
  type Order,
  type OrderReturn,
  OrderReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/order';

export type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';

const bad = (field: string, message: string) => new InvalidArgument(`${field}: ${message}`, { field });

/** Throws InvalidArgument naming the first failing field (proto field names, e.g. `order.line_items[1].quantity`). */
export function validateOrder(order: Order | undefined, prefix = 'order'): asserts order is Order {
  if (!order) throw bad(prefix, 'required');
  if (!order.id) throw bad(`${prefix}.id`, 'required');
  if (!order.createdAt || Number.isNaN(order.createdAt.getTime()))
    throw bad(`${prefix}.created_at`, 'required');
  if (order.lineItems.length === 0) throw bad(`${prefix}.line_items`, 'at least one line item is required');
  const cc = order.shippingAddress?.countryCode ?? '';
  if (cc && !/^[A-Za-z]{2}$/.test(cc))
    throw bad(`${prefix}.shipping_address.country_code`, 'expected ISO 3166-1 alpha-2');
  const ids = new Set<string>();
  order.lineItems.forEach((li, i) => {
    const f = `${prefix}.line_items[${i}]`;
    if (!li.id) throw bad(`${f}.id`, 'required');
    if (ids.has(li.id)) throw bad(`${f}.id`, `duplicate line item id ${li.id}`);
    ids.add(li.id);
    if (!Number.isInteger(li.quantity) || li.quantity < 1) throw bad(`${f}.quantity`, 'must be at least 1');
    if (li.returnedQuantity < 0 || li.returnedQuantity > li.quantity)
      throw bad(`${f}.returned_quantity`, 'must be between 0 and quantity');
    if (li.unitPrice?.amount && !/^-?\d+(\.\d+)?$/.test(li.unitPrice.amount))
      throw bad(`${f}.unit_price.amount`, 'expected a decimal string');
  });
  order.fulfillments.forEach((fu, j) => {
    fu.lineItemIds.forEach((id, k) => {
      if (!ids.has(id))
        throw bad(`${prefix}.fulfillments[${j}].line_item_ids[${k}]`, `unknown line item ${id}`);
    });
  });
  order.refunds.forEach((r, j) => {
    r.lines.forEach((l, k) => {
      if (!ids.has(l.lineItemId))
        throw bad(`${prefix}.refunds[${j}].lines[${k}].line_item_id`, `unknown line item ${l.lineItemId}`);
      if (l.quantity < 0) throw bad(`${prefix}.refunds[${j}].lines[${k}].quantity`, 'must not be negative');
    });
  });
  // A return line naming a line item the order does not have is ignored (provider data may lag an
  // order edit); a negative quantity is the caller's bug.
  order.returns.forEach((r, j) => {
    if (r.requestedAt && Number.isNaN(r.requestedAt.getTime()))
      throw bad(`${prefix}.returns[${j}].requested_at`, 'not a valid time');
    r.lines.forEach((l, k) => {
      if (!Number.isInteger(l.quantity) || l.quantity < 0)
        throw bad(`${prefix}.returns[${j}].lines[${k}].quantity`, 'must not be negative');
    });
  });
}

/** Open (or of unknown status): its units are on their way back, not returnable again. */
export const returnIsOpen = (r: OrderReturn) =>
  r.status === OrderReturnStatus.ORDER_RETURN_STATUS_OPEN ||
  r.status === OrderReturnStatus.ORDER_RETURN_STATUS_UNSPECIFIED;
export const returnIsCompleted = (r: OrderReturn) =>
  r.status === OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED;

export const isCancelled = (o: Order) =>
  o.cancelledAt !== undefined || o.financialStatus === FinancialStatus.FINANCIAL_STATUS_VOIDED;
export const isRefunded = (o: Order) => o.financialStatus === FinancialStatus.FINANCIAL_STATUS_REFUNDED;

/**
 * The order without what eligibility does not need (no e-mail, name, customer id, city or zip):
 * this is what Simulate keeps of recent orders.
 */
export function minimiseOrder(o: Order): Order {
  return {
    ...o,
    name: '',
    email: '',
    customerId: '',
    shippingAddress: o.shippingAddress
      ? { countryCode: o.shippingAddress.countryCode, zip: '', city: '' }
      : undefined,
    lineItems: o.lineItems.map((li) => ({ ...li, title: '', variantTitle: '' })),
    fulfillments: o.fulfillments.map((f) => ({ ...f, trackingUrl: '' })),
  };
}
