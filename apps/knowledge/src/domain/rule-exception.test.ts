import { answerOver, indexMarkdown } from '../evaluate';

// An exception or a later case of a rule ("from the second exchange you pay…", "두 번째 교환부터는…", "Kolejne…")
// is said with the rule before it, and a rule's detail ("적립금 유효기간은 1년입니다.") with the rule it details when
// that answers the question too. Before, "교환은 무료인가요? 그리고 불량이면 누가 내요?" quoted only "from the second
// exchange you pay 6,000원" (reading as "exchanges cost money"), and a store-credit question got only the expiry.

const KO = `# 들꽃상점 교환·환불 안내

## 교환 비용
사이즈 교환은 첫 1회 무료입니다. 두 번째 교환부터는 왕복 배송비 5,000원을 부담해 주셔야 합니다. 불량 상품은 배송비를 들꽃상점이 부담합니다.

## 포인트 환불
환불 대신 포인트를 선택하시면 상품 금액의 3%를 추가로 적립해 드립니다. 포인트 유효기간은 2년입니다.

## 반품 기간
상품 수령 후 7일 이내에 반품을 신청할 수 있습니다.`;

const EN = `# Larch & Co. — Exchanges

## Exchange costs
We do not charge for the first exchange of an order. From the second exchange, a $6 label fee is deducted. Defective items are exchanged at our cost.

## Returns
Returns are accepted within 30 days of delivery.`;

const PL = `# Sklep Modrzew — wymiany

## Koszt wymiany
Pierwsza wymiana w zamówieniu jest bezpłatna. Kolejne wymiany kosztują 15 zł za etykietę. Wadliwe produkty wymieniamy na nasz koszt.

## Zwroty
Zwrot przyjmujemy w ciągu 30 dni od dostawy.`;

test('an exception is answered with the rule it is an exception to', async () => {
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const a = await answerOver(ko, '교환은 무료인가요? 그리고 불량이면 배송비 누가 내요?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('첫 1회 무료');
  const a2 = await answerOver(ko, '두 번째 교환은 얼마예요?');
  expect(a2.answer).toContain('첫 1회 무료');
  expect(a2.answer).toContain('5,000원');
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const b = await answerOver(en, 'How much is a second exchange?');
  expect(b.found).toBe(true);
  expect(b.answer).toContain('first exchange');
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const c = await answerOver(pl, 'Czy płacę za kolejną wymianę?');
  expect(c.found).toBe(true);
  expect(c.answer).toContain('Pierwsza wymiana');
});

test("a rule's detail is answered with the rule it details", async () => {
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const a = await answerOver(ko, '포인트로 받으면 혜택 있나요? 유효기간은요?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('3%를 추가로');
  expect(a.answer).toContain('2년');
});
