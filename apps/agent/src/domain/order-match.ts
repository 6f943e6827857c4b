/**
 * Which of a shopper's recent orders their request is about, from their own words: "the boots from
 * my last order", "chcę oddać kurtkę", "지난번에 산 데님 팬츠". Deterministic and conservative: a
 * product word must match a word of a line item's title (inflection-tolerant), and "my last order"
 * means the newest one. No match → undefined (the shopper picks from the list as before).
 */
import { type Lang, unicodeWords } from './language';

export interface MatchableOrder {
  id: string;
  createdAt?: Date;
  lineItems: { title: string }[];
}

export interface OrderMatch<O> {
  /** The orders the request points at, newest first (one: go straight to it). */
  orders: O[];
  reason: 'latest' | 'product';
}

const LATEST: RegExp[] = [
  /\b(my |the )?(last|latest|most recent|newest|previous) (order|purchase|parcel|package|delivery)\b|\b(order|parcel|package) i (just )?(got|received|placed)\b/iu,
  /\bostatni\w* (zamówieni\w*|zakup\w*|paczk\w*|przesyłk\w*)|\bostatnio (zamówi|kupi)\w*/iu,
  /(지난번|지난|마지막|방금|가장\s*최근)\s*(에\s*)?(주문|구매|산|받은)/u,
].map(unicodeWords);

/** Words that never identify a product, whatever the catalogue says. */
const NOT_PRODUCT = new Set([
  'order',
  'orders',
  'item',
  'items',
  'product',
  'products',
  'return',
  'exchange',
  'refund',
  'size',
  'colour',
  'color',
  'sale',
  'final',
  'gift',
  'the',
  'and',
  'with',
  'for',
  'zamówienie',
  'produkt',
  'rozmiar',
  'kolor',
  '주문',
  '상품',
  '제품',
  '사이즈',
]);

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const HANGUL = /\p{Script=Hangul}/u;

/**
 * A title word found in the request. Korean: the word appears in the text (particles attach to the
 * end: "팬츠를"). Others: same word, or a shared stem covering all but the last two letters of both
 * (Polish and English inflection: kurtka/kurtkę, boots/boot, jeans/jean).
 */
function mentions(titleWord: string, requestWords: string[], requestText: string): boolean {
  if (NOT_PRODUCT.has(titleWord)) return false;
  if (HANGUL.test(titleWord)) return titleWord.length >= 2 && requestText.includes(titleWord);
  if (titleWord.length < 3) return false;
  return requestWords.some((w) => {
    if (w === titleWord) return true;
    if (w.length < 4 || NOT_PRODUCT.has(w)) return false;
    let common = 0;
    while (common < w.length && common < titleWord.length && w[common] === titleWord[common]) common++;
    return common >= 4 && common >= Math.max(w.length, titleWord.length) - 2;
  });
}

export function matchOrders<O extends MatchableOrder>(
  orders: O[],
  request: string | undefined,
  _lang?: Lang,
): OrderMatch<O> | undefined {
  if (!request || orders.length === 0) return undefined;
  const text = request.normalize('NFKC').toLowerCase();
  const requestWords = words(text);
  const newestFirst = [...orders].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
  const byProduct = newestFirst.filter((o) =>
    o.lineItems.some((l) => words(l.title).some((tw) => mentions(tw, requestWords, text))),
  );
  const latest = LATEST.some((re) => re.test(text));
  if (byProduct.length > 0) {
    // "the jeans from my last order": the newest order with jeans.
    return { orders: latest ? byProduct.slice(0, 1) : byProduct, reason: 'product' };
  }
  if (latest) return { orders: newestFirst.slice(0, 1), reason: 'latest' };
  return undefined;
}
