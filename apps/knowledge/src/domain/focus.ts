import { fold, KO_PARTICLES, type WordToken } from './text';

/**
 * The question's **central concept**: what it asks about, as opposed to the words around it. "Can I pay in
 * instalments?" asks about instalments ("pay" only says that paying is meant), "Can I change the delivery
 * address?" about changing it, "What are your store opening hours?" about store opening hours, "적립금
 * 유효기간이 있나요?" about the validity period of points, "Czy mogę zmienić adres dostawy?" about changing. A
 * sentence that shares the question's other words ("International customers also pay any import duties",
 * "Standard delivery costs £3.95", "…within 48 hours") but not these does not answer it, however much of the
 * question it covers.
 *
 * It is read from the question's form, in English, Polish and Korean:
 * - a yes/no question asking whether an action is possible or needed — "Can I / Is it possible to / Do I
 *   have to …", "Czy mogę / można / da się / muszę …", "…할 수 있나요 / 가능한가요 / …되나요 / 해 주시나요" —
 *   is about the action (its verb), unless the verb is a light one that only carries its object ("get",
 *   "pay", "offer", "mieć", "zapłacić", "결제하다", "신청하다"): then about the object;
 * - "Do you / Czy macie / oferujecie … X?", "Is there X?", "What is X?", "Jaki jest X?", "How much is X?",
 *   "How many X…?", "Ile kosztuje X?", "X이 있나요 / X은 얼마인가요 / X은 어떻게 되나요 / 어떻게 하나요?" are
 *   about the noun phrase X: its head and the words that narrow it — in English the words before the head
 *   ("store opening hours"), in Polish the head and what follows it ("adres dostawy", but not the adjective
 *   of "druga wymiana"), in Korean the nouns written before it without a particle ("매장 영업시간"). Words
 *   that only say what kind of fact is asked ("fee", "window", "termin", "기간", "기준", "formy") or name any
 *   goods ("item", "towar", "상품") are left out: "restocking fee" → restocking, "termin ważności" → ważności,
 *   "무료 배송 기준" → 무료 배송.
 * Other questions (when, how long, who, where, why…) have no focus read here: their content words and their
 * type decide as before.
 */
export interface Focus {
  /** Index of the word in the question's tokens. */
  at: number;
  /** A Korean word's part that names the concept: "반품할" → "반품", "네이버페이로" → "네이버페이". */
  stem?: string;
  /** The words of its noun phrase ("wysyłkę zwrotu", "return shipping"), itself included. */
  span: number[];
  /** What is said of the subject ("refunded" in "Is the fee refunded?"): met only by text saying it, not by a related topic. */
  predicate?: boolean;
}

const HANGUL = /[\uac00-\ud7af]/u;

/** What follows a noun that makes it a verb, an adjective or a copula ("반품하면", "발급되나요", "품절이면"). */
const KO_ENDING =
  /^(하|해|할|한|했|합|함|되|돼|될|된|됐|됨|됩|받|시키|드리|드릴|이면|이라|인가|인지|인데|입니|이에요|이예요|예요|가능)/u;

/** A Korean word without its particle. */
export function koBare(word: string): string {
  for (const p of KO_PARTICLES)
    if (word.endsWith(p) && word.length - p.length >= 1) return word.slice(0, word.length - p.length);
  return word;
}

/** The noun a Korean word is built on: "반품하면" → 반품, "발급되나요" → 발급, "네이버페이로" → 네이버페이. */
export function koStem(word: string): string {
  const bare = koBare(word);
  for (let i = 2; i < bare.length; i++) if (KO_ENDING.test(bare.slice(i))) return bare.slice(0, i);
  return bare;
}

/** A Korean verb or adjective form ("반품하면", "바뀌어서", "사용한"), not a noun of a compound. */
function koVerbForm(word: string): boolean {
  const bare = koBare(word);
  return (
    koStem(word) !== bare || /(어서|아서|해서|고|면|는데|니까|려고|려면|도록|게|한|은|는|던)$/u.test(bare)
  );
}

/** Endings that join a Korean verb to what follows ("보내면", "버리고", "입어서", "바꾸려면"): the verb's stem is before them. */
const KO_CONNECTIVE = /(으려면|려면|으면|면|으니까|니까|는데|려고|어서|아서|고|서)$/u;

