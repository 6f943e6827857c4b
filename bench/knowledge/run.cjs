// Knowledge benchmarks (plain Node over the built dist; run `npm run build` in apps/knowledge first).
// Prints one JSON document.
//   BENCH_CHUNKS   scale (default 10000; 100000 for the large run)
//   BENCH_QUERIES  held-out queries for recall and gRPC search (default 300)
//   BENCH_SKIP     comma list of parts to skip: eval, recall, grpc, restart
//   DATABASE_URL   PostgreSQL (own schema) instead of in-memory PGlite
//   BENCH_HNSW     m:efConstruction:ef (default: the service's defaults)
//   BENCH_WORKER   1 = HNSW in the dense worker thread (INDEX_WORKER) instead of the main thread
// Wall-clock numbers on a shared machine are noisy: CPU milliseconds per operation are printed
// next to them (process CPU time / operations), which is what the code costs.
const path = require('node:path');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { execFileSync, spawn } = require('node:child_process');
const { tmpdir, loadavg, cpus } = require('node:os');
const dist = path.resolve(__dirname, '../../apps/knowledge/dist');
const { runEvaluation, HELDOUT_DIR } = require(`${dist}/evaluate`);
const { createServer } = require(`${dist}/server`);
const { openTestSql } = require('@boomerang/kit/sql');
const { InProcessBus } = require('@boomerang/kit/bus');
const { createLogger } = require('@boomerang/kit/logger');

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 10000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const PER_DOC = 500;
const [hm, hc, he] = (process.env.BENCH_HNSW ?? '').split(':').map((x) => (x ? Number(x) : undefined));
const INDEX = { worker: process.env.BENCH_WORKER === '1', hnsw: { m: hm, efConstruction: hc, ef: he } };
const CALLERS = 32;

const { LANGS, productName, section, query } = require('./corpus.cjs');

