import { answerOver, indexMarkdown } from '../evaluate';

// Shoppers say with a verb what the documents name with a noun: "빨았는데" (I washed it) ≈ "세탁", "uprałam" ≈
// "pranie", "I washed it" ≈ "washing". The glossary maps them, and a question word the documents never use is
// searched as the relative they do use, in full (before, at 0.4 it lost retrieval to the chunks sharing only
// "반품", and "한번 빨았는데 반품 가능할까요" was refused); "가능할까요" asks whether it is possible, as "가능한가요" does.

const KO = `# 새싹상점 반품 안내

## 반품 기간
단순 변심 반품은 상품을 받은 날로부터 7일 이내에 신청해 주세요. 불량 상품은 30일 이내에 반품할 수 있습니다.

## 반품 신청 방법
반품 페이지에서 주문번호로 신청하시거나 채팅 상담에서 링크를 받으세요.

## 교환
사이즈 교환은 14일 이내에 신청할 수 있습니다.

## 해외 주문
해외로 배송된 주문은 반품을 받지 않습니다.

## 세일 상품
세일 상품은 반품이 불가하며 교환만 가능합니다.

## 반품 불가
- 이름 자수 등 주문 제작 상품은 반품이 불가합니다.
- 세탁했거나 착용한 흔적이 있는 상품은 반품되지 않습니다.`;

const PL = `# Sklep Kiełek — zwroty

## Termin
Zwrot zgłaszasz w ciągu 14 dni od otrzymania paczki.

## Czego nie przyjmujemy
- Produktów po praniu lub z widocznymi śladami noszenia.
- Produktów personalizowanych.`;

test('a verb the documents do not use finds the noun they do', async () => {
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const a = await answerOver(ko, '한번 빨았는데 반품 가능할까요');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('세탁했거나');
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const b = await answerOver(pl, 'Uprałam produkt, czy mogę go zwrócić?');
  expect(b.found).toBe(true);
  expect(b.answer).toContain('po praniu');
});
