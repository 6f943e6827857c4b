import { envBoolean, envBusNamespace, envList, envPort } from '@boomerang/kit/config';
import { z } from 'zod';
import { isValidTimeZone } from './domain/windows';

const zone = z
  .string()
  .refine(isValidTimeZone, 'not an IANA time zone (e.g. Asia/Seoul, Europe/Warsaw, UTC)');

export const configSchema = z.object({
  GRPC_PORT: envPort.default(50058),
  METRICS_PORT: envPort.default(9468),
  BUS_NAMESPACE: envBusNamespace.optional(),
  MIGRATE_ONLY: envBoolean.default(false),
  LOG_LEVEL: z.string().default('info'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('.boomerang/analytics'),
  KAFKA_BROKERS: envList.optional(),
  /** Brand time zones: "brand-kr=Asia/Seoul,brand-pl=Europe/Warsaw". */
  ANALYTICS_TENANT_TIME_ZONES: z.string().default(''),
  ANALYTICS_DEFAULT_TIME_ZONE: zone.default('UTC'),
  /** An outcome is applied only if it occurred at most this long after its conversation started. */
  ANALYTICS_ALLOWED_LATENESS_HOURS: z.coerce
    .number()
    .positive()
    .default(14 * 24),
  /** Also publish the JSON mirror topic boomerang.analytics.resolution-rate.json.v1. */
  ANALYTICS_JSON_MIRROR: envBoolean.default(true),
});
