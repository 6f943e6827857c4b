import type { Queryable, Sql } from '@boomerang/kit/sql';

export interface DocumentRecord {
  tenantId: string;
  id: string;
  title: string;
  sourceUrl: string;
  language: string;
  tags: string[];
  format: string;
  version: number;
  chunkCount: number;
  deleted: boolean;
  updatedAt: Date;
}

export interface ChunkRecord {
  ordinal: number;
  section: string;
  text: string;
  language: string;
  embedding: Float32Array;
  embedderId: string;
}

interface DocRow {
  tenant_id: string;
  id: string;
  title: string;
  source_url: string;
  language: string;
  tags: string[];
  format: string;
  version: number;
  chunk_count: number;
  deleted: boolean;
  updated_at: Date | string;
}

interface ChunkRow {
  ordinal: number;
  section: string;
  text: string;
  language: string;
  embedding: Uint8Array;
  embedder_id: string;
}

function toDoc(r: DocRow): DocumentRecord {
  return {
    tenantId: r.tenant_id,
    id: r.id,
    title: r.title,
    sourceUrl: r.source_url,
    language: r.language,
    tags: r.tags ?? [],
    format: r.format,
    version: Number(r.version),
    chunkCount: Number(r.chunk_count),
    deleted: r.deleted,
    updatedAt: new Date(r.updated_at),
  };
}

