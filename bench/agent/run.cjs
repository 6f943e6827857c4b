#!/usr/bin/env node
// Agent turn benchmark: inbound topic → agent → outbound topic, over the in-process bus (or Kafka
// with KAFKA_BROKERS) and PGlite (or PostgreSQL with DATABASE_URL). Prints JSON.
//
// What is real: the agent (understanding, state machine, the SQL transaction, the outbox and its
// relay, the consumer) and the bus/database named in the output. What is not: knowledge,
// eligibility, commerce and handoff are in-process fakes answering after `--downstream-ms`
// (default 0), so this measures the agent itself; `downstreamCallsPerTurn` says which of them a
// turn called. Turn mix (round robin over 200 conversations): 5 of 7 are policy questions in
// en/ko/pl (→ knowledge.Answer), 2 of 7 greeting/thanks (no downstream call).
//
// Load: an open-loop generator publishes every turn due at its tick in one publish call, without
// waiting for earlier publishes. `topicToTopicMs` is the issue's measure, "from inbound topic to
// outbound topic": the reply's broker append time minus its message's (both bench topics use
// LogAppendTime; whole ms). `latencyMs` is wider: from the publish call (so the load generator's own
// produce request and its queue are in it) until a batch tap consumed the reply. `scheduleLagMs`
// is how late the generator itself was (same process). A warm-up phase (`--warmup` turns, same rate) runs first and is not measured.
//
// Usage (from apps/agent after `npm run build`):
//   npm run bench [-- --turns 3000 --rate 500 --conversations 200 --warmup 500 --downstream-ms 0]
const path = require('node:path');
const os = require('node:os');
const { fork } = require('node:child_process');
// BENCH_AGENT_DIST: another build of the agent (e.g. an older commit's, for before/after numbers).
const dist = path.resolve(process.env.BENCH_AGENT_DIST ?? path.join(__dirname, '../../apps/agent/dist'));
const { createServer } = require(path.join(dist, 'server.js'));
// Older builds do not export them: the kit's defaults and the batch size they used.
const { kafkaTuning = {}, INBOUND_BATCH = 200 } = require(path.join(dist, 'config.js'));
const { createBus, partitionForKey, TOPICS, withDlqs } = require('@boomerang/kit/bus');
const { openSql } = require('@boomerang/kit/sql');
const { silentLogger } = require('@boomerang/kit/logger');
const { Channel, InboundMessage, OutboundMessage } = require('@boomerang/proto/boomerang/events/v1/channel');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const TURNS = arg('turns', 3000);
const RATE = arg('rate', 500);
const CONVS = arg('conversations', 200);
const WARMUP = arg('warmup', 500);
const DOWNSTREAM_MS = arg('downstream-ms', 0);
// --floor: the agent replaced by a consumer that only decodes each inbound message and publishes a
// reply (same consumer settings, the replies of one fetch in one publish call; no SQL, no turn): the
// latency the bus, the load process and this machine add on their own, to compare the agent with.
const FLOOR = process.argv.includes('--floor');

