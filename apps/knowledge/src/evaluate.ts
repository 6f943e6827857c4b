import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type AnswerThresholds, answerFromHits, MAX_HITS } from './domain/answer';
import { chunkMarkdown } from './domain/chunker';
import { HashingEmbeddings, type IndexEmbedder } from './domain/embedder';
import { htmlToMarkdown, textToMarkdown } from './domain/extract';
import { detectLanguage } from './domain/language';
import { type IndexedChunk, indexText, TenantIndex } from './domain/tenant-index';

interface EvalQuestion {
  q: string;
  doc?: string;
  fact?: string;
  cross?: boolean;
  unanswerable?: boolean;
}

interface EvalBrand {
  brand: string;
  tenant: string;
  language: string;
  documents: {
    id: string;
    title: string;
    url: string;
    format: 'markdown' | 'text' | 'html';
    tags: string[];
    content: string;
    /** Instead of inline content: a file next to the set's JSON. */
    file?: string;
  }[];
  /** Instead of inline documents: a folder of markdown files (relative to the set's file), id = file name. */
  docsDir?: string;
  questions: EvalQuestion[];
}

export interface LanguageReport {
  brand: string;
  answerable: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  answerAccuracy: number;
  answeredRate: number;
  unanswerable: number;
  unanswerableRejected: number;
  crossLingualAnswered: number;
  misses: string[];
}

export const EVAL_DIR = path.resolve(__dirname, '..', 'eval');
/** Held-out sets: other brands' documents (apps/stack/demo), never used to tune the thresholds. */
export const HELDOUT_DIR = path.join(EVAL_DIR, 'heldout');

export function loadBrand(file: string): EvalBrand {
  const brand = JSON.parse(readFileSync(file, 'utf8')) as EvalBrand;
  for (const d of brand.documents ?? []) {
    if (d.file) d.content = readFileSync(path.resolve(path.dirname(file), d.file), 'utf8');
  }
  if (brand.docsDir) {
    const dir = path.resolve(path.dirname(file), brand.docsDir);
    brand.documents = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => {
        const content = readFileSync(path.join(dir, f), 'utf8');
        const title = /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? f;
        return { id: f.replace(/\.md$/, ''), title, url: '', format: 'markdown' as const, tags: [], content };
      });
  }
  return brand;
}

export function loadEvalSet(dir = EVAL_DIR): EvalBrand[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadBrand(path.join(dir, f)));
}

/** One tenant index over a brand's documents, as the service would build it. */
export async function buildIndex(
  brand: Pick<EvalBrand, 'tenant' | 'documents'>,
  embedder: IndexEmbedder,
): Promise<TenantIndex> {
  const idx = new TenantIndex(brand.tenant, embedder);
  for (const d of brand.documents) {
    const md =
      d.format === 'html'
        ? htmlToMarkdown(d.content).markdown
        : d.format === 'text'
          ? textToMarkdown(d.content)
          : d.content;
    const lang = detectLanguage(md);
    const chunks = (await chunkMarkdown(md)).map<IndexedChunk>((c) => ({
      id: `${d.id}:1:${c.ordinal}`,
      documentId: d.id,
      documentVersion: 1,
      ordinal: c.ordinal,
      title: d.title,
      section: c.section,
      url: d.url,
      text: c.text,
      language: lang,
      tags: d.tags,
    }));
    const vectors = await embedder.embeddings.embedDocuments(chunks.map((c) => indexText(c)));
    await idx.replaceDocument(
      d.id,
      1,
      chunks.map((chunk, i) => ({ chunk, vector: vectors[i]! })),
    );
  }
  return idx;
}

/** An index over markdown documents, each titled by its first "# " heading (tests and tools). */
export function indexMarkdown(docs: { id: string; content: string }[], tenant = 't'): Promise<TenantIndex> {
  return buildIndex(
    {
      tenant,
      documents: docs.map((d) => ({
        id: d.id,
        title: /^#\s+(.+)$/m.exec(d.content)?.[1] ?? d.id,
        url: '',
        format: 'markdown' as const,
        tags: [],
        content: d.content,
      })),
    },
    new HashingEmbeddings(),
  );
}

