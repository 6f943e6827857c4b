#!/usr/bin/env node
// Analytics benchmark: a burst of outcome events (default 100k) published at once, consumed by the
// analytics service; reports outcomes/s and lag. Runs on the in-process bus + PGlite, and also on
// Kafka + PostgreSQL when KAFKA_BROKERS and DATABASE_URL are set. Uses the built dist
// (`npm run build -w @boomerang/analytics` first). Prints JSON. Bounded: BENCH_MAX_SECONDS per run.
//   BENCH_OUTCOMES=100000 BENCH_MAX_SECONDS=180 node bench/analytics/run.cjs
const { randomBytes } = require('node:crypto');
const { createBus, InProcessBus, TOPICS } = require('@boomerang/kit/bus');
const { silentLogger } = require('@boomerang/kit/logger');
const { createMetrics } = require('@boomerang/kit/metrics');
const { openSql, createPostgres } = require('@boomerang/kit/sql');
const { AgentOutcome } = require('@boomerang/proto/boomerang/events/v1/outcomes');
const { createServer } = require('../../apps/analytics/dist/server.js');
const { staticTenants } = require('../../apps/analytics/dist/domain/tenants.js');

const N = Number(process.env.BENCH_OUTCOMES ?? 100_000);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 180);
const TENANTS = { 'bench-kr': 'Asia/Seoul', 'bench-pl': 'Europe/Warsaw', 'bench-en': 'America/New_York' };
const REASONS = [
  '사이즈가 안 맞아요',
  'za mały rozmiar',
  'arrived broken',
  'uszkodzony',
  '단순 변심',
  'wrong colour sent',
  '',
];

/** 100k events: ~90% first outcomes, ~7% reopens (higher revision), ~3% duplicates, over 8 weeks. */
function workload(n) {
  const events = [];
  const base = Date.parse('2025-01-06T00:00:00Z');
  const tenants = Object.keys(TENANTS);
  let conv = 0;
  while (events.length < n) {
    const r = Math.random();
    if (r < 0.07 && conv > 0) {
      const prev = events[Math.floor(Math.random() * events.length)];
      events.push({
        ...prev,
        eventId: randomBytes(8).toString('hex'),
        revision: prev.revision + 1,
        outcome: 1 + (prev.outcome % 3),
        occurredAt: new Date(prev.occurredAt.getTime() + 3600_000),
      });
    } else if (r < 0.1 && conv > 0) {
      events.push(events[Math.floor(Math.random() * events.length)]);
    } else {
      conv++;
      const started = new Date(base + Math.floor(Math.random() * 56 * 86400_000));
      events.push({
        eventId: randomBytes(8).toString('hex'),
        tenantId: tenants[conv % 3],
        conversationId: `c${conv}`,
        channel: 1 + (conv % 6),
        skill: 'returns_exchanges',
        outcome: 1 + (conv % 3),
        revision: 1,
        conversationStartedAt: started,
        occurredAt: new Date(started.getTime() + 600_000),
        reason: conv % 3 === 2 ? 'customer asked for a person' : '',
        returnReason: REASONS[conv % REASONS.length],
        language: '',
        productType: `type-${conv % 20}`,
        sku: `SKU-${conv % 500}`,
      });
    }
  }
  return events.map((e) => ({
    key: `${e.tenantId}/${e.conversationId}`,
    value: AgentOutcome.encode(e).finish(),
  }));
}

async function runOnce(name, { bus, sql, cleanup }) {
  const metrics = createMetrics('analytics-bench', { defaultMetrics: false });
  const server = createServer({ sql, bus, logger: silentLogger(), metrics, tenants: staticTenants(TENANTS) });
  await server.start({ grpcPort: 0 });
  const records = workload(N);
  const processed = async () => {
    const m = await metrics.registry.getSingleMetric('boomerang_analytics_outcomes_total').get();
    return m.values.reduce((s, v) => s + v.value, 0);
  };
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += 2000)
    await bus.publish(TOPICS.agentOutcomes.name, records.slice(i, i + 2000));
  const publishedMs = performance.now() - t0;
  let maxLag = 0;
  let done = 0;
  const samples = [];
  const deadline = t0 + MAX_SECONDS * 1000;
  while (performance.now() < deadline) {
    done = await processed();
    const lag = N - done;
    maxLag = Math.max(maxLag, lag);
    samples.push({ t: Math.round(performance.now() - t0), processed: done });
    if (done >= N) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const consumedMs = performance.now() - t0;
  let publishedAllMs;
  if (done >= N) {
    while (performance.now() < deadline) {
      const { rows } = await sql.query(
        'SELECT count(*) AS n FROM analytics_windows WHERE version > published_version',
      );
      if (Number(rows[0].n) === 0) {
        publishedAllMs = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const lagMetric = await metrics.registry.getSingleMetric('boomerang_analytics_event_lag_seconds').get();
  const batch = await metrics.registry.getSingleMetric('boomerang_analytics_outcome_batch_size').get();
  const sum = (m, suffix) =>
    m.values.filter((v) => v.metricName.endsWith(suffix)).reduce((s, v) => s + v.value, 0);
  const result = {
    run: name,
    outcomes: N,
    processed: done,
    completed: done >= N,
    publish_burst_ms: Math.round(publishedMs),
    drain_ms: Math.round(consumedMs),
    outcomes_per_second: Math.round(done / (consumedMs / 1000)),
    max_backlog_messages: maxLag,
    mean_event_lag_ms: Math.round((sum(lagMetric, '_sum') / Math.max(1, sum(lagMetric, '_count'))) * 1000),
    topic_up_to_date_ms: publishedAllMs === undefined ? null : Math.round(publishedAllMs),
    mean_batch_size: Number((sum(batch, '_sum') / Math.max(1, sum(batch, '_count'))).toFixed(1)),
    progress: samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 8)) === 0),
  };
  await server.stop();
  await cleanup();
  return result;
}

async function main() {
  const results = [];
  {
    const bus = new InProcessBus({ maintenanceIntervalMs: 0 });
    const sql = await openSql({});
    results.push(
      await runOnce('in-process bus + PGlite', {
        bus,
        sql,
        cleanup: async () => {
          await bus.close();
          await sql.close();
        },
      }),
    );
  }
  if (process.env.KAFKA_BROKERS && process.env.DATABASE_URL) {
    const ns = `bench-${Date.now().toString(36)}`;
    const bus = createBus({
      brokers: process.env.KAFKA_BROKERS.split(','),
      clientId: 'analytics-bench',
      logger: silentLogger(),
      namespace: ns,
      kafka: { partitionsConsumedConcurrently: 6 },
    });
    const schema = ns.replace(/-/g, '_');
    const sql = await openSql({ databaseUrl: process.env.DATABASE_URL, schema, max: 8 });
    results.push(
      await runOnce('Kafka + PostgreSQL', {
        bus,
        sql,
        cleanup: async () => {
          await bus
            .deleteTopics([
              TOPICS.agentOutcomes.name,
              TOPICS.commerceEvents.name,
              TOPICS.ticketEvents.name,
              TOPICS.resolutionRate.name,
              'boomerang.analytics.resolution-rate.json.v1',
            ])
            .catch(() => {});
          await bus.close();
          await sql.close();
          const admin = createPostgres({ url: process.env.DATABASE_URL, max: 1 });
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await admin.close();
        },
      }),
    );
  }
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'analytics', node: process.version, results }, null, 2)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
