import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, Sql } from './types';

export interface PgliteOptions {
  /** Folder for the database files; omit for an in-memory database (tests). */
  dataDir?: string;
}

/** PostgreSQL compiled to WASM, in-process: the embedded default for `npm start` and unit tests. */
export async function createPglite(options: PgliteOptions = {}): Promise<Sql> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await db.waitReady;
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async exec(script: string) {
      await q.exec(script);
    },
    async query<T>(text: string, params?: unknown[]) {
      const r = await q.query<T>(text, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  });
  return {
    dialect: 'pglite',
    ...wrap(db),
    // PGlite serialises transactions (one connection), with the same commit/rollback semantics.
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
