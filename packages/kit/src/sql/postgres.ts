import { Pool, type PoolConfig } from 'pg';
import type { Queryable, Sql } from './types';

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

export function createPostgres(options: PostgresOptions): Sql {
  const settings: string[] = [];
  if (options.schema) settings.push(`-c search_path=${assertIdentifier(options.schema)}`);
  if (options.statementTimeoutMs)
    settings.push(`-c statement_timeout=${Math.floor(options.statementTimeoutMs)}`);
  const config: PoolConfig = {
    connectionString: options.url,
    max: options.max ?? 10,
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
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: Queryable = {
        query: async <R>(text: string, params?: unknown[]) => {
          const r = await client.query(text, params as unknown[]);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        exec: async (script: string) => {
          await client.query(script);
        },
      };
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // connection is unusable: drop it instead of returning it to the pool
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
