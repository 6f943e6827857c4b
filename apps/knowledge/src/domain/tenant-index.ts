import { Bm25Index } from './bm25';
import { related } from './glossary';
import { HnswVectorStore } from './hnsw-store';
import type { IndexEmbedder } from './embedder';
import { terms } from './text';

export interface IndexedChunk {
  id: string;
  documentId: string;
  documentVersion: number;
  ordinal: number;
  title: string;
  section: string;
  url: string;
  text: string;
  language: string;
  tags: string[];
}

export interface SearchOptions {
  k: number;
  tags?: string[];
  languages?: string[];
}

export interface ScoredChunk {
  chunk: IndexedChunk;
  /** Reciprocal-rank-fusion score. */
  score: number;
  /** Cosine similarity from the dense index (0 when only BM25 found it). */
  similarity: number;
  bm25: number;
  denseRank?: number;
  sparseRank?: number;
}

/** Gives the event loop a turn every few milliseconds of synchronous index work. */
export class Yielder {
  private last = performance.now();
  constructor(private readonly sliceMs = 4) {}
  async maybeYield(): Promise<void> {
    if (performance.now() - this.last < this.sliceMs) return;
    await new Promise<void>((r) => setImmediate(r));
    this.last = performance.now();
  }
}

const RRF_K = 60;
/** At most this many glossary relatives join a query (see TenantIndex.expand). */
const MAX_EXPANSION = 24;
const MAX_RELATED = 8;
const RELATED_WEIGHT = 0.4;

/** Text that is indexed for a chunk: its section path helps retrieval ("Exchanges > Sizes"). */
export function indexText(chunk: Pick<IndexedChunk, 'section' | 'text'>): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text;
}

/** One tenant's hybrid index: HNSW (dense) + BM25 (sparse) over the same chunks. */
export class TenantIndex {
  readonly dense: HnswVectorStore;
  readonly sparse = new Bm25Index();
  readonly chunks = new Map<number, IndexedChunk>();
  private readonly byDocument = new Map<string, { version: number; labels: number[] }>();
  private readonly labelOf = new Map<string, number>();
  private nextLabel = 0;
  /** Bumped on every change to the chunk set (invalidates cached filter bitmaps). */
  private generation = 0;
  private readonly filterCache = new Map<string, { generation: number; map: Uint8Array }>();

  constructor(
    readonly tenantId: string,
    readonly embedder: IndexEmbedder,
    dense?: HnswVectorStore,
  ) {
    this.dense = dense ?? new HnswVectorStore(embedder.embeddings, { dimension: embedder.dimension });
  }

  get size(): number {
    return this.chunks.size;
  }

  documentVersion(documentId: string): number | undefined {
    return this.byDocument.get(documentId)?.version;
  }

  documents(): Map<string, number> {
    return new Map([...this.byDocument.entries()].map(([id, d]) => [id, d.version]));
  }

  /**
   * Replaces a document's chunks: the new ones go in first, then the old ones are removed, so a
   * concurrent search sees the old or the new version, never none. Work is time-sliced.
   */
  async replaceDocument(
    documentId: string,
    version: number,
    chunks: { chunk: IndexedChunk; vector: ArrayLike<number>; terms?: string[] }[],
    yielder = new Yielder(),
  ): Promise<void> {
    const old = this.byDocument.get(documentId);
    if (old && old.version > version) return;
    const labels: number[] = [];
    for (const { chunk, vector, terms: known } of chunks) {
      const label = this.nextLabel++;
      this.dense.addPoint(label, vector);
      this.sparse.add(label, known ?? terms(indexText(chunk)));
      this.chunks.set(label, chunk);
      this.generation++;
      labels.push(label);
      await yielder.maybeYield();
    }
    // A newer version may have landed while this one yielded: keep the newest only.
    const current = this.byDocument.get(documentId);
    if (current && current.version > version) {
      for (const l of labels) this.dropLabel(l);
      return;
    }
    this.byDocument.set(documentId, { version, labels });
    for (const l of labels) this.labelOf.set(this.chunks.get(l)!.id, l);
    if (current) for (const l of current.labels) this.dropLabel(l);
  }

  private dropLabel(label: number): void {
    const c = this.chunks.get(label);
    this.dense.markDelete(label);
    this.sparse.remove(label);
    this.chunks.delete(label);
    this.generation++;
    if (c && this.labelOf.get(c.id) === label) this.labelOf.delete(c.id);
  }

  removeDocument(documentId: string): void {
    const d = this.byDocument.get(documentId);
    if (!d) return;
    for (const l of d.labels) this.dropLabel(l);
    this.byDocument.delete(documentId);
  }

