/**
 * Why a line item can't be returned, as the shopper reads it: one sentence per distinct reason of the
 * eligibility decision, the reasons that decide first, each date in the shopper's way of writing it.
 * Built from the reason codes, not from the eligibility service's explanation: that one opens with a
 * generic "This item cannot be returned." (the ✗ and the card's "cannot be returned" say it already)
 * and follows the service's code order, so a gift card read "cannot be returned" three times.
 */
import type { Lang } from './language';
import type { LineDecision } from './ports';
import { longDate, type Overrides, render, type TemplateKey } from './templates';

export interface Reason {
  /** The eligibility reason code (stable: logs, citations). */
  code: string;
  /** One sentence in the shopper's language. */
  text: string;
}

/**
 * Not the eligibility service's: the shopper said the item is opened or used, and its return has a
 * condition about that (the condition is the reason told).
 */
export const SAID_OPENED = 'SAID_OPENED';

/**
 * Not the eligibility service's either: the shopper reported the item faulty, and only the rules for
 * ordinary (change-of-mind) returns refuse it — a defect is a complaint under the statutory rules,
 * handled by people, so "final sale" or "excluded category" is no reason told for it.
 */
export const DEFECT_CLAIM = 'DEFECT_CLAIM';

/**
 * Refusals that say nothing about a faulty item: the order or the item itself settles them (cancelled,
 * refunded, returned already, a return under way, a gift card, not shipped or delivered yet). Every
 * other reason — final sale, excluded category, the window, the store's own codes, opened — is a rule
 * for returns by choice.
 */
const NOT_ABOUT_CHOICE = new Set([
  'ORDER_CANCELLED',
  'ORDER_REFUNDED',
  'ALREADY_RETURNED',
  'RETURN_IN_PROGRESS',
  'GIFT_CARD',
  'NOT_FULFILLED',
  'NOT_DELIVERED',
]);

/** A refused line only the rules for returns by choice refuse (so a defect claim is not refused by them). */
export function refusedOnlyByChoiceRules(d: LineDecision): boolean {
  const codes = d.reasonCodes.map((c) => c.trim()).filter((c) => c && !NEVER_A_REFUSAL.has(c));
  return !d.eligible && codes.length > 0 && codes.every((c) => !NOT_ABOUT_CHOICE.has(c));
}

/** Reasons that pass with time. */
const TEMPORARY = new Set(['NOT_FULFILLED', 'NOT_DELIVERED']);
/** Codes that only narrow the options (another reason is what refuses the line). */
const LIMITS = new Set(['EXCHANGE_ONLY', 'STORE_CREDIT_ONLY']);
/** A condition qualifies an eligible line; it is never why a line is refused. */
const NEVER_A_REFUSAL = new Set(['RETURN_CONDITION']);

/** The order reasons are told in: what no waiting changes first, the window, then "not yet". */
const ORDER = [
  'ORDER_CANCELLED',
  'ORDER_REFUNDED',
  'ALREADY_RETURNED',
  'RETURN_IN_PROGRESS',
  'GIFT_CARD',
  'INTERNATIONAL_NOT_ALLOWED',
  'FINAL_SALE',
  'EXCLUDED_CATEGORY',
  // the store's own codes go here
  'EXCHANGE_ONLY',
  'STORE_CREDIT_ONLY',
  'WINDOW_EXPIRED',
  'NOT_FULFILLED',
  'NOT_DELIVERED',
];
const CUSTOM_RANK = ORDER.indexOf('EXCLUDED_CATEGORY') + 0.5;
const rank = (code: string) => (ORDER.includes(code) ? ORDER.indexOf(code) : CUSTOM_RANK);

const KEYS: Record<string, TemplateKey> = {
  ORDER_CANCELLED: 'reason_order_cancelled',
  ORDER_REFUNDED: 'reason_order_refunded',
  NOT_FULFILLED: 'reason_not_fulfilled',
  NOT_DELIVERED: 'reason_not_delivered',
  ALREADY_RETURNED: 'reason_already_returned',
  GIFT_CARD: 'reason_gift_card',
  INTERNATIONAL_NOT_ALLOWED: 'reason_international',
  FINAL_SALE: 'reason_final_sale',
  EXCLUDED_CATEGORY: 'reason_excluded_category',
  EXCHANGE_ONLY: 'reason_exchange_only',
  STORE_CREDIT_ONLY: 'reason_store_credit_only',
};

/**
 * The distinct reasons a refused line can't be returned, in the order they are told. "Not shipped /
 * delivered yet" is left out next to a reason no waiting lifts (a gift card, a final-sale item, an
 * ended window, a cancelled order: it would promise a return that will never be possible), and only
 * one of the two is said.
 */
export function refusalReasons(d: LineDecision, lang: Lang, overrides: Overrides = {}): Reason[] {
  const codes = [...new Set(d.reasonCodes.map((c) => c.trim()).filter(Boolean))].filter(
    (c) => !NEVER_A_REFUSAL.has(c),
  );
  const final = codes.some((c) => !TEMPORARY.has(c) && !LIMITS.has(c));
  const kept = codes
    .filter((c) => !(TEMPORARY.has(c) && final))
    .filter((c) => !(c === 'NOT_DELIVERED' && codes.includes('NOT_FULFILLED')))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const t = (key: TemplateKey, vars?: Record<string, string>) => render(key, lang, vars, overrides);
  return kept.map((code) => ({ code, text: sentence(code, d, lang, t) }));
}

function sentence(
  code: string,
  d: LineDecision,
  lang: Lang,
  t: (key: TemplateKey, vars?: Record<string, string>) => string,
): string {
  if (code === 'WINDOW_EXPIRED') {
    if (!d.deadline) return t('reason_window_ended_undated');
    const date = longDate(d.deadline, lang);
    return d.exchangeDeadline && d.exchangeDeadline !== d.deadline
      ? t('reason_windows_ended', { date, exchange_date: longDate(d.exchangeDeadline, lang) })
      : t('reason_window_ended', { date });
  }
  if (code === 'RETURN_IN_PROGRESS')
    return d.returnRequestedOn
      ? t('reason_return_in_progress_on', { date: longDate(d.returnRequestedOn, lang) })
      : t('reason_return_in_progress');
  if (code === DEFECT_CLAIM) return t('reason_defect_claim');
  if (code === SAID_OPENED)
    return t('reason_said_opened', { condition: (d.conditions ?? []).join(' ') || d.explanation }).trim();
  const key = KEYS[code];
  return key ? t(key) : t('reason_other', { code });
}

/** The note of a refused line: its reasons, or the service's explanation when it gave no code. */
export function refusalNote(d: LineDecision, lang: Lang, overrides: Overrides = {}): string {
  const reasons = refusalReasons(d, lang, overrides);
  return reasons.length ? reasons.map((r) => r.text).join(' ') : d.explanation;
}
