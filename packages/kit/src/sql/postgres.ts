import pg, { Pool, type PoolConfig } from 'pg';
import type { QueryResult, Sql, Transaction } from './types';

export interface PostgresOptions {
  url: string;
  /** Every connection uses this schema (search_path); it must exist (see createSchema). */
  schema?: string;
  max?: number;
  statementTimeoutMs?: number;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Writes everything `send` queries as one network write (the statements of a pipeline), where the
 * connection allows it.
 */
function corked(client: pg.PoolClient, send: () => void): void {
  const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } })
    .connection?.stream;
  stream?.cork?.();
  try {
    send();
  } finally {
    stream?.uncork?.();
  }
}

export function createPostgres(options: PostgresOptions): Sql {
  const settings: string[] = [];
  if (options.schema) settings.push(`-c search_path=${assertIdentifier(options.schema)}`);
  if (options.statementTimeoutMs)
    settings.push(`-c statement_timeout=${Math.floor(options.statementTimeoutMs)}`);
  const config: PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
    // Statements queried without waiting for the previous reply go out at once (transaction uses
    // it for BEGIN and COMMIT); awaited one by one, they behave as without it.
    pipeline: true,
    ...(settings.length ? { options: settings.join(' ') } : {}),
  };
  const pool = new Pool(config);
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  return {
    dialect: 'postgres',
    async query<T>(text: string, params?: unknown[]) {
      const r = await pool.query(text, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(script: string) {
      await pool.query(script); // no parameters: simple protocol, several statements allowed
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // Pipelined (see createPostgres): BEGIN goes out with the first statement and COMMIT with
      // commitWith's, so a read-compute-write transaction costs two round trips instead of four.
      let begun = false;
      let committed = false;
      let commitFailure: { err: unknown } | undefined;
      const send = async <R>(text: string, params: unknown[] | undefined, commit: boolean) => {
        if (committed) throw new Error('the transaction was committed by commitWith');
        const replies: Promise<pg.QueryResult>[] = [];
        let at = 0;
        corked(client, () => {
          if (!begun) replies.push(client.query('BEGIN'));
          at = replies.length;
          replies.push(client.query(text, params as unknown[]));
          if (commit) replies.push(client.query('COMMIT'));
        });
        begun = true;
        committed ||= commit;
        // Every reply is awaited (no unhandled rejection) and the first failure is thrown: after a
        // failed statement the pipelined COMMIT only ends the failed transaction.
        const settled = await Promise.allSettled(replies);
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) {
          if (commit) commitFailure = { err: failed.reason };
          throw failed.reason;
        }
        const r = (settled[at] as PromiseFulfilledResult<pg.QueryResult>).value;
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      };
      const tx: Transaction = {
        query: <R>(text: string, params?: unknown[]) => send<R>(text, params, false),
        exec: async (script: string) => {
          await send(script, undefined, false);
        },
        commitWith: <R>(text: string, params?: unknown[]) => send<R>(text, params, true),
      };
      let broken = false;
      try {
        const result = await fn(tx);
        // fn caught commitWith's error: the transaction still failed.
        if (commitFailure) throw commitFailure.err;
        if (!committed) {
          if (begun) await client.query('COMMIT');
          committed = true;
        }
        return result;
      } catch (err) {
        // Also after a failed commitWith: PostgreSQL has ended that transaction itself (a failed
        // statement turns the pipelined COMMIT into a rollback), and a ROLLBACK outside one is harmless.
        if (begun) {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true; // connection is unusable: drop it instead of returning it to the pool
          }
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
