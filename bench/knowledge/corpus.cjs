// The benchmark corpus: the evaluation documents' sentences (ko/pl/en) recombined, their numbers
// changed, with made-up product names and codes mixed in, so the vocabulary keeps growing with the
// corpus (a long tail of rare words, like real catalogues) instead of ~30 words per language.
const path = require('node:path');
const { readdirSync, readFileSync } = require('node:fs');
const EVAL_DIR = path.resolve(__dirname, '../../apps/knowledge/eval');

// Deterministic pseudo-random numbers.
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];

const brands = readdirSync(EVAL_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(EVAL_DIR, f), 'utf8')));
const SENTENCES = {};
const HEADINGS = {};
const QUESTIONS = {};
for (const b of brands) {
  const lang = b.language;
  SENTENCES[lang] ??= [];
  HEADINGS[lang] ??= [];
  QUESTIONS[lang] ??= [];
  for (const d of b.documents) {
    const text = d.content.replace(/<[^>]+>/g, '\n');
    for (const line of text.split(/\n+/)) {
      const l = line.trim();
      if (!l) continue;
      if (/^#+\s/.test(l)) HEADINGS[lang].push(l.replace(/^#+\s+/, ''));
      else for (const s of l.split(/(?<=[.!?。])\s+/)) if (s.length > 15) SENTENCES[lang].push(s);
    }
  }
  for (const q of b.questions) QUESTIONS[lang].push(q.q);
}
const LANGS = Object.keys(SENTENCES);
const SYLLABLES = {
  en: 'ka ro mi ne lu tor ven sil bra mon dex ar el in os quin fal ter'.split(' '),
  pl: 'ko wa szy mi lo bra ze ka ro sta gro ni dzi chy pol wo'.split(' '),
  ko: '하 늘 바 다 소 나 무 라 온 빛 새 봄 결 누 리 마 루 별'.split(' '),
};
function productName(lang) {
  const n = 2 + Math.floor(rnd() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += pick(SYLLABLES[lang]);
  const name = lang === 'ko' ? w : w[0].toUpperCase() + w.slice(1);
  return `${name} ${String.fromCharCode(65 + Math.floor(rnd() * 26))}${Math.floor(rnd() * 9000 + 100)}`;
}
function sentence(lang) {
  let s = pick(SENTENCES[lang]).replace(/\d+/g, () => String(1 + Math.floor(rnd() * 120)));
  if (rnd() < 0.5) s = `${productName(lang)}: ${s}`;
  return s;
}
function section(lang, i) {
  const n = 2 + Math.floor(rnd() * 3);
  return `## ${pick(HEADINGS[lang])} — ${productName(lang)} ${i}\n\n${Array.from({ length: n }, () => sentence(lang)).join(' ')}`;
}
function query(lang, i) {
  // Half real customer questions, half a product plus a policy phrase (what search boxes get).
  if (i % 2 === 0) return pick(QUESTIONS[lang]);
  return `${productName(lang)} ${pick(SENTENCES[lang]).split(/\s+/).slice(0, 5).join(' ')}`;
}

module.exports = { LANGS, productName, sentence, section, query };
