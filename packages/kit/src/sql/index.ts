import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { migrate } from './migrate';
import { createPglite } from './pglite';
import { assertIdentifier, createPostgres } from './postgres';
import type { Sql } from './types';

export { type MigrateOptions, MigrationError, type MigrationFile, migrate, readMigrations } from './migrate';
export { createPglite, type PgliteOptions } from './pglite';
export { assertIdentifier, createPostgres, type PostgresOptions } from './postgres';
export type { Queryable, QueryResult, Sql, Transaction } from './types';

export interface OpenSqlOptions {
  /** PostgreSQL connection string; when unset, PGlite is used (embedded default). */
  databaseUrl?: string;
  /** PGlite data folder (embedded default), e.g. `.boomerang/<app>/db`. Omit for in-memory. */
  dataDir?: string;
  /** PostgreSQL schema for this app (created if missing). */
  schema?: string;
  max?: number;
}

/** Opens the configured database: PostgreSQL when `databaseUrl` is set, else PGlite. Config only, no fork. */
export async function openSql(options: OpenSqlOptions): Promise<Sql> {
  if (!options.databaseUrl) return createPglite({ dataDir: options.dataDir });
  if (options.schema) {
    const admin = createPostgres({ url: options.databaseUrl, max: 1 });
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${assertIdentifier(options.schema)}`);
    } finally {
      await admin.close();
    }
  }
  return createPostgres({ url: options.databaseUrl, schema: options.schema, max: options.max });
}

/**
 * A database for one test: a fresh schema on PostgreSQL (dropped by `drop`) when `databaseUrl` is
 * given, else an in-memory PGlite.
 */
export async function openTestSql(
  databaseUrl: string | undefined,
): Promise<{ sql: Sql; drop: () => Promise<void> }> {
  if (!databaseUrl) {
    const sql = await createPglite();
    return { sql, drop: () => sql.close() };
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const sql = await openSql({ databaseUrl, schema, max: 4 });
  return {
    sql,
    drop: async () => {
      await sql.close();
      const admin = createPostgres({ url: databaseUrl, max: 1 });
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.close();
      }
    },
  };
}

/** The migrations folder of an app, given its compiled or source `__dirname` (src/ or dist/). */
export function migrationsDir(appDir: string): string {
  return path.resolve(appDir, '..', 'migrations');
}

/**
 * `MIGRATE_ONLY=true`: apply the app's pending migrations and stop (the Kubernetes migration Job
 * pattern). Safe next to running replicas: migrations are serialised by an advisory lock.
 */
export async function runMigrationsOnly(
  sql: Sql,
  options: { app: string; migrations: string; logger: Logger },
): Promise<void> {
  try {
    const applied = await migrate(sql, options);
    options.logger.info(
      { app: options.app, applied },
      applied.length ? 'migrations applied' : 'no pending migrations',
    );
  } finally {
    await sql.close();
  }
}