const calls = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Fake port method: counts its calls, answers after DOWNSTREAM_MS. */
const fake = (name, value) => async () => {
  calls[name] = (calls[name] ?? 0) + 1;
  if (DOWNSTREAM_MS > 0) await sleep(DOWNSTREAM_MS);
  return typeof value === 'function' ? value() : value;
};
const ports = {
  knowledge: {
    answer: fake('knowledge.Answer', () => ({
      found: true,
      answer: 'Items can be returned within 30 days of delivery.',
      citations: [{ title: 'Policy', url: 'https://x', section: 'Window', quote: '' }],
      confidence: 0.9,
      language: 'en',
    })),
    documentCount: fake('knowledge.documentCount', 1),
    statedReturnWindows: fake('knowledge.statedReturnWindows', () => []),
  },
  eligibility: {
    check: fake('eligibility.Check', () => []),
    policyWindowDays: fake('eligibility.policyWindowDays', 30),
  },
  commerce: {
    listProviders: fake('commerce.ListProviders', () => [{ kind: 'loop', connected: true, detail: '' }]),
  },
  handoff: {
    routing: fake('handoff.routing', () => ({ configured: true, destination: 'desk' })),
    testHandoff: fake('handoff.TestHandoff', () => ({ ok: true })),
    forward: fake('handoff.Forward', 'appended'),
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

/** Counts statements (BEGIN/COMMIT included) and transactions. */
function countingSql(sql) {
  const n = { statements: 0, transactions: 0, txMs: [] };
  const wrapQ = (q) => ({
    query: (t, p) => {
      n.statements++;
      return q.query(t, p);
    },
    exec: (s) => {
      n.statements++;
      return q.exec(s);
    },
    // The last statement of a transaction, sent with its COMMIT (counted with the transaction).
    ...(q.commitWith
      ? {
          commitWith: (t, p) => {
            n.statements++;
            return q.commitWith(t, p);
          },
        }
      : {}),
  });
  return {
    counts: n,
    sql: {
      ...sql,
      ...wrapQ(sql),
      dialect: sql.dialect,
      transaction: async (fn) => {
        n.transactions++;
        n.statements += 2; // BEGIN, COMMIT
        const t0 = performance.now();
        try {
          return await sql.transaction((tx) => fn(wrapQ(tx)));
        } finally {
          n.txMs.push(performance.now() - t0);
        }
      },
      close: () => sql.close(),
    },
  };
}

const pct = (sorted, p) =>
  Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(2));

/**
 * The load side: an open-loop generator on the inbound topic and a batch tap on the outbound one.
 * `phase('measure')` is called when the measured run starts. Returns the measured numbers.
 */
async function load(bus, publishInbound, phase) {
  const sent = new Map();
  let latencies = [];
  // Where the time goes: inbound publish call → the agent's reply publish (the outbound record's
  // CreateTime, set by the agent's producer) and from there → the tap's consume.
  let toReplyPublish = [];
  let replyToTap = [];
  let waiting;
  // "From inbound topic to outbound topic": both bench topics stamp records with the broker's append
  // time (LogAppendTime, see BENCH_TOPICS), so a turn's latency in the issue's terms is its reply's
  // append minus its message's append (from the produce response), without the load generator's
  // produce request before it and the tap's fetch after it (both in latencyMs).
  let topicToTopic = [];
  const inboundAt = new Map();
  const outboundAt = new Map();
  const matchAppend = (id, inAt, outAt) => {
    if (inAt === undefined) outboundAt.set(id, outAt);
    else if (outAt === undefined) inboundAt.set(id, inAt);
    else topicToTopic.push(outAt - inAt);
  };
  const tap = await bus.subscribeBatch(
    { topics: [TOPICS.channelOutbound.name], groupId: 'bench-tap', fromBeginning: true, maxBatchSize: 1000 },
    async (batch) => {
      const now = process.hrtime.bigint();
      const nowWall = Date.now();
      for (const m of batch) {
        const out = OutboundMessage.decode(m.value);
        const inAt = inboundAt.get(out.inReplyTo);
        inboundAt.delete(out.inReplyTo);
        matchAppend(out.inReplyTo, inAt, m.timestamp);
        const t0 = sent.get(out.inReplyTo);
        if (t0 === undefined) continue;
        sent.delete(out.inReplyTo);
        latencies.push(Number(now - t0.hr) / 1e6);
        toReplyPublish.push(m.timestamp - t0.wall);
        replyToTap.push(nowWall - m.timestamp);
      }
      if (waiting && latencies.length >= waiting.n && topicToTopic.length >= waiting.n) waiting.resolve();
    },
  );
  const replies = (n, timeoutMs) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      waiting = {
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      if (latencies.length >= n && topicToTopic.length >= n) waiting.resolve();
    });

  /** Open loop: at each tick, one publish call with every turn due by then (not awaited in line). */
  async function offer(prefix, turns) {
    const publishes = [];
    const lags = [];
    const started = performance.now();
    const interval = 1000 / RATE;
    let i = 0;
    while (i < turns) {
      const now = performance.now();
      const due = Math.min(turns, Math.floor((now - started) / interval) + 1);
      if (due > i) {
        const records = [];
        const t0 = { hr: process.hrtime.bigint(), wall: Date.now() };
        for (; i < due; i++) {
          lags.push(now - (started + i * interval));
          const conv = `c${i % CONVS}`;
          const msg = InboundMessage.fromPartial({
            messageId: `${prefix}-${i}`,
            tenantId: 'bench',
            conversationId: conv,
            channel: Channel.CHANNEL_WEBCHAT,
            sender: 'v',
            text: TEXTS[i % TEXTS.length],
            receivedAt: new Date(),
          });
          sent.set(msg.messageId, t0);
          records.push({
            id: msg.messageId,
            key: `bench/${conv}`,
            value: InboundMessage.encode(msg).finish(),
          });
        }
        publishes.push(
          publishInbound(records).then((appended) => {
            for (const [id, at] of appended) {
              const outAt = outboundAt.get(id);
              outboundAt.delete(id);
              matchAppend(id, at, outAt);
            }
            if (waiting && latencies.length >= waiting.n && topicToTopic.length >= waiting.n)
              waiting.resolve();
          }),
        );
      }
      const next = started + i * interval - performance.now();
      await sleep(Math.max(1, next));
    }
    await Promise.all(publishes);
    return lags;
  }

  // Warm-up (JIT, connection pools, consumer assignment): not measured.
  if (WARMUP > 0) {
    await offer('w', WARMUP);
    await replies(WARMUP, 60_000);
  }
  latencies = [];
  toReplyPublish = [];
  replyToTap = [];
  topicToTopic = [];
  inboundAt.clear();
  outboundAt.clear();
  sent.clear();
  await phase('measure');
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const lags = await offer('b', TURNS);
  await replies(TURNS, 120_000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await tap.stop();
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  toReplyPublish.sort((a, b) => a - b);
  replyToTap.sort((a, b) => a - b);
  topicToTopic.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    seconds,
    cpuMs: (cpu.user + cpu.system) / 1000,
    latencyMs: {
      p50: pct(latencies, 50),
      p90: pct(latencies, 90),
      p99: pct(latencies, 99),
      max: pct(latencies, 100),
    },
    // Broker append times, whole milliseconds (±1 ms).
    topicToTopicMs: {
      p50: pct(topicToTopic, 50),
      p90: pct(topicToTopic, 90),
      p99: pct(topicToTopic, 99),
      max: pct(topicToTopic, 100),
    },
    scheduleLagMs: { p99: pct(lags, 99), max: pct(lags, 100) },
    // Millisecond wall clock (record timestamps), so ±1 ms each.
    stagesMs: {
      toReplyPublish: { p50: pct(toReplyPublish, 50), p99: pct(toReplyPublish, 99) },
      replyPublishToTap: { p50: pct(replyToTap, 50), p99: pct(replyToTap, 99) },
    },
  };
}

