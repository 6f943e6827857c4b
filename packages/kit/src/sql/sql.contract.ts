// The SQL contract: every Sql implementation must pass it (PGlite and real PostgreSQL).

import { createHash } from 'node:crypto';
import { MigrationError, type MigrationFile, migrate } from './migrate';
import type { Sql } from './types';

function file(name: string, sql: string): MigrationFile {
  return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

export type OpenDb = () => Promise<{ sql: Sql; drop: () => Promise<void>; reopen?: () => Promise<Sql> }>;

export function runSqlContract(name: string, open: OpenDb): void {
  describe(`SQL contract: ${name}`, () => {
    let db: Awaited<ReturnType<OpenDb>>;
    beforeEach(async () => {
      db = await open();
    });
    afterEach(async () => {
      await db.drop();
    });

    it('round-trips parameters, multilingual text, jsonb and timestamps', async () => {
      await db.sql.query('CREATE TABLE notes (id int PRIMARY KEY, body text, meta jsonb, at timestamptz)');
      const at = new Date('2026-03-29T00:30:00Z');
      const body = '반품 신청 — zwrot w ciągu 30 dni — return within 30 days';
      await db.sql.query('INSERT INTO notes VALUES ($1, $2, $3, $4)', [
        1,
        body,
        JSON.stringify({ tags: ['ąę', '교환'] }),
        at,
      ]);
      const { rows } = await db.sql.query<{ body: string; meta: { tags: string[] }; at: Date }>(
        'SELECT body, meta, at FROM notes WHERE id = $1',
        [1],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.body).toBe(body);
      expect(rows[0]!.meta.tags).toEqual(['ąę', '교환']);
      expect(new Date(rows[0]!.at).toISOString()).toBe(at.toISOString());
    });

    it('reports affected row counts', async () => {
      await db.sql.query('CREATE TABLE t (id int)');
      const ins = await db.sql.query('INSERT INTO t VALUES (1), (2), (3)');
      expect(ins.rowCount).toBe(3);
      const del = await db.sql.query('DELETE FROM t WHERE id > $1', [1]);
      expect(del.rowCount).toBe(2);
    });

    it('commits a transaction that resolves', async () => {
      await db.sql.query('CREATE TABLE t (id int PRIMARY KEY)');
      const result = await db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        await tx.query('INSERT INTO t VALUES (2)');
        return 'done';
      });
      expect(result).toBe('done');
      expect((await db.sql.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 2 });
    });

    it('rolls back everything when the transaction throws, and rethrows the error', async () => {
      await db.sql.query('CREATE TABLE t (id int PRIMARY KEY)');
      await expect(
        db.sql.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (1)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await expect(
        db.sql.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          await tx.query('INSERT INTO t VALUES (2)'); // duplicate key fails inside
        }),
      ).rejects.toThrow();
      expect((await db.sql.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 0 });
      // the connection is healthy afterwards
      await db.sql.query('INSERT INTO t VALUES (3)');
      expect((await db.sql.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 1 });
    });

    it('commitWith runs the last statement with the commit and returns its rows', async () => {
      await db.sql.query('CREATE TABLE t (id int PRIMARY KEY, note text)');
      const rows = await db.sql.transaction(async (tx) => {
        // queried together (not awaited one by one): both land, in order
        await Promise.all([
          tx.query('INSERT INTO t VALUES (1, $1)', ['반품']),
          tx.query('INSERT INTO t VALUES (2, $1)', ['zwrot']),
        ]);
        const r = await tx.commitWith<{ id: number }>('INSERT INTO t VALUES (3, $1) RETURNING id', [
          'return',
        ]);
        await expect(tx.query('INSERT INTO t VALUES (4, $1)', ['late'])).rejects.toThrow(/committed/);
        return r.rows;
      });
      expect(rows).toEqual([{ id: 3 }]);
      const { rows: all } = await db.sql.query<{ id: number; note: string }>(
        'SELECT id, note FROM t ORDER BY id',
      );
      expect(all).toEqual([
        { id: 1, note: '반품' },
        { id: 2, note: 'zwrot' },
        { id: 3, note: 'return' },
      ]);
    });

    it('a failing first or last statement leaves nothing behind, even when fn catches it', async () => {
      await db.sql.query('CREATE TABLE t (id int PRIMARY KEY)');
      await db.sql.query('INSERT INTO t VALUES (1)');
      // the first statement (sent with BEGIN) fails
      await expect(db.sql.transaction((tx) => tx.query('INSERT INTO t VALUES (1)'))).rejects.toThrow();
      // the last one (sent with COMMIT) fails: the earlier insert is rolled back too
      await expect(
        db.sql.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          await tx.commitWith('INSERT INTO t VALUES (1)');
        }),
      ).rejects.toThrow();
      await expect(
        db.sql.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (3)');
          await tx.commitWith('INSERT INTO t VALUES (1)').catch(() => 'swallowed');
          return 'looks fine';
        }),
      ).rejects.toThrow();
      expect((await db.sql.query<{ id: number }>('SELECT id FROM t ORDER BY id')).rows).toEqual([{ id: 1 }]);
      // the connections are healthy afterwards
      const n = await db.sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (5)');
        return (await tx.commitWith<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows[0]!.n;
      });
      expect(n).toBe(2);
    });

    it('applies migrations once, in order, and records them', async () => {
      const files = [
        file('001_init.sql', 'CREATE TABLE a (id int PRIMARY KEY);'),
        file('002_more.sql', 'ALTER TABLE a ADD COLUMN note text; CREATE TABLE b (id int);'),
      ];
      expect(await migrate(db.sql, { app: 'demo', migrations: files })).toEqual([
        '001_init.sql',
        '002_more.sql',
      ]);
      expect(await migrate(db.sql, { app: 'demo', migrations: files })).toEqual([]);
      await db.sql.query("INSERT INTO a (id, note) VALUES (1, 'x')");
      const third = [...files, file('003_c.sql', 'CREATE TABLE c (id int);')];
      expect(await migrate(db.sql, { app: 'demo', migrations: third })).toEqual(['003_c.sql']);
      // another app has its own history in the same table
      expect(
        await migrate(db.sql, {
          app: 'other',
          migrations: [file('001_init.sql', 'CREATE TABLE z (id int);')],
        }),
      ).toEqual(['001_init.sql']);
    });

    it('refuses an applied migration whose content changed', async () => {
      await migrate(db.sql, { app: 'demo', migrations: [file('001_init.sql', 'CREATE TABLE a (id int);')] });
      await expect(
        migrate(db.sql, { app: 'demo', migrations: [file('001_init.sql', 'CREATE TABLE a (id bigint);')] }),
      ).rejects.toBeInstanceOf(MigrationError);
    });

    it('leaves nothing behind when a migration fails', async () => {
      const files = [
        file('001_ok.sql', 'CREATE TABLE ok (id int);'),
        file('002_bad.sql', 'CREATE TABLE broken (id nosuchtype);'),
      ];
      await expect(migrate(db.sql, { app: 'demo', migrations: files })).rejects.toThrow();
      const { rows } = await db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'ok' AND table_schema = current_schema()",
      );
      expect(rows[0]!.n).toBe(0);
      expect(await migrate(db.sql, { app: 'demo', migrations: [files[0]!] })).toEqual(['001_ok.sql']);
    });

    it('serialises concurrent migration runs (replicas starting together apply each file once)', async () => {
      const files = [
        file('001_init.sql', 'CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL);'),
        // not idempotent on purpose: running it twice would fail on the primary key
        file('002_seed.sql', 'INSERT INTO counter VALUES (1, 0);'),
      ];
      const second = db.reopen ? await db.reopen() : db.sql;
      try {
        const runs = await Promise.all([
          migrate(db.sql, { app: 'race', migrations: files }),
          migrate(second, { app: 'race', migrations: files }),
          migrate(db.sql, { app: 'race', migrations: files }),
        ]);
        expect(runs.flat().sort()).toEqual(['001_init.sql', '002_seed.sql']);
        expect((await db.sql.query('SELECT count(*)::int AS n FROM counter')).rows[0]).toEqual({ n: 1 });
      } finally {
        if (second !== db.sql) await second.close();
      }
    });
  });
}
