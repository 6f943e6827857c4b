import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { VectorStore } from '@langchain/core/vectorstores';
import { HierarchicalNSW } from 'hnswlib-node';

/** HNSW parameters (see bench/knowledge: recall vs cost on the benchmark corpus). */
export const DEFAULT_HNSW = { m: 16, efConstruction: 200, ef: 256 };

export interface HnswOptions {
  dimension: number;
  /** Search breadth (default 128; see bench/knowledge: recall flattens above it on clustered corpora). */
  ef?: number;
  m?: number;
  efConstruction?: number;
  initialCapacity?: number;
}

/**
 * A LangChain VectorStore over hnswlib-node with what LangChain's HNSWLib store lacks: deletes
 * (mark-delete, the slot is reused by the next insert), capacity growth, labels we choose, and a
 * filter on labels. Inner product over L2-normalised vectors = cosine similarity.
 */
export class HnswVectorStore extends VectorStore {
  declare FilterType: (label: number) => boolean;
  readonly index: HierarchicalNSW;
  private readonly docs = new Map<number, Document>();
  private nextLabel = 0;
  readonly ef: number;

  constructor(
    embeddings: EmbeddingsInterface,
    readonly options: HnswOptions,
    index?: HierarchicalNSW,
  ) {
    super(embeddings, {});
    this.ef = Math.max(64, options.ef ?? DEFAULT_HNSW.ef);
    if (index) this.index = index;
    else {
      this.index = new HierarchicalNSW('ip', options.dimension);
      this.index.initIndex({
        maxElements: options.initialCapacity ?? 1024,
        m: options.m ?? DEFAULT_HNSW.m,
        efConstruction: options.efConstruction ?? DEFAULT_HNSW.efConstruction,
        randomSeed: 100,
        allowReplaceDeleted: true,
      });
    }
    this.index.setEf(this.ef);
  }

  _vectorstoreType(): string {
    return 'boomerang-hnsw';
  }

  get live(): number {
    return this.docs.size;
  }

  /** Adds one vector under a caller-chosen label (reusing deleted slots, growing when full). */
  addPoint(label: number, vector: ArrayLike<number>, doc?: Document): void {
    if (vector.length !== this.options.dimension) {
      throw new Error(`vector has ${vector.length} dimensions, the index has ${this.options.dimension}`);
    }
    const used = this.index.getCurrentCount();
    if (used >= this.index.getMaxElements() && this.deletedSlots() === 0) {
      this.index.resizeIndex(Math.max(1024, this.index.getMaxElements() * 2));
    }
    this.index.addPoint(Array.from(vector), label, this.deletedSlots() > 0);
    this.docs.set(label, doc ?? new Document({ pageContent: '', metadata: { label } }));
    this.nextLabel = Math.max(this.nextLabel, label + 1);
  }

  private deletedSlots(): number {
    return this.index.getCurrentCount() - this.docs.size;
  }

  /** Registers a label already present in a loaded index file (snapshot restore). */
  adopt(label: number, doc?: Document): void {
    this.docs.set(label, doc ?? new Document({ pageContent: '', metadata: { label } }));
    this.nextLabel = Math.max(this.nextLabel, label + 1);
  }

  has(label: number): boolean {
    return this.docs.has(label);
  }

  markDelete(label: number): void {
    if (!this.docs.has(label)) return;
    this.index.markDelete(label);
    this.docs.delete(label);
  }

  /** Nearest neighbours: labels and cosine similarity. */
  searchLabels(
    query: ArrayLike<number>,
    k: number,
    filter?: (label: number) => boolean,
  ): { label: number; similarity: number }[] {
    const n = Math.min(k, this.docs.size);
    if (n <= 0) return [];
    this.index.setEf(Math.max(this.ef, n));
    const res = filter
      ? this.index.searchKnn(Array.from(query), n, filter)
      : this.index.searchKnn(Array.from(query), n);
    return res.neighbors.map((label, i) => ({ label, similarity: 1 - (res.distances[i] ?? 1) }));
  }

  async addVectors(vectors: number[][], documents: Document[]): Promise<string[]> {
    const ids: string[] = [];
    vectors.forEach((v, i) => {
      const label = this.nextLabel;
      this.addPoint(label, v, documents[i]);
      ids.push(String(label));
    });
    return ids;
  }

  async addDocuments(documents: Document[]): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents);
  }

  override async delete(params: { ids: string[] }): Promise<void> {
    for (const id of params.ids) this.markDelete(Number(id));
  }

  async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: this['FilterType'],
  ): Promise<[Document, number][]> {
    return this.searchLabels(query, k, filter).map(({ label, similarity }) => [
      this.docs.get(label)!,
      similarity,
    ]);
  }

  labels(): number[] {
    return [...this.docs.keys()];
  }
}
