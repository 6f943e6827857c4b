/**
 * The kinds of product a shopper names in one language and a store titles in another: "the lipstick"
 * ~ "Pomadka matowa", "the watch band" ~ "스마트워치 밴드", "szminkę" ~ "Matte lipstick", "립스틱" ~
 * "Pomadka". A small glossary of common e-commerce product nouns (clothing, shoes, cosmetics,
 * perfume, electronics accessories, jewellery, bags, home) in English, Polish and Korean; inflection
 * (Polish cases, English plurals, Korean particles) as in inflection.ts. No model, no network.
 *
 * A name is read as a phrase: its head is the thing ("band" in "watch band", "etui" in "etui na
 * telefon", "밴드" in "워치 밴드"), the other nouns describe it. A phrase picks a line whose title has
 * the same head, the one sharing most of the describing nouns; no such line, or several alike, and
 * it picks none.
 */
import { koreanTail, sameWord } from './inflection';
import { foldPolish, type Lang } from './language';

type Concept = readonly [id: string, parent?: string];

/** [concept, parent kind], then its nouns per language (Polish and English in their base forms). */
const GLOSSARY: readonly { c: Concept; en: string; pl: string; ko: string }[] = [
  // Shoes.
  { c: ['shoes'], en: 'shoe footwear', pl: 'buty obuwie', ko: '신발 슈즈' },
  {
    c: ['sneakers', 'shoes'],
    en: 'sneaker trainer',
    pl: 'trampki sneakersy adidasy tenisówki',
    ko: '운동화 스니커즈',
  },
  { c: ['boots', 'shoes'], en: 'boot', pl: 'kozaki botki trzewiki', ko: '부츠 워커' },
  {
    c: ['sandals', 'shoes'],
    en: 'sandal slipper flipflop',
    pl: 'sandały klapki kapcie japonki',
    ko: '샌들 슬리퍼 쪼리',
  },
  {
    c: ['heels', 'shoes'],
    en: 'heels pumps loafer',
    pl: 'szpilki czółenka mokasyny',
    ko: '구두 하이힐 로퍼',
  },
  // Clothing.
  { c: ['shirt'], en: 'shirt tshirt tee blouse polo', pl: 'koszula koszulka bluzka', ko: '셔츠 블라우스' },
  {
    c: ['sweater'],
    en: 'sweater jumper hoodie cardigan sweatshirt',
    pl: 'sweter bluza kardigan',
    ko: '스웨터 니트 후드 가디건 맨투맨',
  },
  {
    c: ['trousers'],
    en: 'trousers pants leggings chinos',
    pl: 'spodnie legginsy szorty',
    ko: '바지 팬츠 레깅스 슬랙스',
  },
  { c: ['jeans', 'trousers'], en: 'jeans denim', pl: 'jeansy dżinsy', ko: '청바지 데님' },
  { c: ['skirt'], en: 'skirt', pl: 'spódnica spódniczka', ko: '치마 스커트' },
  { c: ['dress'], en: 'dress gown', pl: 'sukienka suknia', ko: '원피스 드레스' },
  {
    c: ['jacket', 'outerwear'],
    en: 'jacket blazer parka anorak',
    pl: 'kurtka marynarka żakiet parka',
    ko: '재킷 자켓 점퍼 패딩 블레이저 바람막이',
  },
  { c: ['coat', 'outerwear'], en: 'coat', pl: 'płaszcz', ko: '코트' },
  { c: ['socks'], en: 'sock', pl: 'skarpetki skarpety', ko: '양말' },
  { c: ['overalls'], en: 'overalls dungarees', pl: 'ogrodniczki', ko: '멜빵바지 오버롤' },
  { c: ['pajamas'], en: 'pajamas pyjamas pjs nightwear sleepsuit', pl: 'piżama piżamka', ko: '파자마 잠옷' },
  { c: ['tights'], en: 'tights', pl: 'rajstopy', ko: '타이츠' },
  { c: ['romper'], en: 'romper onesie bodysuit', pl: 'pajacyk śpioszki', ko: '바디슈트 우주복 롬퍼' },
  {
    c: ['underwear'],
    en: 'underwear bra briefs boxers lingerie',
    pl: 'bielizna biustonosz stanik majtki bokserki',
    ko: '속옷 브라 팬티',
  },
  {
    c: ['swimwear'],
    en: 'swimsuit swimwear bikini rashguard',
    pl: 'kostium bikini',
    ko: '수영복 비키니 래시가드',
  },
  { c: ['hat'], en: 'hat cap beanie', pl: 'czapka kapelusz', ko: '모자 비니 버킷햇' },
  { c: ['scarf'], en: 'scarf shawl', pl: 'szalik szal chusta', ko: '스카프 목도리 머플러' },
  { c: ['gloves'], en: 'glove mitten', pl: 'rękawiczki rękawice', ko: '장갑' },
  { c: ['strap'], en: 'strap band', pl: 'pasek opaska', ko: '밴드 스트랩 시곗줄 시계줄' },
  { c: ['belt', 'strap'], en: 'belt', pl: 'pas', ko: '벨트' },
  // Bags and small leather goods.
  {
    c: ['bag'],
    en: 'bag handbag tote clutch',
    pl: 'torba torebka',
    ko: '가방 핸드백 토트백 숄더백 크로스백 에코백',
  },
  { c: ['backpack', 'bag'], en: 'backpack rucksack', pl: 'plecak', ko: '백팩 배낭' },
  { c: ['pouch', 'bag'], en: 'pouch', pl: 'kosmetyczka saszetka', ko: '파우치' },
  { c: ['wallet'], en: 'wallet cardholder', pl: 'portfel portmonetka', ko: '지갑 반지갑 장지갑 카드지갑' },
  // Jewellery, watches, eyewear.
  { c: ['jewelry'], en: 'jewelry jewellery', pl: 'biżuteria', ko: '주얼리 쥬얼리' },
  { c: ['ring', 'jewelry'], en: 'ring', pl: 'pierścionek pierścień obrączka', ko: '반지' },
  {
    c: ['necklace', 'jewelry'],
    en: 'necklace pendant',
    pl: 'naszyjnik wisiorek łańcuszek',
    ko: '목걸이 펜던트',
  },
  { c: ['earrings', 'jewelry'], en: 'earring', pl: 'kolczyki', ko: '귀걸이 귀고리 이어링' },
  { c: ['bracelet', 'jewelry'], en: 'bracelet bangle', pl: 'bransoletka', ko: '팔찌' },
  { c: ['watch'], en: 'watch smartwatch wristwatch', pl: 'zegarek smartwatch', ko: '시계 워치' },
  { c: ['glasses'], en: 'glasses sunglasses eyewear', pl: 'okulary', ko: '안경 선글라스' },
  // Cosmetics and perfume.
  {
    c: ['perfume'],
    en: 'perfume fragrance cologne parfum toilette',
    pl: 'perfumy perfumowana toaletowa',
    ko: '향수 퍼퓸 오드퍼퓸 오드뚜왈렛 코롱',
  },
  { c: ['lipstick'], en: 'lipstick', pl: 'pomadka szminka', ko: '립스틱' },
  { c: ['mascara'], en: 'mascara', pl: 'maskara', ko: '마스카라' },
  { c: ['foundation'], en: 'foundation', pl: 'podkład', ko: '파운데이션' },
  {
    c: ['cream'],
    en: 'cream moisturiser moisturizer lotion balm',
    pl: 'krem balsam mleczko',
    ko: '크림 로션',
  },
  { c: ['serum'], en: 'serum', pl: 'serum', ko: '세럼 에센스 앰플' },
  { c: ['shampoo'], en: 'shampoo conditioner', pl: 'szampon odżywka', ko: '샴푸 린스 컨디셔너' },
  { c: ['soap'], en: 'soap', pl: 'mydło', ko: '비누' },
  // Electronics and accessories.
  { c: ['phone'], en: 'phone smartphone iphone', pl: 'telefon smartfon', ko: '폰 휴대폰 핸드폰 스마트폰' },
  { c: ['case'], en: 'case cover', pl: 'etui pokrowiec', ko: '케이스 커버' },
  // 플러그 (a plug) holds 러그 (a rug): named here, the longer word is read first.
  {
    c: ['charger'],
    en: 'charger adapter plug',
    pl: 'ładowarka zasilacz wtyczka',
    ko: '충전기 어댑터 플러그',
  },
  { c: ['cable'], en: 'cable cord', pl: 'kabel przewód', ko: '케이블' },
  {
    c: ['headphones'],
    en: 'headphones headset earphones earbuds',
    pl: 'słuchawki',
    ko: '헤드폰 이어폰 헤드셋',
  },
  { c: ['speaker'], en: 'speaker', pl: 'głośnik', ko: '스피커' },
  { c: ['powerbank'], en: 'powerbank', pl: 'powerbank', ko: '보조배터리' },
  { c: ['mouse'], en: 'mouse', pl: 'mysz myszka', ko: '마우스' },
  { c: ['keyboard'], en: 'keyboard', pl: 'klawiatura', ko: '키보드' },
  { c: ['laptop'], en: 'laptop', pl: 'laptop', ko: '노트북' },
  { c: ['tablet'], en: 'tablet', pl: 'tablet', ko: '태블릿' },
  { c: ['camera'], en: 'camera', pl: 'aparat kamera', ko: '카메라' },
  // Toys.
  {
    c: ['toy'],
    en: 'toy train puzzle doll blocks',
    pl: 'zabawka pociąg puzzle lalka klocki',
    ko: '장난감 기차 퍼즐 인형 블록',
  },
  // Home.
  { c: ['towel'], en: 'towel', pl: 'ręcznik', ko: '수건 타월' },
  { c: ['pillow'], en: 'pillow cushion', pl: 'poduszka', ko: '베개 쿠션' },
  {
    c: ['blanket'],
    en: 'blanket duvet quilt comforter',
    pl: 'koc kołdra pled narzuta',
    ko: '담요 이불 블랭킷',
  },
  { c: ['mug'], en: 'mug cup', pl: 'kubek filiżanka', ko: '머그 컵' },
  // Furniture and home decor.
  { c: ['sofa'], en: 'sofa couch settee', pl: 'sofa kanapa narożnik', ko: '소파 카우치' },
  { c: ['mattress'], en: 'mattress', pl: 'materac', ko: '매트리스' },
  { c: ['bed'], en: 'bed bedframe', pl: 'łóżko', ko: '침대' },
  { c: ['wardrobe'], en: 'wardrobe closet armoire', pl: 'szafa', ko: '옷장' },
  { c: ['cabinet'], en: 'cabinet dresser sideboard drawers', pl: 'szafka komoda', ko: '서랍장 수납장' },
  { c: ['table'], en: 'table', pl: 'stół stolik', ko: '테이블 식탁 탁자' },
  { c: ['chair'], en: 'chair stool', pl: 'krzesło taboret hoker', ko: '의자 스툴' },
  { c: ['armchair', 'chair'], en: 'armchair recliner', pl: 'fotel', ko: '안락의자 암체어' },
  { c: ['desk'], en: 'desk', pl: 'biurko', ko: '책상' },
  { c: ['shelf'], en: 'shelf bookcase bookshelf shelving', pl: 'regał półka', ko: '선반 책장' },
  {
    c: ['lamp'],
    en: 'lamp lampshade chandelier',
    pl: 'lampa lampka kinkiet żyrandol',
    ko: '램프 조명 스탠드 전등',
  },
  { c: ['vase'], en: 'vase', pl: 'wazon', ko: '꽃병 화병' },
  { c: ['rug'], en: 'rug carpet', pl: 'dywan dywanik', ko: '러그 카펫 카페트' },
  { c: ['curtain'], en: 'curtain drape', pl: 'zasłona firana firanka roleta', ko: '커튼 블라인드' },
  { c: ['mirror'], en: 'mirror', pl: 'lustro lusterko', ko: '거울' },
  { c: ['planter'], en: 'planter flowerpot', pl: 'doniczka osłonka', ko: '화분' },
];

