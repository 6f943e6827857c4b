import { answerOver, indexMarkdown } from '../evaluate';
import type { TenantIndex } from './tenant-index';

// "How long does delivery take?", "Ile trwa dostawa?", "배송 기간이 어떻게 되나요?" ask how long a process
// takes (the shop's side: shipping, a refund, handling a complaint). A sentence giving the shopper a
// deadline for something they must do ("Report a damaged delivery within 48 hours", "Towar możesz
// zwrócić w ciągu 30 dni", "48시간 이내에 접수해 주세요") states a span, but not that one. "How long do I
// have to…?" / "Ile mam czasu na…?" / "언제까지 해야 하나요?" still get the deadline. Before, the damage
// window answered the English and Korean delivery questions and the return window the Polish ones.

async function ask(idx: TenantIndex, question: string) {
  const a = await answerOver(idx, question);
  return a.found ? a.answer : '∅';
}

const EN = `# Fjord Supply — Policies

## Returns
You can return unused items within 30 days of delivery.

## Damaged items
Report a damaged delivery within 48 hours and send us a photo of the parcel.

## Shipping
We ship orders within 1 business day. Standard delivery takes 2–4 business days.`;

const PL = `# Fiord — zasady

## Zwroty
Towar możesz zwrócić w ciągu 30 dni od doręczenia.

## Uszkodzona przesyłka
Uszkodzenie przesyłki zgłoś w ciągu 48 godzin, dołączając zdjęcie paczki.

## Wysyłka
Zamówienia nadajemy w ciągu 1 dnia roboczego. Kurier doręcza paczki w 2–4 dni robocze.`;

const KO = `# 피오르 정책

## 반품
상품 수령 후 30일 이내에 반품하실 수 있습니다.

## 파손 상품
파손된 배송 상품은 48시간 이내에 사진과 함께 접수해 주세요.

## 배송
주문 후 1영업일 이내에 출고되며, 택배 배송에는 2~4영업일이 걸립니다.`;

test('how long delivery takes is answered by the delivery time, not by a deadline for the shopper', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  const answers = {
    'How long does delivery take?': await ask(en, 'How long does delivery take?'),
    'What is the delivery time?': await ask(en, 'What is the delivery time?'),
    'Ile trwa dostawa?': await ask(pl, 'Ile trwa dostawa?'),
    'Jaki jest czas dostawy?': await ask(pl, 'Jaki jest czas dostawy?'),
    '배송 기간이 어떻게 되나요?': await ask(ko, '배송 기간이 어떻게 되나요?'),
    '배송은 얼마나 걸리나요?': await ask(ko, '배송은 얼마나 걸리나요?'),
  };
  expect(Object.entries(answers).map(([q, a]) => [q, /2–4|2~4/u.test(a) ? 'delivery time' : a])).toEqual(
    Object.keys(answers).map((q) => [q, 'delivery time']),
  );
});

// The imperative after a condition ("If a parcel arrives damaged, email us within 48 hours") and the
// shop's own time in a sentence that also names the shopper ("you will receive it in 3–5 days").
const EN_IF = `# Brightwater — Help

## Damage in transit
If a parcel arrives damaged, email us a photo within 48 hours of delivery.

## Delivery
Once your order ships, you will receive it in 3–5 business days.`;

test('a conditional imperative is a deadline for the shopper, a sentence about the delivery is not', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN_IF }]);
  expect([
    await ask(en, 'How long does delivery take?'),
    await ask(en, 'How long will it take to arrive?'),
  ]).toEqual([
    'Once your order ships, you will receive it in 3–5 business days.',
    'Once your order ships, you will receive it in 3–5 business days.',
  ]);
});

test('how long the shopper has to report or return is still answered by the deadline', async () => {
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  expect([
    await ask(en, 'How long do I have to report a damaged delivery?'),
    await ask(en, 'How long do I have to return something?'),
    await ask(pl, 'Ile mam czasu na zgłoszenie uszkodzonej przesyłki?'),
    await ask(pl, 'Ile mam dni na zwrot?'),
    await ask(ko, '파손 신고는 언제까지 해야 하나요?'),
    await ask(ko, '반품 기간이 며칠인가요?'),
  ]).toEqual([
    'Report a damaged delivery within 48 hours and send us a photo of the parcel.',
    'You can return unused items within 30 days of delivery.',
    'Uszkodzenie przesyłki zgłoś w ciągu 48 godzin, dołączając zdjęcie paczki.',
    'Towar możesz zwrócić w ciągu 30 dni od doręczenia.',
    '파손된 배송 상품은 48시간 이내에 사진과 함께 접수해 주세요.',
    '상품 수령 후 30일 이내에 반품하실 수 있습니다.',
  ]);
});
