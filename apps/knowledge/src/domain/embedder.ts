import { Embeddings } from '@langchain/core/embeddings';
import { fold, terms, termWeight } from './text';

/** An embedder with the identity the index stores next to its vectors (a change forces a rebuild). */
export interface IndexEmbedder {
  /** Stable id, e.g. "hashing-ngram-v2/384" or "openai/text-embedding-3-small". */
  readonly id: string;
  readonly dimension: number;
  readonly embeddings: Embeddings;
  /**
   * Synchronous path for embedders that can do it (the default one): no promise per text.
   * `indexTerms` are `terms(text)` when the caller already has them (ingestion shares them with BM25).
   */
  embedSync?(text: string, indexTerms?: string[]): Float32Array;
}

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Memoised per word / feature (words repeat across chunks); bounded, cleared when full.
const CACHE_MAX = 200_000;
const trigramCache = new Map<string, string[]>();
const hashCache = new Map<string, number>();

function trigrams(word: string): string[] {
  let out = trigramCache.get(word);
  if (out) return out;
  const w = `<${fold(word)}>`;
  out = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(`c:${w.slice(i, i + 3)}`);
  if (trigramCache.size >= CACHE_MAX) trigramCache.clear();
  trigramCache.set(word, out);
  return out;
}

function hashOf(feature: string): number {
  let h = hashCache.get(feature);
  if (h === undefined) {
    h = fnv1a(feature);
    if (hashCache.size >= CACHE_MAX) hashCache.clear();
    hashCache.set(feature, h);
  }
  return h;
}

/**
 * The default, download-free multilingual embedder: feature hashing of the shared index terms
 * (stems, Polish prefixes, Hangul bigrams) plus character trigrams of every word, sublinear term
 * frequency, signed buckets, L2-normalised. Works the same for Hangul, Polish and English.
 */
export class HashingEmbeddings extends Embeddings implements IndexEmbedder {
  readonly dimension: number;
  readonly id: string;
  readonly embeddings = this;

  constructor(options: { dimension?: number } = {}) {
    super({});
    this.dimension = options.dimension ?? 384;
    this.id = `hashing-ngram-v2/${this.dimension}`;
  }

  embedSync(text: string, indexTerms?: string[]): Float32Array {
    const features = new Map<string, number>();
    const add = (f: string, w: number) => features.set(f, (features.get(f) ?? 0) + w);
    for (const t of indexTerms ?? terms(text)) add(`t:${t}`, termWeight(t));
    for (const word of text.normalize('NFC').split(/[\s\p{P}]+/u)) {
      if (!word) continue;
      for (const f of trigrams(word)) add(f, 0.3);
    }
    const v = new Float32Array(this.dimension);
    for (const [f, w] of features) {
      const h = hashOf(f);
      const sign = h & 0x80000000 ? -1 : 1;
      // Sublinear tf: repeated terms count, but do not dominate.
      v[h % this.dimension]! += sign * Math.sqrt(w);
    }
    return normalize(v);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => Array.from(this.embedSync(d)));
  }

  async embedQuery(document: string): Promise<number[]> {
    return Array.from(this.embedSync(document));
  }
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** Ollama's /api/embed over HTTP (no extra package). */
export class OllamaEmbeddings extends Embeddings {
  constructor(
    private readonly baseUrl: string,
    private readonly model: string,
  ) {
    super({});
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const { fetch } = await import('undici');
    const res = await this.caller.call(() =>
      fetch(new URL('/api/embed', this.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: this.model, input: documents }),
      }),
    );
    if (!res.ok) throw new Error(`ollama embed failed: HTTP ${res.status}`);
    const body = (await res.json()) as { embeddings: number[][] };
    return body.embeddings;
  }

  async embedQuery(document: string): Promise<number[]> {
    const [v] = await this.embedDocuments([document]);
    return v ?? [];
  }
}

export type EmbedderConfig =
  | { kind: 'hashing'; dimension?: number }
  | { kind: 'openai'; model: string; apiKey: string; dimensions?: number }
  | { kind: 'ollama'; baseUrl: string; model: string }
  | { kind: 'transformers'; modelPath: string; model: string };

class WrappedEmbedder implements IndexEmbedder {
  constructor(
    readonly id: string,
    readonly dimension: number,
    readonly embeddings: Embeddings,
  ) {}
}

async function probe(id: string, embeddings: Embeddings): Promise<IndexEmbedder> {
  const v = await embeddings.embedQuery('dimension probe / 차원 / wymiar');
  if (!v.length) throw new Error(`embedder ${id} returned an empty vector`);
  return new WrappedEmbedder(id, v.length, embeddings);
}

/**
 * Builds the configured embedder. Optional providers load their packages lazily, so the default
 * needs nothing beyond @langchain/core.
 */
export async function createEmbedder(config: EmbedderConfig): Promise<IndexEmbedder> {
  switch (config.kind) {
    case 'hashing':
      return new HashingEmbeddings({ dimension: config.dimension });
    case 'openai': {
      const { OpenAIEmbeddings } = optional('@langchain/openai') as {
        OpenAIEmbeddings: new (o: { model: string; apiKey: string; dimensions?: number }) => Embeddings;
      };
      return probe(
        `openai/${config.model}`,
        new OpenAIEmbeddings({ model: config.model, apiKey: config.apiKey, dimensions: config.dimensions }),
      );
    }
    case 'ollama':
      return probe(`ollama/${config.model}`, new OllamaEmbeddings(config.baseUrl, config.model));
    case 'transformers': {
      // Local model folder only: remote loading is switched off before the model is created.
      const transformers = optional('@huggingface/transformers') as {
        env: { allowRemoteModels: boolean; localModelPath: string };
      };
      transformers.env.allowRemoteModels = false;
      transformers.env.localModelPath = config.modelPath;
      const { HuggingFaceTransformersEmbeddings } = optional(
        '@langchain/community/embeddings/huggingface_transformers',
      ) as {
        HuggingFaceTransformersEmbeddings: new (o: { model: string }) => Embeddings;
      };
      return probe(
        `transformers/${config.model}`,
        new HuggingFaceTransformersEmbeddings({ model: config.model }),
      );
    }
  }
}

/** Loads an optional provider package on first use, with an error that says what to install. */
function optional(name: string): unknown {
  try {
    return require(name);
  } catch (err) {
    throw new Error(
      `embedder package ${name} is not installed (npm install ${name} -w @boomerang/knowledge): ${(err as Error).message}`,
    );
  }
}