/**
 * English nouns too common in other senses to name a product alone ("in that case", "cover the
 * cost"): only as the head of a phrase ("phone case", "laptop cover").
 */
const ONLY_AS_HEAD = new Set(['case', 'cover']);

/** Words that join a head to what describes it: "etui na telefon", "pasek do zegarka", "case for iPhone". */
const JOINERS = new Set(['do', 'na', 'od', 'dla', 'of', 'for']);

interface Entry {
  word: string;
  lang: Lang;
  concept: Concept;
}

const ENTRIES: Entry[] = GLOSSARY.flatMap((g) =>
  (['en', 'pl', 'ko'] as const).flatMap((lang) =>
    g[lang].split(' ').map((word) => ({ word: word.normalize('NFKC'), lang, concept: g.c })),
  ),
);
const KOREAN = ENTRIES.filter((e) => e.lang === 'ko').sort((a, b) => b.word.length - a.word.length);
const KOREAN_NOUNS = KOREAN.map((e) => e.word);
const HANGUL = /\p{Script=Hangul}/u;

/** A Polish noun written in another case or as the stem of an adjective ("perfumowana" ~ "perfumy"). */
function polishPrefix(entry: string, word: string): boolean {
  const e = foldPolish(entry);
  const w = foldPolish(word);
  if (e.length < 6) return false;
  let common = 0;
  while (common < e.length && common < w.length && e[common] === w[common]) common++;
  return common >= e.length - 1;
}