export function vectorToBytes(v: ArrayLike<number>): Buffer {
  const f = v instanceof Float32Array ? v : Float32Array.from(v);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

export function bytesToVector(b: Uint8Array): Float32Array {
  const copy = Uint8Array.from(b);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

function toChunk(r: ChunkRow): ChunkRecord {
  return {
    ordinal: Number(r.ordinal),
    section: r.section,
    text: r.text,
    language: r.language,
    embedding: bytesToVector(r.embedding),
    embedderId: r.embedder_id,
  };
}

const DOC_COLUMNS =
  'tenant_id, id, title, source_url, language, tags, format, version, chunk_count, deleted, updated_at';

export interface NewDocument {
  tenantId: string;
  id: string;
  title: string;
  sourceUrl: string;
  language: string;
  tags: string[];
  format: string;
}

export interface TenantLimits {
  maxDocuments: number;
  maxChunks: number;
}

export class LimitExceeded extends Error {}

/** PostgreSQL/PGlite persistence of documents and chunks. */
export class KnowledgeRepository {
  /**
   * Rows per multi-row INSERT: large for PostgreSQL (fewer round trips), small for PGlite, which
   * runs on this thread and would otherwise hold the event loop for a whole statement.
   */
  private readonly batch: number;
  /**
   * PGlite runs statements synchronously and resolves them without a macrotask, so a transaction of
   * many statements would hold the event loop from start to end (~170 ms for 600 chunks): it gets a
   * turn of the event loop between the chunk inserts instead.
   */
  private readonly yieldBetween: boolean;

  constructor(private readonly sql: Sql) {
    this.batch = sql.dialect === 'pglite' ? 50 : 1000;
    this.yieldBetween = sql.dialect === 'pglite';
  }

  /**
   * Replaces a document and all its chunks in one transaction and bumps its version. The row lock
   * serialises concurrent upserts of one document; tenant limits are checked inside the same
   * transaction (`onLimit` builds the error).
   */
  async upsert(
    doc: NewDocument,
    chunks: Omit<ChunkRecord, 'embedderId'>[],
    embedderId: string,
    limits: TenantLimits,
  ): Promise<DocumentRecord> {
    return this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`knowledge:tenant:${doc.tenantId}`]);
      const prev = await tx.query<{ version: number; chunk_count: number; deleted: boolean }>(
        'SELECT version, chunk_count, deleted FROM knowledge_documents WHERE tenant_id = $1 AND id = $2',
        [doc.tenantId, doc.id],
      );
      const before = prev.rows[0];
      const usage = await tx.query<{ docs: string; chunks: string }>(
        'SELECT count(*) AS docs, coalesce(sum(chunk_count), 0) AS chunks FROM knowledge_documents WHERE tenant_id = $1 AND NOT deleted',
        [doc.tenantId],
      );
      const live = before && !before.deleted;
      const docs = Number(usage.rows[0]?.docs ?? 0) + (live ? 0 : 1);
      const total =
        Number(usage.rows[0]?.chunks ?? 0) - (live ? Number(before.chunk_count) : 0) + chunks.length;
      if (docs > limits.maxDocuments) {
        throw new LimitExceeded(
          `tenant ${doc.tenantId} already has ${docs - 1} documents; the limit is ${limits.maxDocuments}`,
        );
      }
      if (total > limits.maxChunks) {
        throw new LimitExceeded(
          `tenant ${doc.tenantId} would have ${total} chunks; the limit is ${limits.maxChunks}`,
        );
      }
      const version = (before ? Number(before.version) : 0) + 1;
      const { rows } = await tx.query<DocRow>(
        `INSERT INTO knowledge_documents (tenant_id, id, title, source_url, language, tags, format, version, chunk_count, deleted, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, false, now())
         ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, source_url = EXCLUDED.source_url,
           language = EXCLUDED.language, tags = EXCLUDED.tags, format = EXCLUDED.format, version = EXCLUDED.version,
           chunk_count = EXCLUDED.chunk_count, deleted = false, updated_at = now()
         RETURNING ${DOC_COLUMNS}`,
        [
          doc.tenantId,
          doc.id,
          doc.title,
          doc.sourceUrl,
          doc.language,
          doc.tags,
          doc.format,
          version,
          chunks.length,
        ],
      );
      await tx.query('DELETE FROM knowledge_chunks WHERE tenant_id = $1 AND document_id = $2', [
        doc.tenantId,
        doc.id,
      ]);
      await insertChunks(tx, doc.tenantId, doc.id, chunks, embedderId, this.batch, this.yieldBetween);
      const saved = toDoc(rows[0]!);
      await enqueueChange(tx, saved, embedderId);
      return saved;
    });
  }

  /** Deletes a document (tombstone + chunks gone). Returns the tombstone, or undefined if unknown. */
  async delete(tenantId: string, id: string, embedderId: string): Promise<DocumentRecord | undefined> {
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<DocRow>(
        `UPDATE knowledge_documents SET deleted = true, version = version + 1, chunk_count = 0, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND NOT deleted RETURNING ${DOC_COLUMNS}`,
        [tenantId, id],
      );
      if (!rows[0]) return undefined;
      await tx.query('DELETE FROM knowledge_chunks WHERE tenant_id = $1 AND document_id = $2', [
        tenantId,
        id,
      ]);
      const tomb = toDoc(rows[0]);
      await enqueueChange(tx, tomb, embedderId);
      return tomb;
    });
  }

  async get(tenantId: string, id: string): Promise<DocumentRecord | undefined> {
    const { rows } = await this.sql.query<DocRow>(
      `SELECT ${DOC_COLUMNS} FROM knowledge_documents WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] ? toDoc(rows[0]) : undefined;
  }

  /** A document with its chunks, read consistently (one transaction). */
  async load(
    tenantId: string,
    id: string,
  ): Promise<{ document: DocumentRecord; chunks: ChunkRecord[] } | undefined> {
    return this.sql.transaction(async (tx) => {
      const d = await tx.query<DocRow>(
        `SELECT ${DOC_COLUMNS} FROM knowledge_documents WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      if (!d.rows[0]) return undefined;
      const c = await tx.query<ChunkRow>(
        'SELECT ordinal, section, text, language, embedding, embedder_id FROM knowledge_chunks WHERE tenant_id = $1 AND document_id = $2 ORDER BY ordinal',
        [tenantId, id],
      );
      return { document: toDoc(d.rows[0]), chunks: c.rows.map(toChunk) };
    });
  }

  async list(tenantId: string, pageSize: number, after: string): Promise<DocumentRecord[]> {
    const { rows } = await this.sql.query<DocRow>(
      `SELECT ${DOC_COLUMNS} FROM knowledge_documents WHERE tenant_id = $1 AND NOT deleted AND id > $2 ORDER BY id LIMIT $3`,
      [tenantId, after, pageSize],
    );
    return rows.map(toDoc);
  }

  /** Every live document (tenant, id, version): what a replica's index must hold. */
  async versions(): Promise<{ tenantId: string; id: string; version: number }[]> {
    const { rows } = await this.sql.query<{ tenant_id: string; id: string; version: number }>(
      'SELECT tenant_id, id, version FROM knowledge_documents WHERE NOT deleted',
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, version: Number(r.version) }));
  }

  async storedEmbedder(): Promise<{ embedderId: string; dimension: number } | undefined> {
    const { rows } = await this.sql.query<{ embedder_id: string; dimension: number }>(
      'SELECT embedder_id, dimension FROM knowledge_index_meta',
    );
    return rows[0] ? { embedderId: rows[0].embedder_id, dimension: Number(rows[0].dimension) } : undefined;
  }

  async setEmbedder(embedderId: string, dimension: number): Promise<void> {
    await this.sql.query(
      `INSERT INTO knowledge_index_meta (singleton, embedder_id, dimension) VALUES (true, $1, $2)
       ON CONFLICT (singleton) DO UPDATE SET embedder_id = EXCLUDED.embedder_id, dimension = EXCLUDED.dimension, updated_at = now()`,
      [embedderId, dimension],
    );
  }

  /** Chunks embedded by another embedder, a batch at a time (for the re-embed after a change). */
  async staleChunks(
    embedderId: string,
    limit: number,
  ): Promise<{ tenantId: string; documentId: string; ordinal: number; section: string; text: string }[]> {
    const { rows } = await this.sql.query<{
      tenant_id: string;
      document_id: string;
      ordinal: number;
      section: string;
      text: string;
    }>(
      'SELECT tenant_id, document_id, ordinal, section, text FROM knowledge_chunks WHERE embedder_id <> $1 LIMIT $2',
      [embedderId, limit],
    );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      documentId: r.document_id,
      ordinal: Number(r.ordinal),
      section: r.section,
      text: r.text,
    }));
  }

  async updateEmbeddings(
    items: { tenantId: string; documentId: string; ordinal: number; embedding: ArrayLike<number> }[],
    embedderId: string,
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const i of items) {
        await tx.query(
          'UPDATE knowledge_chunks SET embedding = $4, embedder_id = $5 WHERE tenant_id = $1 AND document_id = $2 AND ordinal = $3',
          [i.tenantId, i.documentId, i.ordinal, vectorToBytes(i.embedding), embedderId],
        );
      }
    });
  }
}

