import { FailedPrecondition, InvalidArgument, NotFound } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type DocumentRecord, type KnowledgeRepository, LimitExceeded } from '../adapters/repository';
import {
  type AnswerThresholds,
  answerFromHits,
  DEFAULT_THRESHOLDS,
  type GroundedAnswer,
  MAX_HITS,
} from './answer';
import { chunkMarkdown } from './chunker';
import type { IndexEmbedder } from './embedder';
import { htmlToMarkdown, pdfToMarkdown, textToMarkdown } from './extract';
import { expandQuery, phraseKeys } from './glossary';
import type { IndexRegistry } from './index-registry';
import { detectLanguage } from './language';
import { phraseAnswer } from './phrase';
import { extractReturnWindows, type ReturnWindow } from './policy-facts';
import { snippet } from './snippet';
import { type IndexedChunk, indexText, Yielder } from './tenant-index';
import { terms } from './text';

export type Format = 'text' | 'markdown' | 'html' | 'pdf' | 'url';

export interface UpsertInput {
  tenantId: string;
  id: string;
  title: string;
  format: Format | undefined;
  content: string;
  data: Uint8Array;
  url: string;
  sourceUrl: string;
  language: string;
  tags: string[];
}

export interface Limits {
  maxDocumentBytes: number;
  maxChunksPerDocument: number;
  maxDocumentsPerTenant: number;
  maxChunksPerTenant: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxDocumentBytes: 8 * 1024 * 1024,
  maxChunksPerDocument: 5_000,
  maxDocumentsPerTenant: 2_000,
  maxChunksPerTenant: 200_000,
};

export interface Fetcher {
  fetch(
    url: string,
    signal?: AbortSignal,
  ): Promise<{ kind: 'html' | 'text' | 'markdown' | 'pdf'; body: Buffer; finalUrl: string }>;
}

export interface KnowledgeDeps {
  repo: KnowledgeRepository;
  embedder: IndexEmbedder;
  registry: IndexRegistry;
  fetcher: Fetcher;
  /**
   * Called after a change committed: the repository wrote its DocumentChanged into the outbox in
   * the same transaction, and this wakes the relay that publishes it to the other replicas.
   */
  changed: () => void;
  logger: Logger;
  limits?: Partial<Limits>;
  thresholds?: AnswerThresholds;
  /** Optional: phrases answers from the retrieved sentences only. Off by default. */
  chatModel?: BaseChatModel;
}

export interface SearchInput {
  tenantId: string;
  query: string;
  locale: string;
  k: number;
  tags: string[];
  languages: string[];
}

export interface Hit {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  section: string;
  url: string;
  score: number;
  snippet: string;
  text: string;
  language: string;
}

const ID_RE = /^[\p{L}\p{N}._:@/-]{1,200}$/u;
const TENANT_RE = /^[A-Za-z0-9._-]{1,64}$/;
const LANG_RE = /^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/i;

function requireTenant(tenantId: string): void {
  if (!tenantId) throw new InvalidArgument('tenant_id is required', { field: 'tenant_id' });
  if (!TENANT_RE.test(tenantId))
    throw new InvalidArgument('tenant_id must be 1-64 of [A-Za-z0-9._-]', { field: 'tenant_id' });
}

function requireId(id: string): void {
  if (!id) throw new InvalidArgument('id is required', { field: 'id' });
  if (!ID_RE.test(id))
    throw new InvalidArgument('id must be 1-200 letters, digits or ._:@/-', { field: 'id' });
}