/**
 * The entry a Latin-script word is: the same word first, then another form of it ("chairs", "stołu"),
 * then a Polish stem ("perfumowana"), so that "table" is a table, not the start of "tablet".
 */
function latinEntry(word: string, langs: ReadonlySet<Lang>): Entry | undefined {
  const key = `${[...langs].join()} ${word}`;
  if (LATIN_ENTRY.has(key)) return LATIN_ENTRY.get(key);
  const mine = ENTRIES.filter((e) => e.lang !== 'ko' && langs.has(e.lang));
  const found =
    mine.find((e) => e.word === word) ??
    (word.length >= 3 ? mine.find((e) => sameWord(e.word, word, e.lang)) : undefined) ??
    mine.find((e) => e.lang === 'pl' && polishPrefix(e.word, word));
  if (LATIN_ENTRY.size >= 20_000) LATIN_ENTRY.clear();
  LATIN_ENTRY.set(key, found);
  return found;
}
/** Words already looked up (a pure function of the word and the languages). */
const LATIN_ENTRY = new Map<string, Entry | undefined>();

interface Hit {
  concept: Concept;
  lang: Lang;
  word: string;
  /** The word of the text it is in, and where in that word (Korean compounds hold several). */
  at: number;
  offset: number;
}

/**
 * The Korean nouns inside one word, longest first, none overlapping ("스마트워치밴드를" → 워치, 밴드):
 * each followed only by particles or endings, or by another noun of the glossary; a noun that starts a
 * longer word is not said ("모자라요": not enough, "브라운": brown, "모자이크": mosaic).
 */
