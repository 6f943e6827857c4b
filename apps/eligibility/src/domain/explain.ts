// Human-readable explanations from reason codes, in Korean, Polish and English, with dates
// formatted for the locale (Intl.DateTimeFormat). Deadlines are calendar dates, formatted as such.
import type { Resolution } from './policy';

export type Lang = 'ko' | 'pl' | 'en';

export interface Explainable {
  eligible: boolean;
  deadline: string;
  exchangeDeadline: string;
  allowedResolutions: Resolution[];
  reasonCodes: string[];
  storeCreditBonusPercent: number;
}

interface Texts {
  notEligible: string;
  /** Every reason is temporary (not shipped / not delivered yet). */
  notYet: string;
  until: (date: string, list: string) => string;
  resolution: Record<Resolution, string>;
  bonus: (pct: number) => string;
  deny: Record<string, (d: { deadline: string; exchangeDeadline: string }) => string>;
  limit: Record<string, (d: { deadline: string; exchangeDeadline: string }) => string>;
  customDeny: (code: string) => string;
  customLimit: (code: string) => string;
}

const T: Record<Lang, Texts> = {
  en: {
    notEligible: 'This item cannot be returned.',
    notYet: "This item can't be returned yet.",
    until: (date, list) => `Can be requested until ${date}: ${list}.`,
    resolution: { REFUND: 'refund', EXCHANGE: 'exchange', STORE_CREDIT: 'store credit' },
    bonus: (p) => ` (+${p}% bonus)`,
    deny: {
      ORDER_CANCELLED: () => 'The order was cancelled.',
      ORDER_REFUNDED: () => 'The order has already been refunded in full.',
      NOT_DELIVERED: () => 'The item has not been delivered yet; the return window starts on delivery.',
      NOT_FULFILLED: () => 'The item has not been shipped yet.',
      ALREADY_RETURNED: () => 'Every unit of this item has already been returned or refunded.',
      GIFT_CARD: () => 'Gift cards cannot be returned.',
      INTERNATIONAL_NOT_ALLOWED: () => 'Orders shipped abroad cannot be returned.',
      FINAL_SALE: () => 'This is a final-sale item.',
      EXCLUDED_CATEGORY: () => 'This kind of product cannot be returned.',
      EXCHANGE_ONLY: () => 'This item can only be exchanged.',
      STORE_CREDIT_ONLY: () => 'This item can only be returned for store credit.',
      WINDOW_EXPIRED: (d) =>
        d.exchangeDeadline && d.exchangeDeadline !== d.deadline
          ? `The return window ended on ${d.deadline} and the exchange window on ${d.exchangeDeadline}.`
          : `The return window ended on ${d.deadline}.`,
    },
    limit: {
      GIFT_CARD: () => 'Gift cards have limited return options.',
      FINAL_SALE: () => 'This is a final-sale item, so return options are limited.',
      WINDOW_EXPIRED: (d) => `The window for refunds ended on ${d.deadline}.`,
    },
    customDeny: (c) => `The store's policy does not allow returning this item (${c}).`,
    customLimit: (c) => `The store's policy limits the options for this item (${c}).`,
  },
  ko: {
    notEligible: '이 상품은 반품할 수 없습니다.',
    notYet: '이 상품은 아직 반품할 수 없습니다.',
    until: (date, list) => `${date}까지 신청 가능: ${list}.`,
    resolution: { REFUND: '환불', EXCHANGE: '교환', STORE_CREDIT: '적립금' },
    bonus: (p) => `(+${p}% 보너스)`,
    deny: {
      ORDER_CANCELLED: () => '취소된 주문입니다.',
      ORDER_REFUNDED: () => '이미 전액 환불된 주문입니다.',
      NOT_DELIVERED: () => '아직 배송이 완료되지 않았습니다. 반품 기간은 배송 완료일부터 시작됩니다.',
      NOT_FULFILLED: () => '아직 발송되지 않은 상품입니다.',
      ALREADY_RETURNED: () => '이 상품은 이미 모두 반품 또는 환불되었습니다.',
      GIFT_CARD: () => '기프트 카드는 반품할 수 없습니다.',
      INTERNATIONAL_NOT_ALLOWED: () => '해외 배송 주문은 반품할 수 없습니다.',
      FINAL_SALE: () => '최종 세일 상품입니다.',
      EXCLUDED_CATEGORY: () => '반품이 제외된 상품 유형입니다.',
      EXCHANGE_ONLY: () => '이 상품은 교환만 가능합니다.',
      STORE_CREDIT_ONLY: () => '이 상품은 적립금으로만 환불됩니다.',
      WINDOW_EXPIRED: (d) =>
        d.exchangeDeadline && d.exchangeDeadline !== d.deadline
          ? `반품 기간은 ${d.deadline}에, 교환 기간은 ${d.exchangeDeadline}에 종료되었습니다.`
          : `반품 기간이 ${d.deadline}에 종료되었습니다.`,
    },
    limit: {
      GIFT_CARD: () => '기프트 카드는 반품 방법이 제한됩니다.',
      FINAL_SALE: () => '최종 세일 상품이라 반품 방법이 제한됩니다.',
      WINDOW_EXPIRED: (d) => `환불 가능 기간은 ${d.deadline}에 종료되었습니다.`,
    },
    customDeny: (c) => `스토어 정책에 따라 이 상품은 반품할 수 없습니다 (${c}).`,
    customLimit: (c) => `스토어 정책에 따라 이 상품의 반품 방법이 제한됩니다 (${c}).`,
  },
  pl: {
    notEligible: 'Tego produktu nie można zwrócić.',
    notYet: 'Tego produktu nie można jeszcze zwrócić.',
    until: (date, list) => `Można zgłosić do ${date}: ${list}.`,
    resolution: { REFUND: 'zwrot pieniędzy', EXCHANGE: 'wymiana', STORE_CREDIT: 'bon sklepowy' },
    bonus: (p) => ` (+${p}% bonusu)`,
    deny: {
      ORDER_CANCELLED: () => 'Zamówienie zostało anulowane.',
      ORDER_REFUNDED: () => 'Za to zamówienie zwrócono już całą kwotę.',
      NOT_DELIVERED: () => 'Produkt nie został jeszcze dostarczony; termin na zwrot liczy się od dostawy.',
      NOT_FULFILLED: () => 'Produkt nie został jeszcze wysłany.',
      ALREADY_RETURNED: () => 'Wszystkie sztuki tego produktu zostały już zwrócone lub zrefundowane.',
      GIFT_CARD: () => 'Kart podarunkowych nie można zwrócić.',
      INTERNATIONAL_NOT_ALLOWED: () => 'Zamówień wysłanych za granicę nie można zwrócić.',
      FINAL_SALE: () => 'To produkt z wyprzedaży końcowej.',
      EXCLUDED_CATEGORY: () => 'Ta kategoria produktów nie podlega zwrotowi.',
      EXCHANGE_ONLY: () => 'Ten produkt można tylko wymienić.',
      STORE_CREDIT_ONLY: () => 'Za ten produkt można otrzymać tylko bon sklepowy.',
      WINDOW_EXPIRED: (d) =>
        d.exchangeDeadline && d.exchangeDeadline !== d.deadline
          ? `Termin na zwrot minął ${d.deadline}, a termin na wymianę ${d.exchangeDeadline}.`
          : `Termin na zwrot minął ${d.deadline}.`,
    },
    limit: {
      GIFT_CARD: () => 'Dla kart podarunkowych opcje zwrotu są ograniczone.',
      FINAL_SALE: () => 'To produkt z wyprzedaży końcowej, więc opcje zwrotu są ograniczone.',
      WINDOW_EXPIRED: (d) => `Termin na zwrot pieniędzy minął ${d.deadline}.`,
    },
    customDeny: (c) => `Zasady sklepu nie pozwalają zwrócić tego produktu (${c}).`,
    customLimit: (c) => `Zasady sklepu ograniczają opcje zwrotu tego produktu (${c}).`,
  },
};

