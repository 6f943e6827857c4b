import { fold, terms, type WordToken, wordTokens } from './text';

const HANGUL_RE = /[\uac00-\ud7af]/u;

// A small returns-domain glossary (English / Polish / Korean). Query terms that belong to a concept
// are expanded with the concept's other words at a lower weight, so "refund" finds "환불" and
// "zwrot pieniędzy", and "send back" finds "return". It describes the domain, not any one brand.
// biome-ignore format: one concept per line
const CONCEPTS: string[][] = [
  // Giving goods back, including the legal withdrawal ("odstąpienie od umowy") and "oddać" (give back).
  ['return', 'returns', 'send back', 'sent back', 'give back', 'ship back', 'mail back', 'post back', 'take back', 'taken back', 'bring back', 'zwrot', 'zwrócić', 'zwracać', 'odesłać', 'odesłanie', 'odsyłać', 'oddać', 'oddanie', 'oddam', 'oddawać', 'odstąpienie', 'odstąpić', 'zwrotny', '반품', '반송', '반납'],
  // Carrying a return back and what it costs: "return shipping" is "wysyłka / przesyłka zwrotna", "koszt odesłania", "반품 배송비".
  ['return shipping', 'return postage', 'return delivery', 'wysyłka zwrotna', 'przesyłka zwrotna', 'odesłanie', 'koszt odesłania', '반품 배송비', '반송 배송비', '반송비', '반품비'],
  ['refund', 'money back', 'reimbursement', 'zwrot pieniędzy', 'zwrot środków', 'pieniądze z powrotem', 'refundacja', '환불', '환급'],
  ['exchange', 'swap', 'replace', 'wymiana', 'wymienić', '교환'],
  ['shipping', 'postage', 'delivery fee', 'return shipping', 'wysyłka', 'wysyłamy', 'wysyłać', 'wysłać', 'przesyłka', 'koszt wysyłki', '배송비', '택배비', '반품비', '왕복'],
  // Sending an order out (not what it costs): "ship / dispatch", "wysyłamy / nadajemy", "발송 / 출고".
  ['dispatch', 'dispatched', 'ship', 'ships', 'wysyłamy', 'wysłać', 'nadajemy', 'wysyłka', '발송', '출고'],
  ['delivery', 'delivered', 'receipt of goods', 'received', 'arrive', 'arrival', 'dostawa', 'doręczenie', 'otrzymanie', 'odbiór', 'dotrzeć', 'dotrze', '배송', '수령', '수취', '도착', '받은지', '받은 지', '받았는데'],
  // A span counted in days, weeks, or Korean day words: "열흘" (ten days), "보름" (fifteen), "이틀" (two)…
  ['days', 'dni', '일', 'week', 'weeks', 'tydzień', 'tygodnia', 'tygodniu', 'tygodnie', '일주일', '이틀', '사흘', '나흘', '닷새', '엿새', '이레', '여드레', '아흐레', '열흘', '보름'],
  ['business days', 'working days', 'dni robocze', '영업일'],
  // Damage in transit or a defect: how shoppers describe it (cracked, chipped, smashed) and how policies do.
  ['damaged', 'damage', 'defective', 'defect', 'defects', 'faulty', 'broken', 'broke', 'breakage', 'cracked', 'chipped', 'shattered', 'smashed', 'dented', 'uszkodzony', 'uszkodzenie', 'uszkodzona', 'wadliwy', 'wada', 'pęknięty', 'pęknięta', 'pęknięcie', 'stłuczony', 'stłuczona', 'potłuczony', 'potłuczona', 'rozbity', 'rozbita', 'zniszczony', '불량', '파손', '하자', '손상', '깨짐', '깨진', '깨져', '깨졌', '금이'],
  // A defect described by its symptom rather than named: "it stopped working", "nie działa", "소리가 안 나요", "고장".
  ['defective', 'defect', 'not working', 'stopped working', "doesn't work", 'does not work', 'no sound', 'malfunction', 'malfunctioning', 'wadliwy', 'wada', 'nie działa', 'przestał działać', 'przestała działać', 'przestało działać', 'przestały działać', 'brak dźwięku', 'usterka', '불량', '하자', '초기불량', '작동 안', '작동이 안', '소리가 안', '소리 안', '소리가 안나요', '소리가 안 나요', '안 켜져요', '안 켜지', '충전이 안'],
  ['complaint', 'complaints', 'complain', 'warranty', 'claim', 'reklamacja', 'reklamować', 'reklamowany', 'gwarancja', 'rękojmia', '보증', '클레임', 'A/S'],
  // What the shop does with a complaint or a request: "respond / reply", "rozpatrzyć / ustosunkować się", "답변 / 회신".
  ['respond', 'responds', 'response', 'reply', 'replies', 'rozpatrzyć', 'rozpatrzenie', 'rozpatrywanie', 'rozpatrujemy', 'ustosunkować', 'ustosunkowuje', 'odpowiedź', 'odpowiedzieć', '답변', '회신', '응답'],
  // Asking for something formally: "request a return", "zgłosić / złożyć reklamację", "반품 신청 / 접수".
  ['request', 'requested', 'apply', 'submit', 'file a', 'zgłosić', 'zgłoszenie', 'zgłaszasz', 'złożyć', 'składać', '신청', '접수'],
  // What goes with a request or a parcel: "include / attach / provide", "podać / dołączyć", "기재 / 첨부 / 동봉".
  ['include', 'attach', 'enclose', 'provide', 'podać', 'podanie', 'dołączyć', 'dołączamy', 'dołączając', 'załączyć', '기재', '첨부', '동봉'],
  // A return without a fault: how shoppers say it ("I changed my mind", "마음이 바뀌면") and how policies do.
  // A reason that is no fault of the shop's ("it doesn't fit the room", "nie pasuje do salonu", "I don't like it") is met by
  // "no reason needed" / "bez podania przyczyny".
  ['change of mind', 'changed my mind', 'changed mind', 'no reason needed', 'without giving a reason', 'without giving any reason', 'no questions asked', "don't like", 'dont like', "doesn't like", "doesn't fit the", 'does not fit the', "doesn't go with", 'does not go with', 'do not like', 'nie podoba', 'nie pasuje do', 'bez podania przyczyny', 'bez podawania przyczyny', 'zmiana zdania', 'rozmyślenie', 'rozmyśliłem', 'rozmyśliłam', '단순 변심', '변심', '마음 바뀌면', '마음 바뀌어', '마음 바뀌어서', '마음 바뀌었어요', '마음 바뀌었는데', '마음 변했어요'],
  ['sale', 'discounted', 'clearance', 'final sale', 'wyprzedaż', 'przecena', 'promocja', '세일', '할인', '특가'],
  // Store credit in any form. "gift card" is a product, not a gift: see OPAQUE_PHRASES.
  // A gift card is a product bought with money; store credit / points are what a shop gives back.
  // Kept apart: "what is your points policy?" must not be answered by "gift cards cannot be returned".
  ['gift card', 'gift certificate', 'gift voucher', 'karta podarunkowa', 'bon podarunkowy', '기프트 카드', '상품권'],
  ['store credit', 'voucher', 'bon', 'credit', 'points', 'kredyt sklepowy', 'saldo', 'punkty', '적립금', '포인트', '예치금'],
  // A present (something bought for someone else), not a gift card.
  ['gift', 'gifts', 'present', 'prezent', 'podarunek', 'upominek', '선물'],
  // A size asked for by comparison ("a bigger size", "na większy", "더 큰 사이즈") is a size.
  // And one too small or big ("too tight", "Koszulka jest za mała", "nie pasuje").
  ['size', 'fit', 'bigger', 'smaller', 'larger', 'small', 'big', 'tight', 'loose', 'rozmiar', 'większy', 'mniejszy', 'mały', 'mała', 'małe', 'duży', 'duża', 'duże', 'ciasny', 'pasuje', 'pasować', '사이즈', '치수', '큰', '작은'],
  ['international', 'abroad', 'overseas', 'outside', 'zagranica', 'zagraniczny', 'za granicą', 'za granicę', 'międzynarodowy', '해외', '국제'],
  ['label', 'shipping label', 'etykieta', 'list przewozowy', '송장', '라벨'],
  ['courier', 'pickup', 'pick up', 'picked up', 'collection', 'kurier', 'odbiór', 'paczkomat', '택배', '수거', '회수', '방문 회수'],
  ['packaging', 'box', 'tags', 'unworn', 'unused', 'never used', 'never played', 'never worn', 'nigdy nie używany', 'nigdy nie używane', 'nigdy nie noszone', 'opakowanie', 'metki', 'nienoszony', 'nieużywany', '포장', '택', '미사용', '미착용'],
  // Whether clothes were worn: "if I wore it once" is answered by "Items must be unworn" ("nienoszone", "미착용").
  ['worn', 'wore', 'wear', 'wearing', 'unworn', 'unwashed', 'noszony', 'noszone', 'nienoszony', 'nienoszone', 'założony', '착용', '미착용'],
  // Verbs shoppers use for what the documents name with a noun: "빨았는데" (I washed it) ≈ "세탁", "uprałam" ≈ "pranie".
  ['wash', 'washed', 'washing', 'laundered', 'prać', 'pranie', 'prany', 'prane', 'uprany', 'uprane', 'wyprany', 'wyprane', 'uprałem', 'uprałam', 'wyprałem', 'wyprałam', '세탁', '빨래', '빨았', '빨아', '빨고', '빨은'],
  // Opening the product or its packaging: "뜯었는데" (I tore it open) ≈ "개봉", "rozpakowałam" ≈ "otwarte".
  ['opened', 'open', 'unsealed', 'otwarty', 'otwarte', 'otwarta', 'otworzyłem', 'otworzyłam', 'rozpakowany', 'rozpakowane', 'rozpakowałem', 'rozpakowałam', '개봉', '뜯었', '뜯은', '뜯어', '뜯고', '뜯지', '뜯으'],
  // A product's factory seal, however it is called: "plastic wrap" / "cellophane" / "foil", "folia", "비닐 랩" / "밀봉".
  ['seal', 'sealed', 'plastic wrap', 'shrink wrap', 'cellophane', 'cellophane wrap', 'foil', 'folia', 'folia ochronna', 'celofan', '비닐', '비닐 랩', '밀봉'],
  // A reaction to a cosmetic: "I'm allergic", "dostałam uczulenia", "트러블이 났어요" ≈ "an allergic reaction", "reakcja alergiczna".
  ['allergy', 'allergic', 'allergic reaction', 'skin reaction', 'irritation', 'uczulenie', 'uczulenia', 'uczulona', 'uczulony', 'alergia', 'alergiczna', 'reakcja alergiczna', 'podrażnienie', '알레르기', '알러지', '피부 트러블'],
  ['underwear', 'swimwear', 'hygiene', 'bielizna', 'strój kąpielowy', 'higiena', '속옷', '수영복', '위생'],
  ['cosmetics', 'beauty', 'kosmetyki', '화장품'],
  // Kinds of goods by their everyday names: a shopper's "couch" / "kanapa" / "narożnik" is the documents' "sofa" / "소파".
  ['sofa', 'sofas', 'couch', 'couches', 'settee', 'corner sofa', 'kanapa', 'kanapy', 'narożnik', 'narożniki', 'wersalka', '소파', '카우치'],
  // Toys by what they are: "the wooden train", "klocki", "퍼즐" are toys ("zabawka", "장난감").
  ['toy', 'toys', 'train', 'train set', 'puzzle', 'puzzles', 'doll', 'dolls', 'blocks', 'lego', 'teddy', 'zabawka', 'zabawki', 'zabawkę', 'kolejka', 'kolejkę', 'pociąg', 'klocki', 'lalka', 'lalkę', 'układanka', '장난감', '완구', '인형', '기차', '퍼즐', '블록'],
  ['order', 'purchase', 'zamówienie', 'zakup', '주문', '구매'],
  ['cancel', 'cancellation', 'anulować', 'anulowanie', 'rezygnacja', '취소'],
  ['card', 'bank', 'bank account', 'bank transfer', 'payment method', 'karta', 'bank', 'konto bankowe', 'rachunek bankowy', 'przelew', 'przelewem', 'metoda płatności', 'sposób płatności', '카드', '은행', '계좌', '무통장입금', '무통장', '계좌이체', '결제 수단'],
  // Paying for an order (not a fee): "payment / paid", "płatność / zapłata", "결제 / 지불 / 입금".
  ['payment', 'paid', 'płatność', 'płatności', 'zapłata', 'opłacenie', 'opłacone', 'zaksięgowanie', '결제', '지불'],
  // The money an order is worth: "order value / amount", "wartość / kwota", "금액".
  ['value', 'amount', 'total', 'wartość', 'kwota', 'kwoty', '금액'],
  // Samples and minis that come with an order.
  ['sample', 'samples', 'tester', 'testers', 'próbka', 'próbki', 'miniatura', 'miniatury', '샘플', '견본', '미니어처'],
  // Something the shopper no longer has: "lost", "zgubiony", "분실".
  ['lost', 'lose', 'zgubić', 'zgubiłem', 'zgubiłam', 'zgubiony', 'zgubiona', 'zagubiony', '분실', '잃어버'],
  // A repair, paid or free: "repair", "naprawa", "수리".
  ['repair', 'repairs', 'repaired', 'naprawa', 'naprawy', 'naprawić', 'serwis', '수리'],
  // Water damage and drops: "dropped it in water", "zalany", "침수 / 낙하".
  ['water', 'wet', 'water damage', 'zalany', 'zalanie', 'zamoczony', 'woda', '침수'],
  ['dropped', 'drop', 'fell', 'upuściłem', 'upuściłam', 'upuszczony', 'spadł', '낙하', '떨어뜨'],
  // Where an order goes and changing it: "delivery address", "adres dostawy", "배송지 / 주소".
  ['address', 'delivery address', 'shipping address', 'adres', 'adres dostawy', '주소', '배송지'],
  ['change', 'modify', 'update', 'zmienić', 'zmiana', 'zmieniać', '변경', '바꾸', '바꿀'],
  // A parcel as a thing: "parcel / package", "paczka", "택배 / 소포".
  ['parcel', 'package', 'paczka', 'paczkę', 'paczki', '소포', '택배'],
  ['customer service', 'contact', 'email', 'phone', 'obsługa klienta', 'kontakt', 'e-mail', 'telefon', '고객센터', '문의', '연락', '이메일', '전화'],
  ['free', 'no charge', 'free of charge', 'bezpłatny', 'bezpłatnie', 'bezpłatna', 'darmowy', 'za darmo', '무료', '무상'],
  // Who bears a cost: "who pays" is answered by "the buyer bears the cost" ("kto płaci" ≈ "koszt ponosi").
  ['fee', 'cost', 'charge', 'price', 'pay', 'pays', 'paid', 'bears', 'opłata', 'koszt', 'cena', 'płacić', 'płaci', 'płacę', 'płacimy', 'zapłacić', 'zapłacę', 'zapłacimy', 'zapłacisz', 'zapłaci', 'ponosi', 'ponosić', 'kosztuje', '비용', '수수료', '요금', '부담', '유상'],
  // What a shopper gets on top ("Is there a bonus…?", "coś extra?", "혜택 있어요?" — a benefit): "extra 10% credit", "dodajemy 5%", "추가 적립금".
  ['bonus', 'extra', 'additional', 'reward', 'benefit', 'benefits', 'perk', 'perks', 'premia', 'dodatkowy', 'dodatkowo', 'korzyść', 'korzyści', '보너스', '추가', '혜택'],
  ['how long', 'processing time', 'take', 'czas', 'termin', 'trwa', '기간', '소요', '걸리'],
  // Furniture by its everyday names in each language: "stół" / "테이블" is the summary's "table".
  ['table', 'tables', 'dining table', 'stół', 'stołu', 'stoły', 'stolik', '테이블', '식탁'],
  ['wardrobe', 'wardrobes', 'closet', 'szafa', 'szafy', 'szafę', '옷장'],
  ['mattress', 'mattresses', 'materac', 'materaca', 'materace', 'materacy', '매트리스'],
  ['personalised', 'personalized', 'custom', 'engraved', 'personalizowany', 'grawer', '맞춤', '각인', '주문 제작'],
  ['store', 'shop', 'in-store', 'sklep stacjonarny', 'salon', '매장', '오프라인'],
  ['photo', 'picture', 'zdjęcie', '사진'],
  ['proof of purchase', 'invoice', 'paragon', 'dowód zakupu', 'faktura', '영수증', '증빙'],
];

