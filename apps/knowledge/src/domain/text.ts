// Multilingual tokenisation shared by BM25, the default embedder, snippets and answers.
// Words come from Intl.Segmenter. Latin-script words are lower-cased, folded (diacritics off, so
// "zwrotów" matches "zwrotow") and lightly stemmed; each long word also yields a short prefix term
// ("^zwro") so inflected Polish forms still meet. Hangul words also yield character bigrams,
// because Korean particles attach to the word ("반품은", "반품을" both contain "반품").

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });
const HANGUL_RE = /[\uac00-\ud7af]/u;
const DIGIT_RE = /^\p{Nd}+$/u;

export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'l')
    .normalize('NFC') // recomposes Hangul syllables that NFKD split into jamo
    .toLowerCase();
}

// Suffixes stripped from folded Latin-script words (Polish inflection first, then English).
const SUFFIXES = [
  'owania',
  'owanie',
  'owaniu',
  'ujacy',
  'ajacy',
  // Verbal nouns: "odesłanie / odesłania / odesłaniu", "odstąpienie / odstąpienia" share one stem.
  'ia',
  'iu',
  'iego',
  'ymi',
  'ami',
  'ach',
  'ych',
  'ich',
  'imi',
  'emu',
  'ego',
  'owi',
  'ow',
  'om',
  'em',
  'ie',
  'ej',
  'ym',
  'im',
  'ing',
  'ed',
  'es',
  'ly',
  'y',
  'u',
  'a',
  'e',
  'i',
  'o',
  's',
].sort((a, b) => b.length - a.length);

export function stem(folded: string): string {
  if (folded.length <= 3 || DIGIT_RE.test(folded)) return folded;
  for (const suffix of SUFFIXES) {
    if (folded.endsWith(suffix) && folded.length - suffix.length >= 3) {
      let s = folded.slice(0, folded.length - suffix.length);
      // "shipping" → "shipp" → "ship"
      if ((suffix === 'ing' || suffix === 'ed') && s.length > 3 && s[s.length - 1] === s[s.length - 2])
        s = s.slice(0, -1);
      return s;
    }
  }
  return folded;
}

const STOP = new Set(
  [
    // English
    'a',
    'an',
    'the',
    'and',
    'or',
    'of',
    'to',
    'in',
    'on',
    'at',
    'for',
    'by',
    'with',
    'from',
    'is',
    'are',
    'was',
    'were',
    'be',
    'been',
    'it',
    'its',
    'this',
    'that',
    'these',
    'those',
    'i',
    'me',
    'my',
    'we',
    'our',
    'us',
    'you',
    'your',
    'they',
    'their',
    'can',
    'could',
    'do',
    'does',
    'did',
    'will',
    'would',
    'should',
    'shall',
    'may',
    'might',
    'must',
    'have',
    'has',
    'had',
    'what',
    'which',
    'who',
    'whom',
    'how',
    'when',
    'where',
    'why',
    'if',
    'then',
    'there',
    'here',
    'as',
    'so',
    'than',
    'also',
    'any',
    'some',
    'all',
    'about',
    'into',
    'out',
    'up',
    'not',
    'no',
    'yes',
    'please',
    'much',
    'many',
    'get',
    'there',
    'am',
    'long',
    'way',
    'able',
    'just',
    'only',
    'more',
    'take',
    'takes',
    'taking',
    'came',
    'come',
    'comes',
    'now',
    'took',
    'taken',
    'gets',
    'getting',
    'got',
    'need',
    'want',
    'know',
    'happen',
    'happens',
    'tell',
    'like',
    'still',
    'really',
    'ok',
    'hi',
    'hello',
    'thanks',
    'thank',
    'someone',
    'something',
    'anything',
    'possible',
    // Placeholders for the goods ("can i return clearance stuff"): the words with them say which.
    'stuff',
    'things',
    // Polish
    'i',
    'w',
    'we',
    'na',
    'z',
    'ze',
    'do',
    'to',
    'ten',
    'ta',
    'te',
    'o',
    'od',
    'po',
    'za',
    'przy',
    'dla',
    'lub',
    'albo',
    'oraz',
    'a',
    'ale',
    'czy',
    'jak',
    'jaki',
    'jaka',
    'jakie',
    'jest',
    'sa',
    'sie',
    'nie',
    'tak',
    'mozna',
    'moge',
    'mam',
    'moj',
    'moja',
    'moje',
    'ile',
    'kiedy',
    'gdzie',
    'co',
    'czym',
    'czego',
    'jesli',
    'gdy',
    'ktory',
    'ktora',
    'ktore',
    'by',
    'aby',
    'tego',
    'tym',
    'ich',
    'jego',
    'jej',
    'go',
    'mi',
    'mnie',
    'musze',
    'chce',
    'chcialbym',
    'chcialabym',
    'trzeba',
    'moze',
    'moga',
    'mozna',
    'jakis',
    'dzien',
    'dobry',
    'czesc',
    'dziekuje',
    'sa',
    'byc',
    'bedzie',
    'zostac',
    'ktorych',
    'pan',
    'pani',
    'panstwo',
    'prosze',
    'czyli',
    'juz',
    'tez',
    'takze',
    'zrobic',
    'robic',
    'przyszedl',
    'przyszla',
    'przyszlo',
    'przyszly',
    // Korean question and filler words (whole words)
    '어떻게',
    '언제',
    '얼마나',
    '무엇',
    '무엇인가요',
    '있나요',
    '있습니까',
    '되나요',
    '하나요',
    '인가요',
    '할',
    '수',
    '있어요',
    '어디',
    '어디로',
    '뭐',
    '뭔가요',
    '제가',
    '저는',
    '그',
    '이',
    '저',
    '및',
    '또는',
    '몇',
    '며칠',
    '알려주세요',
    '궁금합니다',
    '가능한가요',
    '가능하나요',
    // The other ways to ask "is it possible?": no topic either ("한번 빨았는데 반품 가능할까요").
    '가능할까요',
    '가능합니까',
    '가능해요',
    '가능한지',
    '가능할지',
    // "came" / "what should I do": no topic ("깨져서 왔어요", "어떻게 해야 하나요")
    '왔어요',
    '왔는데',
    '왔습니다',
    '왔네요',
    '왔어',
  ].map((w) => w.normalize('NFKC')),
);

