// The reference evaluator: the same policy model written the plain way, sharing no code with the
// engine path (no luxon, no rules, no compiled predicates). Local dates come from
// Intl.DateTimeFormat; day arithmetic is on whole days since 1970-01-01 of the civil date.
// Property tests compare it with evaluateOrder over random policies, orders, time zones and `now`.
import type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import type { Policy } from './policy';

export interface ReferenceDecision {
  lineItemId: string;
  eligible: boolean;
  deadline: string;
  exchangeDeadline: string;
  allowedResolutions: string[];
  reasonCodes: string[];
  returnableQuantity: number;
  storeCreditBonusPercent: number;
  quantity: number;
  returnedQuantity: number;
  inReturnQuantity: number;
  returnRequestedOn: string;
  conditions: { code: string; text?: { en?: string; ko?: string; pl?: string } }[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whole days from 1970-01-01 to the calendar date of `ms` in `zone`. */
function civilDay(ms: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    formatters.set(zone, f);
  }
  let y = 0;
  let m = 0;
  let d = 0;
  for (const part of f.formatToParts(new Date(ms))) {
    if (part.type === 'year') y = Number(part.value);
    else if (part.type === 'month') m = Number(part.value);
    else if (part.type === 'day') d = Number(part.value);
  }
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function isoToDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

const lower = (s: string) => s.trim().toLowerCase();

// json-rules-engine operator semantics, written out independently.
function test(op: string, fact: unknown, value: unknown): boolean {
  const numeric = !Number.isNaN(Number.parseFloat(String(fact))) && fact !== null && fact !== undefined;
  if (op === 'equal') return fact === value;
  if (op === 'notEqual') return fact !== value;
  if (op === 'in') return (value as unknown[]).includes(fact);
  if (op === 'notIn') return !(value as unknown[]).includes(fact);
  if (op === 'contains') return Array.isArray(fact) && fact.includes(value);
  if (op === 'doesNotContain') return Array.isArray(fact) && !fact.includes(value);
  if (!numeric) return false;
  const a = fact as number;
  const b = value as number;
  if (op === 'lessThan') return a < b;
  if (op === 'lessThanInclusive') return a <= b;
  if (op === 'greaterThan') return a > b;
  if (op === 'greaterThanInclusive') return a >= b;
  throw new Error(`unknown operator ${op}`);
}

// biome-ignore lint/suspicious/noExplicitAny: a plain walk over JSON
function holds(c: any, facts: Record<string, unknown>): boolean {
  if (c.all) return c.all.every((x: unknown) => holds(x, facts));
  if (c.any) return c.any.some((x: unknown) => holds(x, facts));
  if (c.not) return !holds(c.not, facts);
  return test(c.operator, facts[c.fact], c.value);
}

const ORDER = [
  'ORDER_CANCELLED',
  'ORDER_REFUNDED',
  'NOT_DELIVERED',
  'NOT_FULFILLED',
  'ALREADY_RETURNED',
  'RETURN_IN_PROGRESS',
  'GIFT_CARD',
  'INTERNATIONAL_NOT_ALLOWED',
  'FINAL_SALE',
  'EXCLUDED_CATEGORY',
  'EXCHANGE_ONLY',
  'STORE_CREDIT_ONLY',
  'WINDOW_EXPIRED',
  'RETURN_CONDITION',
];

export function referenceEvaluate(policy: Policy, order: Order, now: Date): ReferenceDecision[] {
  const zone = policy.timeZone;
  const today = civilDay(now.getTime(), zone);
  const orderedDay = civilDay(order.createdAt!.getTime(), zone);
  const orderedIso = dayToIso(orderedDay);
  const country = (order.shippingAddress?.countryCode ?? '').toUpperCase();
  const international = country !== '' && country !== policy.storeCountry;
  const cancelled = order.cancelledAt !== undefined || order.financialStatus === 5;
  const refunded = order.financialStatus === 4;

  const out: ReferenceDecision[] = [];
  for (const item of order.lineItems) {
    const tags = item.tags.map(lower);
    const collections = item.collections.map(lower);
    const type = lower(item.productType);

    // Which override applies to the window: the first in the list that matches and sets days.
    let windowDays = policy.returnWindow.days;
    if (international && policy.international.windowDays !== undefined)
      windowDays = policy.international.windowDays;
    for (const o of policy.overrides) {
      const m = o.match;
      const hit =
        (m.productType !== undefined && lower(m.productType) === type) ||
        (m.tag !== undefined && tags.includes(lower(m.tag))) ||
        (m.collection !== undefined && collections.includes(lower(m.collection))) ||
        (m.sku !== undefined && m.sku === item.sku);
      if (hit && o.windowDays !== undefined) {
        windowDays = o.windowDays;
        break;
      }
    }
    // The exchange window: the first matching override that sets one, else the policy's.
    let exchangeSetting = policy.exchangeWindow?.days;
    const exchangeHit = policy.overrides.find(
      (o) =>
        o.exchangeWindowDays !== undefined &&
        ((o.match.productType !== undefined && lower(o.match.productType) === type) ||
          (o.match.tag !== undefined && tags.includes(lower(o.match.tag))) ||
          (o.match.collection !== undefined && collections.includes(lower(o.match.collection))) ||
          (o.match.sku !== undefined && o.match.sku === item.sku)),
    );
    if (exchangeHit) exchangeSetting = exchangeHit.exchangeWindowDays;
    let exchangeDays = windowDays;
    if (exchangeSetting !== undefined && exchangeSetting > windowDays) exchangeDays = exchangeSetting;

    // When did the window start?
    let startMs: number | undefined;
    let delivered = false;
    let fulfilled = false;
    for (const f of order.fulfillments) {
      if (!f.lineItemIds.includes(item.id)) continue;
      if (f.deliveredAt) {
        delivered = true;
        if (
          policy.returnWindow.startsAt === 'delivery' &&
          (startMs === undefined || f.deliveredAt.getTime() > startMs)
        )
          startMs = f.deliveredAt.getTime();
      }
      if (f.fulfilledAt) {
        fulfilled = true;
        if (
          policy.returnWindow.startsAt === 'fulfillment' &&
          (startMs === undefined || f.fulfilledAt.getTime() > startMs)
        )
          startMs = f.fulfilledAt.getTime();
      }
    }
    if (policy.returnWindow.startsAt === 'order') startMs = order.createdAt!.getTime();

    let deadline = '';
    let exchangeDeadline = '';
    let daysSince: number | null = null;
    let pastReturn: number | null = null;
    let pastExchange: number | null = null;
    if (startMs !== undefined) {
      const startDay = civilDay(startMs, zone);
      daysSince = today - startDay;
      let dl = startDay + windowDays;
      let xdl = startDay + exchangeDays;
      for (const h of policy.holidays) {
        if (orderedIso >= h.orderedFrom && orderedIso <= h.orderedTo) {
          dl = Math.max(dl, isoToDay(h.returnUntil));
          xdl = Math.max(xdl, isoToDay(h.returnUntil));
        }
      }
      deadline = dayToIso(dl);
      exchangeDeadline = dayToIso(xdl);
      pastReturn = today - dl;
      pastExchange = today - xdl;
    }

    let refundedQty = 0;
    for (const r of order.refunds)
      for (const l of r.lines) if (l.lineItemId === item.id) refundedQty += l.quantity;
    // Provider returns: status 2 = completed (returned), 3 = declined (ignored), else open.
    let doneQty = 0;
    let openQty = 0;
    let firstAsked: number | undefined;
    for (const r of order.returns) {
      if (r.status === 3) continue;
      for (const l of r.lines) {
        if (l.lineItemId !== item.id) continue;
        if (r.status === 2) doneQty += l.quantity;
        else {
          openQty += l.quantity;
          const t = r.requestedAt?.getTime();
          if (t !== undefined && (firstAsked === undefined || t < firstAsked)) firstAsked = t;
        }
      }
    }
    let returned = Math.max(item.returnedQuantity, refundedQty, doneQty);
    if (returned > item.quantity) returned = item.quantity;
    const inReturn = Math.min(openQty, item.quantity - returned);
    const remaining = item.quantity - returned - inReturn;
    const notes = new Set<string>();
    const conditions: ReferenceDecision['conditions'] = [];

    let refund = policy.resolutions.refund;
    let exchange = policy.resolutions.exchange;
    let credit = policy.resolutions.storeCredit;
    const reasons = new Set<string>();
    const deny = (code: string) => {
      reasons.add(code);
      refund = exchange = credit = false;
    };
    const restrict = (behaviour: string, code: string) => {
      if (behaviour === 'not_returnable') return deny(code);
      reasons.add(code);
      if (behaviour === 'exchange_only') refund = credit = false;
      if (behaviour === 'store_credit_only') refund = exchange = false;
    };

    if (cancelled) deny('ORDER_CANCELLED');
    if (refunded) deny('ORDER_REFUNDED');
    if (policy.returnWindow.startsAt === 'delivery' && !delivered) deny('NOT_DELIVERED');
    if (policy.returnWindow.startsAt === 'fulfillment' && !fulfilled) deny('NOT_FULFILLED');
    if (remaining <= 0 && inReturn > 0) deny('RETURN_IN_PROGRESS');
    else if (remaining <= 0) deny('ALREADY_RETURNED');
    if (remaining > 0 && returned > 0) notes.add('ALREADY_RETURNED');
    if (remaining > 0 && inReturn > 0) notes.add('RETURN_IN_PROGRESS');
    if (item.giftCard && policy.giftCards !== 'returnable') restrict(policy.giftCards, 'GIFT_CARD');
    if (international && !policy.international.allowed) deny('INTERNATIONAL_NOT_ALLOWED');
    for (const f of policy.finalSale) if (tags.includes(lower(f.tag))) restrict(f.behaviour, 'FINAL_SALE');
    if (!item.giftCard)
      for (const rc of policy.returnConditions) {
        notes.add('RETURN_CONDITION');
        const c = typeof rc === 'string' ? { code: rc.toUpperCase() } : { code: rc.code, text: rc.text };
        if (!conditions.some((x) => x.code === c.code)) conditions.push(c);
      }
    for (const o of policy.overrides) {
      const m = o.match;
      const hit =
        (m.productType !== undefined && lower(m.productType) === type) ||
        (m.tag !== undefined && tags.includes(lower(m.tag))) ||
        (m.collection !== undefined && collections.includes(lower(m.collection))) ||
        (m.sku !== undefined && m.sku === item.sku);
      if (hit && o.condition !== undefined) {
        notes.add('RETURN_CONDITION');
        const c =
          typeof o.condition === 'string'
            ? { code: o.condition.toUpperCase() }
            : { code: o.condition.code, text: o.condition.text };
        if (!conditions.some((x) => x.code === c.code)) conditions.push(c);
      }
      if (!o.effect) continue;
      if (hit)
        restrict(
          o.effect,
          {
            not_returnable: 'EXCLUDED_CATEGORY',
            exchange_only: 'EXCHANGE_ONLY',
            store_credit_only: 'STORE_CREDIT_ONLY',
          }[o.effect],
        );
    }
    if (pastReturn !== null && pastReturn > 0) {
      reasons.add('WINDOW_EXPIRED');
      refund = credit = false;
    }
    if (pastExchange !== null && pastExchange > 0) {
      reasons.add('WINDOW_EXPIRED');
      exchange = false;
    }
    if (policy.customRules.length) {
      const facts: Record<string, unknown> = {
        daysSinceStart: daysSince,
        daysPastReturnDeadline: pastReturn,
        daysPastExchangeDeadline: pastExchange,
        returnWindowDays: windowDays,
        exchangeWindowDays: exchangeDays,
        orderAgeDays: today - orderedDay,
        productType: type,
        tags,
        collections,
        sku: item.sku,
        unitPrice: item.unitPrice?.amount ? Number(item.unitPrice.amount) : 0,
        currency: item.unitPrice?.currencyCode ?? '',
        giftCard: item.giftCard,
        destinationCountry: country,
        storeCountry: policy.storeCountry,
        international,
        orderCancelled: cancelled,
        orderRefunded: refunded,
        delivered,
        fulfilled,
        quantity: item.quantity,
        returnedQuantity: returned,
        returnInProgressQuantity: inReturn,
        remainingQuantity: remaining,
      };
      for (const rule of policy.customRules) {
        if (!holds(rule.conditions, facts)) continue;
        const list: string[] = rule.event.params.resolutions ?? [];
        reasons.add(rule.event.params.reasonCode);
        if (rule.event.type === 'deny') refund = exchange = credit = false;
        if (rule.event.type === 'only') {
          if (!list.includes('REFUND')) refund = false;
          if (!list.includes('EXCHANGE')) exchange = false;
          if (!list.includes('STORE_CREDIT')) credit = false;
        }
        if (rule.event.type === 'remove') {
          if (list.includes('REFUND')) refund = false;
          if (list.includes('EXCHANGE')) exchange = false;
          if (list.includes('STORE_CREDIT')) credit = false;
        }
      }
    }

    const allowed: string[] = [];
    if (refund) allowed.push('REFUND');
    if (exchange) allowed.push('EXCHANGE');
    if (credit) allowed.push('STORE_CREDIT');
    const eligible = allowed.length > 0;
    if (eligible) for (const n of notes) reasons.add(n);
    const known = ORDER.filter((c) => reasons.has(c));
    const custom = [...reasons].filter((c) => !ORDER.includes(c)).sort();
    out.push({
      lineItemId: item.id,
      eligible,
      deadline,
      exchangeDeadline,
      allowedResolutions: allowed,
      reasonCodes: [...known, ...custom],
      returnableQuantity: allowed.length > 0 ? remaining : 0,
      storeCreditBonusPercent: credit ? policy.resolutions.storeCreditBonusPercent : 0,
      quantity: item.quantity,
      returnedQuantity: returned,
      inReturnQuantity: inReturn,
      returnRequestedOn: inReturn > 0 && firstAsked !== undefined ? dayToIso(civilDay(firstAsked, zone)) : '',
      conditions: eligible ? conditions : [],
    });
  }
  return out;
}
