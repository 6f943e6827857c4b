// Reads config, builds deps, listens; SIGTERM → graceful stop.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBus } from '@boomerang/kit/bus';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { Routing } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { configSchema } from './config';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig('handoff', configSchema);
  const logger = createLogger({ service: 'handoff', level: config.LOG_LEVEL });
  const metrics = createMetrics('handoff');
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'db'),
    schema: 'handoff',
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'handoff', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const bus = createBus({
    namespace: config.BUS_NAMESPACE,
    brokers: config.KAFKA_BROKERS?.split(','),
    clientId: 'handoff',
    logger,
  });
  const routing = config.HANDOFF_ROUTING_FILE
    ? (JSON.parse(readFileSync(config.HANDOFF_ROUTING_FILE, 'utf8')) as unknown[]).map((r) =>
        Routing.fromJSON(r),
      )
    : undefined;
  const server = createServer({ sql, bus, logger, metrics, routing });
  const ports = await server.start({ grpcPort: config.GRPC_PORT, httpPort: config.HTTP_PORT });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  logger.info(ports, 'handoff started');
  const stop = async () => {
    logger.info('stopping');
    await server.stop();
    await metricsServer.close();
    await bus.close();
    await sql.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
