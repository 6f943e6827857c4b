import { Bm25Index } from './bm25';
import { type DenseIndex, LocalDenseIndex } from './dense-index';
import type { IndexEmbedder } from './embedder';
import { phraseKeys, related } from './glossary';
import { withoutPaymentAside } from './payment-aside';
import { abroadNamed } from './places';
import { terms } from './text';
import { correctTypos } from './typo';

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
  /** Fill `similarity` for hits only BM25 found too (one more call to the dense index). */
  cosines?: boolean;
}

export interface ScoredChunk {
  chunk: IndexedChunk;
  /** Reciprocal-rank-fusion score. */
  score: number;
  /** Cosine similarity from the dense index (0 when only BM25 found it, unless `cosines` was asked). */
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
/** Largest unfiltered dense fetch used to serve a filtered search (see denseFiltered). */
const OVERFETCH_MAX = 800;
/** At most this many glossary relatives join a query (see TenantIndex.expand). */
const MAX_EXPANSION = 24;
const MAX_RELATED = 8;
const RELATED_WEIGHT = 0.4;
/** Weight of the relatives of a query word the documents never use (see TenantIndex.expand). */
const UNUSED_WORD_RELATED = 1;

/** Text that is indexed for a chunk: its section path helps retrieval ("Exchanges > Sizes"). */
export function indexText(chunk: Pick<IndexedChunk, 'section' | 'text'>): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text;
}

/**
 * Vectors go to the dense index in batches of ADD_BATCH, at most ADD_WINDOW batches queued: the
 * worker stays busy while this thread writes the database, and a search queues behind at most
 * ADD_BATCH × ADD_WINDOW inserts (~40 ms).
 */
const ADD_BATCH = 16;
const ADD_WINDOW = 8;

/** Labels whose vectors are being added to the dense index; they join the index when `replaceDocument` commits them. */
export interface StagedVectors {
  labels: Int32Array;
  done: Promise<void>;
}

/** One tenant's hybrid index: HNSW (dense) + BM25 (sparse) over the same chunks. */
export class TenantIndex {
  readonly dense: DenseIndex;
  readonly sparse = new Bm25Index();
  readonly chunks = new Map<number, IndexedChunk>();
  private readonly byDocument = new Map<string, { version: number; labels: number[] }>();
  private nextLabel = 0;
  /** Bumped on every change to the chunk set (invalidates cached filter bitmaps). */
  private generation = 0;
  private readonly filterCache = new Map<string, { generation: number; map: Uint8Array; allowed: number }>();
  /** Vectors staged in the dense index and not yet committed (a search asks for that many more). */
  private staging = 0;

