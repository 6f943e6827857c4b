/**
 * The service end to end on the in-process bus (and PGlite, or PostgreSQL when DATABASE_URL is set):
 * scripted outcomes from Korean, Polish and American brands with a duplicate, a reopen, a stale copy,
 * late events and a restart between the two halves of the stream.
 */
import {
  DLQ_HEADERS,
  dlqTopic,
  InProcessBus,
  partitionForKey,
  publishEvent,
  TOPICS,
} from '@boomerang/kit/bus';
import { createClient } from '@boomerang/kit/grpc';
import { silentLogger } from '@boomerang/kit/logger';
import { createMetrics } from '@boomerang/kit/metrics';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { AnalyticsServiceClient } from '@boomerang/proto/boomerang/analytics/v1/analytics';
import { Granularity } from '@boomerang/proto/boomerang/events/v1/analytics';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { CommerceEvent } from '@boomerang/proto/boomerang/events/v1/commerce';
import { AgentOutcome, Outcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import { staticTenants } from '../src/domain/tenants';
import { replayOutcomes } from '../src/replay';
import { type AnalyticsServer, createServer } from '../src/server';
import {
  countsOf,
  expectedWindows,
  latestPerKey,
  outcome,
  publishOutcomes,
  scenario,
  ZONES,
} from './harness';

const lateness = 14 * 24 * 3600_000;

describe('analytics pipeline (in-process bus)', () => {
  let sql: Sql;
  let drop: () => Promise<void>;
  let bus: InProcessBus;
  const t = { kr: uniqueName('brand-kr'), pl: uniqueName('brand-pl'), en: uniqueName('brand-en') };
  const tenants = staticTenants({ [t.kr]: ZONES.kr, [t.pl]: ZONES.pl, [t.en]: ZONES.en });
  const servers: AnalyticsServer[] = [];

  const startServer = async (groupId = 'analytics') => {
    const metrics = createMetrics('analytics', { defaultMetrics: false });
    const server = createServer({
      sql,
      bus,
      logger: silentLogger(),
      metrics,
      tenants,
      options: { groupId, allowedLatenessMs: lateness },
    });
    servers.push(server);
    const { grpcPort } = await server.start({ grpcPort: 0 });
    const client = createClient(AnalyticsServiceClient, `127.0.0.1:${grpcPort}`);
    return { server, client, metrics };
  };

  const conversationsStored = async () => {
    const { rows } = await sql.query<{ n: unknown }>('SELECT count(*) AS n FROM analytics_conversations');
    return Number(rows[0]!.n);
  };

  beforeAll(async () => {
    ({ sql, drop } = await openTestSql(process.env.DATABASE_URL));
    bus = new InProcessBus({ maintenanceIntervalMs: 0 });
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await bus.close();
    await drop();
  });

  it('counts, rates and the compacted topic survive duplicates, a reopen, late events and a restart', async () => {
    const { first, second } = scenario(t);
    const a = await startServer();
    await publishOutcomes(bus, TOPICS.agentOutcomes.name, first);
    // 6 distinct conversations in the first half (one event is a duplicate).
    await waitFor(async () => (await conversationsStored()) === 6, {
      timeoutMs: 30_000,
      message: 'first half applied',
    });
    const week = await a.client.getResolutionRate({
      tenantId: t.kr,
      granularity: Granularity.GRANULARITY_ISO_WEEK,
      from: '2025-03-03',
      to: '2025-03-03',
      channel: '',
      skill: '',
    });
    const kakao = week.windows.find((w) => w.channel === 'kakao')!;
    expect(countsOf(kakao)).toEqual([2, 1, 1, 0]); // the duplicate did not count twice
    expect(kakao.rate).toBeCloseTo(0.5);
    expect(kakao.timeZone).toBe('Asia/Seoul');
    await a.server.stop();
    a.client.close();

    // Restart: a new instance on the same database and consumer group continues where it stopped.
    await publishOutcomes(bus, TOPICS.agentOutcomes.name, second);
    const b = await startServer();
    await waitFor(
      async () => (await b.server.store.lateDropped(t.kr)) === 1 && (await conversationsStored()) === 8,
      {
        message: 'second half applied',
      },
    );
    const expected = expectedWindows(t);
    const topic = await latestPerKey(bus, TOPICS.resolutionRate.name, uniqueName('reader'));
    try {
      await waitFor(
        () =>
          Object.entries(expected).every(([key, counts]) => {
            const v = topic.map.get(key);
            return v && countsOf(v).join() === counts.join();
          }),
        { timeoutMs: 30_000, message: 'latest value per window on the compacted topic' },
      );
      // No other windows: nothing was counted in a UTC window or for the late conversation.
      expect([...topic.map.keys()].sort()).toEqual(Object.keys(expected).sort());
      const enWeek = topic.map.get(`${t.en}/webchat/returns_exchanges/iso_week/2025-03-03`)!;
      expect(enWeek.rate).toBe(0);
      expect(enWeek.granularity).toBe(Granularity.GRANULARITY_ISO_WEEK);
    } finally {
      await topic.stop();
    }

    // gRPC reads the same numbers, with totals across channels.
    const kr = await b.client.getResolutionRate({
      tenantId: t.kr,
      granularity: Granularity.GRANULARITY_ISO_WEEK,
      from: '2025-03-01',
      to: '2025-03-31',
      channel: '',
      skill: '',
    });
    expect(kr.windows.map((w) => [w.channel, ...countsOf(w)])).toEqual([
      ['kakao', 2, 0, 2, 0],
      ['webchat', 1, 1, 0, 0],
    ]);
    expect(kr.totals).toHaveLength(1);
    expect(countsOf(kr.totals[0]!)).toEqual([3, 1, 2, 0]);
    expect(kr.totals[0]!.rate).toBeCloseTo(1 / 3);
    const plDays = await b.client.getResolutionRate({
      tenantId: t.pl,
      granularity: Granularity.GRANULARITY_DAY,
      from: '2025-03-10',
      to: '2025-03-10',
      channel: 'webchat',
      skill: '',
    });
    expect(plDays.windows.map((w) => [w.windowStart, w.rate])).toEqual([['2025-03-10', 1]]);

    // Offsets lost (a brand-new consumer group re-reads everything from offset 0): nothing changes.
    await b.server.stop();
    const c = await startServer(uniqueName('fresh-group'));
    await waitFor(
      async () => {
        const { rows } = await sql.query<{ n: unknown }>('SELECT count(*) AS n FROM analytics_late_dropped');
        return Number(rows[0]!.n) === 1;
      },
      { timeoutMs: 30_000, message: 'late event seen again' },
    );
    await waitFor(
      async () => {
        const r = await c.client.getResolutionRate({
          tenantId: t.en,
          granularity: Granularity.GRANULARITY_ISO_WEEK,
          from: '2025-03-03',
          to: '2025-03-03',
          channel: '',
          skill: '',
        });
        return r.windows.length === 1 && countsOf(r.windows[0]!).join() === '2,0,1,1';
      },
      { timeoutMs: 30_000 },
    );
    const metricsText = await c.metrics.registry.metrics();
    await waitFor(
      async () =>
        /boomerang_analytics_outcomes_total\{result="stale"[^}]*\} 12$/m.test(
          await c.metrics.registry.metrics(),
        ),
      {
        message: `every redelivered event is stale: ${metricsText}`,
      },
    );
    const all = await c.client.getResolutionRate({
      tenantId: t.kr,
      granularity: Granularity.GRANULARITY_DAY,
      from: '2025-03-01',
      to: '2025-03-31',
      channel: '',
      skill: '',
    });
    expect(all.windows.map((w) => [w.channel, w.windowStart, ...countsOf(w)])).toEqual([
      ['kakao', '2025-03-03', 2, 0, 2, 0],
      ['webchat', '2025-03-04', 1, 1, 0, 0],
    ]);
    c.client.close();
  });

  it('reports return and handoff reasons per product type and SKU from conversations, providers and tickets', async () => {
    const tr = { kr: uniqueName('brand-kr'), pl: uniqueName('brand-pl'), en: uniqueName('brand-en') };
    const { client } = await startServer(uniqueName('reasons'));
    const { first, second } = scenario(tr);
    await publishOutcomes(bus, TOPICS.agentOutcomes.name, [...first, ...second]);
    const at = new Date('2025-03-11T10:00:00Z');
    const commerce = (
      tenantId: string,
      orderId: string,
      returnReason: string,
      skus: string[],
      productTypes: string[],
      eventId = uniqueName('ev'),
    ) => ({
      key: `${tenantId}/${orderId}`,
      value: {
        eventId,
        tenantId,
        orderId,
        type: 'return.created',
        occurredAt: at,
        source: 'loop',
        returnReason,
        skus,
        productTypes,
      },
    });
    const dup = commerce(
      tr.pl,
      'PL-1001',
      'Kurtka za mała w ramionach',
      ['PL-KURTKA-M', 'PL-SZALIK'],
      ['kurtki', 'szaliki'],
      'loop-1',
    );
    await publishEvent(bus, TOPICS.commerceEvents.name, CommerceEvent, [
      dup,
      dup, // redelivered
      commerce(tr.pl, 'PL-1002', 'Zamek się zepsuł, kurtka uszkodzona', ['PL-KURTKA-M'], ['kurtki']),
      commerce(tr.pl, 'PL-1003', '', ['PL-KURTKA-M'], ['kurtki']), // no reason: not a return-reason signal
    ]);
    const ticket = (conversationId: string, reason: string, ticketId = uniqueName('tk')) => ({
      key: `${tr.pl}/${ticketId}`,
      value: {
        ...TicketEvent.fromPartial({}),
        eventId: uniqueName('te'),
        tenantId: tr.pl,
        ticketId,
        conversationId,
        change: 'created',
        status: 'OPEN',
        occurredAt: at,
        reason,
        version: 1,
        channel: 'email',
      },
    });
    await publishEvent(bus, TOPICS.ticketEvents.name, TicketEvent, [
      ticket('p3', 'customer asked for a person'), // p3's outcome already gave a reason: not counted twice
      ticket('p-unknown', 'Klient nie mógł się zalogować'), // no outcome yet: counted from the ticket
    ]);
    const pl = await waitFor(
      async () => {
        const r = await client.getReturnReasons({
          tenantId: tr.pl,
          from: '2025-03-01',
          to: '2025-03-31',
          productType: '',
          sku: '',
        });
        return r.returnReasons.length === 5 && r.handoffReasons.length === 2 ? r : undefined;
      },
      { timeoutMs: 30_000, message: 'reasons aggregated' },
    );
    const rows = (xs: typeof pl.returnReasons) =>
      xs.map((x) => [x.reason, x.productType, x.sku, x.source, x.count]).sort();
    expect(rows(pl.returnReasons)).toEqual(
      [
        ['damaged_defective', 'kurtki', 'PL-KURTKA-M', 'conversation', 1],
        ['damaged_defective', 'kurtki', 'PL-KURTKA-M', 'return_provider', 1],
        ['size_fit', 'kurtki', 'PL-KURTKA-M', 'conversation', 1],
        ['size_fit', 'kurtki', 'PL-KURTKA-M', 'return_provider', 1],
        ['size_fit', 'szaliki', 'PL-SZALIK', 'return_provider', 1],
      ].sort(),
    );
    // Filters: one day, one SKU (p2 on 2025-03-10: "za mała … większego rozmiaru").
    const sku = await client.getReturnReasons({
      tenantId: tr.pl,
      from: '2025-03-10',
      to: '2025-03-10',
      productType: '',
      sku: 'PL-KURTKA-M',
    });
    expect(rows(sku.returnReasons)).toEqual([['size_fit', 'kurtki', 'PL-KURTKA-M', 'conversation', 1]]);
    expect(rows(pl.handoffReasons)).toEqual([
      ['customer_request', 'kurtki', 'PL-KURTKA-M', 'conversation', 1],
      ['sign_in_failed', '', '', 'ticket', 1],
    ]);
    const kr = await client.getReturnReasons({
      tenantId: tr.kr,
      from: '2025-03-01',
      to: '2025-03-31',
      productType: '',
      sku: '',
    });
    expect(rows(kr.returnReasons)).toEqual([
      ['damaged_defective', '머그컵', 'KR-MUG-1', 'conversation', 1],
      ['size_fit', '신발', 'KR-SHOE-240', 'conversation', 1],
    ]);
    // c1 was reopened and handed off as not eligible; c2 asked for a person.
    expect(rows(kr.handoffReasons)).toEqual([
      ['customer_request', '신발', 'KR-SHOE-240', 'conversation', 1],
      ['not_eligible', '', '', 'conversation', 1],
    ]);
    client.close();
  });

  it('replay rebuilds the aggregates from offset 0, swaps them in and re-publishes the windows', async () => {
    for (const s of servers.splice(0)) await s.stop();
    // Damage the live aggregates (as a bug would): the replay must put them right again.
    await sql.query(
      'UPDATE analytics_windows SET conversations = 999, resolved_by_agent = 999, version = version + 1, published_version = version + 1 WHERE tenant_id = $1',
      [t.kr],
    );
    await sql.query('DELETE FROM analytics_conversations WHERE tenant_id = $1', [t.en]);
    const before = Number(
      (
        await sql.query<{ v: unknown }>(
          'SELECT max(version) AS v FROM analytics_windows WHERE tenant_id = $1',
          [t.kr],
        )
      ).rows[0]!.v,
    );
    const report = await replayOutcomes({
      sql,
      bus,
      logger: silentLogger(),
      tenants,
      allowedLatenessMs: lateness,
      idleMs: 300,
      topics: { outcomes: TOPICS.agentOutcomes.name, resolutionRate: TOPICS.resolutionRate.name },
    });
    expect(report.events).toBeGreaterThanOrEqual(26);
    const { client } = await startServer(uniqueName('after-replay'));
    const kr = await client.getResolutionRate({
      tenantId: t.kr,
      granularity: Granularity.GRANULARITY_DAY,
      from: '2025-03-01',
      to: '2025-03-31',
      channel: '',
      skill: '',
    });
    expect(kr.windows.map((w) => [w.channel, w.windowStart, ...countsOf(w)])).toEqual([
      ['kakao', '2025-03-03', 2, 0, 2, 0],
      ['webchat', '2025-03-04', 1, 1, 0, 0],
    ]);
    const topic = await latestPerKey(bus, TOPICS.resolutionRate.name, uniqueName('reader'));
    try {
      const expected = expectedWindows(t);
      await waitFor(
        () =>
          Object.entries(expected).every(
            ([key, counts]) => topic.map.get(key) && countsOf(topic.map.get(key)!).join() === counts.join(),
          ),
        { timeoutMs: 30_000, message: 'replayed values on the topic' },
      );
      // Those are the replay's records (re-published with a higher version), not the ones from before.
      expect(topic.map.get(`${t.kr}/kakao/returns_exchanges/day/2025-03-03`)!.version).toBeGreaterThan(
        before,
      );
    } finally {
      await topic.stop();
    }
    client.close();
  });

  it('an invalid outcome goes alone to the DLQ; the valid outcomes of its batch are still counted', async () => {
    const tb = uniqueName('brand-pl');
    const group = uniqueName('poison');
    const { client } = await startServer(group);
    // A second consumer group on the same database applies the same batch at the same moment (as a
    // revoked Kafka member finishing a batch its partition's new owner also got): still counted once.
    const overlap = await startServer(uniqueName('overlap'));
    const dead: AgentOutcome[] = [];
    const dlq = await bus.subscribe(
      { topics: [dlqTopic(TOPICS.agentOutcomes.name)], groupId: uniqueName('ops'), fromBeginning: true },
      async (m) => {
        if (m.headers[DLQ_HEADERS.groupId] === `${group}.outcomes`) dead.push(AgentOutcome.decode(m.value));
      },
    );
    // Conversations on one partition, so the bad one shares a batch with the good ones.
    const partitions = TOPICS.agentOutcomes.partitions;
    const target = partitionForKey(`${tb}/rozmowa-0`, partitions);
    const ids = Array.from({ length: 200 }, (_, i) => `rozmowa-${i}`)
      .filter((id) => partitionForKey(`${tb}/${id}`, partitions) === target)
      .slice(0, 5);
    const started = '2025-03-10T09:00:00Z';
    const events = ids.map((id, i) =>
      outcome({
        tenant: tb,
        conversation: id,
        revision: 1,
        channel: Channel.CHANNEL_WHATSAPP,
        startedAt: started,
        outcome:
          i === 2
            ? Outcome.OUTCOME_UNSPECIFIED
            : i % 2
              ? Outcome.OUTCOME_HANDED_OFF
              : Outcome.OUTCOME_RESOLVED_BY_AGENT,
        returnReason: 'Kurtka jest za mała',
      }),
    );
    await publishOutcomes(bus, TOPICS.agentOutcomes.name, events);
    const day = () =>
      client.getResolutionRate({
        tenantId: tb,
        granularity: Granularity.GRANULARITY_DAY,
        from: '2025-03-10',
        to: '2025-03-10',
        channel: '',
        skill: '',
      });
    await waitFor(
      async () =>
        dead.length === 1 &&
        (await day()).windows.length === 1 &&
        (await day()).windows[0]!.conversations === 4,
      {
        timeoutMs: 20_000,
        message: 'bad event dead-lettered, the four good ones counted',
      },
    );
    expect(dead.map((e) => e.conversationId)).toEqual([ids[2]]);
    expect(countsOf((await day()).windows[0]!)).toEqual([4, 2, 2, 0]);
    await dlq.stop();
    await overlap.server.stop();
    overlap.client.close();
    client.close();
  });

  it('rejects bad requests with a reason', async () => {
    const { client } = await startServer(uniqueName('g'));
    await expect(
      client.getResolutionRate({
        tenantId: t.kr,
        granularity: Granularity.GRANULARITY_UNSPECIFIED,
        from: '2025-03-01',
        to: '2025-03-02',
        channel: '',
        skill: '',
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('granularity') });
    await expect(
      client.getReturnReasons({
        tenantId: t.kr,
        from: '2025-02-30',
        to: '2025-03-02',
        productType: '',
        sku: '',
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('from') });
    await expect(
      client.getReturnReasons({
        tenantId: '',
        from: '2025-03-01',
        to: '2025-03-02',
        productType: '',
        sku: '',
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('tenant_id') });
    client.close();
  });
});
