// Process entry: read config, build deps, listen, stop gracefully on SIGTERM.
import path from 'node:path';
import { createBus, TOPICS } from '@boomerang/kit/bus';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { createServer } from './server';
import { loadTenants } from './tenants';

async function main(): Promise<void> {
  const config = loadConfig('commerce', configSchema);
  const logger = createLogger({ service: 'commerce', level: config.LOG_LEVEL });
  const tenants = loadTenants({ json: config.COMMERCE_TENANTS_JSON, file: config.COMMERCE_TENANTS_FILE });
  const metrics = createMetrics('commerce');
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'db'),
    schema: 'commerce',
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'commerce', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const bus = createBus({
    namespace: config.BUS_NAMESPACE,
    brokers: config.KAFKA_BROKERS ? [...config.KAFKA_BROKERS] : undefined,
    clientId: 'commerce',
    logger,
    metrics,
  });
  await bus.ensureTopics([TOPICS.commerceEvents, TOPICS.channelOutbound]);
  const server = createServer({
    sql,
    bus,
    logger,
    metrics,
    tenants,
    pepper: config.COMMERCE_CODE_PEPPER,
    demoLogCodes: config.COMMERCE_DEMO_LOG_CODES,
    orderCacheTtlMs: config.COMMERCE_ORDER_CACHE_TTL_SECONDS * 1000,
  });
  const ports = await server.start({ grpcPort: config.GRPC_PORT, httpPort: config.HTTP_PORT });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  logger.info({ ...ports, tenants: [...tenants.keys()] }, 'commerce service started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await server.stop();
    await metricsServer.close();
    await bus.close();
    await sql.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
