// The gateway under test, in its own process(es). BENCH_GATEWAY_PROCESSES > 1 runs that many
// replicas under node:cluster sharing one port (the way a Service spreads connections over pods);
// each is a complete gateway (own bus client, own database pool), so this needs PostgreSQL.
// Talks to run.cjs over IPC: → {type:'ready', port, pids}; 'collect' → {type:'collected', ...}; 'stop'.
'use strict';
const cluster = require('node:cluster');
const path = require('node:path');
const { TENANTS } = require('./common.cjs');

const root = path.resolve(__dirname, '..', '..');
// BENCH_GATEWAY_DIR: another build of the app (A/B comparisons), default apps/gateway.
const appDir = path.resolve(process.env.BENCH_GATEWAY_DIR ?? path.join(root, 'apps/gateway'));
const PROCESSES = Number(process.env.BENCH_GATEWAY_PROCESSES ?? 1);

if (cluster.isPrimary && PROCESSES > 1) primary();
else
  gateway().catch((err) => {
    console.error(err);
    process.exit(1);
  });

function primary() {
  if (!process.env.DATABASE_URL)
    throw new Error('several gateway processes need DATABASE_URL (PGlite is per process)');
  const workers = Array.from({ length: PROCESSES }, () => cluster.fork());
  const ready = [];
  let pending;
  let collected = [];
  for (const w of workers) {
    w.on('message', (m) => {
      if (m.type === 'ready') {
        ready.push(m);
        if (ready.length === workers.length)
          process.send({ type: 'ready', port: m.port, pids: [process.pid, ...ready.map((r) => r.pids[0])] });
      } else if (m.type === 'collected') {
        collected.push(m);
        if (collected.length === workers.length) {
          process.send({
            type: 'collected',
            publishMs: collected.flatMap((c) => c.publishMs),
            batches: collected.flatMap((c) => c.batches),
          });
          collected = [];
        }
      }
    });
  }
  process.on('message', (m) => {
    if (m === 'collect') for (const w of workers) w.send('collect');
    if (m === 'stop') {
      let alive = workers.length;
      for (const w of workers) {
        w.once('exit', () => --alive === 0 && process.exit(0));
        w.send('stop');
      }
    }
  });
  void pending;
}

async function gateway() {
  const { createServer } = require(path.join(appDir, 'dist/server.js'));
  const { loadTenants } = require(path.join(appDir, 'dist/domain/tenants.js'));
  const { createBus, TOPICS } = require('@boomerang/kit/bus');
  const { silentLogger } = require('@boomerang/kit/logger');
  const { openSql } = require('@boomerang/kit/sql');

  const sql = await openSql({ databaseUrl: process.env.DATABASE_URL, schema: process.env.BENCH_SCHEMA });
  const logger = silentLogger();
  const brokers = process.env.KAFKA_BROKERS ? process.env.KAFKA_BROKERS.split(',') : undefined;
  const bus = createBus({
    brokers,
    clientId: 'gateway-bench',
    logger,
    namespace: process.env.BENCH_NAMESPACE,
  });
  // Publish latency: time in bus.publish, attributed to every message of the (coalesced) batch.
  let publishMs = [];
  let batches = [];
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
    sql,
    bus,
    logger,
    tenants: loadTenants(TENANTS),
    settings: {
      webchatSecret: 'bench-secret-0123456789abcdef0123',
      rateLimit: { perMinute: 600, burst: 100 },
    },
  });
  const { httpPort } = await server.start({
    httpPort: Number(process.env.BENCH_PORT ?? 0),
    host: '127.0.0.1',
  });
  process.on('message', async (m) => {
    if (m === 'collect') {
      process.send({ type: 'collected', publishMs, batches });
      publishMs = [];
      batches = [];
    }
    if (m === 'stop') {
      await server.stop();
      await bus.close();
      await sql.close();
      process.exit(0);
    }
  });
  process.send({ type: 'ready', port: httpPort, pids: [process.pid] });
}
