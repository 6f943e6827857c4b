// Wire-test harness: the real server on port 0 (gRPC + HTTP), a per-test database (PGlite, or a
// fresh schema on PostgreSQL), a per-test bus (in-process, or namespaced topics on Kafka), clients,
// and collectors for what was published.
import { createBus, decodeEvent, type EventBus, type Subscription, TOPICS } from '@boomerang/kit/bus';
import { createClient } from '@boomerang/kit/grpc';
import { type Logger, silentLogger } from '@boomerang/kit/logger';
import type { Metrics } from '@boomerang/kit/metrics';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { uniqueName } from '@boomerang/kit/testing';
import { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import { HandoffServiceClient } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { TicketServiceClient } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import type { FetchLike } from '../adapters/http-client';
import type { Clock } from '../domain/ports';
import { createServer, type HandoffServer, type HandoffServerDeps } from '../server';

export interface HarnessOptions {
  databaseUrl?: string;
  brokers?: string[];
  secrets?: Record<string, string>;
  fetch?: FetchLike;
  clock?: Clock;
  leaseMs?: number;
  /** Reuse a database (restart scenarios). */
  sql?: Sql;
  bus?: EventBus;
  /** Service metrics (default none). */
  metrics?: Metrics;
  /** Where the service logs (default silent). */
  logger?: Logger;
  /** The inbound follower's tuning (default: 300 ms grace, fast retries). */
  follow?: HandoffServerDeps['followInbound'];
}

export interface Harness {
  server: HandoffServer;
  sql: Sql;
  bus: EventBus;
  handoff: ReturnType<typeof createClient<HandoffServiceClient>>;
  tickets: ReturnType<typeof createClient<TicketServiceClient>>;
  grpcAddress: string;
  httpUrl: string;
  ticketEvents: TicketEvent[];
  outbound: OutboundMessage[];
  /** Stops the server and clients (keeps the database/bus when they were passed in). */
  close(): Promise<void>;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const db = o.sql ? { sql: o.sql, drop: async () => undefined } : await openTestSql(o.databaseUrl);
  const bus =
    o.bus ??
    createBus({
      brokers: o.brokers,
      clientId: uniqueName('handoff-test'),
      logger: silentLogger(),
      namespace: o.brokers ? uniqueName('ht') : undefined,
    });
  const secrets = o.secrets ?? {};
  const server = createServer({
    sql: db.sql,
    bus,
    logger: o.logger ?? silentLogger(),
    metrics: o.metrics,
    secrets: (ref) => secrets[ref],
    fetch: o.fetch,
    clock: o.clock,
    leaseMs: o.leaseMs,
    http: { initialBackoffMs: 10, maxRetryWaitMs: 2000, timeoutMs: 3000 },
    watchPollMs: 100,
    outboxSweepMs: 200,
    escalations: { minBackoffMs: 50, maxBackoffMs: 400, sweepMs: 100 },
    shutdownGraceMs: 500,
    followInbound: o.follow ?? { graceMs: 300, retryBackoffMs: 100, maxAttempts: 4 },
  });
  const ports = await server.start({ grpcPort: 0, httpPort: 0, host: '127.0.0.1' });
  const grpcAddress = `127.0.0.1:${ports.grpcPort}`;
  const handoff = createClient(HandoffServiceClient, grpcAddress, { deadlineMs: 15_000, maxAttempts: 2 });
  const tickets = createClient(TicketServiceClient, grpcAddress, { deadlineMs: 15_000 });
  const ticketEvents: TicketEvent[] = [];
  const outbound: OutboundMessage[] = [];
  const subs: Subscription[] = [];
  const group = uniqueName('collector');
  subs.push(
    await bus.subscribe(
      { topics: [TOPICS.ticketEvents.name], groupId: `${group}-t`, fromBeginning: true },
      async (m) => {
        ticketEvents.push(decodeEvent(TicketEvent, m.value));
      },
    ),
  );
  subs.push(
    await bus.subscribe(
      { topics: [TOPICS.channelOutbound.name], groupId: `${group}-o`, fromBeginning: true },
      async (m) => {
        outbound.push(decodeEvent(OutboundMessage, m.value));
      },
    ),
  );
  return {
    server,
    sql: db.sql,
    bus,
    handoff,
    tickets,
    grpcAddress,
    httpUrl: `http://127.0.0.1:${ports.httpPort}`,
    ticketEvents,
    outbound,
    async close() {
      handoff.close();
      tickets.close();
      for (const s of subs) await s.stop({ drainMs: 1000 });
      await server.stop();
      if (!o.bus) await bus.close();
      if (!o.sql) await db.drop();
    },
  };
}

export const ko = {
  customerId: 'cust-kr-1',
  email: 'minji.kim@example.kr',
  phone: '+821012345678',
  name: '김민지',
};
export const pl = {
  customerId: 'cust-pl-1',
  email: 'zofia.nowak@example.pl',
  phone: '+48601234567',
  name: 'Zofia Nowak',
};
export const en = {
  customerId: 'cust-en-1',
  email: 'sam.taylor@example.com',
  phone: '+15551234567',
  name: 'Sam Taylor',
};

export function transcript(lang: 'ko' | 'pl' | 'en') {
  const t0 = new Date('2025-03-03T09:00:00Z').getTime();
  const lines = {
    ko: [
      '재킷 반품하고 싶어요. 지퍼가 고장났어요.',
      '반품 가능 기간이 지났습니다.',
      '불량인데요? 상담원 연결해 주세요.',
    ],
    pl: [
      'Chcę zwrócić kurtkę, zamek jest zepsuty.',
      'Termin zwrotu minął.',
      'To wada fabryczna! Poproszę konsultanta.',
    ],
    en: [
      'I want to return my jacket, the zipper is broken.',
      'The return window has ended.',
      "It's defective! Please connect me to a person.",
    ],
  }[lang];
  return lines.map((text, i) => ({
    role: i % 2 === 0 ? 'customer' : 'agent',
    text,
    at: new Date(t0 + i * 60_000),
  }));
}
