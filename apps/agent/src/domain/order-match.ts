/**
 * Which of a shopper's recent orders their request is about, from their own words: "the boots from
 * my last order", "chcę oddać kurtkę", "지난번에 산 데님 팬츠". Deterministic and conservative: a
 * product word must match a word of a line item's title (inflection-tolerant), and "my last order"
 * means the newest one. No match → undefined (the shopper picks from the list as before).
 */
import { kindFit, productPhrases } from './glossary';
import { koreanMention, sameWord, stems } from './inflection';
import { type Lang, unicodeWords } from './language';

export interface MatchableOrder {
  id: string;
  createdAt?: Date;
  /** The day it was placed as the order list showed it (the brand's time zone), "YYYY-MM-DD". */
  day?: string;
  /** Where it was shipped (ISO country code), when known. */
  countryCode?: string;
  lineItems: { title: string }[];
}

export interface OrderMatch<O> {
  /** The orders the request points at, newest first (one: go straight to it). */
  orders: O[];
  reason: 'latest' | 'product' | 'date' | 'country';
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // Polish genitive ("20 listopada") and nominative stems.
  stycz: 1,
  lut: 2,
  marc: 3,
  kwie: 4,
  maj: 5,
  czerw: 6,
  lip: 7,
  sierp: 8,
  wrze: 9,
  paźdz: 10,
  pazdz: 10,
  listop: 11,
  grud: 12,
};

/**
 * The month and day a request names ("the one from nov 20", "20 listopada", "11월 20일", "2026-11-20",
 * "20.11"), or undefined. Only one date: two are no pick.
 */
