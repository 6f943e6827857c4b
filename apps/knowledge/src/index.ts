import path from 'node:path';
import { createBus } from '@boomerang/kit/bus';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics, startMetricsServer } from '@boomerang/kit/metrics';
import { migrationsDir, openSql, runMigrationsOnly } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { createEmbedder, type EmbedderConfig } from './domain/embedder';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig('knowledge', configSchema);
  const logger = createLogger({ service: 'knowledge', level: config.LOG_LEVEL });
  const metrics = createMetrics('knowledge');
  const embedderConfig: EmbedderConfig =
    config.EMBEDDER === 'openai'
      ? {
          kind: 'openai',
          model: config.EMBEDDER_MODEL ?? 'text-embedding-3-small',
          apiKey: required(config.OPENAI_API_KEY, 'OPENAI_API_KEY'),
          dimensions: config.EMBEDDER_DIMENSION,
        }
      : config.EMBEDDER === 'ollama'
        ? {
            kind: 'ollama',
            baseUrl: config.OLLAMA_BASE_URL,
            model: required(config.EMBEDDER_MODEL, 'EMBEDDER_MODEL'),
          }
        : config.EMBEDDER === 'transformers'
          ? {
              kind: 'transformers',
              modelPath: required(config.TRANSFORMERS_MODEL_PATH, 'TRANSFORMERS_MODEL_PATH'),
              model: required(config.EMBEDDER_MODEL, 'EMBEDDER_MODEL'),
            }
          : { kind: 'hashing', dimension: config.EMBEDDER_DIMENSION };
  const embedder = await createEmbedder(embedderConfig);
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: path.join(config.DATA_DIR, 'db'),
    schema: 'knowledge',
  });
  if (config.MIGRATE_ONLY) {
    await runMigrationsOnly(sql, { app: 'knowledge', migrations: migrationsDir(__dirname), logger });
    return;
  }
  const bus = createBus({
    namespace: config.BUS_NAMESPACE,
    brokers: config.KAFKA_BROKERS?.split(',').filter(Boolean),
    clientId: 'knowledge',
    logger,
    metrics,
  });
  const server = createServer({
    sql,
    bus,
    logger,
    metrics,
    dataDir: config.DATA_DIR,
    embedder,
    replicaId: config.REPLICA_ID,
    index: {
      worker: config.INDEX_WORKER,
      hnsw: { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION, ef: config.HNSW_EF },
    },
    urlFetch: {
      maxBytes: config.URL_FETCH_MAX_BYTES,
      timeoutMs: config.URL_FETCH_TIMEOUT_MS,
      allowPrivate: config.URL_FETCH_ALLOW_PRIVATE,
    },
  });
  const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  logger.info({ grpcPort, embedder: embedder.id }, 'knowledge service started');
  const shutdown = async () => {
    logger.info('stopping');
    await server.stop();
    await bus.close();
    await sql.close();
    await metricsServer.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`knowledge: ${name} is required for the configured EMBEDDER`);
  return value;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
