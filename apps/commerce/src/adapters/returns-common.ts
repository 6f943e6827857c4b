// Helpers shared by the returns provider adapters.
import { FailedPrecondition, Internal, InvalidArgument, NotFound } from '@boomerang/kit/errors';
import type { ReturnLine } from '@boomerang/proto/boomerang/commerce/v1/order';
import { Resolution } from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { PortalLinkInput } from '../domain/ports';
import type { HttpResponse } from './resilient-http';

/** Maps a non-2xx answer that was not retried (4xx) to a domain error. */
export function providerError(name: string, res: HttpResponse): Error {
  if (res.status === 401 || res.status === 403) {
    return new FailedPrecondition(`${name} rejected the API key (not connected or missing scope)`);
  }
  if (res.status === 404) return new NotFound(`${name} has no such order`);
  if (res.status === 400 || res.status === 422)
    return new InvalidArgument(`${name} refused the request (HTTP ${res.status})`);
  return new Internal(`${name} answered HTTP ${res.status}`);
}

/** Fills "{order_number}", "{order_name}", "{order_id}", "{email}", "{zip}", "{phone}" (URL-encoded). */
const RESOLUTION_WORDS: Record<number, string> = {
  [Resolution.RESOLUTION_REFUND]: 'refund',
  [Resolution.RESOLUTION_EXCHANGE]: 'exchange',
  [Resolution.RESOLUTION_STORE_CREDIT]: 'store_credit',
};

/**
 * The values a portal URL template may use: {order_number} {order_name} {order_id} {email} {zip}
 * {phone}, and what the shopper chose: {resolution} (refund | exchange | store_credit, "" when not
 * chosen) and {line_items} (the chosen lines' numeric ids, comma-separated), so a portal that takes
 * them can open on the right form; without them "Start return" and "Start exchange" share one link.
 */
export function templateValues({
  order,
  customer,
  resolution,
  lineItemIds,
}: PortalLinkInput): Record<string, string> {
  return {
    order_number: order.name.replace(/^#/, ''),
    order_name: order.name,
    order_id: order.id,
    email: order.email || customer.email,
    zip: order.shippingAddress?.zip ?? '',
    phone: customer.phone,
    resolution: RESOLUTION_WORDS[resolution] ?? '',
    line_items: lineItemIds.join(','),
  };
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  const url = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ''));
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw new FailedPrecondition('the returns portal URL template does not produce a valid URL');
  }
  return url;
}

export function sumAmounts(amounts: string[]): string {
  // Decimal strings summed in minor units (2 decimals) to avoid float drift.
  const cents = amounts.reduce((s, a) => s + Math.round(Number(a) * 100), 0);
  return (cents / 100).toFixed(2);
}

/**
 * Units per line of a return, in first-seen order. An entry without a (positive whole) quantity is
 * one unit, as providers that list a line once per unit do; entries without a line id are dropped.
 */
export function returnLines(items: { id: string; quantity?: number | null }[]): ReturnLine[] {
  const byLine = new Map<string, number>();
  for (const it of items) {
    if (!it.id) continue;
    const q =
      typeof it.quantity === 'number' && Number.isInteger(it.quantity) && it.quantity > 0 ? it.quantity : 1;
    byLine.set(it.id, (byLine.get(it.id) ?? 0) + q);
  }
  return [...byLine].map(([lineItemId, quantity]) => ({ lineItemId, quantity }));
}