/** "ko-KR" → ko, "pl" → pl, anything else → en. */
export function langOf(locale: string): Lang {
  const l = locale.trim().toLowerCase().slice(0, 2);
  return l === 'ko' || l === 'pl' ? l : 'en';
}

const DEFAULT_TAG: Record<Lang, string> = { ko: 'ko-KR', pl: 'pl-PL', en: 'en-US' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date (YYYY-MM-DD) in the locale's long form: "2026년 1월 31일", "31 stycznia 2026", "January 31, 2026". */
export function formatDate(iso: string, locale: string): string {
  if (!iso) return '';
  const lang = langOf(locale);
  let tag = DEFAULT_TAG[lang];
  try {
    if (
      locale &&
      Intl.DateTimeFormat.supportedLocalesOf([locale]).length &&
      locale.toLowerCase().startsWith(lang)
    )
      tag = locale;
  } catch {
    // invalid tag: keep the language default
  }
  let f = dateFormats.get(tag);
  if (!f) {
    f = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(tag, f);
  }
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** Reasons that pass with time: the item is simply not shipped or delivered yet. */
const TEMPORARY = new Set(['NOT_FULFILLED', 'NOT_DELIVERED']);

/** True when an item is refused only for now (every reason is temporary). */
export function isNotYet(reasonCodes: readonly string[]): boolean {
  return reasonCodes.length > 0 && reasonCodes.every((c) => TEMPORARY.has(c));
}

export function explain(d: Explainable, locale: string): string {
  const lang = langOf(locale);
  const t = T[lang];
  const dates = {
    deadline: formatDate(d.deadline, locale),
    exchangeDeadline: formatDate(d.exchangeDeadline, locale),
  };
  const parts: string[] = [];
  if (!d.eligible) {
    parts.push(isNotYet(d.reasonCodes) ? t.notYet : t.notEligible);
    for (const c of d.reasonCodes) parts.push((t.deny[c] ?? (() => t.customDeny(c)))(dates));
    return parts.join(' ');
  }
  const name = (r: Resolution) =>
    r === 'STORE_CREDIT' && d.storeCreditBonusPercent > 0
      ? t.resolution[r] + t.bonus(d.storeCreditBonusPercent)
      : t.resolution[r];
  // Earliest deadline first: "refund until March 31. Exchange until April 30."
  const byDate = new Map<string, Resolution[]>();
  for (const r of d.allowedResolutions) {
    const iso = r === 'EXCHANGE' ? d.exchangeDeadline : d.deadline;
    byDate.set(iso, [...(byDate.get(iso) ?? []), r]);
  }
  for (const c of d.reasonCodes) parts.push((t.limit[c] ?? t.deny[c] ?? (() => t.customLimit(c)))(dates));
  for (const iso of [...byDate.keys()].sort())
    parts.push(t.until(formatDate(iso, locale), byDate.get(iso)!.map(name).join(', ')));
  return parts.join(' ');
}
