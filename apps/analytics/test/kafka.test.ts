/**
 * Over a real Kafka broker (KAFKA_BROKERS) and PostgreSQL when DATABASE_URL is set (else PGlite):
 * the scripted stream with duplicates, a reopen, late events and a restart; then an analyst's plain
 * consumer (examples/read-resolution-rate.cjs: raw kafkajs + protobufjs + the .proto file, exactly as
 * the README tells analysts) reads the compacted topic from offset 0 and gets the latest value per window.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createBus, type EventBus, TOPICS } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { kafkaBrokers, requireInfra, uniqueName, waitFor } from '@boomerang/kit/testing';
import { Kafka, logLevel } from 'kafkajs';
import { staticTenants } from '../src/domain/tenants';
import { type AnalyticsServer, createServer } from '../src/server';
import { RESOLUTION_RATE_JSON } from '../src/topics';
import { expectedWindows, publishOutcomes, scenario, ZONES } from './harness';

const gate = requireInfra('KAFKA_BROKERS', 'analytics over Kafka');
const run = promisify(execFile);

gate.describe('analytics over real Kafka', () => {
  let sql: Sql;
  let drop: () => Promise<void>;
  let bus: EventBus;
  const ns = uniqueName('analytics');
  const t = { kr: uniqueName('brand-kr'), pl: uniqueName('brand-pl'), en: uniqueName('brand-en') };
  const tenants = staticTenants({ [t.kr]: ZONES.kr, [t.pl]: ZONES.pl, [t.en]: ZONES.en });
  let server: AnalyticsServer | undefined;

  const start = async () => {
    server = createServer({
      sql,
      bus,
      logger: silentLogger(),
      tenants,
      options: { allowedLatenessMs: 14 * 24 * 3600_000 },
    });
    await server.start({ grpcPort: 0 });
    return server;
  };
  const count = async (q: string) => Number((await sql.query<{ n: unknown }>(q)).rows[0]!.n);

  beforeAll(async () => {
    ({ sql, drop } = await openTestSql(process.env.DATABASE_URL));
    bus = createBus({
      brokers: kafkaBrokers(gate.value!),
      clientId: 'analytics-test',
      logger: silentLogger(),
      namespace: ns,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await bus
      .deleteTopics([
        TOPICS.agentOutcomes.name,
        TOPICS.commerceEvents.name,
        TOPICS.ticketEvents.name,
        TOPICS.resolutionRate.name,
        RESOLUTION_RATE_JSON.name,
      ])
      .catch(() => {});
    await bus.close();
    await drop();
  }, 60_000);

  it('a plain kafkajs consumer reading from offset 0 gets the latest value per window', async () => {
    const { first, second } = scenario(t);
    const a = await start();
    await publishOutcomes(bus, TOPICS.agentOutcomes.name, first);
    await waitFor(async () => (await count('SELECT count(*) AS n FROM analytics_conversations')) === 6, {
      timeoutMs: 30_000,
    });
    await a.stop();
    await publishOutcomes(bus, TOPICS.agentOutcomes.name, second); // while the service is down
    await start();
    await waitFor(
      async () =>
        (await count('SELECT count(*) AS n FROM analytics_conversations')) === 8 &&
        (await count('SELECT count(*) AS n FROM analytics_late_dropped')) === 1 &&
        (await count('SELECT count(*) AS n FROM analytics_windows WHERE version > published_version')) === 0,
      { timeoutMs: 30_000, message: 'all applied and published' },
    );

    const { stdout } = await run('node', [path.resolve(__dirname, '../examples/read-resolution-rate.cjs')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        KAFKA_BROKERS: gate.value!,
        TOPIC: `${ns}.${TOPICS.resolutionRate.name}`,
        PROTO_DIR: path.resolve(__dirname, '../../../proto'),
      },
      timeout: 60_000,
    });
    const read = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const got = Object.fromEntries(
      read.map((r) => [
        r.key,
        [r.conversations ?? 0, r.resolvedByAgent ?? 0, r.handedOff ?? 0, r.abandoned ?? 0],
      ]),
    );
    expect(got).toEqual(expectedWindows(t));
    const krWeek = read.find((r) => r.key === `${t.kr}/kakao/returns_exchanges/iso_week/2025-03-03`);
    expect(krWeek).toMatchObject({
      granularity: 'GRANULARITY_ISO_WEEK',
      windowStart: '2025-03-03',
      timeZone: 'Asia/Seoul',
      tenantId: t.kr,
    });
    expect(krWeek.rate ?? 0).toBe(0);

    // The JSON mirror carries the same latest values, readable by any tool (kcat, console consumer).
    const kafka = new Kafka({
      brokers: kafkaBrokers(gate.value!),
      clientId: 'analyst-json',
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('analyst-json') });
    const json = new Map<string, Record<string, unknown>>();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: `${ns}.${RESOLUTION_RATE_JSON.name}`, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) =>
          void json.set(message.key!.toString(), JSON.parse(message.value!.toString())),
      });
      const plWeek = `${t.pl}/whatsapp/returns_exchanges/iso_week/2025-03-10`;
      await waitFor(() => json.size === Object.keys(expectedWindows(t)).length && json.get(plWeek), {
        timeoutMs: 30_000,
      });
      expect(json.get(plWeek)).toMatchObject({
        tenantId: t.pl,
        abandoned: 1,
        conversations: 1,
        timeZone: 'Europe/Warsaw',
      });
    } finally {
      await consumer.disconnect();
    }
  }, 120_000);
});