export class KnowledgeService {
  readonly limits: Limits;
  private readonly logger: Logger;
  private readonly thresholds: AnswerThresholds;
  /**
   * Upserts in progress on this replica, by tenant/document. The DocumentChanged of an upsert can
   * come back from the bus before the upsert has indexed its chunks; the follower then waits for it
   * instead of indexing the same version a second time (which would also leave deleted slots in HNSW).
   */
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: KnowledgeDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.logger = deps.logger.child({ component: 'knowledge' });
    this.thresholds = deps.thresholds ?? DEFAULT_THRESHOLDS;
  }

  private validateUpsert(input: UpsertInput): void {
    requireTenant(input.tenantId);
    requireId(input.id);
    if (!input.format)
      throw new InvalidArgument('format is required (text, markdown, html, pdf or url)', { field: 'format' });
    if (input.title.length > 500)
      throw new InvalidArgument('title is longer than 500 characters', { field: 'title' });
    if (input.language && !LANG_RE.test(input.language))
      throw new InvalidArgument(`language "${input.language.slice(0, 20)}" is not a language code`, {
        field: 'language',
      });
    if (input.tags.length > 32 || input.tags.some((t) => !t || t.length > 64))
      throw new InvalidArgument('tags: at most 32, each 1-64 characters', { field: 'tags' });
    if (input.sourceUrl && !/^https?:\/\//i.test(input.sourceUrl))
      throw new InvalidArgument('source_url must be an http(s) URL', { field: 'source_url' });
    const max = this.limits.maxDocumentBytes;
    switch (input.format) {
      case 'text':
      case 'markdown':
      case 'html':
        if (!input.content.trim()) {
          throw new InvalidArgument(
            input.data.length
              ? 'content is empty (binary data is only read with format PDF)'
              : 'content is empty',
            { field: 'content' },
          );
        }
        if (Buffer.byteLength(input.content) > max)
          throw new InvalidArgument(
            `content is ${Buffer.byteLength(input.content)} bytes; the limit is ${max}`,
            { field: 'content' },
          );
        if (input.content.includes('\u0000'))
          throw new InvalidArgument('content contains binary data; send PDFs with format PDF in data', {
            field: 'content',
          });
        break;
      case 'pdf':
        if (!input.data.length)
          throw new InvalidArgument('data is empty: PDF bytes are required', { field: 'data' });
        if (input.data.length > max)
          throw new InvalidArgument(`data is ${input.data.length} bytes; the limit is ${max}`, {
            field: 'data',
          });
        if (Buffer.from(input.data.subarray(0, 1024)).indexOf('%PDF-') < 0)
          throw new InvalidArgument('data is not a PDF (no %PDF- header)', { field: 'data' });
        break;
      case 'url':
        if (!input.url) throw new InvalidArgument('url is required for format URL', { field: 'url' });
        break;
    }
  }

  private async toMarkdown(
    input: UpsertInput,
    signal?: AbortSignal,
  ): Promise<{ markdown: string; title: string; sourceUrl: string }> {
    switch (input.format) {
      case 'text':
        return { markdown: textToMarkdown(input.content), title: '', sourceUrl: input.sourceUrl };
      case 'markdown':
        return {
          markdown: input.content,
          title: /^#\s+(.+)$/m.exec(input.content)?.[1]?.trim() ?? '',
          sourceUrl: input.sourceUrl,
        };
      case 'html': {
        const h = htmlToMarkdown(input.content);
        return { markdown: h.markdown, title: h.title, sourceUrl: input.sourceUrl };
      }
      case 'pdf':
        return { markdown: await pdfToMarkdown(input.data), title: '', sourceUrl: input.sourceUrl };
      default: {
        const f = await this.deps.fetcher.fetch(input.url, signal);
        const source = input.sourceUrl || f.finalUrl;
        if (f.kind === 'pdf') return { markdown: await pdfToMarkdown(f.body), title: '', sourceUrl: source };
        const text = f.body.toString('utf8');
        if (f.kind === 'html') {
          const h = htmlToMarkdown(text);
          return { markdown: h.markdown, title: h.title, sourceUrl: source };
        }
        return {
          markdown: f.kind === 'markdown' ? text : textToMarkdown(text),
          title: '',
          sourceUrl: source,
        };
      }
    }
  }

  private async embedAll(texts: string[], yielder: Yielder, termLists?: string[][]): Promise<Float32Array[]> {
    const e = this.deps.embedder;
    const out: Float32Array[] = [];
    if (e.embedSync) {
      for (let i = 0; i < texts.length; i++) {
        out.push(e.embedSync(texts[i]!, termLists?.[i]));
        await yielder.maybeYield();
      }
      return out;
    }
    for (let i = 0; i < texts.length; i += 64) {
      const vs = await e.embeddings.embedDocuments(texts.slice(i, i + 64));
      for (const v of vs) {
        if (v.length !== e.dimension)
          throw new Error(`embedder ${e.id} returned ${v.length} dimensions, expected ${e.dimension}`);
        out.push(Float32Array.from(v));
      }
    }
    return out;
  }

  async upsert(input: UpsertInput, signal?: AbortSignal): Promise<DocumentRecord> {
    this.validateUpsert(input);
    const key = `${input.tenantId}\u0000${input.id}`;
    const previous = this.inflight.get(key);
    const run = (previous ?? Promise.resolve()).catch(() => {}).then(() => this.upsertNow(input, signal));
    this.inflight.set(key, run);
    try {
      return await run;
    } finally {
      if (this.inflight.get(key) === run) this.inflight.delete(key);
    }
  }

  private async upsertNow(input: UpsertInput, signal?: AbortSignal): Promise<DocumentRecord> {
    const { markdown, title, sourceUrl } = await this.toMarkdown(input, signal);
    if (!markdown.trim())
      throw new InvalidArgument('no text was found in the document', {
        field: input.format === 'pdf' ? 'data' : 'content',
      });
    const pieces = await chunkMarkdown(markdown);
    if (!pieces.length) throw new InvalidArgument('no text was found in the document', { field: 'content' });
    if (pieces.length > this.limits.maxChunksPerDocument) {
      throw new InvalidArgument(
        `the document makes ${pieces.length} chunks; the limit per document is ${this.limits.maxChunksPerDocument}`,
        { field: 'content' },
      );
    }
    const language = (input.language || detectLanguage(markdown)).toLowerCase().split(/[-_]/)[0]!;
    const yielder = new Yielder();
    const texts = pieces.map((p) => indexText(p));
    // Tokenised once (the same terms feed the default embedder and BM25), in time slices.
    const termLists: string[][] = [];
    const langs: string[] = [];
    for (let i = 0; i < pieces.length; i++) {
      termLists.push(terms(texts[i]!));
      const text = pieces[i]!.text;
      langs.push(text.length >= 80 ? detectLanguage(text) : language);
      await yielder.maybeYield();
    }
    const vectors = await this.embedAll(texts, yielder, termLists);
    const docTitle = input.title || title || /^#+\s+(.+)$/m.exec(markdown)?.[1]?.trim() || input.id;
    // HNSW inserts start now (in the dense worker) and overlap the database write; the chunks
    // become searchable only once both are done (replaceDocument below).
    const index = this.deps.registry.tenant(input.tenantId);
    const staged = index.stage(vectors, yielder);
    let record: DocumentRecord;
    try {
      record = await this.deps.repo.upsert(
        {
          tenantId: input.tenantId,
          id: input.id,
          title: docTitle.slice(0, 500),
          sourceUrl,
          language,
          tags: [...new Set(input.tags)],
          format: input.format!,
        },
        pieces.map((p, i) => ({
          ordinal: p.ordinal,
          section: p.section,
          text: p.text,
          language: langs[i]!,
          embedding: vectors[i]!,
        })),
        this.deps.embedder.id,
        { maxDocuments: this.limits.maxDocumentsPerTenant, maxChunks: this.limits.maxChunksPerTenant },
      );
    } catch (err) {
      void index.discard(staged);
      if (err instanceof LimitExceeded) throw new FailedPrecondition(err.message, { field: 'tenant_id' });
      throw err;
    }
    const chunks = pieces.map((p, i) => ({
      chunk: this.toIndexed(record, p.ordinal, p.section, p.text, langs[i]!),
      vector: vectors[i]!,
      terms: termLists[i],
    }));
    await index.replaceDocument(record.id, record.version, chunks, yielder, staged);
    this.deps.registry.markDirty(record.tenantId);
    this.announce();
    this.logger.info(
      { tenant: record.tenantId, document: record.id, version: record.version, chunks: chunks.length },
      'document indexed',
    );
    return record;
  }

  private toIndexed(
    d: DocumentRecord,
    ordinal: number,
    section: string,
    text: string,
    language: string,
  ): IndexedChunk {
    return {
      id: `${d.id}:${d.version}:${ordinal}`,
      documentId: d.id,
      documentVersion: d.version,
      ordinal,
      title: d.title,
      section,
      url: d.sourceUrl,
      text,
      language,
      tags: d.tags,
    };
  }

  private announce(): void {
    // The DocumentChanged row committed with the change; the relay publishes it (retrying if the
    // bus is down), so a crash or outage here delays the other replicas, never skips them.
    this.deps.changed();
  }

  async delete(tenantId: string, id: string): Promise<void> {
    requireTenant(tenantId);
    requireId(id);
    const tomb = await this.deps.repo.delete(tenantId, id, this.deps.embedder.id);
    if (!tomb) throw new NotFound(`document ${id} does not exist`, { field: 'id' });
    this.deps.registry.get(tenantId)?.removeDocument(id);
    this.deps.registry.markDirty(tenantId);
    this.announce();
  }

  async list(
    tenantId: string,
    pageSize: number,
    pageToken: string,
  ): Promise<{ documents: DocumentRecord[]; nextPageToken: string }> {
    requireTenant(tenantId);
    if (pageSize < 0) throw new InvalidArgument('page_size must not be negative', { field: 'page_size' });
    const size = Math.min(pageSize || 50, 500);
    let after = '';
    if (pageToken) {
      try {
        after = Buffer.from(pageToken, 'base64url').toString('utf8');
      } catch {
        throw new InvalidArgument('page_token is not valid', { field: 'page_token' });
      }
    }
    const docs = await this.deps.repo.list(tenantId, size + 1, after);
    const page = docs.slice(0, size);
    return {
      documents: page,
      nextPageToken: docs.length > size ? Buffer.from(page[page.length - 1]!.id).toString('base64url') : '',
    };
  }

  /** Brings this replica's index in line with the database for one document (event handler). */
  async syncDocument(tenantId: string, documentId: string): Promise<void> {
    await this.inflight.get(`${tenantId}\u0000${documentId}`)?.catch(() => {});
    const head = await this.deps.repo.get(tenantId, documentId);
    const have = this.deps.registry.get(tenantId)?.documentVersion(documentId);
    if (head && !head.deleted && have !== undefined && have >= head.version) return;
    if ((!head || head.deleted) && have === undefined) return;
    const loaded = await this.deps.repo.load(tenantId, documentId);
    const registry = this.deps.registry;
    if (!loaded || loaded.document.deleted) {
      if (registry.get(tenantId)?.documentVersion(documentId) !== undefined) {
        registry.get(tenantId)?.removeDocument(documentId);
        registry.markDirty(tenantId);
      }
      return;
    }
    const d = loaded.document;
    const idx = registry.tenant(tenantId);
    if ((idx.documentVersion(documentId) ?? 0) >= d.version) return;
    const yielder = new Yielder();
    const e = this.deps.embedder;
    const stale = loaded.chunks.filter((c) => c.embedderId !== e.id);
    const fresh = stale.length
      ? await this.embedAll(
          stale.map((c) => indexText(c)),
          yielder,
        )
      : [];
    const replaced = new Map(stale.map((c, i) => [c.ordinal, fresh[i]!]));
    await idx.replaceDocument(
      d.id,
      d.version,
      loaded.chunks.map((c) => ({
        chunk: this.toIndexed(d, c.ordinal, c.section, c.text, c.language),
        vector: replaced.get(c.ordinal) ?? c.embedding,
      })),
      yielder,
    );
    registry.markDirty(tenantId);
  }

  /**
   * Start-up: re-embeds stored chunks when the embedder changed (never a silent mix), loads the
   * snapshots, then reconciles every tenant's index with the database.
   */
  async rebuild(): Promise<{ snapshots: number; synced: number; reembedded: number }> {
    const repo = this.deps.repo;
    const e = this.deps.embedder;
    const stored = await repo.storedEmbedder();
    let reembedded = 0;
    if (stored && (stored.embedderId !== e.id || stored.dimension !== e.dimension)) {
      this.logger.warn(
        { from: stored.embedderId, to: e.id },
        'embedder changed: re-embedding every stored chunk',
      );
    }
    const yielder = new Yielder();
    for (;;) {
      const batch = await repo.staleChunks(e.id, 256);
      if (!batch.length) break;
      const vs = await this.embedAll(
        batch.map((c) => indexText(c)),
        yielder,
      );
      await repo.updateEmbeddings(
        batch.map((c, i) => ({ ...c, embedding: vs[i]! })),
        e.id,
      );
      reembedded += batch.length;
    }
    if (!stored || stored.embedderId !== e.id || stored.dimension !== e.dimension)
      await repo.setEmbedder(e.id, e.dimension);
    const snapshots = await this.deps.registry.loadSnapshots();
    const versions = await repo.versions();
    const want = new Map(versions.map((v) => [`${v.tenantId}\u0000${v.id}`, v]));
    let synced = 0;
    for (const t of this.deps.registry.all()) {
      for (const [docId, version] of t.documents()) {
        const v = want.get(`${t.tenantId}\u0000${docId}`);
        if (!v) {
          t.removeDocument(docId);
          this.deps.registry.markDirty(t.tenantId);
        } else if (v.version === version) want.delete(`${t.tenantId}\u0000${docId}`);
      }
    }
    for (const v of want.values()) {
      await this.syncDocument(v.tenantId, v.id);
      synced++;
    }
    return { snapshots, synced, reembedded };
  }

  private validateQuery(tenantId: string, query: string, field: string): void {
    requireTenant(tenantId);
    if (!query.trim()) throw new InvalidArgument(`${field} is empty`, { field });
    if (query.length > 2000) throw new InvalidArgument(`${field} is longer than 2000 characters`, { field });
  }

  async search(input: SearchInput): Promise<Hit[]> {
    this.validateQuery(input.tenantId, input.query, 'query');
    if (input.k < 0 || input.k > 100)
      throw new InvalidArgument('k must be between 1 and 100', { field: 'k' });
    const idx = this.deps.registry.get(input.tenantId);
    if (!idx) return [];
    const hits = await idx.search(input.query, {
      k: input.k || 5,
      tags: input.tags,
      languages: input.languages,
    });
    const marks = new Set(expandQuery(terms(input.query).concat(phraseKeys(input.query))).map((t) => t.term));
    return hits.map((h) => ({
      chunkId: h.chunk.id,
      documentId: h.chunk.documentId,
      documentTitle: h.chunk.title,
      section: h.chunk.section,
      url: h.chunk.url,
      score: h.score,
      snippet: snippet(h.chunk.text, marks),
      text: h.chunk.text,
      language: h.chunk.language,
    }));
  }

  async answer(input: {
    tenantId: string;
    question: string;
    locale: string;
    tags: string[];
    languages: string[];
  }): Promise<GroundedAnswer> {
    this.validateQuery(input.tenantId, input.question, 'question');
    const idx = this.deps.registry.get(input.tenantId);
    const hits = idx
      ? await idx.search(input.question, {
          k: MAX_HITS,
          tags: input.tags,
          languages: input.languages,
          cosines: true,
        })
      : [];
    const stats = idx
      ? { idf: (t: string) => idx.sparse.idf(t), df: (t: string) => idx.sparse.df(t) }
      : { idf: () => 0, df: () => 0 };
    const answer = answerFromHits(input.question, input.locale, hits, stats, this.thresholds);
    if (answer.found && this.deps.chatModel)
      return phraseAnswer(this.deps.chatModel, input.question, answer, this.logger);
    return answer;
  }

  policyFacts(tenantId: string): ReturnWindow[] {
    requireTenant(tenantId);
    const idx = this.deps.registry.get(tenantId);
    if (!idx) return [];
    const out: ReturnWindow[] = [];
    const seen = new Set<string>();
    const chunks = [...idx.chunks.values()].sort(
      (a, b) => a.documentId.localeCompare(b.documentId) || a.ordinal - b.ordinal,
    );
    for (const c of chunks) {
      for (const w of extractReturnWindows(c.text, { documentId: c.documentId, section: c.section })) {
        const key = `${w.documentId}/${w.days}/${w.businessDays}/${w.quote}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(w);
      }
    }
    return out;
  }
}
