import { type KafkaTuning, TOPICS } from '@boomerang/kit/bus';
import { envBoolean, envBusNamespace, envList, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

export const configSchema = z.object({
  GRPC_PORT: envPort.default(50052),
  METRICS_PORT: envPort.default(9464),
  BUS_NAMESPACE: envBusNamespace.optional(),
  MIGRATE_ONLY: envBoolean.default(false),
  LOG_LEVEL: z.string().default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.boomerang/agent'),
  KAFKA_BROKERS: envList.optional(),
  KNOWLEDGE_ADDR: z.string().min(1),
  ELIGIBILITY_ADDR: z.string().min(1),
  COMMERCE_ADDR: z.string().min(1),
  HANDOFF_ADDR: z.string().min(1),
});

/** Most inbound messages of one partition handled in one transaction (Engine.handleBatch). */
export const INBOUND_BATCH = 200;

/**
 * Kafka consumer tuning of the agent (also used by bench/agent): every inbound partition of a fetch
 * is handled at once, so the batches of one fetch share one group transaction (Engine.handleBatch).
 */
export const kafkaTuning: KafkaTuning = { partitionsConsumedConcurrently: TOPICS.channelInbound.partitions };
