import { envBoolean, envBusNamespace, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

export const configSchema = z.object({
  GRPC_PORT: envPort.default(50056),
  HTTP_PORT: envPort.default(8086),
  METRICS_PORT: envPort.default(9466),
  BUS_NAMESPACE: envBusNamespace.optional(),
  MIGRATE_ONLY: envBoolean.default(false),
  LOG_LEVEL: z.string().default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.boomerang/handoff'),
  KAFKA_BROKERS: z.string().optional(),
  /** Optional JSON file with an array of Routing objects applied at start (GitOps-style config). */
  HANDOFF_ROUTING_FILE: z.string().optional(),
  /** Shopper messages are added to their ticket this long after they were received (the agent goes first). */
  HANDOFF_FOLLOW_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
});

export type Config = z.output<typeof configSchema>;
