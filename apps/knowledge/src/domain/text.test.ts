import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { terms, wordTokens } from './text';

/** What the tokeniser must agree with: Intl.Segmenter over the whole text. */
function reference(text: string): { surface: string; index: number }[] {
  const seg = new Intl.Segmenter('und', { granularity: 'word' });
  return [...seg.segment(text.normalize('NFC'))]
    .filter((s) => s.isWordLike)
    .map((s) => ({ surface: s.segment, index: s.index }));
}

const EVAL = path.resolve(__dirname, '../../eval');
function evalTexts(): string[] {
  const out: string[] = [];
  for (const dir of [EVAL, path.join(EVAL, 'heldout')]) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const set = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
        documents?: { content: string }[];
        questions: { q: string }[];
      };
      for (const d of set.documents ?? []) out.push(d.content);
      for (const q of set.questions) out.push(q.q);
    }
  }
  return out;
}

describe('word segmentation', () => {
  const samples = [
    ...evalTexts(),
    '상품 수령 후 14일 이내에 반품을 신청할 수 있습니다. 70일, 18만원이며 43시까지.',
    "Don't return it before 3.5 days; e.g. A/S, e-mail: help@shop.pl (np. 1,000 zł).",
    'Zwrot\u00a0pieniędzy\u2003w ciągu\n\n14 dni — „wymiana” 30-dniowy',
    '退货 30天内 返品は可能です',
    '  leading and trailing spaces  ',
    '',
  ];

  test('cutting at white space first gives the same words and offsets as segmenting the whole text', () => {
    for (const text of samples) {
      expect(wordTokens(text).map((w) => ({ surface: w.surface, index: w.index }))).toEqual(reference(text));
      // Twice: the second pass is served from the piece cache.
      expect(wordTokens(text).map((w) => ({ surface: w.surface, index: w.index }))).toEqual(reference(text));
    }
  });

  test('terms follow the words in order', () => {
    expect(terms('반품은 14일 이내')).toEqual(wordTokens('반품은 14일 이내').flatMap((w) => w.terms));
  });
});
