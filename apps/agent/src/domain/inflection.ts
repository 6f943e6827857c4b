/**
 * Whether a shopper's word names the same thing as a word of a product title, whatever its
 * inflection: Polish case endings ("z butami trekkingowymi" ~ "Buty trekkingowe", "w kurtce" ~
 * "Kurtka"), English plurals ("boots" ~ "Boot", "dresses" ~ "Dress"), Korean particles ("셔츠를" ~
 * "린넨셔츠"). A light stemmer: no dictionary, only endings, so it works for any catalogue.
 */
import { foldPolish, type Lang } from './language';

/**
 * Polish noun and adjective endings (diacritics folded: -ą/-ę read as -a/-e, -ów as -ow). Every one
 * that fits is tried, not only the longest: "trekkingowi" and "trekkingowe" meet at "trekkingow".
 */
const PL_ENDINGS = [
  'iego',
  'iemu',
  'iach',
  'iami',
  'ami',
  'ach',
  'ymi',
  'imi',
  'ego',
  'emu',
  'ych',
  'ich',
  'iej',
  'iem',
  'owi',
  'ow',
  'om',
  'ie',
  'ia',
  'iu',
  'ej',
  'ym',
  'im',
  'em',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
];

/** A stem shorter than this says too little to match on ("buty" → "but" is the shortest kept). */
const MIN_STEM = 3;

const LATIN = /^[a-z]+$/u;

/** English plural → singular candidates: boots → boot, dresses → dress, berries → berry, scarves → scarf. */
function englishStems(w: string): string[] {
  const out: string[] = [];
  if (w.endsWith('ies')) out.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('ves')) out.push(`${w.slice(0, -3)}f`, `${w.slice(0, -3)}fe`);
  if (/(s|x|z|ch|sh)es$/u.test(w)) out.push(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) out.push(w.slice(0, -1));
  return out;
}

/**
 * The stem's other spellings: a consonant softened before -e ("kurtce" ← kurtka, "nodze" ← noga,
 * "swetrze" ← sweter) and the mobile e ("kubek" / "kubka", "sweter" / "swetra").
 */
function polishVariants(stem: string): string[] {
  const out = [stem];
  const hard = stem.replace(/dz$/u, 'g').replace(/rz$/u, 'r').replace(/c$/u, 'k');
  if (hard !== stem) out.push(hard);
  for (const s of [...out]) {
    const m = /^(.*[^aeiouy])e([^aeiouy])$/u.exec(s);
    if (m && s.length > MIN_STEM + 1) out.push(`${m[1]}${m[2]}`);
  }
  return out;
}

/** The forms a word may share with another form of itself (the word included), for `lang`'s grammar. */
export function stems(word: string, lang?: Lang): Set<string> {
  const w = foldPolish(word.normalize('NFKC').toLowerCase());
  const out = new Set<string>([w]);
  if (!LATIN.test(w)) return out;
  if (lang !== 'pl') for (const s of englishStems(w)) if (s.length >= MIN_STEM) out.add(s);
  if (lang !== 'en' && lang !== 'ko') {
    for (const v of polishVariants(w)) out.add(v);
    for (const e of PL_ENDINGS) {
      if (!w.endsWith(e) || w.length - e.length < MIN_STEM) continue;
      for (const v of polishVariants(w.slice(0, -e.length))) if (v.length >= MIN_STEM) out.add(v);
    }
  }
  return out;
}

/**
 * Korean particles and endings that follow a noun ("팬츠를", "셔츠도", "코트에서", "머플러랑요"), longest
 * first; a word loses at most two of them ("팬츠에서도" → 팬츠).
 */
const KO_PARTICLES = [
  '이랑',
  '에서',
  '에게',
  '으로',
  '하고',
  '까지',
  '부터',
  '처럼',
  '이요',
  '을',
  '를',
  '이',
  '가',
  '은',
  '는',
  '도',
  '에',
  '로',
  '와',
  '과',
  '랑',
  '의',
  '만',
  '요',
  '좀',
];

/** "셔츠를" → [셔츠를, 셔츠]; "팬츠에서도" → [팬츠에서도, 팬츠에서, 팬츠]. */
export function koreanBases(word: string): string[] {
  const out = [word];
  let w = word;
  for (let i = 0; i < 2; i++) {
    const p = KO_PARTICLES.find((x) => w.endsWith(x) && w.length - x.length >= 2);
    if (!p) break;
    w = w.slice(0, -p.length);
    out.push(w);
  }
  return out;
}

/**
 * What follows a noun inside a Korean word when the word is that noun said: particles and the
 * copula ("모자는", "모자예요", "가방이에요", "브라인데요", "코트야"). Never a bare "라…" after a vowel:
 * "모자라요" is "not enough", not "it's a hat".
 */
const KO_TAIL = [
  ...KO_PARTICLES,
  '이에요',
  '에요',
  '예요',
  '이었어요',
  '였어요',
  '입니다',
  '인데요',
  '인데',
  '이고',
  '이라서',
  '이라',
  '이야',
  '야',
  '이죠',
  '죠',
  '한테',
  '보다',
].sort((a, b) => b.length - a.length);

/** `rest` is only particles and endings (up to three), or goes on with another of `nouns` ("워치|밴드를"). */
export function koreanTail(rest: string, nouns: readonly string[], depth = 0): boolean {
  if (!rest) return true;
  if (depth >= 3) return false;
  return [...KO_TAIL, ...nouns].some(
    (p) => p.length > 0 && rest.startsWith(p) && koreanTail(rest.slice(p.length), nouns, depth + 1),
  );
}

/**
 * A Korean word of the shopper's is the noun said: the noun itself, or it with particles or an
 * ending ("모자는", "모자예요"), or the head of a compound ("스포츠브라만", "핸드크림을"), or one of
 * several nouns written together (`nouns`: "스마트워치밴드를" holds both words of "스마트워치 밴드").
 * Not the start of a longer word: "브라운" (brown) is no "브라", "모자라요" (not enough) no "모자".
 */
export function koreanWordHas(word: string, noun: string, nouns: readonly string[] = []): boolean {
  if (noun.length < 2) return false;
  for (let i = word.indexOf(noun); i >= 0; i = word.indexOf(noun, i + 1))
    if (koreanTail(word.slice(i + noun.length), nouns)) return true;
  return false;
}

/**
 * A Korean title word the shopper named: one of their words says it (koreanWordHas; `titleWords`,
 * the title's other words, may be written against it), or one of their words, particles dropped, is
 * the head or the start of a compound title word of three syllables or more ("셔츠를" ~ "린넨셔츠",
 * "데님은" ~ "데님팬츠").
 */
export function koreanMention(
  titleWord: string,
  requestWords: string[],
  ignore: ReadonlySet<string> = new Set(),
  titleWords: readonly string[] = [],
): boolean {
  if (titleWord.length < 2) return false;
  const others = titleWords.filter((w) => w !== titleWord && w.length >= 2);
  if (requestWords.some((w) => koreanWordHas(w, titleWord, others))) return true;
  if (titleWord.length < 3) return false;
  return requestWords.some((w) =>
    koreanBases(w).some(
      (b) => b.length >= 2 && !ignore.has(b) && (titleWord.endsWith(b) || titleWord.startsWith(b)),
    ),
  );
}

/** One title word and one request word name the same thing (inflection aside). */
export function sameWord(titleWord: string, requestWord: string, lang?: Lang): boolean {
  const a = stems(titleWord, lang);
  for (const s of stems(requestWord, lang)) if (s.length >= MIN_STEM && a.has(s)) return true;
  return false;
}
