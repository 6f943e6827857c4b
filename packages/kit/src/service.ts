// The process shell every app shares: load config (failing with the variable's name), logger and
// metrics, the database (or just its migrations with MIGRATE_ONLY=true, the Kubernetes Job pattern),
// the bus, the metrics endpoint, and one graceful shutdown on SIGTERM/SIGINT: stop the service, then
// the metrics server, bus and database, within a deadline shorter than the pod's grace period.
import path from 'node:path';
import type { z } from 'zod';
import { createBus, type EventBus } from './bus';
import { loadConfig } from './config';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics, startMetricsServer } from './metrics';
import { openSql, runMigrationsOnly, type Sql } from './sql';

/** The variables every app's schema has (same names, same meaning). */
export interface BaseConfig {
  LOG_LEVEL?: string;
  METRICS_PORT: number;
  DATABASE_URL?: string;
  DATA_DIR?: string;
  MIGRATE_ONLY?: boolean;
  BUS_NAMESPACE?: string;
  KAFKA_BROKERS?: string | readonly string[];
  /** Shutdown deadline; after it the process exits 1 (default 30 s, under the pods' 45 s grace). */
  SHUTDOWN_TIMEOUT_MS?: number;
}

export interface ServiceContext<C> {
  name: string;
  config: C;
  logger: Logger;
  metrics: Metrics;
  /**
   * Opens the app's database (PostgreSQL schema `schema` when DATABASE_URL is set, else PGlite under
   * DATA_DIR/db). With MIGRATE_ONLY=true it applies the migrations and ends the process (exit 0);
   * otherwise the app migrates in its own start, as its server does for the stack and tests.
   */
  sql(options: { schema: string; migrations: string; max?: number }): Promise<Sql>;
  /** The event bus: Kafka when KAFKA_BROKERS is set, else in-process. */
  bus(options?: { kafka?: Parameters<typeof createBus>[0]['kafka'] }): EventBus;
}

export interface RunningService {
  /** Stops serving and drains (consumers, in-flight requests); resources are closed after it. */
  stop(): Promise<void>;
}

/** Thrown by `ctx.sql()` under MIGRATE_ONLY: the migrations ran, nothing else should. */
class MigratedOnly extends Error {}

/**
 * Runs an app: `start` builds its dependencies from the context and starts listening; the shell
 * handles readiness logging, signals and shutdown. Returns when the service is up (or migrated).
 */
export async function runService<S extends z.ZodObject>(
  name: string,
  schema: S,
  start: (ctx: ServiceContext<z.output<S> & BaseConfig>) => Promise<RunningService>,
): Promise<void> {
  let logger: Logger | undefined;
  const closers: { what: string; close: () => Promise<void> }[] = [];
  try {
    const config = loadConfig(name, schema) as z.output<S> & BaseConfig;
    const log = createLogger({ service: name, level: config.LOG_LEVEL });
    logger = log;
    const metrics = createMetrics(name);
    const ctx: ServiceContext<typeof config> = {
      name,
      config,
      logger: log,
      metrics,
      async sql(options) {
        const sql = await openSql({
          databaseUrl: config.DATABASE_URL,
          dataDir: config.DATABASE_URL ? undefined : path.join(config.DATA_DIR ?? `.boomerang/${name}`, 'db'),
          schema: options.schema,
          max: options.max,
        });
        if (config.MIGRATE_ONLY) {
          await runMigrationsOnly(sql, { app: name, migrations: options.migrations, logger: log }); // closes sql
          throw new MigratedOnly();
        }
        closers.unshift({ what: 'database', close: () => sql.close() });
        return sql;
      },
      bus(options = {}) {
        const brokers =
          typeof config.KAFKA_BROKERS === 'string'
            ? config.KAFKA_BROKERS.split(',')
                .map((b) => b.trim())
                .filter(Boolean)
            : config.KAFKA_BROKERS
              ? [...config.KAFKA_BROKERS]
              : undefined;
        const bus = createBus({
          namespace: config.BUS_NAMESPACE,
          brokers: brokers?.length ? brokers : undefined,
          clientId: name,
          logger: log,
          metrics,
          kafka: options.kafka,
        });
        closers.unshift({ what: 'bus', close: () => bus.close() });
        return bus;
      },
    };
    const service = await start(ctx);
    const metricsServer = await startMetricsServer(metrics.registry, config.METRICS_PORT);
    closers.unshift({ what: 'metrics server', close: () => metricsServer.close() });
    closers.unshift({ what: name, close: () => service.stop() });
    log.info({ metricsPort: metricsServer.port }, `${name} ready`);
    installShutdown(log, closers, config.SHUTDOWN_TIMEOUT_MS ?? 30_000);
  } catch (err) {
    if (err instanceof MigratedOnly) process.exit(0);
    const message = err instanceof Error ? err.message : String(err);
    if (logger) logger.fatal({ err }, `${name} failed to start`);
    process.stderr.write(`${name}: failed to start: ${message}\n`);
    for (const c of closers) await c.close().catch(() => undefined);
    process.exit(1);
  }
}

function installShutdown(
  logger: Logger,
  closers: { what: string; close: () => Promise<void> }[],
  timeoutMs: number,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    let clean = true;
    for (const c of closers) {
      try {
        await c.close();
      } catch (err) {
        clean = false;
        logger.error({ err, what: c.what }, 'error while stopping');
      }
    }
    logger.info({ clean }, 'stopped');
    process.exit(clean ? 0 : 1);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
