// Builds the eligibility service without listening; start() migrates and listens (port 0 in tests).
import { type RunningGrpcServer, startGrpcServer } from '@boomerang/kit/grpc';
import type { Logger } from '@boomerang/kit/logger';
import { Counter, type Metrics } from '@boomerang/kit/metrics';
import { migrate, migrationsDir, type Sql } from '@boomerang/kit/sql';
import { EligibilityServiceService } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { sqlPolicyStore } from './adapters/sql-policy-store';
import { sqlRecentOrders } from './adapters/sql-recent-orders';
import { Eligibility } from './domain/service';
import { type DecisionCounter, eligibilityHandlers } from './handlers/eligibility-service';

export interface ServerDeps {
  sql: Sql;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
  recentOrdersPerTenant?: number;
  policyCacheSize?: number;
  latestVersionTtlMs?: number;
}

export interface EligibilityServer {
  readonly service: Eligibility;
  start(options?: { grpcPort?: number; host?: string }): Promise<{ grpcPort: number }>;
  stop(graceMs?: number): Promise<void>;
}

export function createServer(deps: ServerDeps): EligibilityServer {
  const logger = deps.logger.child({ component: 'eligibility' });
  const recentOrders = sqlRecentOrders(deps.sql, {
    limitPerTenant: deps.recentOrdersPerTenant ?? 1000,
    logger,
  });
  const service = new Eligibility({
    policies: sqlPolicyStore(deps.sql),
    recentOrders,
    clock: deps.clock,
    cacheSize: deps.policyCacheSize,
    latestVersionTtlMs: deps.latestVersionTtlMs,
  });
  const decisions: DecisionCounter | undefined = deps.metrics
    ? new Counter({
        name: 'boomerang_eligibility_decisions_total',
        help: 'Line-item decisions of Check by outcome and reason code (tenant-defined codes as CUSTOM)',
        labelNames: ['eligible', 'reason'],
        registers: [deps.metrics.registry],
      })
    : undefined;
  let running: RunningGrpcServer | undefined;
  return {
    service,
    async start(options = {}) {
      if (running) return { grpcPort: running.port };
      await migrate(deps.sql, { app: 'eligibility', migrations: migrationsDir(__dirname), logger });
      running = await startGrpcServer({
        services: [
          { definition: EligibilityServiceService, implementation: eligibilityHandlers(service, decisions) },
        ],
        port: options.grpcPort ?? 0,
        host: options.host,
        logger,
        metrics: deps.metrics,
      });
      return { grpcPort: running.port };
    },
    async stop(graceMs) {
      const r = running;
      running = undefined;
      if (r) await r.shutdown(graceMs);
      await recentOrders.close();
    },
  };
}