export function mentionedDay(text: string): { month: number; day: number } | undefined {
  const t = text.normalize('NFKC').toLowerCase();
  const found: { month: number; day: number }[] = [];
  const month = (w: string) => {
    for (const [k, m] of Object.entries(MONTHS)) if (w.startsWith(k)) return m;
    return undefined;
  };
  for (const m of t.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/gu)) found.push({ month: +m[2]!, day: +m[3]! });
  for (const m of t.matchAll(/(\d{1,2})\s*월\s*(\d{1,2})\s*일/gu)) found.push({ month: +m[1]!, day: +m[2]! });
  for (const m of t.matchAll(/(?<![\p{L}\p{N}])(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\p{N}])/gu)) {
    const mo = month(m[1]!);
    if (mo) found.push({ month: mo, day: +m[2]! });
  }
  for (const m of t.matchAll(/(?<![\p{N}.#])(\d{1,2})(?:st|nd|rd|th)?\.?\s+(\p{L}{3,})/gu)) {
    const mo = month(m[2]!);
    if (mo) found.push({ month: mo, day: +m[1]! });
  }
  // "20.11" (day.month, as in Polish): only with a dot and no year-like neighbour.
  for (const m of t.matchAll(/(?<![\p{N}.#])(\d{1,2})\.(\d{1,2})(?![\p{N}.])/gu))
    found.push({ month: +m[2]!, day: +m[1]! });
  const valid = found.filter((d) => d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31);
  const distinct = new Set(valid.map((d) => `${d.month}-${d.day}`));
  return distinct.size === 1 ? valid[0] : undefined;
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
  'from',
  'zamówienie',
  'produkt',
  'rozmiar',
  'kolor',
  'zwrot',
  'wymiana',
  'dla',
  'oraz',
  'bez',
  '주문',
  '상품',
  '제품',
  '사이즈',
  '반품',
  '교환',
  '환불',
]);

/** The stems of those words ("zamówienia", "produktu", "rozmiarze" name no product either). */
const NOT_PRODUCT_STEMS = new Set([...NOT_PRODUCT].flatMap((w) => [...stems(w)]));

function notProduct(word: string, lang?: Lang): boolean {
  if (NOT_PRODUCT.has(word)) return true;
  for (const s of stems(word, lang)) if (s.length > 3 && NOT_PRODUCT_STEMS.has(s)) return true;
  return false;
}

function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      // "jeans를", "코트랑": a Latin word and Hangul written together are two words.
      .replace(/(\p{Script=Latin})(?=\p{Script=Hangul})|(\p{Script=Hangul})(?=\p{Script=Latin})/gu, '$1$2 ')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
  );
}

const HANGUL = /\p{Script=Hangul}/u;

/**
 * A title word found in the request. Korean: a word of the request is that word with particles or an
 * ending ("팬츠를", not "브라운" for "브라": koreanMention), or, particles dropped, the head of a
 * compound title word ("셔츠를" ~ "린넨셔츠"). Others: the same word up to inflection (Polish cases "z butami trekkingowymi" ~ "Buty
 * trekkingowe", "w kurtce" ~ "Kurtka"; English plurals), or a shared stem covering all but the last
 * two letters of both.
 */
function mentions(
  titleWord: string,
  requestWords: string[],
  lang?: Lang,
  titleWords: readonly string[] = [],
): boolean {
  if (NOT_PRODUCT.has(titleWord)) return false;
  if (HANGUL.test(titleWord)) return koreanMention(titleWord, requestWords, NOT_PRODUCT, titleWords);
  if (titleWord.length < 3 || notProduct(titleWord, lang)) return false;
  return requestWords.some((w) => {
    if (w === titleWord) return true;
    if (w.length < 4 || notProduct(w, lang)) return false;
    if (sameWord(titleWord, w, lang)) return true;
    let common = 0;
    while (common < w.length && common < titleWord.length && w[common] === titleWord[common]) common++;
    return common >= 4 && common >= Math.max(w.length, titleWord.length) - 2;
  });
}

export function matchOrders<O extends MatchableOrder>(
  orders: O[],
  request: string | undefined,
  lang?: Lang,
): OrderMatch<O> | undefined {
  if (!request || orders.length === 0) return undefined;
  const text = request.normalize('NFKC').toLowerCase();
  const requestWords = words(text);
  const newestFirst = [...orders].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
  // The orders naming the most of the request's product words: "the tent and the GPS" is the order
  // with both, not every order with a tent. As for the lines of one order (items.ts), a line is named
  // by a word of its title or, in another language, by its kind ("the lipstick" ~ "Pomadka matowa"):
  // a line no word of the request names counts each product it fits (the kind, and each describing
  // noun it shares: "the watch band" fits "스마트워치 밴드" better than "Sport band"). Between orders
  // naming as much, the title's own words tell first ("swetra" is the "Sweter", not the "Cardigan"
  // that is a sweater too); orders still alike are all offered, never one guessed.
  const kinds = productPhrases(text, lang);
  const named = newestFirst.map((o) => {
    const hits = new Set<string>();
    const byKind: number[] = kinds.map(() => 0);
    for (const l of o.lineItems) {
      const tws = words(l.title);
      const said = tws.filter((tw) => mentions(tw, requestWords, lang, tws));
      for (const tw of said) hits.add(tw);
      if (said.length) continue;
      kindFit(kinds, l.title).forEach((f, k) => {
        byKind[k] = Math.max(byKind[k]!, f);
      });
    }
    return { o, words: hits.size, all: hits.size + byKind.reduce((a, b) => a + b, 0) };
  });
  const most = Math.max(0, ...named.map((n) => n.all));
  const mostWords = Math.max(0, ...named.filter((n) => n.all === most).map((n) => n.words));
  const byProduct =
    most > 0 ? named.filter((n) => n.all === most && n.words === mostWords).map((n) => n.o) : [];
  // "the one I sent to Japan", "일본으로 보낸 주문", "wysłane do Japonii": only when it tells orders apart.
  const byCountry = newestFirst.filter(
    (o) => o.countryCode && countryNamed(o.countryCode, requestWords, text),
  );
  if (byCountry.length > 0 && byCountry.length < newestFirst.length && byProduct.length === 0)
    return { orders: byCountry, reason: 'country' };
  const latest = LATEST.some((re) => re.test(text));
  // "the one from nov 20": the order placed that day (as the order list shows it: the brand's day,
  // else UTC).
  const day = mentionedDay(text);
  if (day) {
    const onDay = newestFirst.filter((o) => {
      const [m, d] = o.day
        ? o.day.slice(5).split('-').map(Number)
        : o.createdAt
          ? [o.createdAt.getUTCMonth() + 1, o.createdAt.getUTCDate()]
          : [];
      return m === day.month && d === day.day;
    });
    if (onDay.length > 0) return { orders: onDay, reason: 'date' };
  }
  if (byProduct.length > 0) {
    // "the jeans from my last order": the newest order with jeans.
    return { orders: latest ? byProduct.slice(0, 1) : byProduct, reason: 'product' };
  }
  if (latest) return { orders: newestFirst.slice(0, 1), reason: 'latest' };
  return undefined;
}

const COUNTRY_NAMES = new Map<string, string[][]>();

/** A country's name in English, Korean and Polish, as words ("united states", "일본", "japonia"). */
function countryNames(code: string): string[][] {
  const known = COUNTRY_NAMES.get(code);
  if (known) return known;
  const names: string[][] = [];
  for (const locale of ['en', 'ko', 'pl']) {
    try {
      const name = new Intl.DisplayNames([locale], { type: 'region' }).of(code.toUpperCase());
      if (name && name.toUpperCase() !== code.toUpperCase()) names.push(words(name));
    } catch {
      // Not a region code: no names.
    }
  }
  COUNTRY_NAMES.set(code, names);
  return names;
}

/** The request names the country (every word of one of its names, inflected: "do Japonii", "일본으로"). */
function countryNamed(code: string, requestWords: string[], text: string): boolean {
  return countryNames(code).some(
    (name) =>
      name.length > 0 &&
      name.every((nw) =>
        HANGUL.test(nw)
          ? text.includes(nw)
          : requestWords.some((w) => {
              if (w === nw) return true;
              if (w.length < 4 || nw.length < 4) return false;
              let common = 0;
              while (common < w.length && common < nw.length && w[common] === nw[common]) common++;
              return common >= 4 && common >= Math.max(w.length, nw.length) - 2;
            }),
      ),
  );
}

/**
 * Whether the text names a product by a word of its title ("kosmetyczkę" ~ "Kosmetyczka welurowa",
 * "헤드폰만" ~ "오버이어 헤드폰 H7", "perfumy" ~ "Woda perfumowana": within one order a shared stem
 * of five letters or more, all but the last two of the shorter word, is enough).
 */
export function titleMentioned(title: string, text: string, lang?: Lang): boolean {
  const t = text.normalize('NFKC').toLowerCase();
  const requestWords = words(t);
  const tws = words(title);
  return tws.some(
    (tw) =>
      mentions(tw, requestWords, lang, tws) ||
      (!HANGUL.test(tw) &&
        tw.length >= 5 &&
        !notProduct(tw, lang) &&
        requestWords.some((w) => {
          if (w.length < 5 || notProduct(w, lang)) return false;
          let common = 0;
          while (common < w.length && common < tw.length && w[common] === tw[common]) common++;
          return common >= 5 && common >= Math.min(w.length, tw.length) - 2;
        })),
  );
}
