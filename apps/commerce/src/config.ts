// Environment of the commerce service (keys are the variable names).
import { envBoolean, envBusNamespace, envList, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

export const configSchema = z
  .object({
    GRPC_PORT: envPort.default(50055),
    HTTP_PORT: envPort.default(8085),
    METRICS_PORT: envPort.default(9095),
    BUS_NAMESPACE: envBusNamespace.optional(),
    MIGRATE_ONLY: envBoolean.default(false),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    DATABASE_URL: z.string().optional(),
    DATA_DIR: z.string().default('.boomerang/commerce'),
    KAFKA_BROKERS: envList.optional(),
    /** Tenants as JSON (see README), or a path to a JSON file. One of the two is required. */
    COMMERCE_TENANTS_JSON: z.string().optional(),
    COMMERCE_TENANTS_FILE: z.string().optional(),
    /** Per-install secret mixed into stored code and identifier hashes (≥ 16 bytes). */
    COMMERCE_CODE_PEPPER: z.string().min(16, 'must be at least 16 characters'),
    /** Demo only: print sign-in codes to the console. */
    COMMERCE_DEMO_LOG_CODES: envBoolean.default(false),
    COMMERCE_ORDER_CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  })
  .refine((c) => c.COMMERCE_TENANTS_JSON || c.COMMERCE_TENANTS_FILE, {
    message: 'set COMMERCE_TENANTS_JSON or COMMERCE_TENANTS_FILE',
    path: ['COMMERCE_TENANTS_JSON'],
  });

export type CommerceConfig = z.output<typeof configSchema>;
