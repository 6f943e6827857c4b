// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true) and the bus, serves metrics and stops gracefully on SIGTERM/SIGINT.
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { parseTimeZones, staticTenants } from './domain/tenants';
import { createServer } from './server';

void runService('analytics', configSchema, async (ctx) => {
  const { config } = ctx;
  const tenants = staticTenants(
    parseTimeZones(config.ANALYTICS_TENANT_TIME_ZONES),
    config.ANALYTICS_DEFAULT_TIME_ZONE,
  );
  const sql = await ctx.sql({ schema: 'analytics', migrations: migrationsDir(__dirname) });
  // The outcome topic has 6 partitions: handle them all at once so each transaction batches more.
  const bus = ctx.bus({ kafka: { partitionsConsumedConcurrently: 6 } });
  const server = createServer({
    sql,
    bus,
    logger: ctx.logger,
    metrics: ctx.metrics,
    tenants,
    options: {
      allowedLatenessMs: config.ANALYTICS_ALLOWED_LATENESS_HOURS * 3600_000,
      jsonMirror: config.ANALYTICS_JSON_MIRROR,
    },
  });
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  ctx.logger.info({ grpcPort }, 'analytics service started');
  return server;
});
