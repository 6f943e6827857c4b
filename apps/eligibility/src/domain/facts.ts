// Per-line-item facts, computed with luxon in the brand's time zone.
//
// Day convention (README "Counting days"): every instant is first turned into its calendar date in
// the brand's time zone. The start date S is the local date of the event that starts the window
// (delivery, fulfilment or order). With a window of N days the deadline is D = S + N calendar days,
// and a return may be started on any local date up to and including D. daysSinceStart is
// today − S (0 on the day of delivery); daysPastReturnDeadline is today − D (> 0 means expired).
import { DateTime } from 'luxon';
import type { Facts } from './conditions';
import { isCancelled, isRefunded, type Order, returnIsCompleted, returnIsOpen } from './order';
import { norm, type Policy } from './policy';

export interface LineFacts {
  lineItemId: string;
  facts: Facts;
  /** Last day to start a return (refund / store credit), YYYY-MM-DD; '' when the window has not started. */
  deadline: string;
  exchangeDeadline: string;
  /** Local date (YYYY-MM-DD) the earliest open return of the line was requested; '' when none. */
  returnRequestedOn: string;
}

type WindowOverride = {
  kind: 'productType' | 'tag' | 'collection' | 'sku';
  value: string;
  days?: number;
  exchangeDays?: number;
};

/** The policy parts facts depend on, prepared once per policy version. */
export interface FactPlan {
  zone: string;
  startsAt: Policy['returnWindow']['startsAt'];
  baseDays: number;
  exchangeDays: number | undefined;
  internationalDays: number | undefined;
  storeCountry: string;
  windowOverrides: WindowOverride[];
  holidays: Policy['holidays'];
}

export function planFacts(p: Policy): FactPlan {
  const windowOverrides: WindowOverride[] = [];
  for (const o of p.overrides) {
    if (o.windowDays === undefined && o.exchangeWindowDays === undefined) continue;
    const [kind, value] = Object.entries(o.match).find(([, v]) => v !== undefined) as [
      WindowOverride['kind'],
      string,
    ];
    windowOverrides.push({
      kind,
      value: kind === 'sku' ? value : norm(value),
      days: o.windowDays,
      exchangeDays: o.exchangeWindowDays,
    });
  }
  return {
    zone: p.timeZone,
    startsAt: p.returnWindow.startsAt,
    baseDays: p.returnWindow.days,
    exchangeDays: p.exchangeWindow?.days,
    internationalDays: p.international.windowDays,
    storeCountry: p.storeCountry,
    windowOverrides,
    holidays: p.holidays,
  };
}

const DAY_MS = 86_400_000;

/**
 * The calendar date of an instant in the brand's time zone (luxon resolves the zone's offset,
 * DST included), as whole days since 1970-01-01. All further arithmetic is on these day numbers,
 * so a "day" is always a calendar day, never 24 hours.
 */
