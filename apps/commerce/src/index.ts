// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true) and the bus, serves metrics and stops gracefully on SIGTERM/SIGINT.
import { TOPICS } from '@boomerang/kit/bus';
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { createServer } from './server';
import { loadTenants } from './tenants';

void runService('commerce', configSchema, async (ctx) => {
  const { config, logger } = ctx;
  const tenants = loadTenants({ json: config.COMMERCE_TENANTS_JSON, file: config.COMMERCE_TENANTS_FILE });
  const sql = await ctx.sql({ schema: 'commerce', migrations: migrationsDir(__dirname) });
  const bus = ctx.bus();
  await bus.ensureTopics([TOPICS.commerceEvents, TOPICS.channelOutbound]);
  const server = createServer({
    sql,
    bus,
    logger,
    metrics: ctx.metrics,
    tenants,
    pepper: config.COMMERCE_CODE_PEPPER,
    demoLogCodes: config.COMMERCE_DEMO_LOG_CODES,
    orderCacheTtlMs: config.COMMERCE_ORDER_CACHE_TTL_SECONDS * 1000,
  });
  const ports = await server.start({ grpcPort: config.GRPC_PORT, httpPort: config.HTTP_PORT });
  logger.info({ ...ports, tenants: [...tenants.keys()] }, 'commerce service started');
  return server;
});
