/** Entities the skill needs from free text: order references, emails, one-time codes. */

export interface Entities {
  orderRefs: string[];
  email?: string;
  code?: string;
  phone?: string;
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;
/**
 * A shop's prefix before the digits, as shoppers type it: "RF1001", "KR-1041", "RF 1001", "#RF 1003"
 * (a space only after two letters or more that are no word of their own: "order of 1001", "nr z 1001"
 * name no prefix).
 */
const PREFIX = String.raw`[A-Z]{1,4}-|(?!(?:of|on|in|at|is|to|my|no|nr|do|na|od|ze|za|the|for|was|and|from|dla|jest|with)\s)[A-Z]{2,4}\s?|[A-Z]`;
/** What follows an amount of money ("1,299 zł", "30,000원"): never an order number. */
const MONEY_AFTER = String.raw`(?:zł|zl\b|pln\b|usd\b|eur\b|krw\b|won\b|원|dollars?\b|%)`;
/**
 * An order name as Shopify writes it: the number with the shop's prefix and / or suffix, when it has
 * them ("#1041", "RG1041", "KR-1041", "#1041-A"). Never the first digits of a longer number or of a
 * date, a price, a phone number or a postal code ("601-234-567", "2026-11-13", "129.99", "00-950").
 */
const ORDER_NAME = String.raw`(\d{1,3}(?:,\d{3})+(?![\d.,]|\s*${MONEY_AFTER})|(?:${PREFIX})?\d{3,10}(?:-[A-Z\d]{1,3}(?![\d.,/:-])|[A-Z]{1,2})?)(?![A-Za-z\d]|[-./,:]\d)`;
// "#1001", "order 1001", "zamówienie nr 1001", "주문번호 1001", "주문 #1001", "order no. 1001", "order RG1041"
const ORDER_CUE = new RegExp(
  String.raw`(?:#\s*|\b(?:order|ord|zamówieni[ea]|zamowieni[ea]|zamówieniu|zamówieniem|nr\.?|no\.?|number|numer)\s*(?:nr\.?|no\.?|number|numer|#)?\s*:?\s*#?|주문\s*(?:번호)?\s*(?:는|은|:)?\s*#?\s*)` +
    ORDER_NAME,
  'giu',
);
// The number first: "1003번 주문", "1003 주문", "RG1041 주문".
const ORDER_CUE_AFTER = new RegExp(
  String.raw`(?<![\p{L}\d#-])((?:${PREFIX})?\d{3,10}(?:-[A-Z\d]{1,3})?)\s*(?:번\s*)?주문`,
  'giu',
);
/** A "number" that is a phone's, a postal code's or an account's: "phone number 555 0101", "kod pocztowy". */
const NOT_ORDER_BEFORE =
  /(?:phone|tel\.?|telefon\w*|komórk\w*|mobile|cell|zip|postal|post\s*code|postcode|pocztow\w*|konta|account|iban|전화\S*|휴대폰\S*|핸드폰\S*|연락처\S*|우편\S*|계좌\S*)\s*(?:number|numer|nr\.?|no\.?|번호\S*)?\s*(?:is|to|:|=|는|은|이|가)?\s*$/iu;
const MONTH =
  /(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|stycz\w*|lut\w*|mar(?:zec|ca)|kwie\w*|maj[a]?|czerw\w*|lip\w*|sierp\w*|wrze\w*|październik\w*|pazdziernik\w*|listopad\w*|grud\w*)\.?$/iu;
/**
 * A number on its own (no order cue) is an order number only when nothing around it says it is
 * something else: not a group of a longer number (phone, date, price, postal code: "601 234 567",
 * "13.11.2026", "$129", "129 zł", "39000원"), not a year ("in 2024", "November 2026", "2026년").
 */
function bareOrderNumber(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 16);
  if (/(?:[+$€£₩¥]|\d[-./:,]?\s?|[-./:,])$/u.test(before)) return false;
  if (/^(?:\s?[-./:,]?\s?\d|[-./:,])/u.test(after)) return false;
  if (
    /^\s*(?:zł|zl\b|złotych|zlotych|pln\b|usd\b|eur\b|gbp\b|krw\b|won\b|dollars?\b|bucks\b|원|만\s*원|천\s*원|달러|유로|%|년|월|일|r\.|rok\w*|roku\b|km\b|kg\b|cm\b|mm\b|ml\b|g\b|gb\b)/iu.test(
      after,
    )
  )
    return false;
  if (NOT_ORDER_BEFORE.test(before)) return false;
  const num = text.slice(start, end).replace(/^\D+/, '');
  if (
    /^(?:19|20)\d\d$/.test(num) &&
    /(?:\b(?:in|since|from|year|of|w|od|roku?|z)\s*|[\p{L}.]+\s+)$/iu.test(before)
  ) {
    const word = before.match(/([\p{L}.]+)\s+$/u)?.[1] ?? '';
    if (MONTH.test(word) || /^(?:in|since|from|year|of|w|od|rok|roku|z)$/i.test(word)) return false;
  }
  return true;
}
const CODE = /(?<![\d#])\d{6}(?!\d)/;
/** A code typed in two halves ("497 778", "497-778"): a code only when one is expected. */
const SPLIT_CODE = /(?<![\d#-])(\d{3})[ \u00a0\-–.](\d{3})(?![\d-])/;
// A bare order name: digits, or an uppercase prefix / suffix as the shop writes it ("RG1041", "KR-1041").
// Typed in lower case ("rf1002", "rf-1002") or with a space after an uppercase prefix ("RF 1002").
const BARE_NUMBER =
  /(?<![\p{L}\d#@._-])(?:[A-Za-z]{1,4}-?|[A-Z]{2,4} )?\d{3,10}(?:-[A-Z]{1,3})?(?![\p{L}\d@_-])/gu;
/** A currency's code before an amount ("PLN 1000", "USD 129"): no shop prefix. */
const CURRENCY_PREFIX = /^(?:pln|usd|eur|gbp|krw|jpy|chf|czk|cad|aud)\b/iu;

/**
 * An order name in one spelling: full-width digits and letters as ASCII (Korean and Japanese input
 * methods type "３０１０１"), uppercase, no "#", no space between prefix and digits, no thousands
 * separators ("30,102"). A hyphen stays: some shops write "KR-1041".
 */
export function normalOrderRef(ref: string): string {
  const t = ref.normalize('NFKC').trim().replace(/^#\s*/u, '').toUpperCase();
  if (/^\d{1,3}(?:,\d{3})+$/u.test(t)) return t.replace(/,/gu, '');
  return t.replace(/^([A-Z]+)\s+(?=\d)/u, '$1');
}

export function extractEntities(raw: string, opts: { expectingCode?: boolean } = {}): Entities {
  // Full-width digits and letters ("RF１００７", "#３０１０２") read as the ASCII ones.
  const text = raw.normalize('NFKC');
  const out: Entities = { orderRefs: [] };
  const email = text.match(EMAIL);
  if (email) out.email = email[0].toLowerCase();
  const withoutEmail = text.replace(EMAIL, ' ');
  for (const ref of cuedOrderRefs(withoutEmail)) if (!out.orderRefs.includes(ref)) out.orderRefs.push(ref);
  const code = withoutEmail.match(CODE);
  if (code && (opts.expectingCode || !out.orderRefs.includes(code[0]))) out.code = code[0];
  if (!out.code && opts.expectingCode) {
    const split = withoutEmail.match(SPLIT_CODE);
    if (split) out.code = `${split[1]}${split[2]}`;
  }
  if (out.orderRefs.length === 0 && !opts.expectingCode) {
    // A bare number is taken as an order reference (not a 6-digit code, which is a code only when expected).
    for (const m of withoutEmail.matchAll(BARE_NUMBER)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length > 8 || !bareOrderNumber(withoutEmail, m.index, m.index + m[0].length)) continue;
      if (CURRENCY_PREFIX.test(m[0])) continue;
      const ref = normalOrderRef(m[0]);
      if (!out.orderRefs.includes(ref)) out.orderRefs.push(ref);
    }
  }
  const phone = withoutEmail.match(/\+\d[\d\s-]{7,14}\d/);
  if (phone) out.phone = phone[0].replace(/[\s-]/g, '');
  if (out.code && out.orderRefs.includes(out.code) && opts.expectingCode) {
    out.orderRefs = out.orderRefs.filter((r) => r !== out.code);
  }
  return out;
}

/** Order references marked as such ("#1001", "order 1001", "zamówienie nr 1001", "1003번 주문"), no bare numbers. */
export function cuedOrderRefs(raw: string): string[] {
  const text = raw.normalize('NFKC');
  const refs: string[] = [];
  for (const re of [ORDER_CUE, ORDER_CUE_AFTER])
    for (const m of text.replace(EMAIL, ' ').matchAll(re)) {
      // "phone number 555…", "kod pocztowy nr …": a number, but not an order's.
      if (
        NOT_ORDER_BEFORE.test(
          text.replace(EMAIL, ' ').slice(Math.max(0, m.index - 40), m.index + (m[0].length - m[1]!.length)),
        )
      )
        continue;
      // Shop prefixes and suffixes are written in capitals ("rg1041" is RG1041).
      if (CURRENCY_PREFIX.test(m[1]!)) continue;
      const ref = normalOrderRef(m[1]!);
      if (!refs.includes(ref)) refs.push(ref);
    }
  return refs;
}
