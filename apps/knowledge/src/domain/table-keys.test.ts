import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerOver, indexMarkdown } from '../evaluate';

// QA's invented brand (eval/qa-fjord) answered "How much does a return label cost from Sweden?" with the Norway
// row (the first row stating an amount; "59 SEK" was not read as one). The row whose first cell the question
// names answers; a case the table does not list gets its catch-all row or nothing; a question naming no row
// gets the whole table. The other documents are written for this test.
const QA = {
  id: 'policy',
  content: readFileSync(path.resolve(__dirname, '..', '..', 'eval', 'qa-fjord', 'policy.md'), 'utf8'),
};

async function ask(docs: { id: string; content: string }[], question: string) {
  const a = await answerOver(await indexMarkdown(docs), question);
  return { found: a.found, answer: a.answer };
}

const PL = {
  id: 'pl',
  content: `# Górski Szlak — zwroty

## Koszt odesłania
| Kraj | Koszt etykiety |
| --- | --- |
| Polska | bezpłatnie |
| Czechy | 25 zł |
| Pozostałe kraje | 60 zł |`,
};

const KO = {
  id: 'ko',
  content: `# 바다상점 반품 안내

## 반품 택배비
| 지역 | 반품 택배비 |
| --- | --- |
| 서울 | 무료 |
| 제주 | 6,000원 |
| 기타 지역 | 3,000원 |`,
};

const EN_NO_CATCH_ALL = {
  id: 'en',
  content: `# Lakeside Bikes — returns

## Return postage
| Carrier | Price |
| --- | --- |
| Royal Mail | £4 |
| Evri | £3 |`,
};

describe('table rows: the row the question names', () => {
  it.each([
    ['How much does a return label cost from Sweden?', /Sweden; Return label: 59 SEK/],
    ['What does the return label cost in Norway?', /Norway; Return label: free/],
    ['How much does a return label cost from Germany?', /Everywhere else; Return label: 12 EUR/],
    ['I live in Denmark, what is the return label price?', /Everywhere else/],
  ])('QA brand: %s', async (q, want) => {
    const a = await ask([QA], q);
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(want);
    expect(a.answer.split('\n')).toHaveLength(1);
  });

  it('QA brand: no row named → the whole table, not one country', async () => {
    const a = await ask([QA], 'Do I have to pay for return shipping?');
    expect(a.answer).toMatch(/Norway[^\n]*free\n[^\n]*Sweden[^\n]*59 SEK\n[^\n]*Everywhere else[^\n]*12 EUR/);
  });

  it.each([
    [PL, 'Ile kosztuje etykieta z Czech?', /Czechy; Koszt etykiety: 25 zł/],
    [PL, 'Ile kosztuje etykieta zwrotna z Niemiec?', /Pozostałe kraje; Koszt etykiety: 60 zł/],
    [KO, '제주에서 반품하면 택배비가 얼마인가요?', /제주; 반품 택배비: 6,000원/],
    [EN_NO_CATCH_ALL, 'How much is return postage with Evri?', /Evri; Price: £3/],
  ])('own tables: %#', async (doc, q, want) => {
    const a = await ask([doc], q);
    expect(a.answer).toMatch(want);
    expect(a.answer.split('\n')).toHaveLength(1);
  });

  it('a carrier the table does not list, no catch-all row: refused, never another carrier', async () => {
    const a = await ask([EN_NO_CATCH_ALL], 'How much is return postage with Hermes?');
    expect(a.answer).not.toMatch(/Royal Mail|Evri/);
  });

  it('a place named in another language than the table: not the catch-all row', async () => {
    const a = await ask([QA], 'Ile kosztuje etykieta zwrotna ze Szwecji?');
    expect(a.answer).not.toMatch(/Everywhere else|Norway/);
  });
});
