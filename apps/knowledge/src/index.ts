// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true) and the bus, serves metrics and stops gracefully on SIGTERM/SIGINT.
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { configSchema } from './config';
import { createEmbedder, type EmbedderConfig } from './domain/embedder';
import { createServer } from './server';

void runService('knowledge', configSchema, async (ctx) => {
  const { config } = ctx;
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
  const sql = await ctx.sql({ schema: 'knowledge', migrations: migrationsDir(__dirname) });
  const server = createServer({
    sql,
    bus: ctx.bus(),
    logger: ctx.logger,
    metrics: ctx.metrics,
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
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  ctx.logger.info({ grpcPort, embedder: embedder.id }, 'knowledge service started');
  return server;
});

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for the configured EMBEDDER`);
  return value;
}
