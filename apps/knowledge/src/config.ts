import { envBoolean, envBusNamespace, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

/** Environment of the knowledge service (keys are the variable names). */
export const configSchema = z.object({
  GRPC_PORT: envPort.default(50053),
  METRICS_PORT: envPort.default(9464),
  BUS_NAMESPACE: envBusNamespace.optional(),
  MIGRATE_ONLY: envBoolean.default(false),
  LOG_LEVEL: z.string().default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.boomerang/knowledge'),
  KAFKA_BROKERS: z.string().optional(),
  /** hashing (default, no download) | openai | ollama | transformers */
  EMBEDDER: z.enum(['hashing', 'openai', 'ollama', 'transformers']).default('hashing'),
  EMBEDDER_MODEL: z.string().optional(),
  EMBEDDER_DIMENSION: z.coerce.number().int().min(16).max(4096).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OLLAMA_BASE_URL: z.string().url().default('http://127.0.0.1:11434'),
  TRANSFORMERS_MODEL_PATH: z.string().optional(),
  URL_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  URL_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Only for tests against a local server. */
  URL_FETCH_ALLOW_PRIVATE: envBoolean.default(false),
  /** HNSW in a worker thread, off the gRPC event loop (worth it with spare cores; see README). */
  INDEX_WORKER: envBoolean.default(false),
  /** HNSW parameters for new indexes (snapshots keep the ones they were built with). */
  HNSW_M: z.coerce.number().int().min(4).max(128).optional(),
  HNSW_EF_CONSTRUCTION: z.coerce.number().int().min(16).max(2000).optional(),
  HNSW_EF: z.coerce.number().int().min(64).max(4096).optional(),
  /** Replica id: names this replica's consumer group (defaults to the pod's hostname). */
  REPLICA_ID: z.string().optional(),
});

export type KnowledgeConfig = z.output<typeof configSchema>;
