import { envBoolean, envBusNamespace, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

/** Environment of the eligibility service (keys are variable names). */
export const configSchema = z.object({
  GRPC_PORT: envPort.default(50051),
  METRICS_PORT: envPort.default(9464),
  BUS_NAMESPACE: envBusNamespace.optional(),
  MIGRATE_ONLY: envBoolean.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL; unset → PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.boomerang/eligibility'),
  /** PostgreSQL schema of this service. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('eligibility'),
  /** Orders kept per tenant for Simulate. */
  RECENT_ORDERS_PER_TENANT: z.coerce.number().int().min(0).max(100_000).default(1000),
  /** How long a tenant's latest policy version number is reused before asking the database again. */
  POLICY_LATEST_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Compiled policy versions kept in memory. */
  POLICY_CACHE_SIZE: z.coerce.number().int().min(1).max(100_000).default(256),
});
export type Config = z.output<typeof configSchema>;
