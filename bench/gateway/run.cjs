#!/usr/bin/env node
// Gateway benchmark: verified webhooks per second and publish latency, loopback load from undici.
// Uses the built dist (cd apps/gateway && npm run build). Prints JSON. Bounded by count and time.
//   BENCH_COUNT (per scenario, default 5000), BENCH_SECONDS (cap per scenario, default 30),
//   BENCH_CONNECTIONS (default 32), DATABASE_URL (else in-memory PGlite), KAFKA_BROKERS (adds a Kafka run).
'use strict';
const { createHmac, randomBytes } = require('node:crypto');
const path = require('node:path');
const os = require('node:os');
const { Pool } = require('undici');

const root = path.resolve(__dirname, '..', '..');
const { createServer } = require(path.join(root, 'apps/gateway/dist/server.js'));
const { loadTenants } = require(path.join(root, 'apps/gateway/dist/domain/tenants.js'));
const { createBus, TOPICS } = require('@boomerang/kit/bus');
const { silentLogger } = require('@boomerang/kit/logger');
const { openTestSql } = require('@boomerang/kit/sql');

const COUNT = Number(process.env.BENCH_COUNT ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ACCOUNT = `AC${'0'.repeat(32)}`;
const TWILIO_TOKEN = 'bench-twilio-token';
const WA_SECRET = 'bench-whatsapp-secret';

const tenants = loadTenants({
  bench: {
    channels: {
      sms: { accountSid: ACCOUNT, authToken: { value: TWILIO_TOKEN }, from: '+15005550006', apiBaseUrl: 'http://127.0.0.1:9' },
      whatsapp: {
        phoneNumberId: '1065',
        appSecret: { value: WA_SECRET },
        verifyToken: { value: 'v' },
        accessToken: { value: 'a' },
        graphBaseUrl: 'http://127.0.0.1:9',
      },
    },
  },
});

function signTwilio(url, params) {
  let data = url;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  return createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64');
}

function twilioRequests(base, n) {
  const url = `${base}/v1/twilio/bench/sms`;
  return Array.from({ length: n }, (_, i) => {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params = {
      MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: ACCOUNT, From: `+4860${String(i).padStart(7, '0')}`,
      To: '+15005550006', Body: i % 3 === 0 ? '반품하고 싶어요' : i % 3 === 1 ? 'Chcę zwrócić kurtkę' : 'I want to return my jacket',
      NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01',
    };
    return {
      path: '/v1/twilio/bench/sms',
      body: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(url, params) },
    };
  });
}

function whatsappRequests(n) {
  return Array.from({ length: n }, (_, i) => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp', metadata: { display_phone_number: '1555', phone_number_id: '1065' },
        contacts: [{ profile: { name: 'Shopper' }, wa_id: `48${i}` }],
        messages: [{ from: `48${i}`, id: `wamid.${randomBytes(12).toString('hex')}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'Gdzie jest mój zwrot?' } }],
      } }] }],
    });
    return {
      path: '/v1/whatsapp/bench',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', WA_SECRET).update(body).digest('hex')}` },
    };
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(base, requests) {
  const pool = new Pool(base, { connections: CONNECTIONS, pipelining: 1 });
  const latencies = [];
  const statuses = {};
  let next = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  async function worker() {
    while (next < requests.length && Date.now() < deadline) {
      const r = requests[next++];
      const t = performance.now();
      const res = await pool.request({ method: 'POST', path: r.path, body: r.body, headers: r.headers });
      await res.body.dump();
      latencies.push(performance.now() - t);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: +seconds.toFixed(2),
    accepted_per_second: Math.round((statuses[200] ?? 0) / seconds),
    statuses,
    http_ms: { p50: +percentile(latencies, 50).toFixed(2), p99: +percentile(latencies, 99).toFixed(2) },
    // CPU of this process (gateway + load generator) per request: what a shared machine cannot distort.
    cpu_ms_per_request: +((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(3),
    capacity_per_core_estimate: Math.round(1000 / ((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length))),
  };
}

async function scenario(busName, brokers) {
  const db = await openTestSql(process.env.DATABASE_URL);
  const logger = silentLogger();
  const bus = createBus({ brokers, clientId: 'gateway-bench', logger, namespace: `bench-${randomBytes(4).toString('hex')}` });
  // Publish latency: time in bus.publish, attributed to every message of the (coalesced) batch.
  const publishMs = [];
  const batches = [];
  const publish = bus.publish.bind(bus);
  bus.publish = async (topic, records) => {
    const t = performance.now();
    await publish(topic, records);
    if (topic.endsWith(TOPICS.channelInbound.name)) {
      const ms = performance.now() - t;
      const n = Array.isArray(records) ? records.length : 1;
      batches.push(n);
      for (let i = 0; i < n; i++) publishMs.push(ms);
    }
  };
  const server = createServer({
    sql: db.sql, bus, logger, tenants,
    settings: { webchatSecret: 'bench-secret-0123456789abcdef0123', rateLimit: { perMinute: 600, burst: 100 } },
  });
  const { httpPort } = await server.start({ httpPort: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${httpPort}`;
  const results = {};
  // Warm-up (JIT, connection pools, prepared plans), not measured.
  await load(base, twilioRequests(base, 300));
  for (const [name, make] of [['twilio_sms', () => twilioRequests(base, COUNT)], ['whatsapp', () => whatsappRequests(COUNT)]]) {
    publishMs.length = 0;
    batches.length = 0;
    const requests = make();
    const r = await load(base, requests);
    const sorted = [...publishMs].sort((a, b) => a - b);
    results[name] = { ...r, publish_ms: { p50: +percentile(sorted, 50).toFixed(3), p99: +percentile(sorted, 99).toFixed(3), messages: sorted.length, bus_calls: batches.length } };
  }
  await server.stop();
  await bus.close();
  await db.drop();
  return { bus: busName, database: process.env.DATABASE_URL ? 'postgresql' : 'pglite (in-memory)', ...results };
}

async function main() {
  const out = {
    benchmark: 'gateway inbound webhooks (verify signature → rate limit → durable dedupe → publish → ack)',
    node: process.version,
    cpus: os.cpus().length,
    loadavg_1m: +os.loadavg()[0].toFixed(2),
    count_per_scenario: COUNT,
    connections: CONNECTIONS,
    runs: [],
  };
  out.runs.push(await scenario('in-process', undefined));
  if (process.env.KAFKA_BROKERS) out.runs.push(await scenario('kafka', process.env.KAFKA_BROKERS.split(',')));
  console.log(JSON.stringify(out, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
