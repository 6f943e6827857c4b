// CPU cost of one hybrid search, without gRPC or a database: builds a tenant index in memory from
// the benchmark corpus and times the parts of a search. Run with `node --cpu-prof` to see where
// time goes (summarise with profile-summary.cjs). BENCH_CHUNKS (default 10000), BENCH_QUERIES.
const path = require('node:path');
const dist = path.resolve(__dirname, '../../apps/knowledge/dist');
const { TenantIndex, indexText } = require(`${dist}/domain/tenant-index`);
const { HashingEmbeddings } = require(`${dist}/domain/embedder`);
const { chunkMarkdown } = require(`${dist}/domain/chunker`);
const { terms } = require(`${dist}/domain/text`);
const { LANGS, section, query } = require('./corpus.cjs');

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 10000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);

async function main() {
  const embedder = new HashingEmbeddings();
  const idx = new TenantIndex('bench', embedder);
  const t0 = performance.now();
  let n = 0;
  for (let d = 0; n < CHUNKS; d++) {
    const lang = LANGS[d % LANGS.length];
    const md = Array.from({ length: 500 }, (_, i) => section(lang, i)).join('\n\n');
    const pieces = (await chunkMarkdown(md)).slice(0, CHUNKS - n);
    const chunks = pieces.map((p) => {
      const text = indexText(p);
      const t = terms(text);
      return {
        chunk: {
          id: `d${d}:1:${p.ordinal}`,
          documentId: `d${d}`,
          documentVersion: 1,
          ordinal: p.ordinal,
          title: '',
          section: p.section,
          url: '',
          text: p.text,
          language: lang,
          tags: [],
        },
        vector: embedder.embedSync(text, t),
        terms: t,
      };
    });
    await idx.replaceDocument(`d${d}`, 1, chunks);
    n += chunks.length;
  }
  const buildMs = performance.now() - t0;
  const qs = Array.from({ length: QUERIES }, (_, i) => query(LANGS[i % LANGS.length], i));
  // CPU time, not wall time: the machine is shared and wall time swings with its load.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const time = (f) => {
    const t = cpu();
    for (const q of qs) f(q);
    return +((cpu() - t) / qs.length).toFixed(4);
  };
  const vectors = new Map(qs.map((q) => [q, embedder.embedSync(q)]));
  const result = {
    chunks: idx.size,
    buildMsPerChunk: +(buildMs / idx.size).toFixed(3),
    msPerQuery: {
      embed: time((q) => embedder.embedSync(q)),
      hnsw40: time((q) => idx.dense.store.searchLabels(vectors.get(q), 40)),
      bm25_40: time((q) => idx.sparse.search(idx.expand(terms(q)), 40)),
      bm25NoExpansion: time((q) =>
        idx.sparse.search(
          terms(q).map((term) => ({ term, weight: 1 })),
          40,
        ),
      ),
    },
  };
  let t = cpu();
  for (const q of qs) await idx.search(q, { k: 10 });
  result.msPerQuery.hybrid = +((cpu() - t) / qs.length).toFixed(4);
  t = cpu();
  for (const q of qs) await idx.search(q, { k: 10, tags: [], languages: ['ko'] });
  result.msPerQuery.hybridLanguageFilter = +((cpu() - t) / qs.length).toFixed(4);
  // The usual filtered search: the question's own language.
  const koQs = qs.filter((_, i) => LANGS[i % LANGS.length] === 'ko');
  t = cpu();
  for (const q of koQs) await idx.search(q, { k: 10, tags: [], languages: ['ko'] });
  result.msPerQuery.hybridOwnLanguageFilter = +((cpu() - t) / koQs.length).toFixed(4);
  const ko = new Uint8Array(idx.size + 1024);
  for (const [label, c] of idx.chunks) if (c.language === 'ko') ko[label] = 1;
  result.msPerQuery.bm25LanguageFilter = time((q) =>
    idx.sparse.search(idx.expand(terms(q)), 40, (l) => ko[l] === 1),
  );
  result.msPerQuery.hnswCallbackFilter = time((q) =>
    idx.dense.store.searchLabels(vectors.get(q), 40, (l) => ko[l] === 1),
  );
  let walked = 0;
  let probed = 0;
  let terms_ = 0;
  for (const q of qs) {
    const ex = idx.expand(terms(q));
    terms_ += ex.length;
    idx.sparse.search(ex, 40);
    walked += idx.sparse.lastQuery.walked;
    probed += idx.sparse.lastQuery.probed;
  }
  result.bm25 = {
    termsPerQuery: +(terms_ / qs.length).toFixed(1),
    postingsWalkedPerQuery: Math.round(walked / qs.length),
    candidatesProbedPerQuery: Math.round(probed / qs.length),
  };
  // Dense recall@10 against exact search over the same vectors, at several ef (tie-aware).
  const labels = [...idx.chunks.keys()];
  const dim = embedder.dimension;
  const matrix = new Float32Array(labels.length * dim);
  labels.forEach((l, i) => {
    matrix.set(idx.dense.store.index.getPoint(l), i * dim);
  });
  const rq = qs.slice(0, 200);
  const truth = rq.map((q) => {
    const v = vectors.get(q);
    const sims = new Float32Array(labels.length);
    for (let i = 0; i < labels.length; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += v[j] * matrix[i * dim + j];
      sims[i] = s;
    }
    return Array.from(sims).sort((a, b) => b - a)[9];
  });
  result.recallAt10ByEf = {};
  for (const ef of (process.env.BENCH_EFS ?? '64,96,160,256').split(',').map(Number)) {
    idx.dense.store.index.setEf(ef);
    let hit = 0;
    const c = cpu();
    rq.forEach((q, i) => {
      const res = idx.dense.store.index.searchKnn(Array.from(vectors.get(q)), 10);
      hit += res.distances.filter((d) => 1 - d >= truth[i] - 1e-5).length / 10;
    });
    result.recallAt10ByEf[ef] = {
      recall: +(hit / rq.length).toFixed(4),
      cpuMs: +((cpu() - c) / rq.length).toFixed(3),
    };
  }
  console.log(JSON.stringify(result, null, 1));
}
main();
