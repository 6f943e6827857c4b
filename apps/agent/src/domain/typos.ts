/**
 * Tolerant matching for the words that carry an intent ("retrun" → return, "zwórcić" → zwrócić,
 * "반퓸" → 반품). Cheap and conservative: only towards a short list of intent words, never from a
 * word the classifier already knows, one edit on words of five letters or more (two from eight on),
 * and only a swap of neighbouring letters on four-letter ones ("wnat" → want). Short words are left
 * alone: "sale" / "same", "zwrot" / "zwrotka" are different words, not typos. Korean is compared
 * jamo by jamo (one consonant or vowel off, same number of syllables).
 */

import { REAL_WORDS } from './typo-real-words';

/** The words worth correcting towards (lower case, as typed: with and without Polish diacritics). */
const TARGETS = [
  // en
  'return',
  'returns',
  'returning',
  'returned',
  'refund',
  'refunds',
  'refunded',
  'exchange',
  'exchanges',
  'exchanged',
  'exchanging',
  'want',
  'need',
  'send',
  'back',
  'would',
  'like',
  'please',
  'policy',
  'status',
  'receive',
  'received',
  'human',
  'person',
  'agent',
  'someone',
  'somebody',
  'representative',
  'customer',
  'service',
  'speak',
  'talk',
  'replace',
  'different',
  'bigger',
  'smaller',
  'shipping',
  'package',
  'parcel',
  'thanks',
  'thank',
  'hello',
  'processed',
  'arrived',
  'update',
  'tracking',
  'deadline',
  'window',
  'returnable',
  'complaint',
  'dispute',
  'chargeback',
  'lawyer',
  // pl
  'zwrot',
  'zwrotu',
  'zwrotem',
  'zwroty',
  'zwrotów',
  'zwrotow',
  'zwrócić',
  'zwrocic',
  'oddać',
  'oddac',
  'odesłać',
  'odeslac',
  'wymienić',
  'wymienic',
  'wymiana',
  'wymianę',
  'wymiane',
  'wymiany',
  'pieniądze',
  'pieniadze',
  'pieniędzy',
  'pieniedzy',
  'zamówienie',
  'zamowienie',
  'zamówienia',
  'zamowienia',
  'konsultant',
  'konsultantem',
  'konsultanta',
  'człowiekiem',
  'czlowiekiem',
  'reklamacja',
  'reklamację',
  'reklamacje',
  'rozmiar',
  'chciałbym',
  'chcialbym',
  'chciałabym',
  'chcialabym',
  'proszę',
  'prosze',
  'dziękuję',
  'dziekuje',
  'dzięki',
  'dzieki',
  'regulamin',
  'zasady',
  'porozmawiać',
  'porozmawiac',
  'kiedy',
  'dostanę',
  'dostane',
];

/** Words the classifier reads as they are (never "corrected"), besides the targets. */
const KNOWN = new Set([
  ...TARGETS,
  // Real words one edit away from a target.
  'rerun',
  'retune',
  'refine',
  'refind',
  'wants',
  'went',
  'next',
  'sent',
  'sand',
  'band',
  'bank',
  'lake',
  'life',
  'like',
  'line',
  'would',
  'could',
  'should',
  'wound',
  'status',
  'statue',
  'humane',
  'humans',
  'agents',
  'urgent',
  'speaks',
  'steak',
  'sneak',
  'talks',
  'tall',
  'replay',
  'replaced',
  'bigger',
  'digger',
  'smaller',
  'shipping',
  'skipping',
  'shopping',
  'package',
  'packages',
  'parcels',
  'thank',
  'thinks',
  'think',
  'shanks',
  'hells',
  'hollow',
  'window',
  'widow',
  'windows',
  'update',
  'updated',
  'updates',
  'lawyers',
  'person',
  'persons',
  'prison',
  'parson',
  'policy',
  'police',
  'polish',
  'oddam',
  'oddał',
  'kiedyś',
  'rozmiary',
  'rozmiaru',
  'rozmiarze',
  'deceive',
  'cello',
  'jello',
  'hallo',
  'chipping',
  'digger',
  'bugger',
]);

