/** Language detection per message: script first (Hangul), then Polish diacritics and stopword statistics. */

export type Lang = 'ko' | 'pl' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'pl', 'en'];

const PL_STOP = new Set(
  'i w na z do nie się jest to że jak czy co mój moja moje mojego mojej mam moje jaki jaka jakie ile proszę chcę chciałbym chciałabym zamówienie zamówienia zwrot zwrotu zwrócić wymiana wymienić dzień dobry dziękuję dzięki cześć pieniądze pieniędzy gdzie kiedy dla od po przez już tak ale być może mogę można jestem był była było są ten ta te tego tej który która które jednak anuluj nieważne dobra właściwie zamiast tylko'.split(
    ' ',
  ),
);
// Many Polish shoppers type without diacritics ("chce zwrocic kurtke"): every stopword counts in its
// folded spelling too.
for (const w of [
  ...PL_STOP,
  'oddać',
  'oddam',
  'odesłać',
  'otrzymać',
  'dostać',
  'dostanę',
  'mogę',
  'muszę',
  'się',
  'że',
  'bo',
  'żeby',
  // Short function words no English sentence has ("Kto placi za odeslanie?").
  'kto',
  'za',
  'ze',
  'mi',
  'mnie',
  'przy',
  'bez',
  'jeszcze',
  'teraz',
  'bardzo',
  'dlaczego',
  'czemu',
  'albo',
  'lub',
  'oraz',
  'towar',
  'paczka',
  'paczki',
  'paczkę',
  'przesyłka',
  'przesyłki',
])
  PL_STOP.add(w).add(foldPolish(w));

/** "zwrócić" → "zwrocic": Polish letters written without their diacritics. */
export function foldPolish(w: string): string {
  return w.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L');
}

const EN_STOP = new Set(
  'the a an is are was were be to of and in on for with my me i you your it this that how what when where can could would do does did want need please order return refund exchange hi hello thanks thank policy about have has will just get not no yes from status'.split(
    ' ',
  ),
);

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/g;
const PL_DIACRITICS = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/g;
const LATIN_WORD = /[a-ząćęłńóśźż]+/giu;

export interface LanguageGuess {
  language: Lang;
  /** false when the text carries too little signal (numbers, an email, "ok"): the caller's fallback was used. */
  confident: boolean;
  /** true when the text said nothing either way and the language is the caller's fallback. */
  fallback?: boolean;
}

/**
 * The language a brand writes in, from its documents' languages: the most common one. A tie with
 * English goes to the other language (an English version next to the brand's own is the usual
 * translation); any other tie says nothing.
 */
export function mainLanguage(languages: readonly string[]): Lang | undefined {
  const counts = new Map<Lang, number>();
  for (const l of languages) {
    const code = l.trim().toLowerCase().slice(0, 2) as Lang;
    if (LANGS.includes(code)) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first) return undefined;
  if (!second || second[1] < first[1]) return first[0];
  const tied = ranked.filter(([, n]) => n === first[1]).map(([l]) => l);
  const others = tied.filter((l) => l !== 'en');
  return others.length === 1 ? others[0] : undefined;
}

/** Detects ko / pl / en; ambiguous short messages fall back to the conversation's language. */
export function detectLanguage(text: string, fallback: Lang = 'en'): LanguageGuess {
  const hangul = (text.match(HANGUL) ?? []).length;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (hangul > 0 && hangul >= letters * 0.3) return { language: 'ko', confident: true };
  const words = (text.replace(/\S+@\S+/g, ' ').match(LATIN_WORD) ?? []).map((w) => w.toLowerCase());
  if (words.length === 0) return { language: fallback, confident: false, fallback: true };
  const diacritics = (text.match(PL_DIACRITICS) ?? []).length;
  let pl = diacritics * 1.5;
  let en = 0;
  for (const w of words) {
    if (PL_STOP.has(w)) pl += 1;
    if (EN_STOP.has(w)) en += 1;
    // Polish morphology without diacritics: common endings/clusters rare in English.
    if (/(sz|cz|rz|dz|ść|ę|ą)/.test(w) || /(ego|emu|owie|ami|ach|ości|ować|łem|łam)$/.test(w)) pl += 0.5;
    if (/(th|wh|ing$|tion$|ould$)/.test(w)) en += 0.5;
  }
  const total = pl + en;
  if (total < 1) return { language: fallback, confident: false, fallback: true };
  if (pl > en) return { language: 'pl', confident: pl - en >= 1 };
  if (en > pl) return { language: 'en', confident: en - pl >= 1 };
  return { language: fallback, confident: false, fallback: true };
}

const WORD_CHAR = '[\\p{L}\\p{N}_]';
const NOT_WORD_CHAR = '[^\\p{L}\\p{N}_]';
const WORD_BOUNDARY = `(?:(?<!${WORD_CHAR})(?=${WORD_CHAR})|(?<=${WORD_CHAR})(?!${WORD_CHAR}))`;
const NOT_WORD_BOUNDARY = `(?:(?<=${WORD_CHAR})(?=${WORD_CHAR})|(?<!${WORD_CHAR})(?!${WORD_CHAR}))`;
/** Where one side is known to be a word character, one half is enough (and far cheaper). */
const WORD_START = `(?<!${WORD_CHAR})`;
const WORD_END = `(?!${WORD_CHAR})`;