/** The --floor stand-in for the agent: consume inbound, publish one reply each. */
async function transportFloor(bus) {
  let pending = [];
  let scheduled = false;
  const sub = await bus.subscribeBatch(
    {
      topics: [TOPICS.channelInbound.name],
      groupId: 'agent',
      fromBeginning: true,
      maxBatchSize: INBOUND_BATCH,
    },
    async (batch) => {
      for (const m of batch) {
        const inbound = InboundMessage.decode(m.value);
        const reply = OutboundMessage.fromPartial({
          messageId: `agent:${inbound.messageId}`,
          inReplyTo: inbound.messageId,
          tenantId: inbound.tenantId,
          conversationId: inbound.conversationId,
          channel: inbound.channel,
          recipient: inbound.sender,
          language: 'en',
          parts: [{ text: { text: 'ok' } }],
          createdAt: new Date(),
        });
        pending.push({ key: m.key, value: OutboundMessage.encode(reply).finish() });
      }
      // The batches of one fetch share one publish (as the agent's group commit and relay do).
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          const records = pending;
          pending = [];
          void bus.publish(TOPICS.channelOutbound.name, records);
        });
      }
    },
  );
  return { stop: () => sub.stop() };
}

/** The bench's own (namespaced) topics; inbound and outbound stamped with the broker's append time. */
const appendTime = { 'message.timestamp.type': 'LogAppendTime' };
const BENCH_TOPICS = [
  { ...TOPICS.channelInbound, config: { ...TOPICS.channelInbound.config, ...appendTime } },
  { ...TOPICS.channelOutbound, config: { ...TOPICS.channelOutbound.config, ...appendTime } },
  TOPICS.agentOutcomes,
  TOPICS.ticketEvents,
];

