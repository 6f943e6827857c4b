import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@boomerang/kit/logger';
import type { Bm25Snapshot } from './bm25';
import { type DenseIndex, DenseWorkerPool, LocalDenseIndex } from './dense-index';
import type { IndexEmbedder } from './embedder';
import type { HnswOptions } from './hnsw-store';
import { type IndexedChunk, TenantIndex } from './tenant-index';

/** Bumped whenever the tokeniser or the snapshot layout changes: older snapshots are rebuilt. */
// 4: BM25 indexes glossary phrase keys ("customer servic") next to the words' terms.
const SNAPSHOT_FORMAT = 4;

interface SnapshotMeta {
  format: number;
  tenantId: string;
  embedderId: string;
  dimension: number;
  chunks: [number, IndexedChunk][];
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

export interface RegistryOptions {
  /**
   * HNSW in a worker thread: inserts and searches leave the gRPC event loop (default false: on a
   * 2-core machine shared with other processes, the hand-off to the worker cost more search latency
   * than it saved; see bench/knowledge and the README).
   */
  worker?: boolean;
  hnsw?: Partial<HnswOptions>;
}

/** The per-tenant indexes of one replica, with on-disk snapshots for fast restarts. */
export class IndexRegistry {
  private readonly tenants = new Map<string, TenantIndex>();
  private readonly dirty = new Set<string>();
  private readonly pool: DenseWorkerPool | undefined;
  private saving: Promise<number> | undefined;

  constructor(
    readonly embedder: IndexEmbedder,
    private readonly dataDir: string | undefined,
    private readonly logger?: Logger,
    private readonly options: RegistryOptions = {},
  ) {
    this.pool = options.worker ? new DenseWorkerPool() : undefined;
  }

  private newDense(): DenseIndex {
    const o = { ...this.options.hnsw, dimension: this.embedder.dimension };
    return this.pool
      ? this.pool.index(this.embedder.dimension, o)
      : new LocalDenseIndex(this.embedder.embeddings, o);
  }

  /** Stops the dense worker (after the last snapshot). */
  async close(): Promise<void> {
    await this.saving;
    for (const t of this.tenants.values()) t.dense.close();
    await this.pool?.close();
  }

  get(tenantId: string): TenantIndex | undefined {
    return this.tenants.get(tenantId);
  }

  tenant(tenantId: string): TenantIndex {
    let t = this.tenants.get(tenantId);
    if (!t) {
      t = new TenantIndex(tenantId, this.embedder, this.newDense());
      this.tenants.set(tenantId, t);
    }
    return t;
  }

  all(): TenantIndex[] {
    return [...this.tenants.values()];
  }

  markDirty(tenantId: string): void {
    this.dirty.add(tenantId);
  }

  private snapshotRoot(): string | undefined {
    return this.dataDir ? path.join(this.dataDir, 'index') : undefined;
  }

  /**
   * Writes changed tenants' snapshots: a fresh folder per snapshot, published by atomically
   * renaming a CURRENT pointer, so a crash mid-write leaves the previous snapshot intact.
   * One save at a time (a call during a save waits for it, then saves what changed since).
   */
  async saveSnapshots(): Promise<number> {
    while (this.saving) await this.saving.catch(() => 0);
    this.saving = this.writeSnapshots();
    try {
      return await this.saving;
    } finally {
      this.saving = undefined;
    }
  }