/**
 * A Korean "what / where is it" predicate — a wh-word and only the copula after it ("뭐예요", "뭐에요", "뭔가요",
 * "무엇인가요", "무엇입니까", "뭐죠", "어디예요", "어디인가요", "어디죠"): no topic, like "what" and "where" alone.
 * In every spelling shoppers use: listing them one by one left "뭐예요" weighing as a word the documents never use.
 */
const KO_WH_COPULA =
  /^(뭐|뭔|무엇|무어|어디)(예요|에요|여요|이에요|이예요|인가요|인가여|일까요|입니까|인지|이죠|죠|지요|야|냐|니|이야|이냐|예여|에여|임|인데요|가요)?[?!.~]*$/u;

export function isStopword(foldedWord: string): boolean {
  return STOP.has(foldedWord);
}

// Korean particles/endings peeled off to find the bare word ("반품은" → "반품"), one per word.
export const KO_PARTICLES = [
  '에서는',
  '으로는',
  '에서',
  '으로',
  '까지',
  '부터',
  '에게',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '의',
  '로',
  '도',
  '만',
  '와',
  '과',
  '요',
];

export interface WordToken {
  /** Surface form as it appears in the text. */
  surface: string;
  /** Offset in the text (UTF-16 code units). */
  index: number;
  /** Index terms this word contributes. */
  terms: string[];
  stop: boolean;
}

function hangulTerms(word: string): string[] {
  const out: string[] = [];
  let bare = word;
  for (const p of KO_PARTICLES) {
    if (bare.endsWith(p) && bare.length - p.length >= 1) {
      bare = bare.slice(0, bare.length - p.length);
      break;
    }
  }
  out.push(bare);
  if (word.length >= 2) for (let i = 0; i + 1 < word.length; i++) out.push(`${word[i]}${word[i + 1]}`);
  return [...new Set(out)];
}

// Words repeat heavily across chunks and queries; folding and stemming each one again is most of
// the tokeniser's cost, so analysed words are memoised (bounded: cleared when it fills up).
const WORD_CACHE_MAX = 200_000;
const wordCache = new Map<string, { terms: string[]; stop: boolean }>();

function analyse(surface: string): { terms: string[]; stop: boolean } {
  let a = wordCache.get(surface);
  if (a) return a;
  const folded = fold(surface);
  if (HANGUL_RE.test(surface)) {
    const stop = STOP.has(surface) || KO_WH_COPULA.test(surface);
    a = { terms: stop ? [] : hangulTerms(folded), stop };
  } else if (STOP.has(folded)) {
    a = { terms: [], stop: true };
  } else {
    const s = stem(folded);
    const terms = [s];
    if (folded.length >= 6 && !DIGIT_RE.test(folded)) terms.push(`^${folded.slice(0, 4)}`);
    a = { terms, stop: false };
  }
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  wordCache.set(surface, a);
  return a;
}

