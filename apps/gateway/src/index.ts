import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBus } from '@boomerang/kit/bus';
import { envList, loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { loadTenants } from './domain/tenants';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig('gateway', configSchema);
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const rawTenants =
    config.GATEWAY_TENANTS ??
    (config.GATEWAY_TENANTS_FILE ? readFileSync(config.GATEWAY_TENANTS_FILE, 'utf8') : undefined);
  if (!rawTenants) throw new Error('gateway: set GATEWAY_TENANTS (JSON) or GATEWAY_TENANTS_FILE');
  const tenants = loadTenants(JSON.parse(rawTenants));
  const metrics = createMetrics('gateway');
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'db'),
    schema: 'gateway',
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'gateway', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const bus = createBus({
    namespace: config.BUS_NAMESPACE,
    brokers: config.KAFKA_BROKERS ? envList.parse(config.KAFKA_BROKERS) : undefined,
    clientId: 'gateway',
    logger,
    metrics,
  });
  const server = createServer({
    sql,
    bus,
    logger,
    metrics,
    tenants,
    settings: {
      publicBaseUrl: config.GATEWAY_PUBLIC_URL,
      webchatSecret: config.WEBCHAT_TOKEN_SECRET,
      syncDeadlineMs: config.SYNC_REPLY_DEADLINE_MS,
      publishTimeoutMs: config.PUBLISH_TIMEOUT_MS,
      maxBodyBytes: config.MAX_BODY_BYTES,
      rateLimit: { perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST },
    },
  });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  await server.start({ httpPort: config.HTTP_PORT });
  const shutdown = async () => {
    logger.info('shutting down');
    await server.stop();
    await bus.close();
    await sql.close();
    await metricsServer.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
