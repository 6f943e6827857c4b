import { requireInfra } from '../testing';
import { createPostgres, openTestSql } from './index';
import { runSqlContract } from './sql.contract';

const pg = requireInfra('DATABASE_URL', 'kit SQL on PostgreSQL');

pg.describe('PostgreSQL', () => {
  runSqlContract('PostgreSQL (schema per test)', async () => {
    const db = await openTestSql(pg.value);
    const schema = (await db.sql.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
    return { ...db, reopen: async () => createPostgres({ url: pg.value!, schema, max: 2 }) };
  });

  it('isolates each test in its own schema', async () => {
    const a = await openTestSql(pg.value);
    const b = await openTestSql(pg.value);
    try {
      await a.sql.query('CREATE TABLE only_in_a (id int)');
      await expect(b.sql.query('SELECT * FROM only_in_a')).rejects.toThrow(/does not exist/);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});