/** One question answered over an index the way the service answers it (tests and tools). */
export async function answerOver(
  idx: TenantIndex,
  question: string,
  options: { language?: string; cosines?: boolean } = {},
): Promise<ReturnType<typeof answerFromHits>> {
  const hits = await idx.search(question, { k: MAX_HITS, ...(options.cosines ? { cosines: true } : {}) });
  const stats = { idf: (t: string) => idx.sparse.idf(t), df: (t: string) => idx.sparse.df(t) };
  return answerFromHits(question, options.language ?? '', hits, stats);
}

/** Runs the evaluation set: retrieval (hit@k, MRR) and answers (accuracy, refusals) per language. */
export async function runEvaluation(
  options: { thresholds?: AnswerThresholds; embedder?: IndexEmbedder; dir?: string } = {},
): Promise<Record<string, LanguageReport>> {
  const embedder = options.embedder ?? new HashingEmbeddings();
  const out: Record<string, LanguageReport> = {};
  for (const brand of loadEvalSet(options.dir)) {
    const idx = await buildIndex(brand, embedder);
    const stats = { idf: (t: string) => idx.sparse.idf(t), df: (t: string) => idx.sparse.df(t) };
    const r: LanguageReport = {
      brand: brand.brand,
      answerable: 0,
      hitAt1: 0,
      hitAt5: 0,
      mrr: 0,
      answerAccuracy: 0,
      answeredRate: 0,
      unanswerable: 0,
      unanswerableRejected: 0,
      crossLingualAnswered: 0,
      misses: [],
    };
    let cross = 0;
    for (const q of brand.questions) {
      const hits = await idx.search(q.q, { k: MAX_HITS, cosines: true });
      const answer = answerFromHits(q.q, '', hits, stats, options.thresholds);
      if (q.unanswerable) {
        r.unanswerable++;
        if (!answer.found) r.unanswerableRejected++;
        else r.misses.push(`answered unanswerable: ${q.q} → ${answer.answer}`);
        continue;
      }
      r.answerable++;
      const rank = hits.findIndex(
        (h) => h.chunk.documentId === q.doc && (!q.fact || h.chunk.text.includes(q.fact)),
      );
      // Retrieval metrics over the first 6 hits, as before the answer's candidate pool grew to MAX_HITS.
      const docRank = hits.slice(0, 6).findIndex((h) => h.chunk.documentId === q.doc);
      if (docRank === 0) r.hitAt1++;
      if (docRank >= 0 && docRank < 5) r.hitAt5++;
      if (docRank >= 0) r.mrr += 1 / (docRank + 1);
      if (answer.found) r.answeredRate++;
      const correct =
        answer.found &&
        Boolean(q.fact) &&
        (answer.answer.includes(q.fact!) || answer.citations.some((c) => c.quote.includes(q.fact!)));
      if (correct) r.answerAccuracy++;
      else
        r.misses.push(
          `${answer.found ? 'wrong' : 'refused'} (fact chunk rank ${rank}): ${q.q} → ${answer.answer || '∅'}`,
        );
      if (q.cross) {
        cross++;
        if (correct) r.crossLingualAnswered++;
      }
    }
    const n = Math.max(1, r.answerable);
    Object.assign(r, {
      hitAt1: r.hitAt1 / n,
      hitAt5: r.hitAt5 / n,
      mrr: r.mrr / n,
      answerAccuracy: r.answerAccuracy / n,
      answeredRate: r.answeredRate / n,
      unanswerableRejected: r.unanswerableRejected / Math.max(1, r.unanswerable),
      crossLingualAnswered: r.crossLingualAnswered / Math.max(1, cross),
    });
    out[brand.language] = r;
  }
  return out;
}