  private async writeSnapshots(): Promise<number> {
    const root = this.snapshotRoot();
    if (!root) return 0;
    let saved = 0;
    for (const tenantId of [...this.dirty]) {
      this.dirty.delete(tenantId);
      const t = this.tenants.get(tenantId);
      if (!t) continue;
      const dir = path.join(root, hex(tenantId));
      const name = `snap-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      mkdirSync(path.join(dir, name), { recursive: true });
      // The chunk table, BM25 and the HNSW write are taken at the same point of the index's history
      // (the dense index applies calls in order; vectors staged but not committed are dropped at load).
      const meta: SnapshotMeta = {
        format: SNAPSHOT_FORMAT,
        tenantId,
        embedderId: this.embedder.id,
        dimension: this.embedder.dimension,
        chunks: [...t.chunks.entries()],
      };
      const bm25 = encodeBm25(t.sparse.export());
      try {
        await t.dense.save(path.join(dir, name, 'hnsw.bin'));
      } catch (err) {
        this.dirty.add(tenantId);
        throw err;
      }
      writeFileSync(path.join(dir, name, 'bm25.bin'), bm25);
      writeFileSync(path.join(dir, name, 'meta.json'), JSON.stringify(meta));
      writeFileSync(path.join(dir, 'CURRENT.tmp'), name);
      renameSync(path.join(dir, 'CURRENT.tmp'), path.join(dir, 'CURRENT'));
      for (const old of readdirSync(dir))
        if (old.startsWith('snap-') && old !== name)
          rmSync(path.join(dir, old), { recursive: true, force: true });
      saved++;
    }
    return saved;
  }

  /** Loads every tenant snapshot written by the same embedder; others are ignored (rebuilt). */
  async loadSnapshots(): Promise<number> {
    const root = this.snapshotRoot();
    if (!root || !existsSync(root)) return 0;
    let loaded = 0;
    for (const entry of readdirSync(root)) {
      const dir = path.join(root, entry);
      try {
        const current = path.join(dir, 'CURRENT');
        if (!existsSync(current)) continue;
        const snap = path.join(dir, readFileSync(current, 'utf8').trim());
        const meta = JSON.parse(readFileSync(path.join(snap, 'meta.json'), 'utf8')) as SnapshotMeta;
        if (meta.format !== SNAPSHOT_FORMAT) {
          this.logger?.info({ format: meta.format }, 'snapshot of an older format ignored');
          continue;
        }
        if (meta.embedderId !== this.embedder.id || meta.dimension !== this.embedder.dimension) {
          this.logger?.info({ embedder: meta.embedderId }, 'snapshot from another embedder ignored');
          continue;
        }
        const dense = this.newDense();
        try {
          await dense.load(
            path.join(snap, 'hnsw.bin'),
            meta.chunks.map(([label]) => label),
          );
        } catch (err) {
          dense.close();
          throw err;
        }
        const t = new TenantIndex(meta.tenantId, this.embedder, dense);
        const bm25 = decodeBm25(readFileSync(path.join(snap, 'bm25.bin')));
        for (const [label, chunk] of meta.chunks) t.restore(label, chunk);
        // BM25 comes back from its arrays: no chunk is tokenised again.
        t.sparse.import(bm25, (label) => t.chunks.has(label));
        this.tenants.set(meta.tenantId, t);
        loaded++;
      } catch (err) {
        this.logger?.warn(
          { err, dir: entry },
          'unreadable index snapshot ignored; the tenant is rebuilt from the database',
        );
      }
    }
    return loaded;
  }
}

/** bm25.bin: u32 header length, JSON header (terms, counts), then the arrays, each 4-byte aligned. */
function encodeBm25(s: Bm25Snapshot): Buffer {
  const header = Buffer.from(
    JSON.stringify({ terms: s.terms, labels: s.labels.length, pairs: s.termIds.length }),
    'utf8',
  );
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const head = Buffer.alloc(4 + header.length + pad(header.length));
  head.writeUInt32LE(header.length, 0);
  header.copy(head, 4);
  const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([head, bytes(s.labels), bytes(s.offsets), bytes(s.termIds), bytes(s.tfs)]);
}

function decodeBm25(buf: Buffer): Bm25Snapshot {
  const len = buf.readUInt32LE(0);
  const h = JSON.parse(buf.subarray(4, 4 + len).toString('utf8')) as {
    terms: string[];
    labels: number;
    pairs: number;
  };
  let o = 4 + len + ((4 - (len % 4)) % 4);
  const take = <T>(n: number, size: number, make: (b: ArrayBuffer) => T): T => {
    if (o + n * size > buf.length) throw new Error('bm25 snapshot is truncated');
    const copy = new Uint8Array(n * size);
    copy.set(buf.subarray(o, o + n * size));
    o += n * size;
    return make(copy.buffer);
  };
  const labels = take(h.labels, 4, (b) => new Int32Array(b));
  const offsets = take(h.labels + 1, 4, (b) => new Int32Array(b));
  const termIds = take(h.pairs, 4, (b) => new Int32Array(b));
  const tfs = take(h.pairs, 2, (b) => new Uint16Array(b));
  return { terms: h.terms, labels, offsets, termIds, tfs };
}
