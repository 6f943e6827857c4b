import { answerOver, indexMarkdown } from '../evaluate';
import { abroadNamed } from './places';

// "Wysyłacie do Niemiec?", "Do you ship to Japan?", "일본으로도 배송 되나요": a country the documents never name is an
// order abroad, and the answer is the sentence limiting delivery to the home country ("We ship only within South
// Korea", "Sprzedawca realizuje dostawy wyłącznie na terytorium Rzeczypospolitej Polskiej", "대한민국 내 배송만 하고
// 있습니다"): it addresses orders abroad, by saying no. Before, a question about orders abroad found no sentence
// addressing them and was refused, or got a domestic shipping row; "일본으로도" (with 으로도) was not read as a place.

const EN = `# Kestrel Audio — Shipping

## Delivery times
Orders are dispatched within 2 business days. Standard delivery costs KRW 3,000 and is free over KRW 30,000.

## Where we deliver
We ship only within South Korea.`;

const PL = `# Regulamin sklepu Malwa

## § 2. Zamówienia i dostawa

1. Zamówienia wysyłamy w ciągu 2 dni roboczych od zaksięgowania płatności.
2. Dostawa kurierem kosztuje 15,99 zł, a przy zamówieniach od 150 zł jest bezpłatna.
3. Sprzedawca realizuje dostawy wyłącznie na terytorium Rzeczypospolitej Polskiej.`;

const KO = `# 매미소리 배송 안내

## 배송

일반 배송은 결제 후 1~3영업일 안에 도착하며, 3만원 미만 주문은 배송비 3,000원이 부과됩니다.

## 해외 배송

현재 매미소리는 대한민국 내 배송만 하고 있습니다.`;

test.each([
  ['en', EN, 'Do you ship to Japan?', 'We ship only within South Korea.'],
  ['pl', PL, 'Wysyłacie do Niemiec?', 'wyłącznie na terytorium Rzeczypospolitej Polskiej'],
  ['pl', PL, 'Czy dostarczacie paczki do Japonii?', 'wyłącznie na terytorium Rzeczypospolitej Polskiej'],
  ['ko', KO, '일본으로도 배송 되나요', '대한민국 내 배송만'],
])(
  '%s: a country the documents never name gets the home-only delivery rule (%s)',
  async (_l, doc, q, fact) => {
    const idx = await indexMarkdown([{ id: 'd', content: doc }]);
    const a = await answerOver(idx, q);
    expect(a.found).toBe(true);
    expect(a.answer).toContain(fact);
  },
);

test.each([
  ['en', EN, 'How much is delivery?', 'KRW 3,000'],
  ['pl', PL, 'Ile kosztuje dostawa?', '15,99 zł'],
  ['ko', KO, '배송비 얼마예요?', '3,000원'],
])('%s: a question about home delivery still gets the domestic rule (%s)', async (_l, doc, q, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  expect((await answerOver(idx, q)).answer).toContain(fact);
});

test('a Korean place before 으로도 / 로도 / 에도 is a place', () => {
  const never = () => false;
  for (const q of ['일본으로도 배송 되나요', '중국에도 보내 주나요', '미국로도 되나요'])
    expect(abroadNamed(q, never)).toMatch(/^해외/u);
});