/**
 * The stem of a Korean verb form with a connective ending ("보내면" → 보내, "바꾸려고" → 바꾸), when it is at least two
 * syllables (a one-syllable stem, "입으면" → 입, is too short to recognise in other forms); undefined otherwise.
 */
export function koVerbStem(word: string): string | undefined {
  if (!HANGUL.test(word) || koStem(word) !== koBare(word)) return undefined;
  const m = KO_CONNECTIVE.exec(word);
  if (!m) return undefined;
  const stem = word.slice(0, m.index);
  return stem.length >= 2 && /^[\uac00-\ud7af]+$/u.test(stem) ? stem : undefined;
}

/**
 * Whether a Korean word is a form of the verb `stem`: it starts with the stem, or with the stem whose last syllable
 * took a final consonant ("보낼", "보낸", "보냅니다" are forms of 보내; "바꿀", "바꾼" of 바꾸).
 */
export function koVerbFormOf(word: string, stem: string): boolean {
  if (word.startsWith(stem)) return true;
  const n = stem.length;
  if (word.length < n || word.slice(0, n - 1) !== stem.slice(0, n - 1)) return false;
  const last = stem.charCodeAt(n - 1) - 0xac00;
  const got = word.charCodeAt(n - 1) - 0xac00;
  if (last < 0 || got < 0 || last > 11171 || got > 11171 || last % 28 !== 0) return false;
  return got - (got % 28) === last;
}

/** A Korean word that carries a particle marking a noun phrase (subject, topic, object, means). */
function koParticle(word: string): string {
  const bare = koBare(word);
  return word.slice(bare.length);
}

// Light verbs: they say that something is done, their object says what ("get a refund", "pay in instalments",
// "offer engraving", "mieć metki", "zapłacić blikiem", "네이버페이로 결제하다", "반품 신청하다").
const LIGHT_EN = new Set([
  'get',
  'have',
  'do',
  'make',
  'take',
  'use',
  'give',
  'send',
  'put',
  'receive',
  'see',
  'find',
  'pay',
  'offer',
  'accept',
  'provide',
  'sell',
  'allow',
  'let',
  'start',
  'begin',
  'request',
  'ask',
  'apply',
  'keep',
  'bring',
  'buy',
  'order',
  'place',
  'be',
  'support',
  'issue',
  'charge',
  'need',
  'want',
  'know',
]);
const LIGHT_PL = new Set([
  'miec',
  'dostac',
  'otrzymac',
  'zrobic',
  'uzyskac',
  'placic',
  'zaplacic',
  'oplacic',
  'wyslac',
  'dac',
  'wziac',
  'skorzystac',
  'uzywac',
  'uzyc',
  'zamowic',
  'zlozyc',
  'poprosic',
  'prosic',
  'zglosic',
  'wystawic',
  'macie',
  'mamy',
  'ma',
  'oferujecie',
  'oferuje',
  'prowadzicie',
  'przyjmujecie',
  'akceptujecie',
  'zapewniacie',
  'dajecie',
  'robicie',
  'sprzedajecie',
  'wystawiacie',
  'udostepniacie',
  'honorujecie',
  'obslugujecie',
  'uzywacie',
  'stosujecie',
]);
const LIGHT_KO = new Set([
  '하',
  '할',
  '해',
  '받',
  '받을',
  '쓸',
  '사용',
  '이용',
  '결제',
  '계산',
  '지불',
  '신청',
  '요청',
  '접수',
  '주문',
  '구매',
  '보내',
  '보낼',
  '볼',
  '제공',
]);
// Light nouns: they say what kind of fact is asked ("the minimum", "formy płatności", "배송 기준"), the word
// qualifying them says what about.
const LIGHT_NOUN_EN = new Set([
  'way',
  'ways',
  'kind',
  'kinds',
  'type',
  'types',
  'sort',
  'form',
  'forms',
  'method',
  'methods',
  'option',
  'options',
  'process',
  'procedure',
  'rule',
  'rules',
  'policy',
  'policies',
  'condition',
  'conditions',
  'terms',
  'amount',
  'number',
  'minimum',
  'maximum',
  'threshold',
  'limit',
  'price',
  'prices',
  'cost',
  'costs',
  'fee',
  'fees',
  'charge',
  'charges',
  'time',
  'times',
  'period',
  'window',
  'deadline',
  'date',
  'length',
  'rate',
  // What any rule is about: goods, an order ("the item", "my purchase") narrow nothing.
  'item',
  'items',
  'product',
  'products',
  'goods',
  'thing',
  'things',
  'stuff',
  'article',
  'articles',
  'merchandise',
  'purchase',
  'purchases',
  'order',
  'orders',
]);
const LIGHT_NOUN_PL =
  /^(sposob\p{L}*|form[aey]?|formach|rodza\p{L}*|metod\p{L}*|opcj\p{L}*|procedur\p{L}*|zasad\p{L}*|warun\p{L}*|kwot\p{L}*|prog\p{L}*|minim\p{L}*|termin\p{L}*|czas\p{L}*|koszt\p{L}*|cen[aeyi]|opla?t\p{L}*|liczb\p{L}*|ilosc\p{L}*|okres\p{L}*|polityk\p{L}*|regulamin\p{L}*|towar\p{L}*|produkt\p{L}*|rzecz\p{L}*|przedmiot\p{L}*|artyku\p{L}*|zamowien\p{L}*|zakup\p{L}*)$/u;
