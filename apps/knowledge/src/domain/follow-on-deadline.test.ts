import { answerOver, indexMarkdown } from '../evaluate';

// "How many days do I have to send it back?", "Ile mam dni na zwrot?", "반품 며칠 안에 해야 돼요?" ask for the return
// window. A second deadline counted from an earlier step of the shopper's — "you then have another 14 days to post
// the items back", "…nie później niż 14 dni od dnia, w którym odstąpił od umowy", "철회 신청일로부터 5일 이내에…" —
// is not it, unless the question names that step. Before, the second deadline answered (it says "send back"; the
// English case fails on the old code, the Polish and Korean ones are controls here — on the QA7 Regulamin the
// old code cited ust. 5 for "ile mam dni na zwrot?").

const EN = `# Orchid Lane — Returns FAQ

## How long do I have to return my order?

You can withdraw from your purchase within 30 days of receiving the parcel, without giving a reason. Sending us your withdrawal notice before the 30 days are up is enough; you then have another 14 days to post the items back.

## Who pays for return shipping?

Return shipping is paid by the customer.`;

const PL = `# Regulamin sklepu Jaśmin

## § 3. Prawo odstąpienia od umowy

1. Konsument może w terminie 30 dni odstąpić od umowy zawartej na odległość bez podawania przyczyny i bez ponoszenia kosztów, z wyjątkiem kosztów określonych w ust. 5.
2. Termin do odstąpienia od umowy wygasa po upływie 30 dni od dnia, w którym Konsument wszedł w posiadanie rzeczy.
3. Do zachowania terminu wystarczy wysłanie oświadczenia przed jego upływem.
4. Konsument ma obowiązek zwrócić rzecz Sprzedawcy niezwłocznie, jednak nie później niż 14 dni od dnia, w którym odstąpił od umowy.
5. Konsument ponosi bezpośrednie koszty zwrotu rzeczy.`;

const KO = `# 단비상점 반품 안내

## 반품 기간

상품을 받으신 날부터 10일 이내에 반품(청약철회)을 신청하실 수 있습니다. 철회 신청일로부터 5일 이내에 상품을 반송해 주셔야 합니다.

## 반품 배송비

단순 변심 반품의 왕복 배송비는 고객님 부담입니다.`;

test.each([
  ['en', EN, 'how many days do i have to send stuff back', 'within 30 days of receiving the parcel'],
  ['pl', PL, 'ile mam dni na zwrot?', '30 dni'],
  ['ko', KO, '반품 며칠 안에 해야 돼요?', '10일 이내에 반품'],
])('%s: the return window, not the deadline after the notice (%s)', async (_l, doc, q, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  const a = await answerOver(idx, q);
  expect(a.found).toBe(true);
  expect(a.answer).toContain(fact);
});

test.each([
  [
    'en',
    EN,
    'After I send the withdrawal notice, how many days do I have to post the items back?',
    'another 14 days',
  ],
])('%s: a question naming the earlier step gets the second deadline (%s)', async (_l, doc, q, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  expect((await answerOver(idx, q)).answer).toContain(fact);
});
