import { answerOver, indexMarkdown } from '../evaluate';

// A sentence about another matter than returning — a warranty, a repair, care — may name a product without
// saying anything about returning it. Before, "How many days do I have to return a kayak?" was answered with
// the kayaks' warranty sentence (its product word matched) instead of the general return window.

const EN = `# Tideway Outfitters — Returns

## Return window
Most items can be returned within 60 days of delivery, unused and with their tags.

## Shipping
Orders over $80 ship free within the country.

## Warranty
Our five-year warranty on kayaks and paddles is handled by the manufacturer, not through returns.`;

const PL = `# Sklep Wiosło — zwroty

## Termin zwrotu
Większość towarów możesz zwrócić w ciągu 21 dni od otrzymania paczki.

## Gwarancja
Gwarancja na kajaki wynosi 5 lat i obsługuje ją producent, a nie dział zwrotów.`;

const KO = `# 물결상점 반품 안내

## 반품 기간
상품 수령 후 10일 이내에 반품을 신청할 수 있습니다.

## 품질 보증
카약의 품질 보증 기간은 3년이며 보증 수리는 제조사가 처리합니다.`;

test('a return-period question is answered by the return window, not a warranty sentence naming the product', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const a = await answerOver(en, 'How many days do I have to return a kayak?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('60 days');
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const b = await answerOver(pl, 'Ile mam dni na zwrot kajaka?');
  expect(b.found).toBe(true);
  expect(b.answer).toContain('21 dni');
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const c = await answerOver(ko, '카약 반품 기간은 며칠인가요?');
  expect(c.found).toBe(true);
  expect(c.answer).toContain('10일');
});

test('a warranty question is still answered by the warranty sentence', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const a = await answerOver(en, 'Is there a warranty on kayaks?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('five-year warranty');
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const c = await answerOver(ko, '카약 보증 기간은요?');
  expect(c.found).toBe(true);
  expect(c.answer).toContain('3년');
});
