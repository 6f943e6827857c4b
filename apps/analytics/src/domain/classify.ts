/**
 * A small multilingual lexicon classifier: free text (or a machine code) → one category.
 *
 * Terms are stems or phrases. Latin-script terms must start at a word start ("uszkodz" matches
 * "uszkodzony", not "nieuszkodzonym"... see negation) and a trailing "$" asks for a whole word
 * ("late$" does not match "latest"). Hangul terms match anywhere (Korean attaches particles and
 * endings to the stem: "사이즈가", "파손되었어요"). A term preceded by a negation ("not", "nie",
 * "no", "isn't") or, in Korean, followed by one ("아니", "아닌") does not count.
 * The category with the highest total weight wins; ties go to the earlier category in the list.
 */

export interface CategoryLexicon<C extends string> {
  category: C;
  /** Term, or [term, weight]. Weight 1 = weak hint, 2 = default, 3 = unambiguous phrase. */
  terms: (string | [string, number])[];
}

interface CompiledTerm {
  pattern: RegExp;
  weight: number;
  hangul: boolean;
}

const HANGUL = /[\u3131-\uD79D]/u;
const LATIN_NEGATION =
  /(?:^|[^\p{L}])(?:not|no|nie|isn't|wasn't|aren't|weren't|never|ani|without|bez)\s+(?:\p{L}+\s+)?$/u;
const HANGUL_NEGATION_AFTER = /^[^\s.,!?]{0,3}\s?(?:아니|아닌|아녜|않았|없었)/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compile(term: string, weight: number): CompiledTerm {
  const wholeWord = term.endsWith('$');
  const body = wholeWord ? term.slice(0, -1) : term;
  const hangul = HANGUL.test(body);
  // Spaces in terms match any run of spaces, or none in Korean ("안 맞" = "안맞").
  const core = escapeRegExp(body).replace(/ /g, hangul ? '\\s*' : '\\s+');
  const source = hangul ? core : `(?<![\\p{L}\\p{N}])${core}${wholeWord ? '(?![\\p{L}\\p{N}])' : ''}`;
  return { pattern: new RegExp(source, 'gu'), weight, hangul };
}

/** Lower case, NFC, typographic apostrophes, codes like "SIZE_FIT"/"wrong-item" as words. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[_\-/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Classifier<C extends string> {
  classify(text: string | undefined | null): C | undefined;
  /** Scores per category (for tests and debugging). */
  scores(text: string): Map<C, number>;
  readonly categories: readonly C[];
}

/**
 * Builds a classifier. `fallback` is returned for non-empty text that matches nothing; empty text
 * gives undefined (no reason given).
 */
export function createClassifier<C extends string>(
  lexicon: CategoryLexicon<C>[],
  fallback: C,
): Classifier<C> {
  const compiled = lexicon.map((l) => ({
    category: l.category,
    terms: l.terms.map((t) => (typeof t === 'string' ? compile(t, 2) : compile(t[0], t[1]))),
  }));
  const categories = [...lexicon.map((l) => l.category), fallback].filter(
    (c, i, all) => all.indexOf(c) === i,
  );
  const exact = new Set<string>(categories);

  const scores = (raw: string): Map<C, number> => {
    const text = normalizeText(raw);
    const result = new Map<C, number>();
    for (const { category, terms } of compiled) {
      let score = 0;
      for (const term of terms) {
        term.pattern.lastIndex = 0;
        for (const m of text.matchAll(term.pattern)) {
          const before = text.slice(Math.max(0, m.index - 24), m.index);
          const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
          const negated = term.hangul ? HANGUL_NEGATION_AFTER.test(after) : LATIN_NEGATION.test(before);
          if (!negated) {
            score += term.weight;
            break; // a term counts once
          }
        }
      }
      if (score > 0) result.set(category, score);
    }
    return result;
  };

  return {
    categories,
    scores,
    classify(raw) {
      if (!raw?.trim()) return undefined;
      const code = raw
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_');
      if (exact.has(code)) return code as C;
      let best: C | undefined;
      let bestScore = 0;
      for (const [category, score] of scores(raw)) {
        if (score > bestScore) {
          best = category;
          bestScore = score;
        }
      }
      return best ?? fallback;
    },
  };
}
