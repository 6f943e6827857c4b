// Load generator, in its own process so its CPU is not charged to the gateway. Builds and signs
// all requests first ('prepared'), then on 'go' sends them over BENCH_CONNECTIONS keep-alive
// connections (undici Pool) and reports statuses, HTTP latency and its own CPU time.
'use strict';
const { Pool } = require('undici');
const { twilioRequests, whatsappRequests, percentile } = require('./common.cjs');

process.once('message', async ({ base, scenario, count, connections, seconds }) => {
  const requests = scenario === 'whatsapp' ? whatsappRequests(count) : twilioRequests(base, count);
  const pool = new Pool(base, { connections, pipelining: 1 });
  process.send({ type: 'prepared' });
  await new Promise((resolve) => process.once('message', resolve));
  const latencies = [];
  const statuses = {};
  let next = 0;
  const deadline = Date.now() + seconds * 1000;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  async function worker() {
    while (next < requests.length && Date.now() < deadline) {
      const r = requests[next++];
      const t = performance.now();
      try {
        const res = await pool.request({ method: 'POST', path: r.path, body: r.body, headers: r.headers });
        await res.body.dump();
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      } catch (err) {
        statuses[err.code ?? 'error'] = (statuses[err.code ?? 'error'] ?? 0) + 1;
      }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await pool.close();
  latencies.sort((a, b) => a - b);
  process.send({
    type: 'done',
    requests: latencies.length,
    seconds: elapsed,
    statuses,
    http_ms: { p50: +percentile(latencies, 50).toFixed(2), p99: +percentile(latencies, 99).toFixed(2) },
    cpu_ms: (cpu.user + cpu.system) / 1000,
  });
  process.disconnect();
});