/**
 * Phrases whose meaning is not their words' meaning: a "gift card" is store credit, not a gift (a
 * present), and not a payment card; "karta podarunkowa" is not a "prezent", "기프트 카드" not a "선물".
 * Where one of these occurs, its words stand only for the phrase (see `phraseMatches`' `opaque`), so a
 * question about gifts is not answered by a sentence about gift cards, nor one about cards by it.
 */
const OPAQUE_PHRASES = [
  'gift card',
  'gift certificate',
  'gift voucher',
  'karta podarunkowa',
  'bon podarunkowy',
  '기프트 카드',
];
let opaqueKeys: Set<string> | undefined;

/** Whether a phrase key names a thing its words alone do not ("gift card"). */
export function isOpaquePhrase(key: string): boolean {
  opaqueKeys ??= new Set(OPAQUE_PHRASES.map((e) => phraseOf(e)?.key).filter((k): k is string => !!k));
  return opaqueKeys.has(key);
}

interface Concept {
  /** Single-word entries' terms and multi-word entries' phrase keys. */
  terms: Set<string>;
}

/** A multi-word entry: one matcher per word (a content word's stem, or a stopword's folded form). */
interface Phrase {
  key: string;
  words: string[];
  /** Hangul phrases also match written as one word ("결제수단으로" for "결제 수단"). */
  joined?: string;
}

