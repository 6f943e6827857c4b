// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true), serves metrics and stops gracefully on SIGTERM/SIGINT.
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { createServer } from './server';

void runService('eligibility', configSchema, async ({ config, logger, metrics, sql: openSql }) => {
  const sql = await openSql({ schema: config.DATABASE_SCHEMA, migrations: migrationsDir(__dirname) });
  const server = createServer({
    sql,
    logger,
    metrics,
    recentOrdersPerTenant: config.RECENT_ORDERS_PER_TENANT,
    policyCacheSize: config.POLICY_CACHE_SIZE,
    latestVersionTtlMs: config.POLICY_LATEST_TTL_MS,
  });
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  logger.info({ grpcPort, database: sql.dialect }, 'eligibility service started');
  return server;
});
