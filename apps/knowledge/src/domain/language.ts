// Language detection by script first, then by word statistics for Latin-script text.
// Returns a BCP-47 base code ("ko", "pl", "en", …) or "und" when nothing can be said.

const HANGUL = /[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/gu;
const KANA = /[\u3040-\u30ff]/gu;
const HAN = /[\u4e00-\u9fff]/gu;
const CYRILLIC = /[\u0400-\u04ff]/gu;
const LATIN = /[a-zA-Z\u00c0-\u024f]/gu;
const POLISH_LETTERS = /[ąćęłńśźżĄĆĘŁŃŚŹŻ]/gu;
const GERMAN_LETTERS = /[äöüßÄÖÜ]/gu;

// Frequent function words: the statistics that separate Latin-script languages reliably even in
// short texts. Kept small on purpose; frequencies, not vocabulary, do the work.
const FUNCTION_WORDS: Record<string, string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'you',
    'for',
    'it',
    'on',
    'with',
    'are',
    'can',
    'be',
    'your',
    'within',
    'an',
    'or',
    'do',
    'how',
    'what',
    'if',
    'my',
    'i',
    'will',
    'we',
    'from',
    'this',
    'not',
    'days',
  ],
  pl: [
    'i',
    'w',
    'na',
    'z',
    'się',
    'nie',
    'do',
    'to',
    'że',
    'jest',
    'o',
    'jak',
    'po',
    'od',
    'za',
    'dni',
    'czy',
    'można',
    'mogę',
    'ile',
    'przez',
    'lub',
    'oraz',
    'dla',
    'są',
    'jeśli',
    'który',
    'która',
    'towar',
    'zwrot',
  ],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'mit',
    'sie',
    'ich',
    'zu',
    'den',
    'ein',
    'eine',
    'für',
    'auf',
    'tage',
    'wie',
    'kann',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'est',
    'vous',
    'pour',
    'dans',
    'une',
    'un',
    'pas',
    'que',
    'jours',
    'du',
    'sur',
    'retour',
  ],
  es: [
    'el',
    'la',
    'los',
    'las',
    'y',
    'de',
    'que',
    'es',
    'en',
    'para',
    'con',
    'una',
    'por',
    'días',
    'puedo',
    'devolución',
    'del',
  ],
};

/**
 * Polish typed without diacritics ("czy zwrot jest platny", "gdzie wyslac paczke", "do kiedy moge oddac"):
 * short messages have few function words and no Polish letters, so they also count
 * - the folded spelling of frequent Polish words and of the words shoppers use about orders and returns;
 * - spelling that English does not have: the clusters rz / cz / sz / dz and the endings -ować, -ości, -ych, -iej,
 *   -ego, -emu, -ami (half a word each).
 */
const POLISH_FOLDED = new Set([
  ...FUNCTION_WORDS.pl!.map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l')),
  'moge',
  'mozna',
  'musze',
  'prosze',
  'sie',
  'juz',
  'gdzie',
  'kiedy',
  'dlaczego',
  'jaki',
  'jaka',
  'jakie',
  'kto',
  'co',
  'mam',
  'mi',
  'moj',
  'moja',
  'moje',
  'chce',
  'bez',
  'jeszcze',
  'nadal',
  'brak',
  'tak',
  'dzien',
  'dobry',
  'dziekuje',
  'zwrotu',
  'zwrocic',
  'oddac',
  'odeslac',
  'wymiana',
  'wymienic',
  'reklamacja',
  'paczka',
  'paczke',
  'paczki',
  'zamowienie',
  'zamowienia',
  'dostawa',
  'wysylka',
  'pieniadze',
  'kurtke',
  'buty',
  'rozmiar',
  'rozmiaru',
]);
const ENGLISH_SPELLING = /(th|wh|ck|ph|ee|oo)|(ing|tion|ould|ght|ness)$/u;
const POLISH_SPELLING = /(rz|cz|sz|dz)|(owac|osci|ych|iej|ego|emu|ami)$/u;

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

export interface LanguageGuess {
  language: string;
  confidence: number;
}

export function detectLanguageDetailed(text: string): LanguageGuess {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const hangul = count(sample, HANGUL);
  const kana = count(sample, KANA);
  const han = count(sample, HAN);
  const cyr = count(sample, CYRILLIC);
  const latin = count(sample, LATIN);
  const total = hangul + kana + han + cyr + latin;
  if (total === 0) return { language: 'und', confidence: 0 };
  // Hangul wins even when Latin brand names and codes are mixed in.
  if (hangul / total > 0.2 || (hangul > 0 && hangul >= latin / 4))
    return { language: 'ko', confidence: Math.min(1, hangul / total + 0.3) };
  if (kana > 0 && (kana + han) / total > 0.3) return { language: 'ja', confidence: 0.8 };
  if (han / total > 0.3) return { language: 'zh', confidence: 0.7 };
  if (cyr / total > 0.3) return { language: 'ru', confidence: 0.6 };
  const words = (sample.toLowerCase().match(/[a-z\u00c0-\u024f]+/gu) ?? []).slice(0, 4000);
  const scores: Record<string, number> = {};
  for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
    const set = new Set(list);
    let s = 0;
    for (const w of words) if (set.has(w)) s += 1;
    scores[lang] = s / Math.max(1, words.length);
  }
  let folded = 0;
  for (const w of words) {
    const f = w.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l');
    if (POLISH_FOLDED.has(f)) folded += 1;
    else if (POLISH_SPELLING.test(f)) folded += 0.5;
  }
  scores.pl = Math.max(scores.pl ?? 0, folded / Math.max(1, words.length));
  // And English spelling Polish does not have ("th", "wh", "-ing", "-tion"), for balance.
  let english = 0;
  for (const w of words) if (ENGLISH_SPELLING.test(w)) english += 0.5;
  scores.en = (scores.en ?? 0) + english / Math.max(1, words.length);
  // Letters unique to a language are strong evidence.
  const letters = Math.max(1, latin);
  scores.pl = (scores.pl ?? 0) + (count(sample, POLISH_LETTERS) / letters) * 8;
  scores.de = (scores.de ?? 0) + (count(sample, GERMAN_LETTERS) / letters) * 6;
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0) return { language: 'en', confidence: 0.2 };
  const margin = best[1] - (second?.[1] ?? 0);
  return { language: best[0], confidence: Math.max(0.2, Math.min(1, 0.4 + margin * 4)) };
}

export function detectLanguage(text: string): string {
  return detectLanguageDetailed(text).language;
}

/** "ko-KR" → "ko"; "" → "". */
export function baseLanguage(locale: string | undefined): string {
  return (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
}