let table: Map<string, Concept[]> | undefined;
/** Phrases by their first word's matcher. */
let phrasesByFirst: Map<string, Phrase[]> | undefined;
/** Hangul phrases by their joined form. */
let phrasesByJoined: Map<string, Phrase> | undefined;

/** What a word of a text matches a phrase word by: its stem (bare Hangul word), or its folded form when a stopword. */
function matcher(w: WordToken): string | undefined {
  if (w.stop) return fold(w.surface);
  return w.terms[0];
}

/**
 * A multi-word glossary entry ("customer service", "zwrot pieniędzy", "결제 수단") is a phrase: it
 * stands for its concept only where its words appear consecutively (each inflected as a single word
 * may be), never word by word — "service" alone is not a contact channel, "klient" alone not
 * "obsługa klienta", "주문" alone not "주문 제작". Its key (the words' matchers joined by a space, a
 * term the tokeniser never produces) is what joins the concept, what BM25 indexes for a chunk where
 * the phrase occurs (`phraseKeys`) and what a question's phrase is expanded from.
 */
function phraseOf(entry: string): Phrase | undefined {
  const words = wordTokens(entry);
  if (words.length < 2 || words.every((w) => w.stop || !w.terms.length)) return undefined;
  const matchers = words.map(matcher);
  if (matchers.some((m) => !m)) return undefined;
  const key = matchers.join(' ');
  const joined = words.every((w) => HANGUL_RE.test(w.surface)) ? matchers.join('') : undefined;
  return { key, words: matchers as string[], joined };
}

