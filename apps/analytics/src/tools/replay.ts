/**
 * `npm run replay -w @boomerang/analytics`: rebuilds every resolution-rate aggregate from
 * boomerang.agent.outcomes.v1, offset 0, into fresh tables, swaps them in and re-publishes the
 * compacted topic. Stop the analytics service first. Needs KAFKA_BROKERS (the in-process bus of
 * `npm start` keeps no history across processes) and the service's DATABASE_URL / DATA_DIR.
 */
import path from 'node:path';
import { createBus, TOPICS } from '@boomerang/kit/bus';
import { loadConfig } from '@boomerang/kit/config';
import { createLogger } from '@boomerang/kit/logger';
import { openSql } from '@boomerang/kit/sql';
import { Kafka, logLevel } from 'kafkajs';
import { configSchema } from '../config';
import { parseTimeZones, staticTenants } from '../domain/tenants';
import { replayOutcomes } from '../replay';
import { RESOLUTION_RATE_JSON } from '../topics';

async function main(): Promise<void> {
  const config = loadConfig('analytics', configSchema);
  if (!config.KAFKA_BROKERS)
    throw new Error('KAFKA_BROKERS: required by the replay tool (it reads the outcome topic from offset 0)');
  const logger = createLogger({ service: 'analytics-replay', level: config.LOG_LEVEL });
  const kafka = new Kafka({
    brokers: [...config.KAFKA_BROKERS],
    clientId: 'analytics-replay',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(TOPICS.agentOutcomes.name);
  await admin.disconnect();
  const endOffsets = new Map(offsets.map((p) => [p.partition, BigInt(p.high) - 1n]));
  const sql = await openSql({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : path.join(config.DATA_DIR, 'db'),
    schema: 'analytics',
  });
  const bus = createBus({ brokers: [...config.KAFKA_BROKERS], clientId: 'analytics-replay', logger });
  try {
    const report = await replayOutcomes({
      sql,
      bus,
      logger,
      tenants: staticTenants(
        parseTimeZones(config.ANALYTICS_TENANT_TIME_ZONES),
        config.ANALYTICS_DEFAULT_TIME_ZONE,
      ),
      allowedLatenessMs: config.ANALYTICS_ALLOWED_LATENESS_HOURS * 3600_000,
      topics: {
        outcomes: TOPICS.agentOutcomes.name,
        resolutionRate: TOPICS.resolutionRate.name,
        resolutionRateJson: config.ANALYTICS_JSON_MIRROR ? RESOLUTION_RATE_JSON.name : undefined,
      },
      endOffsets,
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await bus.close();
    await sql.close();
  }
}

main().catch((err) => {
  process.stderr.write(`replay failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