  constructor(
    readonly tenantId: string,
    readonly embedder: IndexEmbedder,
    dense?: DenseIndex,
  ) {
    this.dense = dense ?? new LocalDenseIndex(embedder.embeddings, { dimension: embedder.dimension });
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
   * Starts adding vectors to the dense index under fresh labels (in batches, one in flight), so the
   * caller can do other work — e.g. write the database — while HNSW inserts run in the worker.
   * The labels are invisible to searches until `replaceDocument` commits them.
   */
  stage(vectors: ArrayLike<number>[], yielder = new Yielder()): StagedVectors {
    const labels = Int32Array.from(vectors, () => this.nextLabel++);
    const d = this.dense.options.dimension;
    this.staging += labels.length;
    const done = (async () => {
      try {
        const inFlight: Promise<void>[] = [];
        for (let i = 0; i < vectors.length; i += ADD_BATCH) {
          const n = Math.min(ADD_BATCH, vectors.length - i);
          const batch = new Float32Array(n * d);
          for (let j = 0; j < n; j++) {
            const v = vectors[i + j]!;
            if (v.length !== d) throw new Error(`vector has ${v.length} dimensions, the index has ${d}`);
            batch.set(v, j * d);
          }
          inFlight.push(this.dense.add(labels.subarray(i, i + n), batch));
          if (inFlight.length >= ADD_WINDOW) await inFlight.shift();
          await yielder.maybeYield();
        }
        await Promise.all(inFlight);
      } catch (err) {
        for (const l of labels) this.dense.remove(l);
        throw err;
      } finally {
        this.staging -= labels.length;
      }
    })();
    // The caller awaits it in replaceDocument; until then a failure must not be "unhandled".
    done.catch(() => {});
    return { labels, done };
  }

  /** Drops staged vectors that will not be committed (e.g. the database write failed). */
  async discard(staged: StagedVectors): Promise<void> {
    try {
      await staged.done;
    } catch {
      return;
    }
    for (const l of staged.labels) this.dense.remove(l);
  }

  /**
   * Replaces a document's chunks: the new ones go in first, then the old ones are removed, so a
   * concurrent search sees the old or the new version, never none. Work is time-sliced.
   * `staged` are the chunks' vectors already given to `stage` (in the same order).
   */
  async replaceDocument(
    documentId: string,
    version: number,
    chunks: { chunk: IndexedChunk; vector: ArrayLike<number>; terms?: string[] }[],
    yielder = new Yielder(),
    staged?: StagedVectors,
  ): Promise<void> {
    const old = this.byDocument.get(documentId);
    if (old && old.version > version) {
      if (staged) await this.discard(staged);
      return;
    }
    const s =
      staged ??
      this.stage(
        chunks.map((c) => c.vector),
        yielder,
      );
    await s.done;
    const labels = Array.from(s.labels);
    for (let i = 0; i < chunks.length; i++) {
      const { chunk, terms: known } = chunks[i]!;
      const label = labels[i]!;
      const text = indexText(chunk);
      // BM25 also indexes the glossary phrases the chunk contains ("customer service", "zwrot
      // pieniędzy"), so a phrase relative matches only where its words stand together.
      this.sparse.add(label, (known ?? terms(text)).concat(phraseKeys(text)));
      this.chunks.set(label, chunk);
      this.generation++;
      await yielder.maybeYield();
    }
    // A newer version may have landed while this one yielded: keep the newest only.
    const current = this.byDocument.get(documentId);
    if (current && current.version > version) {
      for (const l of labels) this.dropLabel(l);
      return;
    }
    this.byDocument.set(documentId, { version, labels });
    if (current) for (const l of current.labels) this.dropLabel(l);
  }

  private dropLabel(label: number): void {
    this.dense.remove(label);
    this.sparse.remove(label);
    this.chunks.delete(label);
    this.generation++;
  }

  removeDocument(documentId: string): void {
    const d = this.byDocument.get(documentId);
    if (!d) return;
    for (const l of d.labels) this.dropLabel(l);
    this.byDocument.delete(documentId);
  }

  /**
   * Restores one chunk at a known label (snapshot load); the vector is already in the dense index and
   * its terms either in the BM25 snapshot (`indexTerms` omitted) or given here.
   */
  restore(label: number, chunk: IndexedChunk, indexTerms?: string[]): void {
    this.chunks.set(label, chunk);
    this.generation++;
    if (indexTerms) this.sparse.add(label, indexTerms);
    const d = this.byDocument.get(chunk.documentId) ?? { version: chunk.documentVersion, labels: [] };
    d.labels.push(label);
    this.byDocument.set(chunk.documentId, d);
    this.nextLabel = Math.max(this.nextLabel, label + 1);
  }

  async embedQuery(query: string): Promise<Float32Array> {
    if (this.embedder.embedSync) return this.embedder.embedSync(query);
    return Float32Array.from(await this.embedder.embeddings.embedQuery(query));
  }

  /**
   * Filter as a label bitmap, built once per filter and index generation (a search reads it for
   * every BM25 posting and every HNSW node it visits, so it must be an array read). The bitmap
   * lives in shared memory: the dense worker reads it without a copy.
   */
  private acceptor(
    options: SearchOptions,
  ): { map: Uint8Array; allowed: number; accept: (label: number) => boolean } | undefined {
    const tags = [...new Set(options.tags?.filter(Boolean) ?? [])].sort();
    const langs = [...new Set(options.languages?.filter(Boolean).map((l) => l.toLowerCase()) ?? [])].sort();
    if (!tags.length && !langs.length) return undefined;
    const key = `${tags.join('\u0001')}\u0000${langs.join('\u0001')}`;
    let bits = this.filterCache.get(key);
    if (!bits || bits.generation !== this.generation) {
      const map = new Uint8Array(new SharedArrayBuffer(Math.max(1, this.nextLabel)));
      let allowed = 0;
      for (const [label, c] of this.chunks) {
        if (tags.length && !c.tags.some((t) => tags.includes(t))) continue;
        if (langs.length && !langs.includes(c.language)) continue;
        map[label] = 1;
        allowed++;
      }
      bits = { generation: this.generation, map, allowed };
      if (this.filterCache.size >= 16) this.filterCache.clear();
      this.filterCache.set(key, bits);
    }
    const map = bits.map;
    return { map, allowed: bits.allowed, accept: (label) => map[label] === 1 };
  }

  /** Dense only (benchmarks and tests compare it with exact search). */
  denseSearch(vector: Float32Array, k: number): Promise<{ label: number; similarity: number }[]> {
    return this.dense.search(vector, k);
  }

  /**
   * Dense candidates under a filter. hnswlib calls a filter back for every node it visits, which
   * costs several times an unfiltered search; when the filter keeps a fair share of the chunks (a
   * language, a tag), fetching proportionally more neighbours unfiltered and dropping the others is
   * cheaper, with the filtered search as the fallback when too few pass.
   */
  private async denseFiltered(
    vector: Float32Array,
    k: number,
    filter: { map: Uint8Array; allowed: number } | undefined,
  ): Promise<{ label: number; similarity: number }[]> {
    if (!filter) return this.dense.search(vector, k);
    if (filter.allowed === 0) return [];
    const share = filter.allowed / Math.max(1, this.chunks.size);
    const fetch = Math.ceil((k / share) * 1.5);
    if (share >= 0.05 && fetch <= OVERFETCH_MAX) {
      const map = filter.map;
      const all = await this.dense.search(vector, fetch);
      const kept = all.filter((d) => map[d.label] === 1);
      if (kept.length >= Math.min(k, filter.allowed)) return kept.slice(0, k);
    }
    return this.dense.search(vector, k, filter.map);
  }

  /** Hybrid search: HNSW and BM25 candidates fused by reciprocal rank. */
  async search(
    query: string,
    options: SearchOptions,
    queryVector?: ArrayLike<number>,
  ): Promise<ScoredChunk[]> {
    if (this.chunks.size === 0) return [];
    // A shopper's slips ("반푸ㅁ", "czsu", "retrun") read as the words the documents use.
    query = abroadNamed(
      correctTypos(
        withoutPaymentAside(query, (t) => this.sparse.df(t) > 0),
        (t) => this.sparse.df(t) > 0,
      ),
      (t) => this.sparse.df(t) > 0,
    );
    const filter = this.acceptor(options);
    const depth = Math.max(40, options.k * 4);
    const vector = queryVector ? Float32Array.from(queryVector) : await this.embedQuery(query);
    // The dense search runs in the worker (when there is one) while BM25 runs here. Staged labels
    // are not searchable yet, so ask for as many more as may come back.
    const densePending = this.denseFiltered(vector, depth + Math.min(this.staging, depth), filter);
    const sparse = this.sparse.search(
      this.expand(terms(query).concat(phraseKeys(query))),
      depth,
      filter?.accept,
    );
    const dense = (await densePending).filter((d) => this.chunks.has(d.label)).slice(0, depth);
    const fused = new Map<number, ScoredChunk & { label: number }>();
    const entry = (label: number) => {
      let e = fused.get(label);
      if (!e) {
        e = { chunk: this.chunks.get(label)!, score: 0, similarity: 0, bm25: 0, label };
        fused.set(label, e);
      }
      return e;
    };
    dense.forEach((d, rank) => {
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
    // Only the returned BM25-only hits need their cosine (one more call to the dense index).
    const bm25Only = options.cosines ? top.filter((e) => e.denseRank === undefined) : [];
    if (bm25Only.length) {
      const sims = await this.dense.similarities(
        vector,
        bm25Only.map((e) => e.label),
      );
      bm25Only.forEach((e, i) => {
        e.similarity = sims[i] ?? 0;
      });
    }
    return top.map(({ label: _label, ...hit }) => hit);
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
        // A word the documents never use ("빨았는데", "uprałam") is found only as the relative they do use
        // ("세탁", "pranie"): that one stands for it in full.
        out.set(r, this.sparse.df(t) ? RELATED_WEIGHT : UNUSED_WORD_RELATED);
        mine++;
        added++;
      }
    }
    return [...out].map(([term, weight]) => ({ term, weight }));
  }
}
