import path from 'node:path';
import { createBus, TOPICS, withDlqs } from '@boomerang/kit/bus';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { commerceClients } from './adapters/commerce';
import { eligibilityClient } from './adapters/eligibility';
import { handoffClient } from './adapters/handoff';
import { knowledgeClient } from './adapters/knowledge';
import { configSchema, kafkaTuning } from './config';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig('agent', configSchema);
  const logger = createLogger({ service: 'agent', level: config.LOG_LEVEL });
  const metrics = createMetrics('agent');
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : path.join(config.DATA_DIR, 'db'),
    schema: 'agent',
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'agent', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const bus = createBus({
    namespace: config.BUS_NAMESPACE,
    brokers: config.KAFKA_BROKERS ? [...config.KAFKA_BROKERS] : undefined,
    clientId: 'agent',
    logger,
    metrics,
    kafka: kafkaTuning,
  });
  await bus.ensureTopics(
    withDlqs([TOPICS.channelInbound, TOPICS.channelOutbound, TOPICS.agentOutcomes, TOPICS.ticketEvents]),
  );
  const server = createServer({
    sql,
    bus,
    logger,
    metrics,
    clients: {
      knowledge: knowledgeClient(config.KNOWLEDGE_ADDR),
      eligibility: eligibilityClient(config.ELIGIBILITY_ADDR),
      commerce: commerceClients(config.COMMERCE_ADDR),
      handoff: handoffClient(config.HANDOFF_ADDR),
    },
  });
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  logger.info({ grpcPort }, 'agent ready');
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
  process.stderr.write(`agent failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
