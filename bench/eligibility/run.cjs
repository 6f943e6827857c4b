#!/usr/bin/env node
// Eligibility benchmark: line-item decisions per second on one core (compiled json-rules-engine
// rules vs the reference evaluator vs json-rules-engine's own Engine), and Check over gRPC with 32
// concurrent callers. Uses the built apps/eligibility/dist. Prints one JSON object.
const path = require('node:path');
const os = require('node:os');
const { fork } = require('node:child_process');
const dist = path.resolve(__dirname, '../../apps/eligibility/dist');
const { validatePolicy } = require(`${dist}/domain/policy.js`);
const { compilePolicy } = require(`${dist}/domain/compile.js`);
const { evaluateOrder } = require(`${dist}/domain/evaluate.js`);
const { referenceEvaluate } = require(`${dist}/domain/reference.js`);
const { computeFacts } = require(`${dist}/domain/facts.js`);
const { Engine } = require('json-rules-engine');
const { Order } = require('@boomerang/proto/boomerang/commerce/v1/order');
const { EligibilityServiceClient } = require('@boomerang/proto/boomerang/eligibility/v1/eligibility');
const { createClient } = require('@boomerang/kit/grpc');

const POLICY_JSON = require('./policy.json');
const SECONDS = Number(process.env.BOOMERANG_BENCH_SECONDS || 3);
const CALLERS = 32;
const CHECKS = Number(process.env.BOOMERANG_BENCH_CHECKS || 4000);
const DAY = 86_400_000;

// Deterministic pseudo-random orders (mulberry32).
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
function makeOrders(n, now) {
  const r = rng(42);
  const types = ['Sukienki', 'Buty', 'Bielizna', 'Koszule', 'Akcesoria', 'Gift card'];
  const tags = ['final-sale', 'wyprzedaz', 'nowosc', 'personalizowane', 'lato'];
  const out = [];
  for (let i = 0; i < n; i++) {
    const created = now - Math.floor(r() * 90 * DAY);
    const items = [];
    const count = 1 + Math.floor(r() * 4);
    for (let k = 0; k < count; k++) {
      items.push({
        id: `li-${i}-${k}`,
        sku: r() < 0.05 ? 'GIFT-BOX-01' : `SKU-${Math.floor(r() * 500)}`,
        title: 'Produkt',
        productType: pick(r, types),
        tags: r() < 0.3 ? [pick(r, tags)] : [],
        collections: r() < 0.15 ? ['Outlet'] : [],
        quantity: 1 + Math.floor(r() * 3),
        returnedQuantity: 0,
        giftCard: r() < 0.03,
        unitPrice: { amount: (5 + Math.floor(r() * 400)).toFixed(2), currencyCode: 'PLN' },
      });
    }
    const shipped = created + Math.floor(r() * 3 * DAY);
    const delivered = r() < 0.9 ? shipped + Math.floor(r() * 4 * DAY) : undefined;
    out.push(
      Order.fromPartial({
        tenantId: 'bench-tenant',
        id: `order-${i}`,
        createdAt: new Date(created),
        financialStatus: 2,
        shippingAddress: { countryCode: r() < 0.85 ? 'PL' : pick(r, ['DE', 'US', 'KR']) },
        lineItems: items,
        fulfillments: [
          {
            id: `f-${i}`,
            lineItemIds: items.map((x) => x.id),
            fulfilledAt: new Date(shipped),
            deliveredAt: delivered && new Date(delivered),
          },
        ],
        refunds: r() < 0.1 ? [{ id: `r-${i}`, lines: [{ lineItemId: items[0].id, quantity: 1 }] }] : [],
      }),
    );
  }
  return out;
}