function build(): Map<string, Concept[]> {
  const t = new Map<string, Concept[]>();
  phrasesByFirst = new Map();
  phrasesByJoined = new Map();
  for (const words of CONCEPTS) {
    const all = new Set<string>();
    for (const entry of words) {
      const phrase = phraseOf(entry);
      if (phrase) {
        all.add(phrase.key);
        const first = phrase.words[0]!;
        if (!phrasesByFirst.get(first)?.some((p) => p.key === phrase.key))
          phrasesByFirst.set(first, [...(phrasesByFirst.get(first) ?? []), phrase]);
        if (phrase.joined) phrasesByJoined.set(phrase.joined, phrase);
        continue;
      }
      // A single word: only its whole-word stem joins the concept (prefixes and Hangul bigrams would drag in noise).
      for (const x of terms(entry))
        if (!x.startsWith('^') && !(HANGUL_RE.test(x) && x.length === 2 && !words.includes(x))) all.add(x);
    }
    const concept = { terms: all };
    for (const x of all) t.set(x, [...(t.get(x) ?? []), concept]);
  }
  return t;
}

export interface PhraseMatch {
  key: string;
  /** Index of its first and last word in the token list. */
  from: number;
  to: number;
}

/** The glossary phrases a text's words contain, consecutively (or, for Hangul, written as one word). */
export function phraseMatches(words: WordToken[]): PhraseMatch[] {
  table ??= build();
  particle ??= matcher(wordTokens('back')[0]!);
  const out: PhraseMatch[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = matcher(w);
    if (!m) continue;
    for (const p of phrasesByFirst!.get(m) ?? []) {
      if (i + p.words.length > words.length) continue;
      let ok = true;
      for (let j = 1; j < p.words.length && ok; j++) ok = matcher(words[i + j]!) === p.words[j];
      if (ok) out.push({ key: p.key, from: i, to: i + p.words.length - 1 });
      else if (
        p.words.length === 2 &&
        p.words[1] === particle &&
        SEPARABLE_VERBS.has(w.surface.toLowerCase())
      ) {
        // A phrasal verb with its object inside: "send it back", "ship the boots back".
        for (let j = i + 2; j <= Math.min(words.length - 1, i + 1 + MAX_INSIDE); j++)
          if (matcher(words[j]!) === particle) {
            out.push({ key: p.key, from: i, to: j });
            break;
          }
      }
    }
    const joined = !w.stop && HANGUL_RE.test(w.surface) ? phrasesByJoined!.get(m) : undefined;
    if (joined) out.push({ key: joined.key, from: i, to: i });
  }
  return out;
}

