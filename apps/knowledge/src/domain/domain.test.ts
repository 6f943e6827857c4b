import { answerFromHits } from './answer';
import { chunkMarkdown } from './chunker';
import { HashingEmbeddings } from './embedder';
import { htmlToMarkdown } from './extract';
import { detectLanguage } from './language';
import { extractReturnWindows } from './policy-facts';
import { snippet } from './snippet';
import { type IndexedChunk, TenantIndex } from './tenant-index';
import { terms } from './text';

describe('language detection', () => {
  test.each([
    ['상품 수령 후 14일 이내에 반품을 신청할 수 있습니다.', 'ko'],
    ['Zwrotu towaru można dokonać w ciągu 30 dni od otrzymania przesyłki.', 'pl'],
    ['Ile mam czasu na zwrot?', 'pl'],
    ['You can return unworn items within 30 days of delivery.', 'en'],
    ['How do I send my order back?', 'en'],
  ])('%s → %s', (text, lang) => expect(detectLanguage(text)).toBe(lang));
});

describe('multilingual terms', () => {
  test('Korean particles do not hide the word', () => {
    expect(terms('반품은')).toContain('반품');
    expect(terms('반품을 신청')).toContain('반품');
  });
  test('Polish inflections and diacritics meet', () => {
    const a = new Set(terms('zwrotów'));
    expect(terms('zwrotu').some((t) => a.has(t))).toBe(true);
    expect(terms('Wymiana')).toEqual(
      expect.arrayContaining(terms('wymiany').filter((t) => !t.startsWith('^'))),
    );
    expect(terms('łódź')).toContain('lodz');
  });
});

test('heading-aware chunks carry their section path', async () => {
  const chunks = await chunkMarkdown(
    '# Policy\n\n## Returns\n\nReturn within 30 days.\n\n### Exceptions\n\nSale items are final.\n\n## Refunds\n\nRefunds take 5 days.',
  );
  expect(chunks.map((c) => c.section)).toEqual([
    'Policy > Returns',
    'Policy > Returns > Exceptions',
    'Policy > Refunds',
  ]);
});

test('HTML keeps headings and main text, drops nav, scripts and footers', () => {
  const { markdown, title } = htmlToMarkdown(
    '<html><head><title>Zwroty</title><script>var x="zwrot 999 dni"</script></head><body><nav>Sklep Koszyk</nav><main><h1>Zwroty</h1><p>Masz 30 dni na zwrot.</p><ul><li>Bielizna nie podlega zwrotowi</li></ul></main><footer>© Sklep</footer></body></html>',
  );
  expect(title).toBe('Zwroty');
  expect(markdown).toContain('# Zwroty');
  expect(markdown).toContain('Masz 30 dni na zwrot.');
  expect(markdown).toContain('- Bielizna nie podlega zwrotowi');
  expect(markdown).not.toMatch(/999|Koszyk|©/);
});

test('return windows are read in Korean, Polish and English', () => {
  const at = { documentId: 'd', section: 's' };
  expect(extractReturnWindows('상품 수령 후 14일 이내에 반품할 수 있습니다.', at).map((w) => w.days)).toEqual(
    [14],
  );
  expect(extractReturnWindows('Masz 30 dni na zwrot towaru.', at).map((w) => w.days)).toEqual([30]);
  const pl = extractReturnWindows('Reklamację rozpatrujemy w ciągu 14 dni roboczych.', at);
  expect(pl).toEqual([expect.objectContaining({ days: 14, businessDays: true })]);
  expect(
    extractReturnWindows('Items may be returned within thirty days of delivery.', at).map((w) => w.days),
  ).toEqual([30]);
  expect(extractReturnWindows('We ship within 2 days.', at)).toEqual([]);
});

test('snippets mark matching words and escape HTML', () => {
  const s = snippet('Zwrot <b>towaru</b>: masz 30 dni na zwrot.', new Set(terms('zwroty')));
  expect(s).toContain('<mark>Zwrot</mark>');
  expect(s).toContain('&lt;b&gt;');
});

function chunk(id: string, text: string, language: string, section = ''): IndexedChunk {
  return {
    id,
    documentId: id,
    documentVersion: 1,
    ordinal: 0,
    title: id,
    section,
    url: '',
    text,
    language,
    tags: [],
  };
}

test('hybrid index finds, replaces and forgets documents; the answer is grounded or refused', async () => {
  const e = new HashingEmbeddings();
  const idx = new TenantIndex('t', e);
  const docs = [
    chunk('ko', '상품 수령 후 14일 이내에 반품을 신청할 수 있습니다.', 'ko', '반품'),
    chunk('pl', 'Masz 30 dni na zwrot towaru od dnia otrzymania przesyłki.', 'pl', 'Zwroty'),
    chunk('en', 'Refunds are issued to the original payment method within 5 business days.', 'en', 'Refunds'),
  ];
  for (const d of docs)
    await idx.replaceDocument(d.documentId, 1, [{ chunk: d, vector: e.embedSync(d.text) }]);
  expect((await idx.search('반품 기간', { k: 1 }))[0]?.chunk.documentId).toBe('ko');
  expect((await idx.search('ile dni na zwrot', { k: 1 }))[0]?.chunk.documentId).toBe('pl');
  expect((await idx.search('when do I get my refund', { k: 1 }))[0]?.chunk.documentId).toBe('en');
  expect(
    (await idx.search('refund', { k: 3, languages: ['pl'] })).every((h) => h.chunk.language === 'pl'),
  ).toBe(true);

  const stats = { idf: (t: string) => idx.sparse.idf(t), df: (t: string) => idx.sparse.df(t) };
  const ok = answerFromHits(
    'How long do refunds take?',
    'en',
    await idx.search('How long do refunds take?', { k: 6 }),
    stats,
  );
  expect(ok.found).toBe(true);
  expect(ok.answer).toContain('5 business days');
  const no = answerFromHits(
    'Do you sell gift wrapping for birthdays?',
    'en',
    await idx.search('Do you sell gift wrapping for birthdays?', { k: 6 }),
    stats,
  );
  expect(no.found).toBe(false);
  const cross = answerFromHits(
    'How many days do I have to return?',
    'en',
    await idx.search('How many days do I have to return?', { k: 6, languages: ['pl'] }),
    stats,
  );
  expect(cross.found).toBe(true);
  expect(cross.language).toBe('pl');
  expect(cross.answer.startsWith('“')).toBe(true);

  await idx.replaceDocument('en', 2, [
    {
      chunk: { ...docs[2]!, id: 'en2', documentVersion: 2, text: 'Refunds now take 10 days.' },
      vector: e.embedSync('Refunds now take 10 days.'),
    },
  ]);
  const after = await idx.search('refund', { k: 5 });
  expect(after.map((h) => h.chunk.text)).toContain('Refunds now take 10 days.');
  expect(after.map((h) => h.chunk.text).join()).not.toContain('5 business days');
  idx.removeDocument('en');
  expect((await idx.search('refund', { k: 5 })).some((h) => h.chunk.documentId === 'en')).toBe(false);
});