function koreanHits(word: string, at: number): Hit[] {
  const taken: boolean[] = [];
  const hits: Hit[] = [];
  for (const e of KOREAN) {
    for (let i = word.indexOf(e.word); i >= 0; i = word.indexOf(e.word, i + 1)) {
      if (taken.slice(i, i + e.word.length).some(Boolean)) continue;
      if (!koreanTail(word.slice(i + e.word.length), KOREAN_NOUNS)) continue;
      for (let k = i; k < i + e.word.length; k++) taken[k] = true;
      hits.push({ concept: e.concept, lang: 'ko', word: e.word, at, offset: i });
    }
  }
  return hits.sort((a, b) => a.offset - b.offset);
}

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\p{Script=Latin})(?=\p{Script=Hangul})|(\p{Script=Hangul})(?=\p{Script=Latin})/gu, '$1$2 ')
    .replace(/\bt-shirt/gu, 'tshirt')
    .replace(/\bflip-flop/gu, 'flipflop')
    .replace(/\bpower bank/gu, 'powerbank')
    .replace(/\b(plant|flower) pot/gu, 'flowerpot')
    .replace(/\bbed ?frame/gu, 'bedframe')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * A Korean noun followed by a particle ("꽃병이랑 거울", "램프를 소파와") names a thing of its own: a noun
 * that describes the next one stands bare ("워치 밴드") or takes 의.
 */
function particleAfter(hit: Hit, ws: string[]): boolean {
  if (hit.lang !== 'ko') return false;
  const tail = ws[hit.at]!.slice(hit.offset + hit.word.length);
  return tail !== '' && tail !== '의';
}

