import { Worker } from 'node:worker_threads';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HierarchicalNSW } from 'hnswlib-node';
import { DEFAULT_HNSW, type HnswOptions, HnswVectorStore } from './hnsw-store';

/**
 * The dense (HNSW) side of a tenant index, asynchronous so that it can live in a worker thread.
 * Calls are applied in the order they are made (a search sees every add made before it).
 * Labels are never reused: a removed label's slot is recycled by a later add.
 */
export interface DenseIndex {
  readonly options: Required<Pick<HnswOptions, 'dimension' | 'm' | 'efConstruction'>> & HnswOptions;
  readonly ef: number;
  /** Points added and not removed (including ones still being added). */
  readonly live: number;
  add(labels: Int32Array, vectors: Float32Array): Promise<void>;
  remove(label: number): void;
  /** Nearest neighbours by cosine; `filter` is a label bitmap (1 = allowed). */
  search(
    vector: Float32Array,
    k: number,
    filter?: Uint8Array,
  ): Promise<{ label: number; similarity: number }[]>;
  /** Cosine of `vector` with stored points. */
  similarities(vector: Float32Array, labels: number[]): Promise<number[]>;
  /** The stored vectors of `labels`, concatenated (benchmarks compare with exact search). */
  points(labels: number[]): Promise<Float32Array>;
  /** Writes the index file (hnswlib format). */
  save(file: string): Promise<void>;
  /** Loads an index file and keeps only `labels` (others are marked deleted). */
  load(file: string, labels: number[]): Promise<void>;
  close(): void;
}

function resolved(options: HnswOptions): DenseIndex['options'] {
  return {
    ...options,
    m: options.m ?? DEFAULT_HNSW.m,
    efConstruction: options.efConstruction ?? DEFAULT_HNSW.efConstruction,
  };
}

/** In-thread HNSW (hnswlib-node through HnswVectorStore): tests, evaluation, tools. */
export class LocalDenseIndex implements DenseIndex {
  readonly options: DenseIndex['options'];
  store: HnswVectorStore;

  constructor(
    private readonly embeddings: EmbeddingsInterface,
    options: HnswOptions,
  ) {
    this.options = resolved(options);
    this.store = new HnswVectorStore(embeddings, this.options);
  }

  get ef(): number {
    return this.store.ef;
  }

  get live(): number {
    return this.store.live;
  }

  async add(labels: Int32Array, vectors: Float32Array): Promise<void> {
    const d = this.options.dimension;
    for (let i = 0; i < labels.length; i++)
      this.store.addPoint(labels[i]!, vectors.subarray(i * d, (i + 1) * d));
  }

  remove(label: number): void {
    this.store.markDelete(label);
  }

  async search(
    vector: Float32Array,
    k: number,
    filter?: Uint8Array,
  ): Promise<{ label: number; similarity: number }[]> {
    return this.store.searchLabels(vector, k, filter ? (l) => filter[l] === 1 : undefined);
  }

  async similarities(vector: Float32Array, labels: number[]): Promise<number[]> {
    return labels.map((l) => dot(vector, this.store.index.getPoint(l)));
  }

  async points(labels: number[]): Promise<Float32Array> {
    const d = this.options.dimension;
    const out = new Float32Array(labels.length * d);
    labels.forEach((l, i) => {
      out.set(this.store.index.getPoint(l), i * d);
    });
    return out;
  }

  async save(file: string): Promise<void> {
    this.store.index.writeIndexSync(file);
  }

  async load(file: string, labels: number[]): Promise<void> {
    const hnsw = new HierarchicalNSW('ip', this.options.dimension);
    hnsw.readIndexSync(file, true);
    const keep = new Set(labels);
    this.store = new HnswVectorStore(this.embeddings, this.options, hnsw);
    for (const l of labels) this.store.adopt(l);
    // Points the snapshot holds but no chunk owns (added while it was written): deleted.
    for (const l of hnsw.getIdsList()) {
      if (keep.has(l)) continue;
      try {
        hnsw.markDelete(l);
      } catch {
        // already deleted
      }
    }
  }

