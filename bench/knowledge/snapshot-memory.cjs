// Memory of a tenant index loaded from its snapshot, in a fresh process (so nothing else the bench
// allocated, and no memory freed earlier and reused, blurs it). Usage (run with --expose-gc):
//   node --expose-gc bench/knowledge/snapshot-memory.cjs <dataDir>   → one JSON line
const path = require('node:path');
const dist = path.resolve(__dirname, '../../apps/knowledge/dist');
const { IndexRegistry } = require(`${dist}/domain/index-registry`);
const { HashingEmbeddings } = require(`${dist}/domain/embedder`);

async function main() {
  const registry = new IndexRegistry(new HashingEmbeddings(), process.argv[2]);
  global.gc?.();
  const before = process.memoryUsage();
  const t = performance.now();
  await registry.loadSnapshots();
  const loadMs = performance.now() - t;
  global.gc?.();
  const after = process.memoryUsage();
  const chunks = registry.all().reduce((n, idx) => n + idx.size, 0);
  const mib = (b) => +(b / 2 ** 20).toFixed(1);
  process.stdout.write(
    `${JSON.stringify({ chunks, loadMs: Math.round(loadMs), rssMiB: mib(after.rss - before.rss), heapMiB: mib(after.heapUsed - before.heapUsed), externalMiB: mib(after.external + after.arrayBuffers - before.external - before.arrayBuffers) })}\n`,
  );
}
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