/** Verbs whose "back" may follow their object ("send it back", "give the money back"). */
const SEPARABLE_VERBS = new Set([
  'send',
  'sending',
  'sends',
  'sent',
  'ship',
  'shipping',
  'ships',
  'shipped',
  'mail',
  'mailed',
  'post',
  'posted',
  'give',
  'giving',
  'gave',
  'given',
]);
/** At most this many words between such a verb and "back" ("send these two pairs back"). */
const MAX_INSIDE = 3;
let particle: string | undefined;

/** Keys of the glossary phrases in a text (for the BM25 index and query expansion). */
export function phraseKeys(text: string): string[] {
  return phraseMatches(wordTokens(text)).map((p) => p.key);
}

/** Whether a term is a glossary phrase's key rather than a word's term. */
export function isPhraseKey(term: string): boolean {
  return term.includes(' ');
}

/** Terms related to `term` (a word's term or a phrase key) through the glossary (not including itself). */
export function related(term: string): string[] {
  table ??= build();
  const out = new Set<string>();
  for (const c of table.get(term) ?? []) for (const x of c.terms) if (x !== term) out.add(x);
  return [...out];
}

/** Query terms with weights: the query's own terms at 1, glossary relatives at `relatedWeight`. */
export function expandQuery(queryTerms: string[], relatedWeight = 0.4): { term: string; weight: number }[] {
  const out = new Map<string, number>();
  for (const t of queryTerms) out.set(t, Math.max(out.get(t) ?? 0, 1));
  for (const t of queryTerms) for (const r of related(t)) if (!out.has(r)) out.set(r, relatedWeight);
  return [...out.entries()].map(([term, weight]) => ({ term, weight }));
}

