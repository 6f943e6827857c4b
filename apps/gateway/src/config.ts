import { envBoolean, envBusNamespace, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

export const configSchema = z.object({
  HTTP_PORT: envPort.default(8080),
  METRICS_PORT: envPort.default(9464),
  BUS_NAMESPACE: envBusNamespace.optional(),
  MIGRATE_ONLY: envBoolean.default(false),
  LOG_LEVEL: z.string().default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.boomerang/gateway'),
  KAFKA_BROKERS: z.string().optional(),
  /** Tenants document (JSON), or GATEWAY_TENANTS_FILE pointing at one. */
  GATEWAY_TENANTS: z.string().optional(),
  GATEWAY_TENANTS_FILE: z.string().optional(),
  /** The public URL vendors call (Twilio signs the full URL). */
  GATEWAY_PUBLIC_URL: z.url().optional(),
  /** HMAC key for web chat conversation tokens (≥ 32 chars); shared by every replica. */
  WEBCHAT_TOKEN_SECRET: z.string().min(32),
  /** Longest wait for Kafka before a webhook is answered 503 (below the vendors' webhook timeouts). */
  PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(4000).default(3000),
  SYNC_REPLY_DEADLINE_MS: z.coerce.number().int().min(100).max(4900).default(4000),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(20),
});

export type GatewayConfig = z.output<typeof configSchema>;
