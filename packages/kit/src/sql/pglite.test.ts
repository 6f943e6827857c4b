import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../logger';
import { runMigrationsOnly } from './index';
import { createPglite } from './pglite';
import { runSqlContract } from './sql.contract';

runSqlContract('PGlite (in-memory)', async () => {
  const sql = await createPglite();
  return { sql, drop: () => sql.close() };
});

describe('PGlite file-backed', () => {
  it('keeps data across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pglite-'));
    try {
      const first = await createPglite({ dataDir: dir });
      await first.query('CREATE TABLE kept (v text)');
      await first.query('INSERT INTO kept VALUES ($1)', ['zwrot 반품']);
      await first.close();
      const second = await createPglite({ dataDir: dir });
      expect((await second.query<{ v: string }>('SELECT v FROM kept')).rows).toEqual([{ v: 'zwrot 반품' }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runMigrationsOnly (MIGRATE_ONLY=true)', () => {
  it('applies pending migrations, closes the database and is a no-op the second time', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mig-'));
    const migrations = path.join(root, 'migrations');
    mkdirSync(migrations);
    writeFileSync(
      path.join(migrations, '001_init.sql'),
      'CREATE TABLE zwroty (id int PRIMARY KEY, powód text);',
    );
    try {
      const first = await createPglite({ dataDir: path.join(root, 'db') });
      await runMigrationsOnly(first, { app: 'demo', migrations, logger: silentLogger() });
      await expect(first.query('SELECT 1')).rejects.toThrow(); // closed
      const second = await createPglite({ dataDir: path.join(root, 'db') });
      await runMigrationsOnly(second, { app: 'demo', migrations, logger: silentLogger() });
      const third = await createPglite({ dataDir: path.join(root, 'db') });
      expect((await third.query<{ name: string }>('SELECT name FROM schema_migrations')).rows).toEqual([
        { name: '001_init.sql' },
      ]);
      await third.query("INSERT INTO zwroty VALUES (1, 'za mały rozmiar')");
      await third.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('new databases made from the process template', () => {
  it('start empty and independent of the first database and of each other, in memory and on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pglite-tpl-'));
    try {
      const first = await createPglite();
      await first.query('CREATE TABLE only_first (v text)');
      const [second, onDisk] = await Promise.all([createPglite(), createPglite({ dataDir: dir })]);
      for (const db of [second, onDisk]) {
        expect(
          (await db.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_first'")).rows,
        ).toEqual([{ n: 0 }]);
      }
      await second.query('CREATE TABLE only_second (v text)');
      await onDisk.query('CREATE TABLE kept (v text)');
      await onDisk.query("INSERT INTO kept VALUES ('반품 zwrot return')");
      await onDisk.close();
      const reopened = await createPglite({ dataDir: dir });
      expect((await reopened.query('SELECT v FROM kept')).rows).toEqual([{ v: '반품 zwrot return' }]);
      expect(
        (await reopened.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_second'"))
          .rows,
      ).toEqual([{ n: 0 }]);
      await Promise.all([first.close(), second.close(), reopened.close()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
