import { openTestSql } from '@boomerang/kit/sql';
import { requireInfra } from '@boomerang/kit/testing';
import { storeContract } from '../../test/stores.contract';

const pg = requireInfra('DATABASE_URL', 'eligibility SQL stores on PostgreSQL');

pg.describe('SQL stores on PostgreSQL', () => {
  storeContract(() => openTestSql(pg.value));
});
