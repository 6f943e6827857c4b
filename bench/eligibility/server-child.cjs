// The eligibility gRPC server in its own process (so the 32 callers do not share its event loop).
const { createServer } = require('../../apps/eligibility/dist/server.js');
const { openTestSql } = require('@boomerang/kit/sql');
const { silentLogger } = require('@boomerang/kit/logger');

(async () => {
  const db = await openTestSql(process.env.DATABASE_URL || undefined);
  const server = createServer({ sql: db.sql, logger: silentLogger() });
  const { grpcPort } = await server.start({ grpcPort: 0, host: '127.0.0.1' });
  process.send({ grpcPort, dialect: db.sql.dialect });
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    await server.stop(2000);
    await db.drop();
    process.exit(0);
  });
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