export function localDay(ms: number, zone: string): number {
  const dt = DateTime.fromMillis(ms, { zone });
  return Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS;
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isoToDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function matches(
  o: WindowOverride,
  productType: string,
  tags: string[],
  collections: string[],
  sku: string,
): boolean {
  switch (o.kind) {
    case 'productType':
      return productType === o.value;
    case 'tag':
      return tags.includes(o.value);
    case 'collection':
      return collections.includes(o.value);
    case 'sku':
      return sku === o.value;
  }
}

export function computeFacts(plan: FactPlan, order: Order, now: Date): LineFacts[] {
  const zone = plan.zone;
  const today = localDay(now.getTime(), zone);
  const ordered = localDay(order.createdAt!.getTime(), zone);
  const orderedIso = dayToIso(ordered);
  const destination = (order.shippingAddress?.countryCode ?? '').toUpperCase();
  const international = destination !== '' && destination !== plan.storeCountry;
  const cancelled = isCancelled(order);
  const refunded = isRefunded(order);
  let holidayUntil = -Infinity;
  for (const h of plan.holidays) {
    if (orderedIso >= h.orderedFrom && orderedIso <= h.orderedTo)
      holidayUntil = Math.max(holidayUntil, isoToDay(h.returnUntil));
  }
  const refundedQty = new Map<string, number>();
  for (const r of order.refunds)
    for (const l of r.lines) refundedQty.set(l.lineItemId, (refundedQty.get(l.lineItemId) ?? 0) + l.quantity);
  // Returns already started (returns provider): open ones hold their units; completed ones count as
  // returned (the same units as the platform's refunds, hence max, not sum); declined ones free them.
  const openQty = new Map<string, number>();
  const completedQty = new Map<string, number>();
  const requestedAt = new Map<string, number>();
  for (const r of order.returns) {
    const open = returnIsOpen(r);
    if (!open && !returnIsCompleted(r)) continue;
    for (const l of r.lines) {
      const into = open ? openQty : completedQty;
      into.set(l.lineItemId, (into.get(l.lineItemId) ?? 0) + l.quantity);
      if (open && r.requestedAt)
        requestedAt.set(
          l.lineItemId,
          Math.min(requestedAt.get(l.lineItemId) ?? Infinity, r.requestedAt.getTime()),
        );
    }
  }
  // Latest delivery / fulfilment per line item: the window starts once the last shipment arrived.
  const deliveredAt = new Map<string, number>();
  const fulfilledAt = new Map<string, number>();
  for (const f of order.fulfillments) {
    for (const id of f.lineItemIds) {
      if (f.deliveredAt)
        deliveredAt.set(id, Math.max(deliveredAt.get(id) ?? -Infinity, f.deliveredAt.getTime()));
      if (f.fulfilledAt)
        fulfilledAt.set(id, Math.max(fulfilledAt.get(id) ?? -Infinity, f.fulfilledAt.getTime()));
    }
  }
  const startCache = new Map<number, number>();
  const startOf = (ms: number) => {
    let d = startCache.get(ms);
    if (d === undefined) {
      d = localDay(ms, zone);
      startCache.set(ms, d);
    }
    return d;
  };

  return order.lineItems.map((li) => {
    const productType = norm(li.productType);
    const tags = li.tags.map(norm);
    const collections = li.collections.map(norm);
    let returnDays =
      international && plan.internationalDays !== undefined ? plan.internationalDays : plan.baseDays;
    // The first matching override that sets a window wins it (return and exchange separately).
    let returnSet = false;
    let exchangeOverride: number | undefined;
    for (const o of plan.windowOverrides) {
      if (!matches(o, productType, tags, collections, li.sku)) continue;
      if (!returnSet && o.days !== undefined) {
        returnDays = o.days;
        returnSet = true;
      }
      if (exchangeOverride === undefined && o.exchangeDays !== undefined) exchangeOverride = o.exchangeDays;
      if (returnSet && exchangeOverride !== undefined) break;
    }
    const exchangeBase = exchangeOverride ?? plan.exchangeDays;
    const exchangeDays = exchangeBase === undefined ? returnDays : Math.max(exchangeBase, returnDays);
    const startMs =
      plan.startsAt === 'order'
        ? order.createdAt!.getTime()
        : plan.startsAt === 'delivery'
          ? deliveredAt.get(li.id)
          : fulfilledAt.get(li.id);
    let deadline = '';
    let exchangeDeadline = '';
    let daysSinceStart: number | null = null;
    let daysPastReturnDeadline: number | null = null;
    let daysPastExchangeDeadline: number | null = null;
    if (startMs !== undefined) {
      const start = startOf(startMs);
      const returnUntil = Math.max(start + returnDays, holidayUntil);
      const exchangeUntil = Math.max(start + exchangeDays, holidayUntil);
      daysSinceStart = today - start;
      deadline = dayToIso(returnUntil);
      exchangeDeadline = dayToIso(exchangeUntil);
      daysPastReturnDeadline = today - returnUntil;
      daysPastExchangeDeadline = today - exchangeUntil;
    }
    const returned = Math.min(
      li.quantity,
      Math.max(li.returnedQuantity, refundedQty.get(li.id) ?? 0, completedQty.get(li.id) ?? 0),
    );
    // Units refunded while their return is still open at the provider are counted once.
    const inReturn = Math.min(openQty.get(li.id) ?? 0, li.quantity - returned);
    const asked = requestedAt.get(li.id);
    const amount = li.unitPrice?.amount ? Number(li.unitPrice.amount) : 0;
    const facts: Facts = {
      daysSinceStart,
      daysPastReturnDeadline,
      daysPastExchangeDeadline,
      returnWindowDays: returnDays,
      exchangeWindowDays: exchangeDays,
      orderAgeDays: today - ordered,
      productType,
      tags,
      collections,
      sku: li.sku,
      unitPrice: amount,
      currency: li.unitPrice?.currencyCode ?? '',
      giftCard: li.giftCard,
      destinationCountry: destination,
      storeCountry: plan.storeCountry,
      international,
      orderCancelled: cancelled,
      orderRefunded: refunded,
      delivered: deliveredAt.has(li.id),
      fulfilled: fulfilledAt.has(li.id),
      quantity: li.quantity,
      returnedQuantity: returned,
      returnInProgressQuantity: inReturn,
      remainingQuantity: li.quantity - returned - inReturn,
    };
    return {
      lineItemId: li.id,
      facts,
      deadline,
      exchangeDeadline,
      returnRequestedOn: inReturn > 0 && asked !== undefined ? dayToIso(startOf(asked)) : '',
    };
  });
}
