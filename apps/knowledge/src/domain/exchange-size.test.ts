import { answerOver, indexMarkdown } from '../evaluate';
import type { TenantIndex } from './tenant-index';

// "Can I exchange my jacket for a bigger size?" asked of a brand whose policy says it does not exchange
// ("We do not process direct exchanges. To get a different size, return the item and place a new order."):
// the rule answers it, though the documents never name jackets nor say "bigger". The thing being
// exchanged or returned (the object of the verb: "exchange my jacket", "wymienić kurtkę", "재킷을 …
// 교환") is a product, not another subject, and "bigger / większy / 큰" are sizes. Before, those unknown
// words weighed as much as an unknown subject ("bike fitting") and the question was refused.

async function ask(idx: TenantIndex, question: string) {
  const a = await answerOver(idx, question);
  return a.found ? a.answer : '∅';
}

const EN = `# Larch & Co — Returns

## Return window
Unworn items can be returned within 30 days of delivery.

## Exchanges
We do not process direct exchanges. To get a different size, return the item and place a new order.

## Refunds
Refunds reach your card within 5 business days.`;

const PL = `# Modrzew — zwroty

## Termin zwrotu
Nieużywany towar możesz zwrócić w ciągu 30 dni od doręczenia.

## Wymiany
Nie realizujemy wymian. Jeśli potrzebujesz innego rozmiaru, zwróć produkt i złóż nowe zamówienie.

## Zwrot pieniędzy
Pieniądze zwracamy w ciągu 5 dni roboczych.`;

const KO = `# 낙엽송 반품 안내

## 반품 기간
미착용 상품은 수령 후 30일 이내에 반품하실 수 있습니다.

## 교환
직접 교환은 진행하지 않습니다. 다른 사이즈가 필요하시면 반품 후 새로 주문해 주세요.

## 환불
환불은 5영업일 이내에 처리됩니다.`;

test('exchanging a named product for another size is answered by the exchange rule, in English, Polish and Korean', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const answers = {
    'Can I exchange my jacket for a bigger size?': await ask(
      en,
      'Can I exchange my jacket for a bigger size?',
    ),
    'Can I swap these suede loafers for a smaller size?': await ask(
      en,
      'Can I swap these suede loafers for a smaller size?',
    ),
    'Czy mogę wymienić kurtkę na większy rozmiar?': await ask(
      pl,
      'Czy mogę wymienić kurtkę na większy rozmiar?',
    ),
    'Czy mogę wymienić buty na mniejsze?': await ask(pl, 'Czy mogę wymienić buty na mniejsze?'),
    '재킷을 더 큰 사이즈로 교환할 수 있나요?': await ask(ko, '재킷을 더 큰 사이즈로 교환할 수 있나요?'),
    '신발을 작은 사이즈로 교환할 수 있나요?': await ask(ko, '신발을 작은 사이즈로 교환할 수 있나요?'),
  };
  const rule = /do not process direct exchanges|Nie realizujemy wymian|직접 교환은 진행하지 않습니다/u;
  expect(Object.entries(answers).map(([q, a]) => [q, rule.test(a) ? 'the exchange rule' : a])).toEqual(
    Object.keys(answers).map((q) => [q, 'the exchange rule']),
  );
});

// The same rule in one sentence, in a policy that never says "size".
const EN_TERSE = `# Birch — Returns

## Return window
Unworn items can be returned within 30 days of delivery.

## Exchanges
We do not process direct exchanges; return the item and place a new order.`;

test('a policy that never says "size" still answers the exchange of a named product, and its return', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN_TERSE }]);
  expect([
    await ask(en, 'Can I exchange my jacket for a bigger size?'),
    await ask(en, 'Can I return my wool jacket?'),
  ]).toEqual([
    'We do not process direct exchanges; return the item and place a new order.',
    'Unworn items can be returned within 30 days of delivery.',
  ]);
});

test('a product named with a service the documents do not mention is still refused', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  expect([
    await ask(en, 'Can I get my jacket repaired?'),
    await ask(en, 'Do you offer hemming for jackets?'),
    await ask(pl, 'Czy naprawiacie kurtki?'),
    await ask(ko, '재킷 수선 서비스가 있나요?'),
  ]).toEqual(['∅', '∅', '∅', '∅']);
});
