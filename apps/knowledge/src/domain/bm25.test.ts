import { Bm25Index } from './bm25';
import { terms } from './text';

// Reference BM25: walks every document for every term (what the index must equal, only faster).
function bruteForce(
  docs: Map<number, string[]>,
  query: { term: string; weight: number }[],
  k: number,
  accept?: (l: number) => boolean,
) {
  const n = docs.size;
  const avgdl = [...docs.values()].reduce((a, d) => a + d.length, 0) / n;
  const merged = new Map<string, number>();
  for (const q of query) merged.set(q.term, Math.max(merged.get(q.term) ?? 0, q.weight));
  const dfs = new Map<string, number>();
  for (const d of docs.values()) for (const t of new Set(d)) dfs.set(t, (dfs.get(t) ?? 0) + 1);
  const out: { label: number; score: number }[] = [];
  for (const [label, d] of docs) {
    if (accept && !accept(label)) continue;
    let score = 0;
    let any = false;
    for (const [term, w] of merged) {
      const df = dfs.get(term) ?? 0;
      const tf = d.filter((x) => x === term).length;
      if (!tf) continue;
      any = true;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (w * idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * d.length) / avgdl));
    }
    if (any) out.push({ label, score });
  }
  return out.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, k);
}

const WORDS = {
  en: 'return refund exchange within days receipt label courier damaged item sale final store credit warranty'.split(
    ' ',
  ),
  pl: 'zwrot zwrotu pieniędzy wymiana dni od dostawy etykieta kurier uszkodzony towar wyprzedaż bon gwarancja reklamacja'.split(
    ' ',
  ),
  ko: '반품은 환불 교환 수령 후 일 이내 택배 송장 파손 상품 세일 적립금 보증 고객센터'.split(' '),
};

describe('BM25 index', () => {
  test('pruned search returns exactly the brute-force top k, across deletes, re-adds and filters (ko/pl/en)', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const langs = Object.keys(WORDS) as (keyof typeof WORDS)[];
    const idx = new Bm25Index();
    const docs = new Map<number, string[]>();
    for (let label = 0; label < 600; label++) {
      const lang = langs[label % 3]!;
      const n = 4 + Math.floor(rnd() * 20);
      // Zipf-ish: early words are common, later ones rare, so pruning has something to skip.
      const text = Array.from(
        { length: n },
        () => WORDS[lang][Math.floor(rnd() ** 2 * WORDS[lang].length)],
      ).join(' ');
      const t = terms(text);
      idx.add(label, t);
      docs.set(label, t);
    }
    for (let label = 0; label < 600; label += 7) {
      idx.remove(label);
      docs.delete(label);
    }
    for (let label = 0; label < 600; label += 21) {
      const t = terms('zwrot 반품 refund courier');
      idx.add(label, t);
      docs.set(label, t);
    }
    let pruned = 0;
    const queries = [
      'refund within days',
      'zwrot pieniędzy kurier',
      '반품 택배 송장',
      'final sale store credit warranty receipt',
      '교환 refund zwrot',
    ];
    for (const q of queries) {
      const query = terms(q).map((term, i) => ({ term, weight: i % 2 ? 0.4 : 1 }));
      for (const k of [1, 5, 40]) {
        const got = idx.search(query, k);
        if (idx.lastQuery.probed > 0 || idx.lastQuery.walked < 600) pruned++;
        const want = bruteForce(docs, query, k);
        expect(got.map((x) => x.label)).toEqual(want.map((x) => x.label));
        for (const [i, g] of got.entries()) expect(g.score).toBeCloseTo(want[i]!.score, 9);
        const even = (l: number) => l % 2 === 0;
        expect(idx.search(query, k, even).map((x) => x.label)).toEqual(
          bruteForce(docs, query, k, even).map((x) => x.label),
        );
      }
    }
    // The bound did cut work somewhere (otherwise this test would not cover the pruned path).
    expect(pruned).toBeGreaterThan(0);
    expect(idx.size).toBe(docs.size);
    expect(idx.df(terms('refund')[0]!)).toBe(
      [...docs.values()].filter((d) => d.includes(terms('refund')[0]!)).length,
    );
  });

  test('a snapshot round trip gives the same results', () => {
    const idx = new Bm25Index();
    const texts = [
      'Zwrot w ciągu 30 dni od dostawy',
      '반품은 수령 후 14일 이내 가능합니다',
      'Refunds go back to the original card within 5 business days',
    ];
    for (const [i, t] of texts.entries()) idx.add(i * 3, terms(t));
    idx.remove(3);
    const copy = new Bm25Index();
    copy.import(idx.export());
    for (const q of ['zwrot dni', '반품 14일', 'refund card']) {
      const query = terms(q).map((term) => ({ term, weight: 1 }));
      expect(copy.search(query, 3)).toEqual(idx.search(query, 3));
    }
    expect(copy.size).toBe(2);
    // Into an index that already has other terms (ids map out of order).
    const extra = terms('Wymiana rozmiaru 교환 exchange');
    const merged = new Bm25Index();
    merged.add(100, extra);
    merged.import(idx.export());
    const ref = new Bm25Index();
    ref.add(100, extra);
    for (const [i, t] of texts.entries()) if (i !== 1) ref.add(i * 3, terms(t));
    for (const q of ['zwrot dni', '반품 14일', 'refund card', 'exchange 교환']) {
      const query = terms(q).map((term) => ({ term, weight: 1 }));
      expect(merged.search(query, 3)).toEqual(ref.search(query, 3));
    }
  });
});
