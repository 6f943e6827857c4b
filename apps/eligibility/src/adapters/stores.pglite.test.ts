import { openTestSql } from '@boomerang/kit/sql';
import { storeContract } from '../../test/stores.contract';

describe('SQL stores on PGlite', () => {
  storeContract(() => openTestSql(undefined));
});