const LIGHT_NOUN_KO = new Set([
  '방법',
  '종류',
  '절차',
  '조건',
  '기준',
  '금액',
  '방식',
  '시간',
  '여부',
  '내용',
  '규정',
  '정책',
  '기간',
  '기한',
  '비용',
  '요금',
  '수수료',
  '가격',
  '상품',
  '제품',
  '물건',
  '주문',
  '구매',
]);

/** Adverbs between a modal and its verb ("Can I still…", "Czy mogę też…"). */
const ADVERBS = new Set([
  'still',
  'also',
  'just',
  'even',
  'ever',
  'really',
  'please',
  'actually',
  'then',
  'already',
  'simply',
  'tez',
  'rowniez',
  'jeszcze',
  'nadal',
  'juz',
  'teraz',
  'wciaz',
  'takze',
  'sam',
  'sama',
  'sami',
]);

/** The last sentence of the message that asks something (the question among the facts given before it). */
function askingRange(tokens: WordToken[], text: string): [number, number] {
  const ends: number[] = [];
  const re = /[?？.!。]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) ends.push(m.index);
  // Sentences as [start, end) offsets; the last one ending in "?" (else the last one).
  const spans: [number, number, boolean][] = [];
  let start = 0;
  for (const e of ends) {
    spans.push([start, e, text[e] === '?' || text[e] === '？']);
    start = e + 1;
  }
  if (text.slice(start).trim()) spans.push([start, text.length, false]);
  const asked = [...spans].reverse().find((s) => s[2]) ?? spans[spans.length - 1];
  if (!asked) return [0, tokens.length];
  const from = tokens.findIndex((t) => t.index >= asked[0]);
  let to = tokens.findIndex((t) => t.index >= asked[1]);
  if (to < 0) to = tokens.length;
  return [from < 0 ? tokens.length : from, to];
}

export interface FocusOptions {
  /** Whether the word at a token index only says what kind of fact is asked (a cue of the question's type). */
  cue(at: number): boolean;
  /** Whether the word at a token index is part of a glossary phrase ("send back", "store credit"). */
  phrase(at: number): boolean;
}

/** The question's central concept (usually one word), or none when its form says nothing about it. */
export function questionFocus(tokens: WordToken[], text: string, options: FocusOptions): Focus[] {
  const [from, to] = askingRange(tokens, text);
  if (from >= to) return [];
  const words = tokens.slice(from, to);
  if (words.some((w) => HANGUL.test(w.surface))) return koFocus(words, from, options);
  const first = fold(words[0]!.surface);
  if (first === 'czy' || POLISH_START.test(first) || words.some((w) => POLISH_MODAL.test(fold(w.surface))))
    return plFocus(words, from, options);
  return enFocus(words, from, options);
}

const POLISH_START = /^(jaki|jaka|jakie|jakich|ile|ktory|ktora|ktore)$/u;
const POLISH_MODAL = /^(moge|mozemy|mozna|musze|musimy|musi|trzeba|nalezy|moglbym|moglabym|mozecie)$/u;

