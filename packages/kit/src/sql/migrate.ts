import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Sql } from './types';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Reads `NNN_name.sql` files from a folder, in name order. */
export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrateOptions {
  /** App name: each app keeps its own migration history in the shared table. */
  app: string;
  /** Folder of plain SQL files, or the files themselves. */
  migrations: string | MigrationFile[];
  logger?: Logger;
}

/**
 * Applies pending migrations once, in order, in one transaction. Replicas starting together are
 * serialised by a transaction-scoped advisory lock: the second waits, then finds nothing to do.
 * A changed checksum of an applied file is refused: applied migrations are immutable.
 */
export async function migrate(sql: Sql, options: MigrateOptions): Promise<string[]> {
  const files =
    typeof options.migrations === 'string' ? readMigrations(options.migrations) : options.migrations;
  return sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`boomerang:migrations:${options.app}`]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         app text NOT NULL,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (app, name)
       )`,
    );
    const { rows } = await tx.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations WHERE app = $1',
      [options.app],
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const file of files) {
      const previous = applied.get(file.name);
      if (previous !== undefined) {
        if (previous !== file.checksum) {
          throw new MigrationError(
            `${options.app}: migration ${file.name} was changed after it was applied (checksum mismatch); add a new migration instead`,
          );
        }
        continue;
      }
      options.logger?.info({ app: options.app, migration: file.name }, 'applying migration');
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (app, name, checksum) VALUES ($1, $2, $3)', [
        options.app,
        file.name,
        file.checksum,
      ]);
      done.push(file.name);
    }
    return done;
  });
}
