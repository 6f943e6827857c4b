import { answerOver, indexMarkdown } from '../evaluate';
import { withoutPaymentAside } from './payment-aside';

// How the shopper paid, said in passing, is context: when the documents say nothing about that way of paying, the
// question is answered as if it were not said. Before, "PayPal" weighed as a place the documents never name
// (refused) and "카카오페이로 결제했는데" matched a sentence about card payments instead of the return window.

const EN = `# Maple Row — Returns

## Return window

You can return unworn items within 30 days of delivery.

## Refunds

Refunds are issued within 5 business days after we receive your return. Card refunds may take a few more days to appear.`;

const KO = `# 단풍길 반품 안내

## 반품 기간

단순 변심 반품은 상품을 받으신 날로부터 7일 이내에 신청해 주세요.

## 환불

반품 상품이 도착하면 3영업일 이내에 환불됩니다. 카드 결제는 카드사 사정에 따라 3~5일이 더 걸릴 수 있습니다.`;

const PL = `# Zasady zwrotów Klonowa

## Termin zwrotu

Towar możesz zwrócić w ciągu 30 dni od otrzymania paczki.

## Metoda zwrotu

Pieniądze zwracamy tą samą metodą płatności, której użyto przy zakupie. Płatności BLIK zwracamy na rachunek bankowy powiązany z BLIK.`;

test.each([
  ['I paid with PayPal, how many days do I have to return?', EN, 'within 30 days of delivery'],
  ['I paid with Apple Pay. How long do I have to return my order?', EN, 'within 30 days of delivery'],
  ['카카오페이로 결제했는데 반품 기간이 어떻게 되나요?', KO, '7일 이내에 신청해 주세요'],
  ['Zapłaciłam przelewem, ile mam dni na zwrot?', PL, 'w ciągu 30 dni od otrzymania paczki'],
])('"%s": the payment is context, the question is answered', async (q, doc, fact) => {
  const idx = await indexMarkdown([{ id: 'policy', content: doc }]);
  const a = await answerOver(idx, q);
  expect([q, a.found]).toEqual([q, true]);
  expect(a.answer).toContain(fact);
});

test('asking how one may pay is a payment question, not an aside: refused when the documents do not say', async () => {
  const idx = await indexMarkdown([{ id: 'policy', content: EN }]);
  for (const q of ['Can I pay with PayPal?', 'I paid with PayPal.'])
    expect((await answerOver(idx, q)).found).toBe(false);
});

test('withoutPaymentAside drops only the clause, in each language', () => {
  const none = () => false;
  expect(withoutPaymentAside('I paid with PayPal, how many days do I have to return?', none)).toBe(
    'how many days do I have to return?',
  );
  expect(withoutPaymentAside('Zapłaciłam BLIKiem, ile mam dni na zwrot?', none)).toBe(
    'ile mam dni na zwrot?',
  );
  expect(withoutPaymentAside('네이버페이로 결제했는데 환불은 언제 되나요?', none)).toBe(
    '환불은 언제 되나요?',
  );
  // Known to the documents (here "blik" and "przelew"): kept, in the documents' form.
  const known = (t: string) => t === 'blik' || t === 'przelew';
  expect(withoutPaymentAside('Zapłaciłam BLIKiem, ile mam dni na zwrot?', known)).toBe(
    'Zapłaciłam BLIK, ile mam dni na zwrot?',
  );
  expect(withoutPaymentAside('I paid by bank transfer, where does my refund go?', known)).toBe(
    'I paid by bank transfer, where does my refund go?',
  );
});
