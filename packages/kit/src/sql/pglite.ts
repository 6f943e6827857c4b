import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, Sql, Transaction } from './types';

export interface PgliteOptions {
  /** Folder for the database files; omit for an in-memory database (tests). */
  dataDir?: string;
}

// initdb inside WASM costs seconds per database (2–3 s warm, more on a busy machine), and a process
// often needs several (the stack: one per service; a test file: one per test). The first new
// database of the process is dumped right after initdb and every later new one is loaded from that
// template instead (~0.5 s). Existing data folders are opened as they are.
let template: Promise<Blob | undefined> | undefined;

function isNewDataDir(dir: string): boolean {
  return !existsSync(path.join(dir, 'PG_VERSION'));
}

async function newDatabase(dataDir: string | undefined): Promise<PGlite> {
  if (template) {
    const dump = await template;
    if (dump) {
      const db = new PGlite({ dataDir, loadDataDir: dump });
      await db.waitReady;
      return db;
    }
  }
  const db = new PGlite(dataDir);
  let resolve: ((dump: Blob | undefined) => void) | undefined;
  template ??= new Promise((r) => {
    resolve = r;
  });
  try {
    await db.waitReady;
  } catch (err) {
    resolve?.(undefined); // later databases initialise on their own
    throw err;
  }
  resolve?.(await db.dumpDataDir('none').catch(() => undefined));
  return db;
}

/** PostgreSQL compiled to WASM, in-process: the embedded default for `npm start` and unit tests. */
export async function createPglite(options: PgliteOptions = {}): Promise<Sql> {
  let db: PGlite;
  if (options.dataDir && !isNewDataDir(options.dataDir)) {
    db = new PGlite(options.dataDir);
    await db.waitReady;
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    db = await newDatabase(options.dataDir);
  }
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
    // PGlite serialises transactions (one connection), with the same commit/rollback semantics; it
    // has no round trips to save, so commitWith is the last query and the commit follows fn.
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
      db.transaction((raw) => {
        const tx = wrap(raw);
        let done = false;
        let commitFailure: { err: unknown } | undefined;
        const guarded = <R>(run: () => Promise<R>): Promise<R> => {
          if (done) return Promise.reject(new Error('the transaction was committed by commitWith'));
          return run();
        };
        return fn({
          query: <R>(text: string, params?: unknown[]) => guarded(() => tx.query<R>(text, params)),
          exec: (script: string) => guarded(() => tx.exec(script)),
          commitWith: <R>(text: string, params?: unknown[]) =>
            guarded(() => {
              done = true;
              return tx.query<R>(text, params).catch((err: unknown) => {
                commitFailure = { err };
                throw err;
              });
            }),
        }).then((result) => {
          // fn caught commitWith's error: the transaction still failed (and is rolled back).
          if (commitFailure) throw commitFailure.err;
          return result;
        });
      }),
    close: () => db.close(),
  };
}