/** Runs grpc-load.cjs against the server; the server's CPU is measured from the end of the warm-up. */
function load(spec) {
  const file = path.join(tmpdir(), `knowledge-load-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'grpc-load.cjs'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let c0 = cpuMs();
    let warm = false;
    child.stdout.on('data', (d) => {
      out += d;
      if (!warm && out.startsWith('warm\n')) {
        warm = true;
        c0 = cpuMs();
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const serverCpuMs = cpuMs() - c0;
      rmSync(file, { force: true });
      if (code !== 0) return reject(new Error(`grpc-load exited with ${code}`));
      resolve({ ...JSON.parse(out.slice(out.indexOf('\n') + 1)), serverCpuMs });
    });
  });
}

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
  const result = {
    index: { worker: INDEX.worker, ...INDEX.hnsw },
    chunks: CHUNKS,
    node: process.version,
    cpus: cpus().length,
    loadAverage1m: round(loadavg()[0], 1),
    database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
  };

  // 2. Ingestion through the service (chunk + embed + PostgreSQL/PGlite + HNSW/BM25).
  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const bus = new InProcessBus({ logger, maintenanceIntervalMs: 0 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'knowledge-bench-'));
  const limits = {
    maxChunksPerTenant: 10_000_000,
    maxDocumentsPerTenant: 100_000,
    maxChunksPerDocument: 10_000,
    maxDocumentBytes: 64 * 1024 * 1024,
  };
  let server = createServer({ sql, bus, logger, dataDir, limits, snapshotIntervalMs: 0, index: INDEX });
  let port = (await server.start({ grpcPort: 0, host: '127.0.0.1' })).grpcPort;
  const docs = Math.ceil(CHUNKS / PER_DOC);
  const bodies = [];
  for (let d = 0; d < docs; d++) {
    const lang = LANGS[d % LANGS.length];
    const body = Array.from({ length: Math.min(PER_DOC, CHUNKS - d * PER_DOC) }, (_, i) =>
      section(lang, i),
    ).join('\n\n');
    bodies.push({ lang, content: `# ${productName(lang)} ${d}\n\n${body}` });
  }
  const t0 = performance.now();
  const c0 = cpuMs();
  for (let d = 0; d < docs; d++) {
    const { lang, content } = bodies[d];
    await server.service.upsert({
      tenantId: 'bench',
      id: `doc-${d}`,
      title: '',
      format: 'markdown',
      content,
      data: new Uint8Array(),
      url: '',
      sourceUrl: '',
      language: lang,
      tags: [lang === 'ko' ? 'ko-policy' : 'policy'],
    });
  }
  const ingestMs = performance.now() - t0;
  const ingestCpu = cpuMs() - c0;
  bodies.length = 0;
  let idx = server.registry.get('bench');
  const n = idx.size;
  result.ingestion = {
    chunks: n,
    seconds: round(ingestMs / 1000, 2),
    chunksPerSecond: Math.round(n / (ingestMs / 1000)),
    cpuMsPerChunk: round(ingestCpu / n),
  };
  const per100k = (bytes) => Math.round(((bytes / 2 ** 20) * 100_000) / n);
  const hnswM = idx.dense.options.m ?? 16;
  const hnswBytes =
    n * (idx.embedder.dimension * 4 + (2 * hnswM * 4 + 4) + 8 + (hnswM * 4 + 4) / Math.log(hnswM));
  result.memory = { hnswMiBPer100kEstimate: per100k(hnswBytes), bm25MiBPer100k: per100k(idx.sparse.bytes()) };

  const queries = Array.from({ length: QUERIES }, (_, i) => query(LANGS[i % LANGS.length], i));

  // 3. HNSW vs exact search over the same stored vectors: recall@10 as ann-benchmarks counts it
  //    (a result within 1e-3 of the 10th exact neighbour's distance is a hit: among near-equal
  //    distances which point is returned is arbitrary), and strictly by ids.
  if (!SKIP.has('recall')) {
    const embedder = idx.embedder;
    const dim = embedder.dimension;
    const labels = [...idx.chunks.keys()];
    const matrix = await idx.dense.points(labels);
    let recall = 0;
    let strict = 0;
    let hnswMs = 0;
    let exactMs = 0;
    const sims = new Float32Array(labels.length);
    const recallQueries = queries.slice(0, Math.min(queries.length, CHUNKS > 50_000 ? 100 : 200));
    for (const q of recallQueries) {
      const v = embedder.embedSync(q);
      let t = performance.now();
      const approx = await idx.denseSearch(v, 10);
      hnswMs += performance.now() - t;
      t = performance.now();
      for (let i = 0; i < labels.length; i++) {
        let s = 0;
        const o = i * dim;
        for (let j = 0; j < dim; j++) s += v[j] * matrix[o + j];
        sims[i] = s;
      }
      const order = Array.from(sims.keys())
        .sort((a, b) => sims[b] - sims[a])
        .slice(0, 10);
      exactMs += performance.now() - t;
      const tenth = sims[order[order.length - 1]];
      const truth = new Set(order.map((i) => labels[i]));
      recall += approx.filter((a) => a.similarity >= tenth - 1e-3).length / 10;
      strict += approx.filter((a) => truth.has(a.label)).length / 10;
    }
    const m = recallQueries.length;
    result.denseSearch = {
      queries: m,
      recallAt10: round(recall / m, 4),
      recallAt10StrictIds: round(strict / m, 4),
      hnswMeanMs: round(hnswMs / m),
      exactMeanMs: round(exactMs / m),
      ef: idx.dense.ef,
    };
  }

  // 4. Restart from the snapshot (stop writes it; start loads it and reconciles with the database).
  // Restart from the snapshot (stop writes it; start loads it and reconciles with the database).
  // Memory: the snapshot loaded into a fresh process (snapshot-memory.cjs), scaled to 100k chunks.
  if (!SKIP.has('restart')) {
    await server.stop();
    idx = undefined;
    const mem = JSON.parse(
      execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'snapshot-memory.cjs'), dataDir], {
        encoding: 'utf8',
      }),
    );
    const scale = (mib) => Math.round((mib * 100_000) / mem.chunks);
    Object.assign(result.memory, {
      note: 'the tenant index (HNSW native + BM25 + chunk table) loaded from its snapshot in a fresh process, per 100k chunks',
      rssMiBPer100k: scale(mem.rssMiB),
      heapMiBPer100k: scale(mem.heapMiB),
      externalMiBPer100k: scale(mem.externalMiB),
    });
    global.gc?.();
    const t = performance.now();
    server = createServer({ sql, bus, logger, dataDir, limits, snapshotIntervalMs: 0, index: INDEX });
    port = (await server.start({ grpcPort: 0, host: '127.0.0.1' })).grpcPort;
    result.restart = {
      totalMs: Math.round(performance.now() - t),
      indexReadyMs: Math.round(server.startup.ms),
      snapshots: server.startup.snapshots,
      synced: server.startup.synced,
    };
  }

  // 5. Hybrid search over gRPC: 32 closed-loop callers in a separate load-generator process
  //    (grpc-load.cjs), so the server's CPU per call is measured apart from the client's; warm-up
  //    calls are not measured.
  if (!SKIP.has('grpc')) {
    // In-process cost of one hybrid search + hit mapping/snippets (no gRPC), for comparison.
    const searchOnce = (q) =>
      server.service.search({ tenantId: 'bench', query: q, locale: '', k: 10, tags: [], languages: [] });
    for (const q of queries.slice(0, 50)) await searchOnce(q);
    const ci = cpuMs();
    for (const q of queries) await searchOnce(q);
    const inProcessMs = (cpuMs() - ci) / queries.length;
    const one = await load({ port, queries, callers: 1, total: 500, warmup: 50 });
    const many = await load({
      port,
      queries,
      callers: CALLERS,
      total: Math.max(QUERIES * 4, 3000),
      warmup: 300,
    });
    const lat = many.lat.sort((a, b) => a - b);
    const olat = one.lat.sort((a, b) => a - b);
    result.grpcSearch = {
      callers: CALLERS,
      calls: lat.length,
      p50Ms: round(percentile(lat, 50), 2),
      p99Ms: round(percentile(lat, 99), 2),
      qps: Math.round(lat.length / (many.wallMs / 1000)),
      serverCpuMsPerCall: round(many.serverCpuMs / lat.length),
      clientCpuMsPerCall: round(many.clientCpuMs / lat.length),
      note: 'the load generator runs in its own process (bench/knowledge/grpc-load.cjs); Little: p50 ≈ callers / qps',
      inProcessSearchCpuMs: round(inProcessMs),
      oneCaller: {
        p50Ms: round(percentile(olat, 50), 2),
        p99Ms: round(percentile(olat, 99), 2),
        serverCpuMsPerCall: round(one.serverCpuMs / olat.length),
      },
    };
  }
  await server.stop();
  await bus.close();
  await drop();
  // 6. Retrieval quality on the evaluation set (last, so it does not disturb the memory figures).
  if (!SKIP.has('eval')) {
    const summary = (report) =>
      Object.fromEntries(
        Object.entries(report).map(([lang, r]) => [
          lang,
          {
            hitAt1: round(r.hitAt1),
            hitAt5: round(r.hitAt5),
            mrr: round(r.mrr),
            answerAccuracy: round(r.answerAccuracy),
            unanswerableRejected: round(r.unanswerableRejected),
            crossLingualAnswered: round(r.crossLingualAnswered),
          },
        ]),
      );
    result.retrieval = summary(await runEvaluation());
    // Other brands' documents (apps/stack/demo), never tuned on.
    result.heldOut = summary(await runEvaluation({ dir: HELDOUT_DIR }));
  }

  rmSync(dataDir, { recursive: true, force: true });
  result.benchSeconds = Math.round((performance.now() - started) / 1000);
  console.log(JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