/** More words the classifier reads as they are (its own example utterances). */
export function knowWords(words: Iterable<string>): void {
  for (const w of words) KNOWN.add(w);
}

const TRANSPOSITIONS_ONLY_BELOW = 5;
const TWO_EDITS_FROM = 8;

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** One swap of neighbouring letters turns `a` into `b`. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

const TARGETS_SET = new Set(TARGETS);

const BY_LENGTH = new Map<number, string[]>();
for (const t of new Set(TARGETS)) {
  const list = BY_LENGTH.get(t.length);
  if (list) list.push(t);
  else BY_LENGTH.set(t.length, [t]);
}

/** Word → corrected word (bounded; most messages repeat the same few hundred words). */
const cache = new Map<string, string>();

/** The intent word a Latin-script word was meant to be, or the word itself. */
export function correctWord(word: string): string {
  if (KNOWN.has(word) || REAL_WORDS.has(word)) return word;
  return nearestTarget(word);
}

/**
 * The intent word within reach of a Latin-script word (or the word itself), whatever words are
 * known: what correctWord would do without its lists (scripts/real-words.cjs derives REAL_WORDS with it).
 */
export function nearestTarget(word: string): string {
  if (word.length < 4 || TARGETS_SET.has(word) || !/^[\p{Script=Latin}']+$/u.test(word)) return word;
  let out = word;
  if (word.length < TRANSPOSITIONS_ONLY_BELOW) {
    out = BY_LENGTH.get(word.length)?.find((t) => swapped(word, t)) ?? word;
  } else {
    const max = word.length >= TWO_EDITS_FROM ? 2 : 1;
    let best = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      // Never towards a target short enough that a single edit makes another word.
      if (len < TRANSPOSITIONS_ONLY_BELOW) continue;
      for (const t of BY_LENGTH.get(len) ?? []) {
        const limit = Math.min(max, t.length >= TWO_EDITS_FROM ? 2 : 1);
        const d = distance(word, t, limit);
        if (d <= limit && d < best) {
          best = d;
          out = t;
        }
      }
    }
  }
  return out;
}

// Korean: syllables as (initial, medial, final) jamo indices.
const HANGUL_BASE = 0xac00;
const HANGUL_LAST = 0xd7a3;
const KO_TARGETS = ['반품', '환불', '교환', '상담원', '상담사'];
const KO_KNOWN = new Set([...KO_TARGETS, '한불', '발품', '상담실']);

function jamo(s: string): number[] | undefined {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)! - HANGUL_BASE;
    if (c < 0 || c > HANGUL_LAST - HANGUL_BASE) return undefined;
    out.push(Math.floor(c / 588), Math.floor((c % 588) / 28), c % 28);
  }
  return out;
}

const KO_JAMO = KO_TARGETS.map((t) => ({ t, j: jamo(t)! }));

/** "반퓸하고 싶어요" → "반품하고 싶어요": one jamo off in a target of the same syllable count. */
function correctHangul(word: string): string {
  if (!/[\uac00-\ud7a3]/u.test(word)) return word;
  let out = word;
  for (const { t, j } of KO_JAMO) {
    if (out.includes(t)) continue;
    for (let i = 0; i + t.length <= out.length; i++) {
      const window = out.slice(i, i + t.length);
      if (KO_KNOWN.has(window)) continue;
      const w = jamo(window);
      if (!w) continue;
      let diff = 0;
      for (let k = 0; k < w.length && diff < 2; k++) if (w[k] !== j[k]) diff++;
      if (diff === 1) {
        out = out.slice(0, i) + t + out.slice(i + t.length);
        break;
      }
    }
  }
  return out;
}

/** Normalised text (lower case, words separated by single spaces) with typos of intent words fixed. */
export function correctTypos(t: string): string {
  return t
    .split(' ')
    .map((w) => {
      let out = cache.get(w);
      if (out === undefined) {
        out = correctHangul(correctWord(w));
        if (cache.size > 10_000) cache.clear();
        cache.set(w, out);
      }
      return out;
    })
    .join(' ');
}
