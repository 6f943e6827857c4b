/** Builds the analytics service: consumers, window publisher, gRPC API. Never listens at import. */
import path from 'node:path';
import { type EventBus, type Subscription, TOPICS, type TopicSpec } from '@boomerang/kit/bus';
import { type RunningGrpcServer, startGrpcServer } from '@boomerang/kit/grpc';
import type { Logger } from '@boomerang/kit/logger';
import type { Metrics } from '@boomerang/kit/metrics';
import { migrate, type Sql } from '@boomerang/kit/sql';
import { AnalyticsServiceService } from '@boomerang/proto/boomerang/analytics/v1/analytics';
import { WindowPublisher } from './adapters/publisher';
import { AnalyticsStore } from './adapters/store';
import { staticTenants, type TenantDirectory } from './domain/tenants';
import { analyticsHandlers } from './handlers/analytics';
import { type AnalyticsTopics, createAnalyticsMetrics, startPipeline } from './pipeline';
import { RESOLUTION_RATE_JSON } from './topics';

export const DEFAULT_TOPICS: AnalyticsTopics = {
  outcomes: TOPICS.agentOutcomes.name,
  commerce: TOPICS.commerceEvents.name,
  tickets: TOPICS.ticketEvents.name,
  resolutionRate: TOPICS.resolutionRate.name,
  resolutionRateJson: RESOLUTION_RATE_JSON.name,
};

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export interface AnalyticsOptions {
  /** Consumer group prefix (default "analytics"): groups are `<prefix>.outcomes|commerce|tickets`. */
  groupId: string;
  /** An outcome that occurred more than this after its conversation started is not applied (default 14 days). */
  allowedLatenessMs: number;
  /** Publish the JSON mirror topic too (default true). */
  jsonMirror: boolean;
  /** Most outcome events per database transaction: the batch size asked of the bus (default 500). */
  maxBatch: number;
}

export interface AnalyticsDeps {
  sql: Sql;
  bus: EventBus;
  logger: Logger;
  metrics?: Metrics;
  clock?: () => Date;
  /** Brands' time zones (default: UTC for everyone). */
  tenants?: TenantDirectory;
  options?: Partial<AnalyticsOptions>;
}

export interface AnalyticsServer {
  store: AnalyticsStore;
  publisher: WindowPublisher;
  start(options?: { grpcPort?: number; consume?: boolean }): Promise<{ grpcPort: number }>;
  stop(): Promise<void>;
}

export function createServer(deps: AnalyticsDeps): AnalyticsServer {
  const logger = deps.logger.child({ component: 'analytics' });
  const clock = deps.clock ?? (() => new Date());
  const options: AnalyticsOptions = {
    groupId: 'analytics',
    allowedLatenessMs: 14 * 24 * 3600_000,
    jsonMirror: true,
    maxBatch: 500,
    ...deps.options,
  };
  const topics: AnalyticsTopics = {
    ...DEFAULT_TOPICS,
    resolutionRateJson: options.jsonMirror ? RESOLUTION_RATE_JSON.name : undefined,
  };
  const store = new AnalyticsStore(deps.sql);
  const publisher = new WindowPublisher({
    sql: deps.sql,
    bus: deps.bus,
    logger,
    metrics: deps.metrics,
    topic: topics.resolutionRate,
    jsonTopic: topics.resolutionRateJson,
  });
  let grpc: RunningGrpcServer | undefined;
  const subs: Subscription[] = [];

  return {
    store,
    publisher,
    async start(startOptions = {}) {
      await migrate(deps.sql, { app: 'analytics', migrations: MIGRATIONS_DIR, logger });
      const specs: TopicSpec[] = [
        TOPICS.agentOutcomes,
        TOPICS.commerceEvents,
        TOPICS.ticketEvents,
        TOPICS.resolutionRate,
      ];
      if (topics.resolutionRateJson) specs.push(RESOLUTION_RATE_JSON);
      await deps.bus.ensureTopics(specs);
      publisher.kick(); // whatever a previous run committed but did not publish
      if (startOptions.consume ?? true) {
        subs.push(
          ...(await startPipeline({
            bus: deps.bus,
            store,
            publisher,
            tenants: deps.tenants ?? staticTenants(),
            logger,
            metrics: createAnalyticsMetrics(deps.metrics),
            topics,
            groupId: options.groupId,
            allowedLatenessMs: options.allowedLatenessMs,
            maxBatch: options.maxBatch,
            now: () => clock().getTime(),
          })),
        );
      }
      grpc = await startGrpcServer({
        services: [
          { definition: AnalyticsServiceService, implementation: analyticsHandlers(store) as never },
        ],
        port: startOptions.grpcPort ?? 0,
        logger,
        metrics: deps.metrics,
      });
      return { grpcPort: grpc.port };
    },
    async stop() {
      await Promise.all(subs.splice(0).map((s) => s.stop()));
      await publisher.stop();
      await grpc?.shutdown(2000);
      grpc = undefined;
    },
  };
}
