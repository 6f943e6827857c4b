#!/usr/bin/env node
// Agent turn benchmark: inbound topic → agent → outbound topic, over the in-process bus (or Kafka
// with KAFKA_BROKERS) and PGlite (or PostgreSQL with DATABASE_URL). The other services are
// replaced by fixed-latency in-process ports, so this measures the agent itself: understanding,
// the state machine, the SQL transaction, the outbox and the bus. Prints JSON.
// Usage (from apps/agent after `npm run build`): npm run bench [-- --turns 2000 --rate 500 --conversations 200]
const path = require('node:path');
const dist = path.resolve(__dirname, '../../apps/agent/dist');
const { createServer } = require(path.join(dist, 'server.js'));
const { createBus, TOPICS, withDlqs } = require('@boomerang/kit/bus');
const { openSql } = require('@boomerang/kit/sql');
const { silentLogger } = require('@boomerang/kit/logger');
const { Channel, InboundMessage, OutboundMessage } = require('@boomerang/proto/boomerang/events/v1/channel');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const TURNS = arg('turns', 2000);
const RATE = arg('rate', 500);
const CONVS = arg('conversations', 200);

const ports = {
  knowledge: {
    answer: async () => ({
      found: true,
      answer: 'Items can be returned within 30 days of delivery.',
      citations: [{ title: 'Policy', url: 'https://x', section: 'Window', quote: '' }],
      confidence: 0.9,
      language: 'en',
    }),
    documentCount: async () => 1,
    statedReturnWindows: async () => [],
  },
  eligibility: { check: async () => [], policyWindowDays: async () => 30 },
  commerce: { listProviders: async () => [{ kind: 'loop', connected: true, detail: '' }] },
  handoff: {
    routing: async () => ({ configured: true, destination: 'desk' }),
    testHandoff: async () => ({ ok: true }),
  },
};

const TEXTS = [
  'What is your return policy?',
  '반품 기간은 며칠인가요?',
  'Ile mam dni na zwrot?',
  'hello',
  'thanks!',
  'Czy zwrot jest darmowy?',
  '세일 상품도 반품 가능한가요?',
];

async function main() {
  const logger = silentLogger();
  const brokers = process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',') : undefined;
  const bus = createBus({
    brokers,
    clientId: 'agent-bench',
    logger,
    namespace: `bench-${Date.now().toString(36)}`,
  });
  await bus.ensureTopics(
    withDlqs([TOPICS.channelInbound, TOPICS.channelOutbound, TOPICS.agentOutcomes, TOPICS.ticketEvents]),
  );
  const sql = await openSql({
    databaseUrl: process.env.DATABASE_URL,
    schema: process.env.DATABASE_URL ? `bench_${Date.now().toString(36)}` : undefined,
    max: 10,
  });
  const agent = createServer({ sql, bus, logger, ports });
  await agent.start({ grpcPort: 0 });
  await agent.settings.updateChannel('bench', Channel.CHANNEL_WEBCHAT, {
    enabled: true,
    introMessage: 'Hi',
    skills: [],
  });
  const sent = new Map();
  const latencies = [];
  let done;
  const finished = new Promise((r) => {
    done = r;
  });
  await bus.subscribe(
    { topics: [TOPICS.channelOutbound.name], groupId: 'bench-tap', fromBeginning: true },
    async (m) => {
      const out = OutboundMessage.decode(m.value);
      const t0 = sent.get(out.inReplyTo);
      if (t0 !== undefined) {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        sent.delete(out.inReplyTo);
        if (latencies.length === TURNS) done();
      }
    },
  );
  const cpu0 = process.cpuUsage();
  const started = process.hrtime.bigint();
  const interval = 1000 / RATE;
  for (let i = 0; i < TURNS; i++) {
    const due = Number(started) / 1e6 + i * interval;
    const wait = due - Number(process.hrtime.bigint()) / 1e6;
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const conv = `c${i % CONVS}`;
    const msg = InboundMessage.fromPartial({
      messageId: `b-${i}`,
      tenantId: 'bench',
      conversationId: conv,
      channel: Channel.CHANNEL_WEBCHAT,
      sender: 'v',
      text: TEXTS[i % TEXTS.length],
      receivedAt: new Date(),
    });
    sent.set(msg.messageId, process.hrtime.bigint());
    await bus.publish(TOPICS.channelInbound.name, {
      key: `bench/${conv}`,
      value: InboundMessage.encode(msg).finish(),
    });
  }
  const timeout = setTimeout(() => done(), 120_000);
  await finished;
  clearTimeout(timeout);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    Number(
      (latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(2),
    );
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'agent-turn',
      database: sql.dialect,
      bus: brokers ? 'kafka' : 'in-process',
      offeredRate: RATE,
      turns: TURNS,
      completed: latencies.length,
      conversations: CONVS,
      turnsPerSecond: Number((latencies.length / seconds).toFixed(1)),
      latencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: pct(100) },
      // Whole-process CPU (agent + load generator + tap + in-process ports) per completed turn.
      cpuMsPerTurn: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(3)),
      loadAverage1m: Number(require('node:os').loadavg()[0].toFixed(2)),
    })}\n`,
  );
  await agent.stop();
  await bus.close();
  await sql.close();
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
