import { answerOver, indexMarkdown } from '../evaluate';

// A tenant with pages in two languages where both answer: the page in the question's language answers, even when
// the other page's sentence matches a little better through the glossary — "kto płaci za przesyłkę zwrotną" got
// the English FAQ ("Return shipping is paid by the customer…"), though the Polish Regulamin says it ("Konsument
// ponosi bezpośrednie koszty zwrotu rzeczy…"). And a rule for goods under complaint ("Koszty odesłania towaru
// reklamowanego ponosi Sprzedawca") is a variant for defects, like "reklamacja": it answers a question about a
// complaint, not an ordinary one about sending the goods back.

const PL = `# Regulamin sklepu internetowego Malwa

## § 1. Postanowienia ogólne

1. Niniejszy Regulamin określa zasady sprzedaży kosmetyków naturalnych za pośrednictwem Sklepu internetowego Malwa.
2. Sprzedawca realizuje dostawy wyłącznie na terytorium Rzeczypospolitej Polskiej.

## § 2. Prawo odstąpienia od umowy

1. Konsument może w terminie 14 dni odstąpić od umowy zawartej na odległość bez podawania przyczyny.
2. Termin do odstąpienia od umowy biegnie od dnia, w którym Konsument wszedł w posiadanie rzeczy.
3. Konsument ma obowiązek zwrócić rzecz Sprzedawcy niezwłocznie, jednak nie później niż 14 dni od dnia, w którym odstąpił od umowy.
4. Konsument ponosi bezpośrednie koszty zwrotu rzeczy. Sprzedawca udostępnia etykietę zwrotną w cenie 12,50 zł, potrącaną z kwoty zwrotu.

## § 5. Reklamacje

1. Reklamację można złożyć pocztą elektroniczną.
2. Koszty odesłania towaru reklamowanego ponosi Sprzedawca.`;

const EN = `# Malwa — Returns FAQ (English)

## How long do I have to return my order?

You can withdraw from your purchase within 14 days of receiving the parcel. Unopened items in their original wrapping can be returned within 14 days.

## Who pays for return shipping?

Return shipping is paid by the customer. Our return label costs PLN 12.50 and is deducted from your refund. If the product is faulty, we cover the cost of sending it back.

## Do you ship abroad?

We currently deliver only within Poland.`;

const KO = `# 말바 반품 안내

## 반품 기간

상품 수령 후 14일 이내에 반품을 신청하실 수 있습니다.

## 반품 배송비

반품 배송비는 고객님 부담이며, 반품 라벨 비용 4,000원이 환불 금액에서 차감됩니다.`;

const EN_KO = `# Malwa Korea — Returns

## Return window

You can request a return within 14 days of receiving your order.

## Return shipping

Return shipping is paid by the customer; the KRW 4,000 label fee is deducted from your refund.`;

const docs = [
  { id: 'regulamin', content: PL },
  { id: 'faq-en', content: EN },
];

test.each([
  ['pl', 'kto płaci za przesyłkę zwrotną', 'regulamin', 'Konsument ponosi bezpośrednie koszty zwrotu rzeczy'],
  [
    'pl',
    'Kto płaci za odesłanie reklamowanego kremu?',
    'regulamin',
    'Koszty odesłania towaru reklamowanego ponosi Sprzedawca',
  ],
  ['en', 'Who pays for return shipping?', 'faq-en', 'Return shipping is paid by the customer'],
])('%s: "%s" is answered from the page in its language', async (_l, q, doc, fact) => {
  const idx = await indexMarkdown(docs);
  const a = await answerOver(idx, q);
  expect(a.found).toBe(true);
  expect(a.citations[0]!.documentId).toBe(doc);
  expect(a.answer).toContain(fact);
});

test.each([
  ['ko', '반품 배송비 누가 내요?', 'ko', '반품 배송비는 고객님 부담'],
  ['en', 'who pays return shipping', 'en', 'Return shipping is paid by the customer'],
])('%s: "%s" is answered from the page in its language (Korean and English)', async (_l, q, doc, fact) => {
  const idx = await indexMarkdown([
    { id: 'ko', content: KO },
    { id: 'en', content: EN_KO },
  ]);
  const a = await answerOver(idx, q);
  expect(a.citations[0]!.documentId).toBe(doc);
  expect(a.answer).toContain(fact);
});