  /**
   * Restores one chunk at a known label (snapshot load); the vector is already in the HNSW file and
   * its terms either in the BM25 snapshot (`indexTerms` omitted) or given here.
   */
  restore(label: number, chunk: IndexedChunk, indexTerms?: string[]): void {
    this.chunks.set(label, chunk);
    this.generation++;
    if (indexTerms) this.sparse.add(label, indexTerms);
    this.labelOf.set(chunk.id, label);
    const d = this.byDocument.get(chunk.documentId) ?? { version: chunk.documentVersion, labels: [] };
    d.labels.push(label);
    this.byDocument.set(chunk.documentId, d);
    this.nextLabel = Math.max(this.nextLabel, label + 1);
  }

  async embedQuery(query: string): Promise<ArrayLike<number>> {
    return this.embedder.embedSync ? this.embedder.embedSync(query) : this.embedder.embeddings.embedQuery(query);
  }

  /**
   * Filter as a label bitmap, built once per filter and index generation (a search calls it for
   * every BM25 posting and every HNSW node it visits, so it must be an array read).
   */
  private acceptor(options: SearchOptions): ((label: number) => boolean) | undefined {
    const tags = [...new Set(options.tags?.filter(Boolean) ?? [])].sort();
    const langs = [...new Set(options.languages?.filter(Boolean).map((l) => l.toLowerCase()) ?? [])].sort();
    if (!tags.length && !langs.length) return undefined;
    const key = `${tags.join('\u0001')}\u0000${langs.join('\u0001')}`;
    let bits = this.filterCache.get(key);
    if (!bits || bits.generation !== this.generation) {
      const map = new Uint8Array(this.nextLabel);
      for (const [label, c] of this.chunks) {
        if (tags.length && !c.tags.some((t) => tags.includes(t))) continue;
        if (langs.length && !langs.includes(c.language)) continue;
        map[label] = 1;
      }
      bits = { generation: this.generation, map };
      if (this.filterCache.size >= 16) this.filterCache.clear();
      this.filterCache.set(key, bits);
    }
    const map = bits.map;
    return (label) => map[label] === 1;
  }

  /** Dense only (benchmarks and tests compare it with exact search). */
  denseSearch(vector: ArrayLike<number>, k: number): { label: number; similarity: number }[] {
    return this.dense.searchLabels(vector, k);
  }

  /** Hybrid search: HNSW and BM25 candidates fused by reciprocal rank. */
  async search(query: string, options: SearchOptions, queryVector?: ArrayLike<number>): Promise<ScoredChunk[]> {
    if (this.chunks.size === 0) return [];
    const accept = this.acceptor(options);
    const depth = Math.max(40, options.k * 4);
    const vector = queryVector ?? (await this.embedQuery(query));
    const dense = this.dense.searchLabels(vector, depth, accept);
    const sparse = this.sparse.search(this.expand(terms(query)), depth, accept);
    const fused = new Map<number, ScoredChunk>();
    const entry = (label: number) => {
      let e = fused.get(label);
      if (!e) fused.set(label, (e = { chunk: this.chunks.get(label)!, score: 0, similarity: 0, bm25: 0 }));
      return e;
    };
    dense.forEach((d, rank) => {
      if (!this.chunks.has(d.label)) return;
      const e = entry(d.label);
      e.score += 1 / (RRF_K + rank + 1);
      e.similarity = d.similarity;
      e.denseRank = rank;
    });
    sparse.forEach((s, rank) => {
      if (!this.chunks.has(s.label)) return;
      const e = entry(s.label);
      e.score += 1 / (RRF_K + rank + 1);
      e.bm25 = s.score;
      e.sparseRank = rank;
    });
    const top = [...fused.values()].sort((a, b) => b.score - a.score).slice(0, options.k);
    // Only the returned BM25-only hits need their cosine (reading a vector back costs a copy).
    for (const e of top) {
      if (e.denseRank === undefined) e.similarity = cosine(vector, this.dense.index.getPoint(this.labelOf.get(e.chunk.id)!));
    }
    return top;
  }

  /**
   * Query terms plus glossary relatives, bounded: relatives the index has never seen are dropped,
   * each query term brings at most MAX_RELATED of them (in glossary order, so a concept's main
   * words come first) and the whole query at most MAX_EXPANSION, at RELATED_WEIGHT.
   */
  expand(queryTerms: string[]): { term: string; weight: number }[] {
    const out = new Map<string, number>();
    for (const t of queryTerms) out.set(t, 1);
    let added = 0;
    for (const t of new Set(queryTerms)) {
      let mine = 0;
      for (const r of related(t)) {
        if (added >= MAX_EXPANSION) break;
        if (mine >= MAX_RELATED) break;
        if (out.has(r) || !this.sparse.df(r)) continue;
        out.set(r, RELATED_WEIGHT);
        mine++;
        added++;
      }
    }
    return [...out].map(([term, weight]) => ({ term, weight }));
  }
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