  close(): void {}
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

// The worker: one hnswlib index per tenant key, operations applied in message order. Plain
// JavaScript (evaluated), so it runs the same from dist and under the test runner.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { HierarchicalNSW } = require(workerData.hnswlib);
const indexes = new Map();
function create(m) {
  const index = new HierarchicalNSW('ip', m.dimension);
  index.initIndex({ maxElements: m.capacity, m: m.m, efConstruction: m.efConstruction, randomSeed: 100, allowReplaceDeleted: true });
  return { index, live: 0, ef: m.ef };
}
function dot(a, b) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }
const handlers = {
  init(m) { indexes.set(m.key, create(m)); },
  add(m) {
    const x = indexes.get(m.key);
    const d = m.dimension;
    for (let i = 0; i < m.labels.length; i++) {
      const deleted = x.index.getCurrentCount() - x.live;
      if (x.index.getCurrentCount() >= x.index.getMaxElements() && deleted === 0) x.index.resizeIndex(Math.max(1024, x.index.getMaxElements() * 2));
      x.index.addPoint(Array.from(m.vectors.subarray(i * d, (i + 1) * d)), m.labels[i], deleted > 0);
      x.live++;
    }
  },
  remove(m) {
    const x = indexes.get(m.key);
    try { x.index.markDelete(m.label); x.live--; } catch {}
  },
  search(m) {
    const x = indexes.get(m.key);
    const n = Math.min(m.k, x.live);
    if (n <= 0) return { labels: [], distances: [] };
    x.index.setEf(Math.max(x.ef, n));
    const f = m.filter;
    const r = f ? x.index.searchKnn(Array.from(m.vector), n, (l) => f[l] === 1) : x.index.searchKnn(Array.from(m.vector), n);
    return { labels: r.neighbors, distances: r.distances };
  },
  similarities(m) { const x = indexes.get(m.key); return m.labels.map((l) => dot(m.vector, x.index.getPoint(l))); },
  points(m) {
    const x = indexes.get(m.key);
    const out = new Float32Array(m.labels.length * m.dimension);
    m.labels.forEach((l, i) => out.set(x.index.getPoint(l), i * m.dimension));
    return out;
  },
  save(m) { indexes.get(m.key).index.writeIndexSync(m.file); },
  load(m) {
    const index = new HierarchicalNSW('ip', m.dimension);
    index.readIndexSync(m.file, true);
    const keep = new Set(m.labels);
    let live = 0;
    for (const l of index.getIdsList()) {
      if (keep.has(l)) { live++; continue; }
      try { index.markDelete(l); } catch {}
    }
    indexes.set(m.key, { index, live, ef: m.ef });
  },
  drop(m) { indexes.delete(m.key); },
};
parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ id: m.id, result: handlers[m.op](m) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.message || err) });
  }
});
`;

/**
 * One worker thread holding the HNSW indexes of every tenant of a registry, so that inserts and
 * searches do not run on the gRPC event loop (and a search's HNSW part runs while the main thread
 * scores BM25). Kept referenced only while calls are pending, so an idle pool never keeps a process alive.
 */
export class DenseWorkerPool {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | undefined;
  private keys = 0;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { hnswlib: require.resolve('hnswlib-node') },
    });
    this.worker.unref();
    this.worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.error !== undefined) p.reject(new Error(`hnsw worker: ${m.error}`));
      else p.resolve(m.result);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`hnsw worker exited (${code})`)));
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  call<T>(op: string, message: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, op, id }, transfer ?? []);
    });
  }

  /** Fire-and-forget (ordered with the calls around it); failures surface on the next call. */
  send(op: string, message: Record<string, unknown>): void {
    this.call(op, message).catch(() => {});
  }

  index(embeddingsDimension: number, options: HnswOptions): WorkerDenseIndex {
    return new WorkerDenseIndex(this, `i${this.keys++}`, { ...options, dimension: embeddingsDimension });
  }

  async close(): Promise<void> {
    this.fail(new Error('hnsw worker closed'));
    await this.worker.terminate();
  }
}

/** A tenant's HNSW inside the DenseWorkerPool's thread. */
export class WorkerDenseIndex implements DenseIndex {
  readonly options: DenseIndex['options'];
  readonly ef: number;
  private count = 0;

  constructor(
    private readonly pool: DenseWorkerPool,
    private readonly key: string,
    options: HnswOptions,
  ) {
    this.options = resolved(options);
    this.ef = Math.max(64, options.ef ?? DEFAULT_HNSW.ef);
    pool.send('init', {
      key,
      dimension: this.options.dimension,
      m: this.options.m,
      efConstruction: this.options.efConstruction,
      ef: this.ef,
      capacity: options.initialCapacity ?? 1024,
    });
  }

  get live(): number {
    return this.count;
  }

  add(labels: Int32Array, vectors: Float32Array): Promise<void> {
    if (vectors.length !== labels.length * this.options.dimension) {
      return Promise.reject(
        new Error(
          `vectors have ${vectors.length / Math.max(1, labels.length)} dimensions, the index has ${this.options.dimension}`,
        ),
      );
    }
    this.count += labels.length;
    return this.pool.call('add', { key: this.key, dimension: this.options.dimension, labels, vectors });
  }

  remove(label: number): void {
    this.count--;
    this.pool.send('remove', { key: this.key, label });
  }

  async search(
    vector: Float32Array,
    k: number,
    filter?: Uint8Array,
  ): Promise<{ label: number; similarity: number }[]> {
    const r = await this.pool.call<{ labels: number[]; distances: number[] }>('search', {
      key: this.key,
      vector,
      k,
      filter,
    });
    return r.labels.map((label, i) => ({ label, similarity: 1 - (r.distances[i] ?? 1) }));
  }

  similarities(vector: Float32Array, labels: number[]): Promise<number[]> {
    return this.pool.call('similarities', { key: this.key, vector, labels });
  }

  points(labels: number[]): Promise<Float32Array> {
    return this.pool.call('points', { key: this.key, labels, dimension: this.options.dimension });
  }

  save(file: string): Promise<void> {
    return this.pool.call('save', { key: this.key, file });
  }

  async load(file: string, labels: number[]): Promise<void> {
    await this.pool.call('load', {
      key: this.key,
      file,
      labels,
      dimension: this.options.dimension,
      ef: this.ef,
    });
    this.count = labels.length;
  }

  close(): void {
    this.pool.send('drop', { key: this.key });
  }
}
