// Human-readable explanations from reason codes, in Korean, Polish and English, with dates
// formatted for the locale (Intl.DateTimeFormat). Deadlines are calendar dates, formatted as such.
import type { ConditionKind, ConditionSpec, Resolution } from './policy';

export type Lang = 'ko' | 'pl' | 'en';

export interface Explainable {
  eligible: boolean;
  deadline: string;
  exchangeDeadline: string;
  allowedResolutions: Resolution[];
  reasonCodes: string[];
  storeCreditBonusPercent: number;
  /** Quantities and the date an open return was requested (older callers may leave them out). */
  quantity?: number;
  returnableQuantity?: number;
  returnedQuantity?: number;
  inReturnQuantity?: number;
  returnRequestedOn?: string;
  conditions?: ConditionSpec[];
}

/** What the texts may use besides the deadlines. */
interface Details {
  deadline: string;
  exchangeDeadline: string;
  /** Formatted date the open return was requested ('' when unknown). */
  requestedOn: string;
  quantity: number;
  returned: number;
  inReturn: number;
  left: number;
}

interface Texts {
  notEligible: string;
  /** Every reason is temporary (not shipped / not delivered yet). */
  notYet: string;
  until: (date: string, list: string) => string;
  resolution: Record<Resolution, string>;
  bonus: (pct: number) => string;
  deny: Record<string, (d: Details) => string>;
  limit: Record<string, (d: Details) => string>;
  customDeny: (code: string) => string;
  customLimit: (code: string) => string;
  /** "N can still be returned", after partial quantities. */
  left: (n: number) => string;
  /** One sentence per built-in condition. */
  condition: Record<ConditionKind, string>;
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
      RETURN_IN_PROGRESS: (d) =>
        `A return for this item is already in progress${d.requestedOn ? ` (requested on ${d.requestedOn})` : ''}, so another one can't be started.`,
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
      ALREADY_RETURNED: (d) => `${d.returned} of ${d.quantity} already returned or refunded.`,
      RETURN_IN_PROGRESS: (d) =>
        `${d.inReturn} of ${d.quantity} already in a return${d.requestedOn ? ` requested on ${d.requestedOn}` : ''}.`,
    },
    customDeny: (c) => `The store's policy does not allow returning this item (${c}).`,
    customLimit: (c) => `The store's policy limits the options for this item (${c}).`,
    left: (n) => `${n} can still be returned.`,
    condition: {
      unopened: 'Returnable only if the packaging has not been opened.',
      hygiene_seal_intact: 'Returnable only if the hygiene liner or seal is intact.',
      unworn: 'Returnable only if the item is unworn and unwashed.',
      tags_attached: 'Returnable only with the original tags still attached.',
      original_packaging: 'Returnable only in the original, complete packaging.',
      unused: 'Returnable only if the item is unused.',
    },
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
      RETURN_IN_PROGRESS: (d) =>
        `이 상품은 이미 반품이 진행 중입니다${d.requestedOn ? `(${d.requestedOn} 신청)` : ''}. 반품을 새로 신청할 수 없습니다.`,
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
      ALREADY_RETURNED: (d) => `${d.quantity}개 중 ${d.returned}개는 이미 반품 또는 환불되었습니다.`,
      RETURN_IN_PROGRESS: (d) =>
        `${d.quantity}개 중 ${d.inReturn}개는 이미 반품이 진행 중입니다${d.requestedOn ? `(${d.requestedOn} 신청)` : ''}.`,
    },
    customDeny: (c) => `스토어 정책에 따라 이 상품은 반품할 수 없습니다 (${c}).`,
    customLimit: (c) => `스토어 정책에 따라 이 상품의 반품 방법이 제한됩니다 (${c}).`,
    left: (n) => `${n}개는 아직 반품할 수 있습니다.`,
    condition: {
      unopened: '포장을 개봉하지 않은 경우에만 반품할 수 있습니다.',
      hygiene_seal_intact: '위생 라이너(보호 씰)가 훼손되지 않은 경우에만 반품할 수 있습니다.',
      unworn: '착용하거나 세탁하지 않은 경우에만 반품할 수 있습니다.',
      tags_attached: '택(라벨)이 그대로 부착된 경우에만 반품할 수 있습니다.',
      original_packaging: '원래 포장과 구성품을 모두 갖춘 경우에만 반품할 수 있습니다.',
      unused: '사용하지 않은 경우에만 반품할 수 있습니다.',
    },
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
      RETURN_IN_PROGRESS: (d) =>
        `Zwrot tego produktu jest już w toku${d.requestedOn ? ` (zgłoszony ${d.requestedOn})` : ''}, więc nie można rozpocząć kolejnego.`,
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
      ALREADY_RETURNED: (d) => `${d.returned} z ${d.quantity} szt. zwrócono lub zrefundowano już wcześniej.`,
      RETURN_IN_PROGRESS: (d) =>
        `${d.inReturn} z ${d.quantity} szt. jest już w zwrocie${d.requestedOn ? ` zgłoszonym ${d.requestedOn}` : ''}.`,
    },
    customDeny: (c) => `Zasady sklepu nie pozwalają zwrócić tego produktu (${c}).`,
    customLimit: (c) => `Zasady sklepu ograniczają opcje zwrotu tego produktu (${c}).`,
    left: (n) => `Pozostałe ${n} szt. można jeszcze zwrócić.`,
    condition: {
      unopened: 'Zwrot możliwy tylko wtedy, gdy opakowanie nie zostało otwarte.',
      hygiene_seal_intact: 'Zwrot możliwy tylko wtedy, gdy wkładka higieniczna lub plomba jest nienaruszona.',
      unworn: 'Zwrot możliwy tylko wtedy, gdy produkt nie był noszony ani prany.',
      tags_attached: 'Zwrot możliwy tylko z oryginalnymi metkami.',
      original_packaging: 'Zwrot możliwy tylko w oryginalnym, kompletnym opakowaniu.',
      unused: 'Zwrot możliwy tylko wtedy, gdy produkt jest nieużywany.',
    },
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

