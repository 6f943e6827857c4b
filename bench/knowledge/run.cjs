// Knowledge benchmarks (plain Node over the built dist; run `npm run build` in apps/knowledge first).
// Prints one JSON document.
//   BENCH_CHUNKS   scale (default 10000; 100000 for the large run)
//   BENCH_QUERIES  held-out queries for recall and gRPC search (default 300)
//   BENCH_SKIP     comma list of parts to skip: eval, recall, grpc, restart
//   DATABASE_URL   PostgreSQL (own schema) instead of in-memory PGlite
// Wall-clock numbers on a shared machine are noisy: CPU milliseconds per operation are printed
// next to them (process CPU time / operations), which is what the code costs.
const path = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir, loadavg, cpus } = require('node:os');
const dist = path.resolve(__dirname, '../../apps/knowledge/dist');
const { runEvaluation, HELDOUT_DIR } = require(`${dist}/evaluate`);
const { createServer } = require(`${dist}/server`);
const { openTestSql } = require('@boomerang/kit/sql');
const { InProcessBus } = require('@boomerang/kit/bus');
const { createLogger } = require('@boomerang/kit/logger');
const { createClient } = require('@boomerang/kit/grpc');
const { KnowledgeServiceClient } = require('@boomerang/proto/boomerang/knowledge/v1/knowledge');

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 10000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const PER_DOC = 500;
const CALLERS = 32;

const { LANGS, productName, section, query } = require('./corpus.cjs');

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round = (x, d = 3) => +x.toFixed(d);