function enFocus(words: WordToken[], offset: number, options: FocusOptions): Focus[] {
  const low = words.map((w) => w.surface.toLowerCase().replace(/’/gu, "'"));
  const at = (i: number) => low[i] ?? '';
  const is = (i: number, ...xs: string[]) => xs.includes(at(i));
  /** The first word at or after i that is not an adverb. */
  const skipAdverbs = (i: number) => {
    while (i < words.length && ADVERBS.has(at(i))) i++;
    return i;
  };
  const verbAt = (i: number): Focus[] => {
    i = skipAdverbs(i);
    const w = words[i];
    if (!w) return [];
    // "send it back", "store credit": a glossary phrase names its own concept.
    if ((w.stop || LIGHT_EN.has(at(i))) && !options.phrase(offset + i)) return nounPhrase(i + 1);
    return [{ at: offset + i, span: [offset + i] }];
  };
  // The head of the noun phrase starting at or after i: "your store opening hours" → hours.
  const nounPhrase = (i: number, participle = true): Focus[] => {
    while (i < words.length && words[i]!.stop) i++;
    const run: number[] = [];
    while (i < words.length && !words[i]!.stop && words[i]!.terms.length) run.push(i++);
    if (!run.length) return [];
    // "How much is deducted for…": not a noun phrase.
    if (!participle && /ed$/u.test(at(run[run.length - 1]!))) return [];
    // Its head and the words that narrow it: "store hours" are not any hours.
    const heads = run.filter((j) => !LIGHT_NOUN_EN.has(at(j)) && !options.cue(offset + j));
    const span = run.map((j) => offset + j);
    if (heads.length) return heads.map((j) => ({ at: offset + j, span }));
    // Only a light noun ("Is there a fee for returns from Canada?"): what it is for.
    if (is(i, 'for', 'of', 'on', 'to', 'with', 'in')) return nounPhrase(i + 1);
    return [];
  };
  // "Can I / Could we / May I / Must I / Should I …"
  if (is(0, 'can', 'could', 'may', 'might', 'must', 'should', 'shall') && is(1, 'i', 'we')) return verbAt(2);
  // "Do I have to / Will I need to / Do we need to …"
  if (
    is(0, 'do', 'does', 'did', 'will', 'would') &&
    is(1, 'i', 'we') &&
    is(2, 'have', 'need', 'got') &&
    is(3, 'to')
  )
    return verbAt(4);
  // "Do you / Can you / Will you …" ("Do you accept PayPal?")
  if (is(0, 'do', 'does', 'will', 'would', 'can', 'could') && is(1, 'you', 'they')) return verbAt(2);
  // "Is it possible to…", "Would it be possible to…", "Is it OK to…"
  if (is(0, 'is', 'would', 'will') && is(1, 'it')) {
    const toAt = low.indexOf('to', 2);
    if (
      toAt > 0 &&
      toAt <= 5 &&
      low.slice(2, toAt).some((x) => /^(possible|ok|okay|allowed|permitted)$/u.test(x))
    )
      return verbAt(toAt + 1);
    return [];
  }
  // "Am I able / allowed to…"
  if (is(0, 'am', 'are') && is(1, 'i', 'we') && is(2, 'able', 'allowed', 'permitted') && is(3, 'to'))
    return verbAt(4);
  // "Is there / Are there X?"
  if (is(0, 'is', 'are') && is(1, 'there')) return nounPhrase(2);
  // "Is the pickup fee refunded…?", "Are opened toys returnable?": what is said of the subject — the participle
  // or "-able" word after it — is asked, not the subject (the fee is named by sentences that never refund it).
  if (is(0, 'is', 'are', 'was', 'were')) {
    let i = 1;
    while (i < words.length && i <= 6 && !/^\p{L}+(ed|able|ible)$/u.test(at(i))) i++;
    const w = words[i];
    if (
      w &&
      i > 1 &&
      i <= 6 &&
      !w.stop &&
      w.terms.length &&
      !/^(need|seed|feed|speed|bed|red|table|cable)$/u.test(at(i))
    )
      return [{ at: offset + i, span: [offset + i], predicate: true }];
  }
  // "What is / What's / Which are X?"
  if (is(0, "what's")) return nounPhrase(1);
  if (is(0, 'what', 'which') && is(1, 'is', 'are', 'was', 'were')) return nounPhrase(2);
  // "How much is / does X (cost)?"
  if (is(0, 'how') && is(1, 'much') && is(2, 'is', 'are', 'does', 'do', 'will', 'would'))
    return nounPhrase(3, !is(2, 'is', 'are'));
  // "How many loyalty points / business days …?"
  if (is(0, 'how') && is(1, 'many')) return nounPhrase(2);
  return [];
}