// Decisions per second of wall time and per second of this process's CPU time: on a shared,
// loaded machine the CPU-time figure is what one core delivers; the wall figure is what we got.
function throughput(fn, orders, seconds) {
  for (let i = 0; i < 2000; i++) fn(orders[i % orders.length]); // warm up
  let decisions = 0;
  let i = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    for (let k = 0; k < 100; k++) decisions += fn(orders[i++ % orders.length]).length;
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    per_cpu_s: Math.round(decisions / ((cpu.user + cpu.system) / 1e6)),
    per_wall_s: Math.round(decisions / wall),
  };
}

async function libraryThroughput(cp, orders, now, seconds) {
  const engine = new Engine(cp.rules);
  const facts = orders.flatMap((o) => computeFacts(cp.plan, o, now).map((l) => l.facts));
  for (let i = 0; i < 500; i++) await engine.run({ ...facts[i % facts.length] });
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    await engine.run({ ...facts[n++ % facts.length] });
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    runs_per_cpu_s: Math.round(n / ((cpu.user + cpu.system) / 1e6)),
    runs_per_wall_s: Math.round(n / wall),
    note: 'json-rules-engine Engine.run on the same compiled rules, facts precomputed (one run = one line item, without facts, trace or explanation)',
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function grpcBench(orders, now) {
  const child = fork(path.join(__dirname, 'server-child.cjs'), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const client = createClient(EligibilityServiceClient, `127.0.0.1:${ready.grpcPort}`, {
    deadlineMs: 10_000,
  });
  try {
    await client.putPolicy({
      tenantId: 'bench-tenant',
      policyJson: JSON.stringify(POLICY_JSON),
      expectedVersion: 0,
    });
    const call = (o) =>
      client.check({ tenantId: 'bench-tenant', order: o, now, policyVersion: 0, locale: 'pl' });
    for (let i = 0; i < 200; i++) await call(orders[i]); // warm up (compile + caches)
    const latencies = [];
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < CHECKS) {
          const o = orders[next++ % orders.length];
          const t = process.hrtime.bigint();
          await call(o);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    latencies.sort((a, b) => a - b);
    return {
      database: ready.dialect,
      concurrent_callers: CALLERS,
      calls: latencies.length,
      calls_per_s: Math.round(latencies.length / seconds),
      p50_ms: +percentile(latencies, 50).toFixed(2),
      p99_ms: +percentile(latencies, 99).toFixed(2),
      max_ms: +latencies[latencies.length - 1].toFixed(2),
      note: 'server in a child process; each Check answers with trace and Polish explanations and queues the order for the recent-orders table (written behind in batches)',
    };
  } finally {
    client.close();
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

(async () => {
  const policy = validatePolicy(POLICY_JSON);
  const cp = compilePolicy(policy);
  const now = new Date('2026-06-15T10:00:00Z');
  const orders = makeOrders(2000, now.getTime());
  const lines = orders.reduce((s, o) => s + o.lineItems.length, 0);
  const compiled = throughput((o) => evaluateOrder(cp, o, now), orders, SECONDS);
  const reference = throughput((o) => referenceEvaluate(policy, o, now), orders, SECONDS);
  const library = await libraryThroughput(cp, orders, now, Math.min(SECONDS, 2));
  const grpc = await grpcBench(orders, now);
  const eligible = orders.flatMap((o) => evaluateOrder(cp, o, now)).filter((d) => d.eligible).length;
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'eligibility',
        node: process.version,
        cpus: os.cpus().length,
        loadavg_1m: +os.loadavg()[0].toFixed(2),
        policy_rules: cp.rules.length,
        orders: orders.length,
        line_items: lines,
        eligible_share: +(eligible / lines).toFixed(3),
        decisions_per_s: {
          compiled_engine: compiled,
          reference: reference,
          engine_vs_reference: +(compiled.per_cpu_s / reference.per_cpu_s).toFixed(2),
          target: '>= 50000 per core and within 3x of the reference (engine_vs_reference >= 0.33)',
        },
        json_rules_engine_library: library,
        grpc_check: grpc,
      },
      null,
      2,
    )}\n`,
  );
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