// Intl.Segmenter (ICU) costs ~1.5 µs per character, which made tokenising a chunk (ingestion, snippets,
// answers) cost ~0.1 ms. Word boundaries never span white space (UAX #29), so a text is cut at white
// space first and each piece ("zwrotów,", "14일", "(np.") is segmented alone — the same word-like
// segments as segmenting the whole text — and pieces repeat so much that their segmentation is
// memoised (bounded like the word cache). Texts without white space (Chinese, Japanese) go to the
// segmenter whole, as before.
const PIECE_CACHE_MAX = 200_000;
/** Per piece: word-like segments as [offset in the piece, surface] pairs, flattened. */
const pieceCache = new Map<string, (number | string)[]>();
// White space that always breaks words (JS \s minus U+FEFF, a format character ICU ignores inside words).
const PIECE_RE = /[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const EMPTY: (number | string)[] = [];

function segmentPiece(piece: string): (number | string)[] {
  let segs = pieceCache.get(piece);
  if (segs) return segs;
  segs = [];
  for (const seg of wordSegmenter.segment(piece)) if (seg.isWordLike) segs.push(seg.index, seg.segment);
  if (!segs.length) segs = EMPTY;
  if (piece.length <= 64) {
    if (pieceCache.size >= PIECE_CACHE_MAX) pieceCache.clear();
    pieceCache.set(piece, segs);
  }
  return segs;
}

/** Calls `visit(surface, index)` for every word-like segment of an NFC-normalised text, in order. */
function eachWord(text: string, visit: (surface: string, index: number) => void): void {
  PIECE_RE.lastIndex = 0;
  for (let m = PIECE_RE.exec(text); m; m = PIECE_RE.exec(text)) {
    const segs = segmentPiece(m[0]);
    for (let i = 0; i < segs.length; i += 2) visit(segs[i + 1] as string, m.index + (segs[i] as number));
  }
}

export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  eachWord(text.normalize('NFC'), (surface, index) => {
    const a = analyse(surface);
    // Callers get their own array: the memoised one must stay intact.
    out.push({ surface, index, terms: a.terms.slice(), stop: a.stop });
  });
  return out;
}

/** Index terms of a text, in order (repeats kept for term frequency). */
export function terms(text: string): string[] {
  const out: string[] = [];
  eachWord(text.normalize('NFC'), (surface) => {
    for (const t of analyse(surface).terms) out.push(t);
  });
  return out;
}

/** Prefix terms carry less evidence than whole stems. */
export function termWeight(term: string): number {
  if (term.startsWith('^')) return 0.35;
  if (HANGUL_RE.test(term) && term.length === 2) return 0.6;
  return 1;
}

const sentenceSegmenter = new Intl.Segmenter('und', { granularity: 'sentence' });

/** Sentences of a text; list items and lines are treated as sentence boundaries too. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const l = line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim();
    if (!l) continue;
    for (const s of sentenceSegmenter.segment(l)) {
      const t = s.segment.trim();
      if (t) out.push(t);
    }
  }
  // Re-join abbreviations split off as tiny fragments ("Np.", "e.g."), but not a bare "Yes." / "Nie." / "네.",
  // and a sentence cut after an abbreviation before a number ("…w godz. 8–16.", "…ok. 5 dni", "tel. 22 …").
  const merged: string[] = [];
  for (const s of out) {
    const prev = merged[merged.length - 1];
    if (
      prev !== undefined &&
      ((prev.length <= 5 && /\.$/.test(prev) && !isContentFree(prev)) ||
        (ABBREVIATION_END.test(prev) && /^\p{Nd}/u.test(s)))
    )
      merged[merged.length - 1] = `${prev} ${s}`;
    else merged.push(s);
  }
  return merged;
}

/** An abbreviation that a number follows ("godz. 8–16", "ok. 5 dni", "nr 3", "tel. 22 …", "approx. 5 days", "ca. 3"). */
const ABBREVIATION_END =
  /(?<!\p{L})(godz|np|ok|tel|ul|nr|pkt|tj|tzn|wg|zob|str|ust|art|poz|min|maks|max|tys|mln|ew|approx|ca|vs|pon|wt|śr|czw|pt|sob|ndz|niedz|mon|tue|wed|thu|fri|sat|sun)\.$/iu;

// A reply word that means nothing without the question it answers ("Yes.", "Tak.", "네.").
const REPLY_WORD =
  /^(yes|no|yep|nope|sure|of course|certainly|absolutely|tak|nie|owszem|oczywiście|jasne|네|예|아니요|아니오|아뇨|물론이죠|물론입니다)[.!,]*$/iu;

/** A sentence that states nothing by itself: a bare yes/no or one without a single content word. */
export function isContentFree(sentence: string): boolean {
  const s = sentence.replace(/[*_]+/g, '').trim();
  return REPLY_WORD.test(s) || !terms(s).length;
}

/**
 * An enumerated item of a legal text, never a heading: Korean 호/목 "가." / "나)", circled "①", "(1)", "1)",
 * "a)", "(a)". ("2. Exchanges" may be a numbered heading; these markers only enumerate.)
 */
export const ENUMERATOR =
  /^(?:[\uac00-\ud7a3][.)]\s|[\u2460-\u2473\u3260-\u327b]\s?|\(\s*(?:\d{1,2}|[a-z]|[\uac00-\ud7a3])\s*\)\s|\d{1,2}\)\s|[a-z]\)\s)(?=\S)/u;

const PLAIN: Record<string, string> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ó: 'O',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
};

/**
 * A pattern that also matches Polish typed without diacritics ("placi" for "płaci", "wysylke" for "wysyłkę",
 * "moge" for "mogę"): each Polish letter stands for itself or its plain letter (in a character class too).
 * For reading a shopper's question; documents are written with their diacritics.
 */
export function loose(re: RegExp): RegExp {
  let out = '';
  let inClass = false;
  const src = re.source;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    const plain = PLAIN[c];
    out += plain ? (inClass ? c + plain : `[${c}${plain}]`) : c;
  }
  return new RegExp(out, re.flags);
}