/** A product named: the thing (its kind and the kinds it belongs to) and the nouns describing it. */
export interface ProductPhrase {
  head: Concept;
  describedBy: string[];
}

/**
 * The products a text names by kind, as phrases. A shopper's words (`shopper`) are read in their
 * language, English and Korean, and "case" alone is no product there ("in that case"); a store's
 * titles are read in every language.
 */
export function productPhrases(text: string, lang?: Lang, shopper = true): ProductPhrase[] {
  const langs = new Set<Lang>(lang === 'pl' || !lang ? ['en', 'pl', 'ko'] : [lang, 'en', 'ko']);
  const ws = words(text);
  const hits: Hit[] = [];
  ws.forEach((w, at) => {
    if (HANGUL.test(w)) hits.push(...koreanHits(w, at));
    else {
      const e = latinEntry(w, langs);
      if (e) hits.push({ concept: e.concept, lang: e.lang, word: e.word, at, offset: 0 });
    }
  });
  // Runs of nouns next to each other (or joined by "do", "na", "for"…) name one thing.
  const runs: { hits: Hit[]; joined: boolean }[] = [];
  for (const h of hits) {
    const run = runs[runs.length - 1];
    const last = run?.hits[run.hits.length - 1];
    const gap = last ? h.at - last.at : Number.POSITIVE_INFINITY;
    const joiner = gap === 2 && JOINERS.has(ws[last!.at + 1]!);
    if (run && (gap === 0 || (gap === 1 && !particleAfter(last!, ws)) || joiner)) {
      run.hits.push(h);
      if (joiner && run.hits.length === 2) run.joined = true;
    } else runs.push({ hits: [h], joined: false });
  }
  const phrases: ProductPhrase[] = [];
  for (const run of runs) {
    // Polish names the thing first ("pasek do zegarka"), as does a joiner ("case for iPhone");
    // English and Korean compounds last ("watch band", "워치 밴드").
    const head = run.joined || run.hits[0]!.lang === 'pl' ? run.hits[0]! : run.hits[run.hits.length - 1]!;
    if (shopper && head.lang === 'en' && ONLY_AS_HEAD.has(head.word) && run.hits.length === 1) continue;
    phrases.push({
      head: head.concept,
      describedBy: run.hits.filter((h) => h !== head).map((h) => h.concept[0]),
    });
  }
  return phrases;
}

/** How well a title fits a named product: 0 for another kind; more for each describing noun it shares. */
function fit(named: ProductPhrase, title: ProductPhrase[]): number {
  const kind = named.head[0];
  if (!title.some((t) => t.head.includes(kind))) return 0;
  const all = new Set(title.flatMap((t) => [...t.head, ...t.describedBy]));
  return 2 + named.describedBy.filter((d) => all.has(d)).length;
}

/**
 * How well a title fits each product named (`named`, the shopper's productPhrases): 0 for another
 * kind, 1 for the kind, one more for each describing noun it shares ("watch band" ~ "스마트워치 밴드"
 * 2, ~ "Sport band" 1).
 */
export function kindFit(named: ProductPhrase[], title: string): number[] {
  if (!named.length) return [];
  const phrases = productPhrases(title, undefined, false);
  return named.map((n) => Math.max(0, fit(n, phrases) - 1));
}

/**
 * The lines a text names by kind of product, whatever language the titles are in: each product
 * named picks the one line fitting it best; a product no line fits, or several fit alike, picks none.
 */
export function linesNamedByKind(
  text: string,
  lines: { id: string; title: string }[],
  lang?: Lang,
): string[] {
  const named = productPhrases(text, lang);
  if (!named.length) return [];
  const titles = lines.map((l) => ({ id: l.id, phrases: productPhrases(l.title, undefined, false) }));
  const picked = new Set<string>();
  for (const n of named) {
    const scored = titles.map((t) => ({ id: t.id, score: fit(n, t.phrases) }));
    const best = Math.max(0, ...scored.map((s) => s.score));
    const top = scored.filter((s) => s.score === best);
    if (best > 0 && top.length === 1) picked.add(top[0]!.id);
  }
  return [...picked];
}
