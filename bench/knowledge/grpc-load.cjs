// Closed-loop gRPC load generator for the knowledge bench, run as its own process so that its CPU
// (the gRPC client: encoding requests, decoding ~5 KB responses) is not charged to the server and
// does not queue on the server's event loop. `callers` concurrent callers each send the next query
// as soon as their previous answer arrives; a warm-up round (not measured) comes first.
// Input: a JSON file {port, queries, callers, total, warmup} (argv[2]); output on stdout: the line
// "warm" when the warm-up is over (the parent starts measuring the server's CPU), then one JSON line.
const { readFileSync } = require('node:fs');
const { createClient } = require('@boomerang/kit/grpc');
const { KnowledgeServiceClient } = require('@boomerang/proto/boomerang/knowledge/v1/knowledge');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const { port, queries, callers, total, warmup } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const client = createClient(KnowledgeServiceClient, `127.0.0.1:${port}`, { deadlineMs: 30_000 });
  const run = async (n, c) => {
    const lat = new Float64Array(n);
    let next = 0;
    let done = 0;
    const t0 = performance.now();
    const c0 = cpuMs();
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < n) {
          const i = next++;
          const t = performance.now();
          await client.search({
            tenantId: 'bench',
            query: queries[i % queries.length],
            locale: '',
            k: 10,
            filters: undefined,
          });
          lat[done++] = performance.now() - t;
        }
      }),
    );
    return {
      lat: Array.from(lat.subarray(0, done)),
      wallMs: performance.now() - t0,
      clientCpuMs: cpuMs() - c0,
    };
  };
  if (warmup) await run(warmup, callers);
  process.stdout.write('warm\n');
  const r = await run(total, callers);
  client.close();
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
