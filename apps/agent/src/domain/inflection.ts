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
 * A Korean title word the shopper named: written inside their message (a particle attached or not),
 * or one of their words, particles dropped, is the head or the start of a compound title word of
 * three syllables or more ("셔츠를" ~ "린넨셔츠", "데님은" ~ "데님팬츠").
 */
export function koreanMention(
  titleWord: string,
  requestWords: string[],
  requestText: string,
  ignore: ReadonlySet<string> = new Set(),
): boolean {
  if (titleWord.length < 2) return false;
  if (requestText.includes(titleWord)) return true;
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