const LETTER = /[\p{L}\p{N}_]/u;
const OPTIONAL = /^(\?|\*|\{0)/;

/** Index of the `)` closing the group opened at `open` (escapes and classes skipped). */
function closing(s: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The group's top-level alternatives, as [start, end) ranges of `s`. */
function alternatives(s: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let inClass = false;
  let start = from;
  for (let i = from; i < to; i++) {
    const ch = s[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  out.push([start, to]);
  return out;
}

/** Whatever `s` matches from `i` on certainly begins with a word character (a letter, `\w`, a group of those). */
function startsWithWord(s: string, i: number, end = s.length): boolean {
  if (i >= end) return false;
  let next: number;
  if (s[i] === '\\') {
    if (s[i + 1] !== 'w') return false;
    next = i + 2;
  } else if (s[i] === '(') {
    if (s[i + 1] === '?' && s[i + 2] !== ':') return false;
    const close = closing(s, i);
    if (close < 0) return false;
    const body = s[i + 1] === '?' ? i + 3 : i + 1;
    if (!alternatives(s, body, close).every(([a, b]) => startsWithWord(s, a, b))) return false;
    next = close + 1;
  } else if (LETTER.test(s[i]!)) next = i + 1;
  else return false;
  return !OPTIONAL.test(s.slice(next, next + 2));
}

/** Whatever `s` matches up to `end` (exclusive) certainly ends with a word character. */
function endsWithWord(s: string, end: number, start = 0): boolean {
  let i = end - 1;
  if (i < start) return false;
  if (s[i] === '+') i--;
  const escaped = i > start && s[i - 1] === '\\' && !(i > start + 1 && s[i - 2] === '\\');
  if (escaped) return s[i] === 'w';
  if (s[i] === ')') {
    let open = -1;
    for (let j = i - 1; j >= start; j--) if (s[j] === '(' && closing(s, j) === i) open = j;
    if (open < 0 || (s[open + 1] === '?' && s[open + 2] !== ':')) return false;
    const body = s[open + 1] === '?' ? open + 3 : open + 1;
    return alternatives(s, body, i).every(([a, b]) => endsWithWord(s, b, a));
  }
  return LETTER.test(s[i]!) && s[i] !== '_';
}

/**
 * The pattern with `\w`, `\W`, `\b` and `\B` meaning letters of any script: in JavaScript they are
 * ASCII-only even with the `u` flag, so `(\w+ )?` never matches "kurtkę" and `\b` falls between
 * "wad" and "ę". Write lexicon patterns naturally and pass them through this (the result has `u`).
 * A `\b` before a word becomes a look-behind only, after a word a look-ahead only: the same
 * meaning, a fraction of the cost.
 */
export function unicodeWords(re: RegExp): RegExp {
  const s = re.source;
  let out = '';
  let inClass = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') {
      const next = s[i + 1] ?? '';
      i++;
      if (inClass && next === 'w') out += '\\p{L}\\p{N}_';
      else if (inClass && (next === 'W' || next === 'b' || next === 'B'))
        throw new Error(`unicodeWords: \\${next} inside a character class in /${s}/`);
      else if (next === 'w') out += WORD_CHAR;
      else if (next === 'W') out += NOT_WORD_CHAR;
      else if (next === 'b')
        out += startsWithWord(s, i + 1) ? WORD_START : endsWithWord(s, i - 1) ? WORD_END : WORD_BOUNDARY;
      else if (next === 'B') out += NOT_WORD_BOUNDARY;
      else out += ch + next;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return new RegExp(out, re.flags.includes('u') ? re.flags : `${re.flags}u`);
}

const LANGUAGE_NAMES: [Lang, RegExp][] = [
  ['en', /\benglish\b|angielsk\p{L}*|영어/iu],
  ['pl', /\bpolish\b|polsk\p{L}*|폴란드어/iu],
  ['ko', /\bkorean\b|koreańsk\p{L}*|koreansk\p{L}*|한국어|한국말/iu],
];
/** Asking for a language rather than naming one ("answer in", "wolę po", "한국어로요"). */
const LANGUAGE_CUE = unicodeWords(
  /\b(answer|reply|respond|write|speak|talk|continue|switch|back to|prefer|change)\b|\bin (english|polish|korean)[,\s]*(please|pls)\b|^\W*(english|polish|korean)[,\s]*(please|pls)?\W*$|odpowiad\w*|odpowiedz\w*|odpisz\w*|\bpisz\w*|pisać|\bmów\w*|mówić|\bwol(ę|e)\b|wróć\w*|przejd\w*|zmień\w*|\bpo (polsku|angielsku|koreańsku)\W*(proszę|prosze)?\W*$|(으)?로\s*(요|해|답|대답|말|얘기|부탁|바꿔|진행|계속)/iu,
);

/**
 * A request about the language of the conversation ("Can you answer in English please?", "ok and
 * back to english:", "Właściwie wolę po polsku.", "다시 한국어로요."): the language asked for, and the
 * rest of the message (what to answer), without it. A meta instruction, never a question to look
 * up. Only a short sentence naming one language with a request cue counts ("Is the manual in
 * Polish?" asks about the manual).
 */
export function languageRequest(text: string): { language: Lang; rest: string } | undefined {
  const segments = text.split(/(?<=[.?!:;？。])\s*/u);
  let language: Lang | undefined;
  const rest: string[] = [];
  for (const seg of segments) {
    const s = seg.trim();
    const named = LANGUAGE_NAMES.filter(([, re]) => re.test(s));
    if (
      !language &&
      named.length === 1 &&
      s.split(/\s+/u).length <= 10 &&
      LANGUAGE_CUE.test(s.toLowerCase())
    ) {
      language = named[0]![0];
      continue;
    }
    if (s) rest.push(s);
  }
  return language ? { language, rest: rest.join(' ').trim() } : undefined;
}
