#!/usr/bin/env node
// Writes src/domain/typo-real-words.ts: real English and Polish words that the typo matching would
// otherwise "correct" into an intent word ("layer" → lawyer, "changing" → exchanging, "dzieci" →
// dzięki, "states" → status), from the Debian word lists (apt install wamerican wpolish). Run after
// changing the intent words (TARGETS in src/domain/typos.ts), from apps/agent after `npm run build`:
//   node scripts/real-words.cjs
// Left out: inflections of the target itself (same first letters: "complaints" → complaint keeps the
// intent) and ALLOW, common misspellings that happen to be rare real words.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { nearestTarget } = require('../dist/domain/typos.js');

const LISTS = { en: '/usr/share/dict/american-english', pl: '/usr/share/dict/polish' };
/** Real words shoppers nearly always type meaning the intent word (kept correctable). */
const ALLOW = new Set(['dziki', 'wrócić', 'wrocic', 'prosze', 'dzieki']);
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l');

const out = new Map();
for (const [lang, file] of Object.entries(LISTS)) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: apt install wamerican wpolish`);
  const words = new Set(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((w) => w.trim().toLowerCase())
      .filter((w) => /^\p{L}+$/u.test(w)),
  );
  for (const w of words) {
    if (ALLOW.has(w)) continue;
    const t = nearestTarget(w);
    if (t === w) continue;
    const a = fold(w);
    const b = fold(t);
    const n = Math.min(5, Math.min(a.length, b.length) - 1);
    if (a.slice(0, n) === b.slice(0, n)) continue; // an inflection of the intent word itself
    out.set(w, lang);
  }
}
const byLang = (lang) =>
  [...out]
    .filter(([, l]) => l === lang)
    .map(([w]) => w)
    .sort((x, y) => x.localeCompare(y));
const lines = (ws) => ws.map((w) => `  '${w}',`).join('\n');
const file = path.join(__dirname, '..', 'src', 'domain', 'typo-real-words.ts');
fs.writeFileSync(
  file,
  `// Written by scripts/real-words.cjs from the Debian word lists (wamerican, wpolish): real words one
// or two edits from an intent word, which the typo matching must leave as they are. Do not edit by hand.
export const REAL_WORDS: ReadonlySet<string> = new Set([
  // en
${lines(byLang('en'))}
  // pl
${lines(byLang('pl'))}
]);
`,
);
console.log(`${file}: ${byLang('en').length} en + ${byLang('pl').length} pl words`);
