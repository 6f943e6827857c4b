import { answerOver, indexMarkdown } from '../evaluate';

// "can i return clearance stuff": "stuff" / "things" stand for the goods the other words name, not a subject the
// documents lack; before, "stuff" weighed as an unknown word and the clearance rule was refused. "do you take back
// X?" asks about returning X, like "send back" / "give back". The Polish and Korean questions are controls (they
// were answered before and must stay answered).

const EN = `# Peak Supply — Returns

## Return window
You can return most items within 30 days of delivery.

## Clearance items
Clearance items are final sale. They cannot be returned or exchanged.`;

const PL = `# Sklep Szczyt — zwroty

## Termin zwrotu
Towar możesz zwrócić w ciągu 14 dni od dostawy.

## Wyprzedaż
Towarów z wyprzedaży nie można zwrócić ani wymienić.`;

const KO = `# 봉우리 반품 안내

## 반품 기간
상품 수령 후 14일 이내에 반품할 수 있습니다.

## 세일 상품
세일 상품은 반품 및 교환이 불가합니다.`;

test.each([
  ['en', 'can i return clearance stuff', EN, 'final sale'],
  ['en', 'do you take back clearance?', EN, 'final sale'],
  ['pl', 'Czy mogę zwrócić rzeczy z wyprzedaży?', PL, 'wyprzedaży nie można'],
  ['ko', '세일 상품도 반품되나요?', KO, '세일 상품은 반품 및 교환이 불가'],
])('%s: %s', async (_l, q, doc, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  const a = await answerOver(idx, q);
  expect(a.found).toBe(true);
  expect(a.answer).toContain(fact);
});

test('a placeholder alone does not make an unrelated question answerable', async () => {
  const idx = await indexMarkdown([{ id: 'd', content: EN }]);
  expect((await answerOver(idx, 'do you sell camping stuff in Chicago?')).found).toBe(false);
});
