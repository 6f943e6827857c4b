import path from 'node:path';
import { createBus } from '@boomerang/kit/bus';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { parseTimeZones, staticTenants } from './domain/tenants';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig('analytics', configSchema);
  const tenants = staticTenants(
    parseTimeZones(config.ANALYTICS_TENANT_TIME_ZONES),
    config.ANALYTICS_DEFAULT_TIME_ZONE,
  );
  const logger = createLogger({ service: 'analytics', level: config.LOG_LEVEL });
  const metrics = createMetrics('analytics');
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : path.join(config.DATA_DIR, 'db'),
    schema: 'analytics',
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'analytics', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const bus = createBus({
    namespace: config.BUS_NAMESPACE,
    brokers: config.KAFKA_BROKERS ? [...config.KAFKA_BROKERS] : undefined,
    clientId: 'analytics',
    logger,
    metrics,
    // The outcome topic has 6 partitions: handle them all at once so each transaction batches more.
    kafka: { partitionsConsumedConcurrently: 6 },
  });
  const server = createServer({
    sql,
    bus,
    logger,
    metrics,
    tenants,
    options: {
      allowedLatenessMs: config.ANALYTICS_ALLOWED_LATENESS_HOURS * 3600_000,
      jsonMirror: config.ANALYTICS_JSON_MIRROR,
    },
  });
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  logger.info({ grpcPort }, 'analytics ready');
  const shutdown = async () => {
    logger.info('shutting down');
    await server.stop();
    await bus.close();
    await sql.close();
    await metricsServer.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err) => {
  process.stderr.write(`analytics failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
