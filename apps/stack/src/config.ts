// Environment of the stack launcher (keys are the variable names).
import { envBoolean, envList, envPort } from '@boomerang/kit/config';
import { z } from 'zod';

export const configSchema = z.object({
  /** Data folder: PGlite files, index snapshots, secrets, stack.log. */
  BOOMERANG_HOME: z.string().default('.boomerang'),
  /**
   * A brands file: run the stack with your own brands (docs/onboarding.md). Relative to the directory
   * `npm start` was run from.
   */
  BOOMERANG_BRANDS: z.string().min(1).optional(),
  /** PostgreSQL instead of PGlite (one schema per service). */
  DATABASE_URL: z.string().optional(),
  /** Kafka instead of the in-process bus. */
  KAFKA_BROKERS: envList.optional(),
  /** Prefix of every topic and consumer group (several stacks on one shared broker). */
  BUS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .optional(),
  /** Prefix of the per-service PostgreSQL schemas (`<prefix>knowledge`, …). */
  DATABASE_SCHEMA_PREFIX: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  /** First port: gateway = PORT_BASE, services +1…+8, vendor fakes +11…+18, their inbox +19. 0 = free ports. */
  PORT_BASE: envPort.default(7100),
  /** Interface to listen on. */
  HOST: z.string().default('127.0.0.1'),
  /** Host name printed in URLs. */
  PUBLIC_HOST: z.string().default('localhost'),
  /** Service logs (pino JSON in <BOOMERANG_HOME>/stack.log). */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Print one-time sign-in codes to the console (demo mode). */
  DEMO_SIGN_IN_CODES: envBoolean.default(true),
  /** Override the per-install secrets stored in <BOOMERANG_HOME>/secrets.json. */
  COMMERCE_CODE_PEPPER: z.string().min(16).optional(),
  WEBCHAT_TOKEN_SECRET: z.string().min(32).optional(),
});

export type StackConfig = z.output<typeof configSchema>;
