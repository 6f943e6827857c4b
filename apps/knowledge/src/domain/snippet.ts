import { isPhraseKey, phraseMatches } from './glossary';
import { wordTokens } from './text';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/**
 * A window of the text around the densest cluster of query terms, HTML-escaped, with every
 * matching word wrapped in <mark>…</mark>.
 */
export function snippet(text: string, queryTerms: Set<string>, maxLength = 240): string {
  const words = wordTokens(text);
  // A glossary phrase among the query terms ("customer service") marks its words only where they stand together.
  const inPhrase = new Set<number>();
  if ([...queryTerms].some(isPhraseKey))
    for (const p of phraseMatches(words))
      if (queryTerms.has(p.key)) for (let i = p.from; i <= p.to; i++) inPhrase.add(i);
  const hits = words.filter((w, i) => inPhrase.has(i) || w.terms.some((t) => queryTerms.has(t)));
  let start = 0;
  if (text.length > maxLength && hits.length) {
    let best = -1;
    for (const h of hits) {
      const from = Math.max(0, h.index - 30);
      const n = hits.filter((x) => x.index >= from && x.index < from + maxLength).length;
      if (n > best) {
        best = n;
        start = from;
      }
    }
    // Start at a word boundary.
    if (start > 0) {
      const ws = text.lastIndexOf(' ', start);
      start = ws >= 0 && start - ws < 20 ? ws + 1 : start;
    }
  }
  const end = Math.min(text.length, start + maxLength);
  let out = '';
  let pos = start;
  for (const h of hits) {
    if (h.index < start || h.index + h.surface.length > end) continue;
    out += escapeHtml(text.slice(pos, h.index)) + `<mark>${escapeHtml(h.surface)}</mark>`;
    pos = h.index + h.surface.length;
  }
  out += escapeHtml(text.slice(pos, end));
  return `${start > 0 ? '…' : ''}${out.trim()}${end < text.length ? '…' : ''}`;
}