function createBenchBus(namespace) {
  const brokers = process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',') : undefined;
  const logger = process.env.BENCH_LOG
    ? require('pino')({ level: process.env.BENCH_LOG }, process.stderr)
    : silentLogger();
  return {
    brokers,
    logger,
    bus: createBus({ brokers, clientId: 'agent-bench', logger, namespace, kafka: kafkaTuning }),
  };
}

/**
 * Publishes the inbound records of one tick; resolves each one's append time (message id → ms). Over
 * Kafka a kafkajs producer with the bus's settings (acks all, one request in flight, the default
 * murmur2 partitioner) reads it from the produce response (LogAppendTime topic); the in-process bus
 * has no broker clock, so there it is the publish time.
 */
function inboundPublisher(bus, brokers, namespace) {
  if (!brokers)
    return async (records) => {
      await bus.publish(
        TOPICS.channelInbound.name,
        records.map(({ key, value }) => ({ key, value })),
      );
      const at = Date.now();
      return records.map((r) => [r.id, at]);
    };
  const { Kafka, Partitioners, logLevel } = require('kafkajs');
  const producer = new Kafka({ clientId: 'agent-bench-load', brokers, logLevel: logLevel.NOTHING }).producer({
    idempotent: false,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const topic = `${namespace}.${TOPICS.channelInbound.name}`;
  const connected = producer.connect();
  const publish = async (records) => {
    await connected;
    const withPartition = records.map((r) => ({
      ...r,
      partition: partitionForKey(r.key, TOPICS.channelInbound.partitions),
    }));
    const meta = await producer.send({
      topic,
      acks: -1,
      messages: withPartition.map(({ key, value, partition }) => ({
        key,
        value: Buffer.from(value),
        partition,
      })),
    });
    const appendedAt = new Map(meta.map((m) => [m.partition, Number(m.logAppendTime)]));
    return withPartition.map((r) => [r.id, appendedAt.get(r.partition)]);
  };
  publish.close = () => producer.disconnect();
  return publish;
}

/** The load side in its own process (Kafka only): talks to the agent side over IPC. */
async function loadProcess() {
  const { bus, brokers } = createBenchBus(process.env.BENCH_NAMESPACE);
  const publishInbound = inboundPublisher(bus, brokers, process.env.BENCH_NAMESPACE);
  const result = await load(
    bus,
    publishInbound,
    (name) =>
      new Promise((resolve) => {
        process.once('message', resolve);
        process.send({ phase: name });
      }),
  );
  await publishInbound.close?.();
  await bus.close();
  process.send({ result });
}

async function main() {
  if (process.argv.includes('--role-load')) return loadProcess();
  const namespace = `bench-${Date.now().toString(36)}`;
  const { bus, brokers, logger } = createBenchBus(namespace);
  // Over Kafka the load generator and tap run in a process of their own (as the gateway and the
  // consumers of replies would), so the agent's CPU and event loop are its own; --single-process
  // keeps them in one (always so for the in-process bus).
  const split = Boolean(brokers) && !process.argv.includes('--single-process');
  await bus.ensureTopics(withDlqs(BENCH_TOPICS));
  const schema = process.env.DATABASE_URL ? `bench_${Date.now().toString(36)}` : undefined;
  const raw = await openSql({ databaseUrl: process.env.DATABASE_URL, schema, max: 10 });
  const { sql, counts } = countingSql(raw);
  let agent;
  if (FLOOR) agent = await transportFloor(bus);
  else {
    agent = createServer({ sql, bus, logger, ports });
    await agent.start({ grpcPort: 0 });
    await agent.settings.updateChannel('bench', Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: 'Hi',
      skills: [],
    });
  }

  let cpu0;
  const measure = () => {
    for (const k of Object.keys(calls)) delete calls[k];
    counts.statements = 0;
    counts.transactions = 0;
    counts.txMs = [];
    cpu0 = process.cpuUsage();
  };
  let result;
  if (split) {
    const child = fork(__filename, [...process.argv.slice(2), '--role-load'], {
      env: { ...process.env, BENCH_NAMESPACE: namespace },
    });
    result = await new Promise((resolve, reject) => {
      child.on('message', (m) => {
        if (m.phase) {
          measure();
          child.send('go');
        } else if (m.result) resolve(m.result);
      });
      child.on('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
    });
  } else {
    const publishInbound = inboundPublisher(bus, brokers, namespace);
    result = await load(bus, publishInbound, async () => measure());
    await publishInbound.close?.();
  }
  const cpu = process.cpuUsage(cpu0);
  const done = Math.max(1, result.completed);
  const perTurn = (n) => Number((n / done).toFixed(3));
  const agentCpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      benchmark: FLOOR ? 'agent-turn transport floor (no agent: a consumer that echoes)' : 'agent-turn',
      database: raw.dialect,
      bus: brokers ? 'kafka' : 'in-process',
      processes: split ? 'agent | load generator + tap' : 'one (agent + load generator + tap)',
      downstream: `in-process fakes, ${DOWNSTREAM_MS} ms each`,
      offeredRate: RATE,
      turns: TURNS,
      completed: result.completed,
      conversations: CONVS,
      turnsPerSecond: Number((result.completed / result.seconds).toFixed(1)),
      latencyMs: result.latencyMs,
      topicToTopicMs: result.topicToTopicMs,
      scheduleLagMs: result.scheduleLagMs,
      stagesMs: result.stagesMs,
      // CPU of the agent's process per completed turn (PGlite's database work included; in one
      // process also the load generator and tap); the load process's own CPU separately.
      cpuMsPerTurn: Number((agentCpuMs / done).toFixed(3)),
      ...(split ? { loadProcessCpuMsPerTurn: Number((result.cpuMs / done).toFixed(3)) } : {}),
      sqlStatementsPerTurn: perTurn(counts.statements),
      sqlTransactionsPerTurn: perTurn(counts.transactions),
      // Wall time of the agent's transactions (a group transaction holds the turns of one fetch).
      transactionMs: (() => {
        const t = counts.txMs.sort((a, b) => a - b);
        return { p50: pct(t, 50), p99: pct(t, 99) };
      })(),
      downstreamCallsPerTurn: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, perTurn(v)])),
      inboundBatchMax: INBOUND_BATCH,
      loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    })}\n`,
  );
  await agent.stop();
  if (brokers) await bus.deleteTopics(BENCH_TOPICS.map((t) => t.name));
  await bus.close();
  await sql.close();
  if (schema) {
    const admin = await openSql({ databaseUrl: process.env.DATABASE_URL, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