/** Polish adjectives agree with the noun they precede ("druga wymiana", "darmową etykietę", "nowych klientów"). */
function agrees(adjective: string, noun: string): boolean {
  const a = adjective.toLowerCase();
  const n = noun.toLowerCase();
  if (!/(y|i|a|e|ą|ej|ego|emu|ych|ich|ym|im|ymi|imi)$/u.test(a)) return false;
  if (a.at(-1) === n.at(-1)) return true;
  return (
    (a.endsWith('ą') && n.endsWith('ę')) ||
    (/(ych|ich)$/u.test(a) && /(ów|ach|i|y)$/u.test(n)) ||
    (/(ego)$/u.test(a) && /(u|a)$/u.test(n)) ||
    (/(ej)$/u.test(a) && /(i|y)$/u.test(n)) ||
    (/(ym|im)$/u.test(a) && /(em|u|ie)$/u.test(n))
  );
}

function plFocus(words: WordToken[], offset: number, options: FocusOptions): Focus[] {
  const low = words.map((w) => fold(w.surface));
  const at = (i: number) => low[i] ?? '';
  const wh = low.some((x) =>
    /^(jak|gdzie|kiedy|ile|co|dlaczego|czemu|kto|komu|kogo|jaki\p{L}*|ktor\p{L}*)$/u.test(x),
  );
  const skipAdverbs = (i: number) => {
    while (i < words.length && ADVERBS.has(at(i))) i++;
    return i;
  };
  // The head of the noun phrase at or after i: its first noun ("adres dostawy" → adres, "druga wymiana" →
  // wymiana), or the noun a light head qualifies ("termin ważności" → ważności, "formy płatności" → płatności).
  const nounPhrase = (i: number): Focus[] => {
    while (i < words.length && words[i]!.stop) i++;
    const run: number[] = [];
    while (i < words.length && !words[i]!.stop && words[i]!.terms.length) run.push(i++);
    let k = 0;
    while (k + 1 < run.length && agrees(words[run[k]!]!.surface, words[run[k + 1]!]!.surface)) k++;
    // The head and what narrows it after it ("adres dostawy"): "ważności", not any "termin".
    const span = run.map((r) => offset + r);
    return run
      .slice(k)
      .filter((j) => !LIGHT_NOUN_PL.test(at(j)) && !options.cue(offset + j))
      .map((j) => ({ at: offset + j, span }));
  };
  const verbAt = (i: number): Focus[] => {
    i = skipAdverbs(i);
    const w = words[i];
    if (!w) return [];
    if ((w.stop || LIGHT_PL.has(at(i))) && !options.phrase(offset + i)) return nounPhrase(i + 1);
    return [{ at: offset + i, span: [offset + i] }];
  };
  if (!wh) {
    // "Czy mogę / można / muszę / da się … <bezokolicznik>": the first infinitive after the modal.
    for (let i = 0; i < words.length; i++) {
      const modal = POLISH_MODAL.test(at(i))
        ? i + 1
        : at(i) === 'da' && at(i + 1) === 'sie'
          ? i + 2
          : at(i) === 'jest' && /^mozliw/u.test(at(i + 1))
            ? i + 2
            : -1;
      if (modal < 0) continue;
      for (let j = skipAdverbs(modal); j < words.length; j++) {
        if (words[j]!.stop) continue;
        return /c$/u.test(at(j)) ? verbAt(j) : [];
      }
      return [];
    }
    // "Czy macie / oferujecie / przyjmujecie / wysyłacie …": the verb, or what a light one takes.
    if (at(0) === 'czy' && /\p{L}{2,}cie$/u.test(at(1))) return verbAt(1);
    return [];
  }
  // "Jaki jest X?", "Jakie są X?", "Który X…?"
  if (/^(jaki|jaka|jakie|jakich|ktory|ktora|ktore)$/u.test(at(0))) {
    const i = /^(jest|sa|bedzie|byl|byla)$/u.test(at(1)) ? 2 : 1;
    return nounPhrase(i);
  }
  // "Ile kosztuje X?", "Ile wynosi X?", "Ile płacę za X?"
  if (at(0) === 'ile' && /^(kosztuj\p{L}*|wynosi\p{L}*|place|zaplace|placi)$/u.test(at(1)))
    return nounPhrase(2);
  return [];
}