/**
 * A condition's sentence in the locale: a built-in kind's own text, or the tenant's sentence in
 * that language (else English, else any language it was given in).
 */
export function conditionText(c: ConditionSpec, locale: string): string {
  const lang = langOf(locale);
  const builtIn = T[lang].condition[c.code.toLowerCase() as ConditionKind];
  if (builtIn && !c.text) return builtIn;
  return c.text?.[lang] ?? c.text?.en ?? c.text?.ko ?? c.text?.pl ?? c.code;
}

export function explain(d: Explainable, locale: string): string {
  const lang = langOf(locale);
  const t = T[lang];
  const quantity = d.quantity ?? 0;
  const dates: Details = {
    deadline: formatDate(d.deadline, locale),
    exchangeDeadline: formatDate(d.exchangeDeadline, locale),
    requestedOn: formatDate(d.returnRequestedOn ?? '', locale),
    quantity,
    returned: d.returnedQuantity ?? 0,
    inReturn: d.inReturnQuantity ?? 0,
    left: d.returnableQuantity ?? 0,
  };
  const parts: string[] = [];
  if (!d.eligible) {
    // Being returned already is not a refusal of the item: no "cannot be returned" before it.
    const onlyInProgress = d.reasonCodes.length === 1 && d.reasonCodes[0] === 'RETURN_IN_PROGRESS';
    if (!onlyInProgress) parts.push(isNotYet(d.reasonCodes) ? t.notYet : t.notEligible);
    // Something that waiting does not change (a cancelled order, a gift card, a final sale…):
    // "not delivered yet, the window starts on delivery" would suggest that waiting helps.
    const final = d.reasonCodes.some(
      (c) => !TEMPORARY.has(c) && c !== 'RETURN_CONDITION' && c !== 'RETURN_IN_PROGRESS',
    );
    for (const c of d.reasonCodes) {
      if (c === 'RETURN_CONDITION') continue; // a condition qualifies eligible items only
      if (final && TEMPORARY.has(c)) continue;
      parts.push((t.deny[c] ?? (() => t.customDeny(c)))(dates));
    }
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
  for (const c of d.reasonCodes) {
    if (c === 'RETURN_CONDITION') continue;
    parts.push((t.limit[c] ?? t.deny[c] ?? (() => t.customLimit(c)))(dates));
  }
  if (quantity > 0 && dates.left > 0 && dates.left < quantity) parts.push(t.left(dates.left));
  for (const c of d.conditions ?? []) parts.push(conditionText(c, locale));
  for (const iso of [...byDate.keys()].sort())
    parts.push(t.until(formatDate(iso, locale), byDate.get(iso)!.map(name).join(', ')));
  return parts.join(' ');
}
