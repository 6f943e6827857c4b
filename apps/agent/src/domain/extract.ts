/** Entities the skill needs from free text: order references, emails, one-time codes. */

export interface Entities {
  orderRefs: string[];
  email?: string;
  code?: string;
  phone?: string;
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;
// "#1001", "order 1001", "zamówienie nr 1001", "주문번호 1001", "주문 #1001", "order no. 1001"
const ORDER_CUE =
  /(?:#\s*|\b(?:order|ord|zamówieni[ea]|zamowieni[ea]|zamówieniu|zamówieniem|nr\.?|no\.?|number|numer)\s*(?:nr\.?|no\.?|number|numer|#)?\s*:?\s*|주문\s*(?:번호)?\s*(?:는|은|:)?\s*#?\s*)([A-Z]{0,3}-?\d{3,10})/giu;
// The number first: "1003번 주문", "1003 주문".
const ORDER_CUE_AFTER = /(?<![\d#])([A-Z]{0,3}-?\d{3,10})\s*(?:번\s*)?주문/giu;
const CODE = /(?<![\d#])\d{6}(?!\d)/;
/** A code typed in two halves ("497 778", "497-778"): a code only when one is expected. */
const SPLIT_CODE = /(?<![\d#-])(\d{3})[ \u00a0\-–.](\d{3})(?![\d-])/;
const BARE_NUMBER = /(?<![\d#@.])\d{3,10}(?![\d@])/g;

export function extractEntities(text: string, opts: { expectingCode?: boolean } = {}): Entities {
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
      if (m[0].length >= 3 && m[0].length <= 8 && !/^\d{9,}$/.test(m[0])) out.orderRefs.push(m[0]);
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
export function cuedOrderRefs(text: string): string[] {
  const refs: string[] = [];
  for (const re of [ORDER_CUE, ORDER_CUE_AFTER])
    for (const m of text.replace(EMAIL, ' ').matchAll(re)) {
      const ref = m[1]!.replace(/^#/, '');
      if (!refs.includes(ref)) refs.push(ref);
    }
  return refs;
}