let vocabulary: Set<string> | undefined;

/** The stems of the glossary's single Latin-script words ("czas", "zwrot", "window"…): words of the domain. */
export function glossaryStems(): Set<string> {
  if (vocabulary) return vocabulary;
  vocabulary = new Set();
  for (const words of CONCEPTS)
    for (const entry of words) {
      const tokens = wordTokens(entry);
      if (tokens.length !== 1 || HANGUL_RE.test(entry)) continue;
      for (const t of tokens[0]!.terms) if (!t.startsWith('^')) vocabulary.add(t);
    }
  return vocabulary;
}

let surfaces: Set<string> | undefined;

/** The glossary's single Latin-script words, folded ("czas", "zwrot", "wymiana"…). */
export function glossarySurfaces(): Set<string> {
  if (surfaces) return surfaces;
  surfaces = new Set();
  for (const words of CONCEPTS)
    for (const entry of words) if (!HANGUL_RE.test(entry) && !/\s/u.test(entry)) surfaces.add(fold(entry));
  return surfaces;
}

let entryWords: Set<string> | undefined;

/** Every word of the glossary's entries, folded, in any script ("결제 수단" → "결제", "수단"). */
export function glossaryWords(): Set<string> {
  if (entryWords) return entryWords;
  entryWords = new Set();
  for (const words of CONCEPTS)
    for (const entry of words) for (const w of entry.split(/\s+/u)) entryWords.add(fold(w));
  return entryWords;
}
