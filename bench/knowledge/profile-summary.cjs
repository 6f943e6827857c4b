// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, top N, as JSON.
// Usage: node bench/knowledge/profile-summary.cjs <file.cpuprofile> [top=25]
const { readFileSync } = require('node:fs');
const [file, topArg] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) {
  const n = byId.get(prof.samples[i]);
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(apps|packages|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25));
console.log(
  JSON.stringify(
    {
      totalMs: Math.round(total / 1000),
      top: top.map(([k, us]) => ({
        fn: k,
        ms: Math.round(us / 1000),
        pct: +((100 * us) / total).toFixed(1),
      })),
    },
    null,
    1,
  ),
);
