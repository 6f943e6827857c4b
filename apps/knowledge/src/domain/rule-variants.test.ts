import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerOver, indexMarkdown } from '../evaluate';

// QA's invented brand (eval/qa-fjord: en, pl, ko documents in one tenant) and documents written for this test:
// a rule's variants for members, sale items or defects must not answer the general question, and a question
// naming the case gets the variant.
const QA_DIR = path.resolve(__dirname, '..', '..', 'eval', 'qa-fjord');
const qaDocs = ['policy.md', 'polityka.md', 'ko.md'].map((f) => ({
  id: f,
  content: readFileSync(path.join(QA_DIR, f), 'utf8'),
}));

async function ask(docs: { id: string; content: string }[], question: string) {
  const a = await answerOver(await indexMarkdown(docs), question);
  return { found: a.found, answer: a.answer };
}

const EN_OWN = {
  id: 'peak',
  content: `# Peakline Gear — returns

## How long you have
Gold Rewards members may return purchases within 90 days.
You can return any unused item within 30 days of purchase.
Clearance items can be returned within 7 days.

## Faulty gear
If your gear is faulty, you can return it within 12 months.`,
};

const PL_OWN = {
  id: 'las',
  content: `# Leśny Zakątek — zwroty

## Termin zwrotu
Produkty z wyprzedaży można zwrócić w ciągu 7 dni.
Na zwrot nieużywanego produktu masz 30 dni od doręczenia.
Członkowie programu lojalnościowego mają 60 dni.`,
};

const KO_OWN = {
  id: 'namu',
  content: `# 나무상회 반품 안내

## 반품 기간
VIP 회원은 상품 수령 후 30일 이내에 반품할 수 있습니다.
상품 수령 후 14일 이내에 반품을 신청할 수 있습니다.
할인 상품은 수령 후 3일 이내에만 반품할 수 있습니다.`,
};

describe('the general rule before its variants (members, sale items, defects)', () => {
  it.each([
    'How long do I have to return something?',
    'What is the return window?',
    'How many days do I have to send back an item?',
  ])('QA brand, %s → the 45-day rule first', async (q) => {
    const a = await ask(qaDocs, q);
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/^Unworn items can be sent back within 45 days/);
  });

  it('QA brand: a question naming the case gets the variant', async () => {
    expect((await ask(qaDocs, 'How long do I have to return sale items?')).answer).toMatch(/14 days/);
    expect((await ask(qaDocs, 'How long do Fern Club members have to return?')).answer).toMatch(/60 days/);
  });

  it.each([
    [EN_OWN, 'How long do I have to return something?', /30 days of purchase/, /90 days|7 days/],
    [EN_OWN, 'Is there a time limit for returns?', /30 days of purchase/, /90 days|7 days/],
    [PL_OWN, 'Ile mam czasu na zwrot?', /30 dni/, /7 dni/],
    [KO_OWN, '반품 기간이 어떻게 되나요?', /14일/, /3일/],
  ])('own documents: %#', async (doc, q, want, not) => {
    const a = await ask([doc], q);
    expect(a.found).toBe(true);
    // The general rule first; a variant may follow it.
    const first = a.answer.split(/(?<=[.!?])\s+/u)[0]!;
    expect(first).toMatch(want);
    expect(first).not.toMatch(not);
  });

  it.each([
    [EN_OWN, 'How long do I have to return clearance items?', /7 days/],
    [EN_OWN, 'My jacket is faulty, how long do I have to return it?', /12 months/],
    [PL_OWN, 'Ile dni mam na zwrot produktu z wyprzedaży?', /7 dni/],
    [KO_OWN, '할인 상품은 며칠 안에 반품해야 하나요?', /3일/],
  ])('own documents, the case named: %#', async (doc, q, want) => {
    expect((await ask([doc], q)).answer).toMatch(want);
  });
});
