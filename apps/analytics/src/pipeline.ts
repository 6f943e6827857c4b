import type { BusMessage, EventBus, Subscription } from '@boomerang/kit/bus';
import type { Logger } from '@boomerang/kit/logger';
import { Counter, Histogram, type Metrics } from '@boomerang/kit/metrics';
import { CommerceEvent } from '@boomerang/proto/boomerang/events/v1/commerce';
import { AgentOutcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import type { WindowPublisher } from './adapters/publisher';
import type { AnalyticsStore, ApplyItem } from './adapters/store';
import { outcomeFact, providerReturnLines, ticketReason } from './domain/events';
import type { Decision } from './domain/resolution';
import type { TenantDirectory } from './domain/tenants';

export interface AnalyticsTopics {
  outcomes: string;
  commerce: string;
  tickets: string;
  resolutionRate: string;
  resolutionRateJson?: string;
}

export interface AnalyticsMetrics {
  outcomes: Counter<'result'>;
  lateDropped: Counter<'tenant'>;
  eventLag: Histogram<'topic'>;
  batchSize: Histogram;
}

export function createAnalyticsMetrics(metrics: Metrics | undefined): AnalyticsMetrics | undefined {
  if (!metrics) return undefined;
  const registers = [metrics.registry];
  return {
    outcomes: new Counter({
      name: 'boomerang_analytics_outcomes_total',
      help: 'Outcome events by result: applied, stale (duplicate or older revision), late (dropped)',
      labelNames: ['result'],
      registers,
    }),
    lateDropped: new Counter({
      name: 'boomerang_analytics_late_dropped_total',
      help: 'Outcome events not applied because they occurred after the allowed lateness',
      labelNames: ['tenant'],
      registers,
    }),
    eventLag: new Histogram({
      name: 'boomerang_analytics_event_lag_seconds',
      help: 'Time from an event being appended to the topic to its effect being committed',
      labelNames: ['topic'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
      registers,
    }),
    batchSize: new Histogram({
      name: 'boomerang_analytics_outcome_batch_size',
      help: 'Outcome events committed per database transaction',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers,
    }),
  };
}

/**
 * Applies a batch of outcome events (one partition's run, handed over by the bus's subscribeBatch)
 * in one database transaction and records what happened. The bus commits the batch's offsets only
 * after this resolves (at-least-once; redelivery is harmless because decide() ignores stale revisions).
 */
export class OutcomeApplier {
  constructor(
    private readonly store: AnalyticsStore,
    private readonly options: {
      allowedLatenessMs: number;
      logger: Logger;
      metrics?: AnalyticsMetrics;
      onCommit: () => void;
    },
  ) {}

  async apply(items: ApplyItem[]): Promise<Decision['kind'][]> {
    if (items.length === 0) return [];
    const result = await this.store.applyOutcomes(items, this.options.allowedLatenessMs);
    const { metrics, logger } = this.options;
    metrics?.batchSize.observe(items.length);
    for (const f of result.newlyLate) {
      metrics?.lateDropped.inc({ tenant: f.tenantId });
      logger.warn(
        {
          tenant: f.tenantId,
          conversation: f.conversationId,
          revision: f.revision,
          eventId: f.eventId,
          lateByMs: f.occurredAt.getTime() - f.startedAt.getTime() - this.options.allowedLatenessMs,
        },
        'outcome occurred after the allowed lateness; not applied',
      );
    }
    if (result.changedWindows > 0) this.options.onCommit();
    for (const kind of result.decisions)
      metrics?.outcomes.inc({ result: kind === 'apply' ? 'applied' : kind });
    return result.decisions;
  }
}

export interface PipelineDeps {
  bus: EventBus;
  store: AnalyticsStore;
  publisher: WindowPublisher;
  tenants: TenantDirectory;
  logger: Logger;
  metrics?: AnalyticsMetrics;
  topics: AnalyticsTopics;
  groupId: string;
  allowedLatenessMs: number;
  maxBatch: number;
  now: () => number;
}

/** Subscribes the three consumers (groups `<groupId>.outcomes|commerce|tickets`). Returns their subscriptions (stop them to drain and leave). */
export async function startPipeline(deps: PipelineDeps): Promise<Subscription[]> {
  const { bus, store, tenants, topics, metrics, now } = deps;
  const applier = new OutcomeApplier(store, {
    allowedLatenessMs: deps.allowedLatenessMs,
    logger: deps.logger.child({ component: 'outcomes' }),
    metrics,
    onCommit: () => deps.publisher.kick(),
  });
  const lag = (m: BusMessage) =>
    metrics?.eventLag.observe({ topic: m.topic }, Math.max(0, now() - m.timestamp) / 1000);

  // One transaction per batch: a partition's run of up to maxBatch events. An event that cannot be
  // decoded or is invalid (e.g. OUTCOME_UNSPECIFIED) fails its batch; after the bus's batch retries it
  // delivers that batch one event at a time, so only the bad event goes to `<topic>.dlq`.
  const outcomes = await bus.subscribeBatch(
    {
      topics: [topics.outcomes],
      groupId: `${deps.groupId}.outcomes`,
      fromBeginning: true,
      maxBatchSize: deps.maxBatch,
    },
    async (messages) => {
      const items: ApplyItem[] = [];
      for (const m of messages) {
        const fact = outcomeFact(AgentOutcome.decode(m.value));
        items.push({ fact, timeZone: await tenants.timeZone(fact.tenantId) });
      }
      await applier.apply(items);
      for (const m of messages) lag(m);
    },
  );
  const commerce = await bus.subscribe(
    { topics: [topics.commerce], groupId: `${deps.groupId}.commerce`, fromBeginning: true },
    async (m) => {
      const event = CommerceEvent.decode(m.value);
      if (!event.returnReason.trim()) return; // only return events with a reason matter here
      const lines = providerReturnLines(event, new Date(m.timestamp));
      if (lines.length > 0) await store.upsertProviderReturns(lines, await tenants.timeZone(event.tenantId));
      lag(m);
    },
  );
  const tickets = await bus.subscribe(
    { topics: [topics.tickets], groupId: `${deps.groupId}.tickets`, fromBeginning: true },
    async (m) => {
      const event = TicketEvent.decode(m.value);
      if (!event.reason.trim()) return;
      const reason = ticketReason(event, new Date(m.timestamp));
      if (reason) await store.upsertTicketReason(reason, await tenants.timeZone(event.tenantId));
      lag(m);
    },
  );
  return [outcomes, commerce, tickets];
}