/** The DocumentChanged of a committed change, waiting in the outbox for the relay. */
export interface PendingChange {
  id: number;
  tenantId: string;
  documentId: string;
  version: number;
  deleted: boolean;
  embedderId: string;
}

async function enqueueChange(tx: Queryable, d: DocumentRecord, embedderId: string): Promise<void> {
  await tx.query(
    'INSERT INTO knowledge_outbox (tenant_id, document_id, version, deleted, embedder_id) VALUES ($1, $2, $3, $4, $5)',
    [d.tenantId, d.id, d.version, d.deleted, embedderId],
  );
}

async function insertChunks(
  tx: Queryable,
  tenantId: string,
  documentId: string,
  chunks: Omit<ChunkRecord, 'embedderId'>[],
  embedderId: string,
  batch: number,
  yieldBetween = false,
): Promise<void> {
  // `batch` rows × 8 parameters per statement (PostgreSQL allows 65535 parameters).
  for (let i = 0; i < chunks.length; i += batch) {
    const part = chunks.slice(i, i + batch);
    const params: unknown[] = [];
    const values = part.map((c) => {
      const base = params.length;
      params.push(
        tenantId,
        documentId,
        c.ordinal,
        c.section,
        c.text,
        c.language,
        vectorToBytes(c.embedding),
        embedderId,
      );
      return `(${Array.from({ length: 8 }, (_, j) => `$${base + j + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO knowledge_chunks (tenant_id, document_id, ordinal, section, text, language, embedding, embedder_id) VALUES ${values.join(', ')}`,
      params,
    );
    if (yieldBetween) await new Promise<void>((r) => setImmediate(r));
  }
}