async function main() {
  const started = performance.now();
  const logger = createLogger({ service: 'knowledge-bench', level: 'warn' });
  const result = { chunks: CHUNKS, node: process.version, cpus: cpus().length, loadAverage1m: round(loadavg()[0], 1), database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' };

  // 2. Ingestion through the service (chunk + embed + PostgreSQL/PGlite + HNSW/BM25).
  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const bus = new InProcessBus({ logger, maintenanceIntervalMs: 0 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'knowledge-bench-'));
  const limits = { maxChunksPerTenant: 10_000_000, maxDocumentsPerTenant: 100_000, maxChunksPerDocument: 10_000, maxDocumentBytes: 64 * 1024 * 1024 };
  let server = createServer({ sql, bus, logger, dataDir, limits, snapshotIntervalMs: 0 });
  let port = (await server.start({ grpcPort: 0, host: '127.0.0.1' })).grpcPort;
  const docs = Math.ceil(CHUNKS / PER_DOC);
  const bodies = [];
  for (let d = 0; d < docs; d++) {
    const lang = LANGS[d % LANGS.length];
    const body = Array.from({ length: Math.min(PER_DOC, CHUNKS - d * PER_DOC) }, (_, i) => section(lang, i)).join('\n\n');
    bodies.push({ lang, content: `# ${productName(lang)} ${d}\n\n${body}` });
  }
  global.gc?.();
  const mem0 = process.memoryUsage();
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let d = 0; d < docs; d++) {
    const { lang, content } = bodies[d];
    await server.service.upsert({ tenantId: 'bench', id: `doc-${d}`, title: '', format: 'markdown', content, data: new Uint8Array(), url: '', sourceUrl: '', language: lang, tags: [lang === 'ko' ? 'ko-policy' : 'policy'] });
  }
  const ingestMs = performance.now() - t0;
  const ingestCpu = cpuMs() - c0;
  bodies.length = 0;
  global.gc?.();
  const mem1 = process.memoryUsage();
  const idx = server.registry.get('bench');
  const n = idx.size;
  result.ingestion = { chunks: n, seconds: round(ingestMs / 1000, 2), chunksPerSecond: Math.round(n / (ingestMs / 1000)), cpuMsPerChunk: round(ingestCpu / n) };
  const per100k = (bytes) => Math.round(((bytes / 2 ** 20) * 100_000) / n);
  result.memory = {
    note: 'deltas over the ingest, scaled to 100k chunks; rss includes hnswlib native memory and PGlite',
    rssMiBPer100k: per100k(mem1.rss - mem0.rss),
    heapMiBPer100k: per100k(mem1.heapUsed - mem0.heapUsed),
    externalMiBPer100k: per100k(mem1.external + mem1.arrayBuffers - mem0.external - mem0.arrayBuffers),
    hnswMiBPer100kEstimate: per100k(n * (idx.embedder.dimension * 4 + 2 * 16 * 4 + 16)),
  };

  const queries = Array.from({ length: QUERIES }, (_, i) => query(LANGS[i % LANGS.length], i));

  // 3. HNSW vs exact search over the same stored vectors: recall@10 as ann-benchmarks counts it
  //    (a result within 1e-3 of the 10th exact neighbour's distance is a hit: among near-equal
  //    distances which point is returned is arbitrary), and strictly by ids.
  if (!SKIP.has('recall')) {
    const embedder = idx.embedder;
    const dim = embedder.dimension;
    const labels = [...idx.chunks.keys()];
    const matrix = new Float32Array(labels.length * dim);
    labels.forEach((l, i) => matrix.set(idx.dense.index.getPoint(l), i * dim));
    let recall = 0;
    let strict = 0;
    let hnswMs = 0;
    let exactMs = 0;
    const sims = new Float32Array(labels.length);
    const recallQueries = queries.slice(0, Math.min(queries.length, CHUNKS > 50_000 ? 100 : 200));
    for (const q of recallQueries) {
      const v = embedder.embedSync(q);
      let t = performance.now();
      const approx = idx.denseSearch(v, 10);
      hnswMs += performance.now() - t;
      t = performance.now();
      for (let i = 0; i < labels.length; i++) {
        let s = 0;
        const o = i * dim;
        for (let j = 0; j < dim; j++) s += v[j] * matrix[o + j];
        sims[i] = s;
      }
      const order = Array.from(sims.keys()).sort((a, b) => sims[b] - sims[a]).slice(0, 10);
      exactMs += performance.now() - t;
      const tenth = sims[order[order.length - 1]];
      const truth = new Set(order.map((i) => labels[i]));
      recall += approx.filter((a) => a.similarity >= tenth - 1e-3).length / 10;
      strict += approx.filter((a) => truth.has(a.label)).length / 10;
    }
    const m = recallQueries.length;
    result.denseSearch = { queries: m, recallAt10: round(recall / m, 4), recallAt10StrictIds: round(strict / m, 4), hnswMeanMs: round(hnswMs / m), exactMeanMs: round(exactMs / m), ef: idx.dense.ef };
  }

  // 4. Restart from the snapshot (stop writes it; start loads it and reconciles with the database).
  if (!SKIP.has('restart')) {
    await server.stop();
    global.gc?.();
    const t = performance.now();
    server = createServer({ sql, bus, logger, dataDir, limits, snapshotIntervalMs: 0 });
    port = (await server.start({ grpcPort: 0, host: '127.0.0.1' })).grpcPort;
    result.restart = { totalMs: Math.round(performance.now() - t), indexReadyMs: Math.round(server.startup.ms), snapshots: server.startup.snapshots, synced: server.startup.synced };
  }

  // 5. Hybrid search over gRPC, 32 concurrent callers (a warm-up round first).
  if (!SKIP.has('grpc')) {
    const client = createClient(KnowledgeServiceClient, `127.0.0.1:${port}`, { deadlineMs: 30_000 });
    const run = async (total, callers = CALLERS) => {
      const lat = [];
      let next = 0;
      const tq = performance.now();
      const c = cpuMs();
      await Promise.all(Array.from({ length: callers }, async () => {
        while (next < total) {
          const q = queries[next++ % queries.length];
          const t = performance.now();
          await client.search({ tenantId: 'bench', query: q, locale: '', k: 10, filters: undefined });
          lat.push(performance.now() - t);
        }
      }));
      return { lat: lat.sort((a, b) => a - b), wall: performance.now() - tq, cpu: cpuMs() - c };
    };
    await run(200);
    // In-process cost of one hybrid search (no gRPC), for comparison.
    const ti = performance.now();
    for (const q of queries) await server.service.search({ tenantId: 'bench', query: q, locale: '', k: 10, tags: [], languages: [] });
    const inProcessMs = (performance.now() - ti) / queries.length;
    // One caller: the latency of a search when it does not queue behind 31 others.
    const one = await run(500, 1);
    const { lat, wall, cpu } = await run(Math.max(QUERIES * 4, 2000));
    result.grpcSearch = {
      callers: CALLERS, calls: lat.length, p50Ms: round(percentile(lat, 50), 2), p99Ms: round(percentile(lat, 99), 2), qps: Math.round(lat.length / (wall / 1000)),
      cpuMsPerCall: round(cpu / lat.length), note: 'client and server share this process: cpuMsPerCall includes the gRPC client', inProcessSearchMeanMs: round(inProcessMs),
      oneCaller: { p50Ms: round(percentile(one.lat, 50), 2), p99Ms: round(percentile(one.lat, 99), 2) },
    };
    client.close();
  }
  await server.stop();
  await bus.close();
  await drop();
  // 6. Retrieval quality on the evaluation set (last, so it does not disturb the memory figures).
  if (!SKIP.has('eval')) {
    const summary = (report) => Object.fromEntries(
      Object.entries(report).map(([lang, r]) => [lang, {
        hitAt1: round(r.hitAt1), hitAt5: round(r.hitAt5), mrr: round(r.mrr), answerAccuracy: round(r.answerAccuracy),
        unanswerableRejected: round(r.unanswerableRejected), crossLingualAnswered: round(r.crossLingualAnswered),
      }]),
    );
    result.retrieval = summary(await runEvaluation());
    // Other brands' documents (apps/stack/demo), never tuned on.
    result.heldOut = summary(await runEvaluation({ dir: HELDOUT_DIR }));
  }

  rmSync(dataDir, { recursive: true, force: true });
  result.benchSeconds = Math.round((performance.now() - started) / 1000);
  console.log(JSON.stringify(result, null, 2));
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