const KO_WH = /^(언제|어디|어떻게|얼마|몇|며칠|누가|누구|무엇|뭐|뭔|왜|어느|어떤|무슨)/u;
/** A predicate after a Korean wh-word that asks what X is or how it is done ("어떻게 되나요", "얼마인가요", "어떻게 하나요"). */
const KO_WH_PREDICATE =
  /^(되나요|되요|돼요|됩니까|될까요|인가요|예요|에요|이에요|입니까|인지|나요|걸리나요|걸려요|걸리죠|하나요|해요|해야|합니까|하죠|하면|할까요)$/u;

function koFocus(words: WordToken[], offset: number, options: FocusOptions): Focus[] {
  const s = words.map((w) => w.surface);
  const wh = s.findIndex((w) => KO_WH.test(w));
  const noun = (j: number): Focus[] => {
    const w = words[j];
    if (!w || !HANGUL.test(w.surface) || w.stop) return [];
    // "매장 영업시간이", "반품 배송비는": the nouns written before it without a particle narrow it ("매장" hours,
    // not any hours); a light head ("반품 기간이", "무료 배송 기준이") says only what kind of fact is asked.
    const span = [offset + j];
    for (let k = j - 1; k >= 0; k--) {
      const before = words[k]!;
      if (
        !HANGUL.test(before.surface) ||
        before.stop ||
        koParticle(before.surface) ||
        koVerbForm(before.surface)
      )
        break;
      span.unshift(offset + k);
    }
    const light = (i: number) => LIGHT_NOUN_KO.has(koStem(words[i - offset]!.surface)) || options.cue(i);
    return span
      .filter((i) => !light(i))
      .map((i) => ({ at: i, stem: koStem(words[i - offset]!.surface), span }));
  };
  const verb = (j: number): Focus[] => {
    const w = words[j];
    if (!w || !HANGUL.test(w.surface)) return [];
    const stem = koStem(w.surface);
    if (w.stop || LIGHT_KO.has(stem)) {
      // What a light verb takes: the nearest word before it marked as its object or means ("네이버페이로
      // 계산할", "할부 결제도"), else the word just before it ("반품 신청할").
      for (let k = j - 1; k >= 0; k--)
        if (/^(을|를|로|으로)$/u.test(koParticle(s[k]!)) && !words[k]!.stop) return noun(k);
      return noun(j - 1);
    }
    return [{ at: offset + j, stem, span: [offset + j] }];
  };
  if (wh < 0) {
    // "…할 수 있나요 / 있어요 / 있을까요"
    const su = s.findIndex((w, i) => w === '수' && /^있/u.test(s[i + 1] ?? ''));
    if (su > 0) return verb(su - 1);
    // "반품 가능한가요", "반품가능한가요"
    const possible = s.findIndex((w) => /^가능/u.test(w));
    if (possible > 0) return verb(possible - 1);
    const last = s.length - 1;
    // "…해 주시나요 / 주나요 / 줘요"
    if (last > 0 && /^(주시|주나|줘|주세|주실|주는|줄|주)/u.test(s[last]!) && /[해게]$/u.test(s[last - 1]!))
      return verb(last - 1);
    // "반품되나요", "발급되나요", or "교환 되나요"
    if (/(되나요|돼요|될까요|됩니까|되죠|되는지|되요|되나)$/u.test(s[last]!)) {
      const stem = koStem(s[last]!);
      return stem !== koBare(s[last]!) ? verb(last) : verb(last - 1);
    }
    // "X이 있나요?"
    if (last > 0 && /^(있나요|있어요|있습니까|있을까요|있죠|있는지|있니)$/u.test(s[last]!))
      return noun(last - 1);
    return [];
  }
  // "X은 얼마인가요 / 어떻게 되나요 / 며칠인가요": X, the word with a subject or topic particle before it.
  if (
    wh > 0 &&
    s.slice(wh + 1).every((w) => KO_WH_PREDICATE.test(w)) &&
    /^(은|는|이|가)$/u.test(koParticle(s[wh - 1]!))
  )
    return noun(wh - 1);
  return [];
}
