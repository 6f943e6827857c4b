// Reads config, builds dependencies, listens; SIGTERM/SIGINT → graceful stop.
import path from 'node:path';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig('eligibility', configSchema);
  const logger = createLogger({ service: 'eligibility', level: config.LOG_LEVEL });
  const metrics = createMetrics('eligibility');
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'db'),
    schema: config.DATABASE_SCHEMA,
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'eligibility', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const server = createServer({
    sql,
    logger,
    metrics,
    recentOrdersPerTenant: config.RECENT_ORDERS_PER_TENANT,
    policyCacheSize: config.POLICY_CACHE_SIZE,
    latestVersionTtlMs: config.POLICY_LATEST_TTL_MS,
  });
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  logger.info(
    { grpcPort, metricsPort: metricsServer.port, database: sql.dialect },
    'eligibility service started',
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await server.stop();
    await metricsServer.close();
    await sql.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`eligibility: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
