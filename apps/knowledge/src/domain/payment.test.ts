import { answerOver, indexMarkdown } from '../evaluate';

// Found through eval/blind and eval/blind2: "Czy mogę zapłacić w ratach?" was answered with the delivery clause
// ("koszt 16 zł"), "Czy mogę zapłacić przy odbiorze?" with who pays for sending a return back, and
// "카카오페이로 결제할 수 있나요?" with the dispatch time counted from payment. The documents below are written for
// this test: they mention paying only in passing, or have a section about it.

const PL = `# Sklep Modrzew — zasady

## Dostawa
Zamówienie wysyłamy po zaksięgowaniu płatności. Wysyłka kurierem kosztuje 14 zł.

## Odesłanie
Koszt odesłania towaru pokrywa kupujący.

## Zwroty
Pieniądze oddajemy na konto, z którego dokonano płatności, w ciągu 7 dni.
`;

const PL_PAYMENTS = `${PL}
## Płatności
Akceptujemy przelewy bankowe i karty płatnicze.
`;

const KO = `# 솔빛 쇼핑 안내

## 배송
결제가 확인된 날부터 2일 이내에 발송합니다. 배송비는 3,000원입니다.

## 환불
환불은 결제하신 수단으로 3영업일 이내에 진행됩니다.
`;

const EN = `# Fernleaf Home — policies

## Shipping
Orders ship within 2 days of payment. Shipping costs $6.

## Refunds
Refunds go back to your original payment method within 5 days.
`;

const EN_PAYMENTS = `${EN}
## Payment
We accept Visa, Mastercard and bank transfers.
`;

async function ask(doc: string, question: string) {
  const index = await indexMarkdown([{ id: 'doc', content: doc }]);
  const a = await answerOver(index, question);
  return { found: a.found, answer: a.answer };
}

test('how to pay is not answered by a rule that mentions payment in passing', async () => {
  const cases: [string, string][] = [
    [PL, 'Czy mogę zapłacić za pobraniem?'],
    [PL, 'Czy można płacić w ratach?'],
    [PL, 'Czy mogę zapłacić blikiem?'],
    [KO, '네이버페이로 결제 가능한가요?'],
    [KO, '무통장 입금으로 결제할 수 있나요?'],
    [KO, '토스페이로 결제할 수 있나요?'],
    [EN, 'Can I pay by bank transfer?'],
    [EN, 'Can I pay in instalments?'],
  ];
  const got = [];
  for (const [doc, q] of cases) got.push({ q, ...(await ask(doc, q)) });
  expect(got).toEqual(cases.map(([, q]) => ({ q, found: false, answer: '' })));
});

test('text about paying answers it, and refund or cost questions that mention paying are unchanged', async () => {
  expect(await ask(PL_PAYMENTS, 'Czy mogę zapłacić przelewem?')).toEqual({
    found: true,
    answer: 'Akceptujemy przelewy bankowe i karty płatnicze.',
  });
  expect(await ask(EN_PAYMENTS, 'Can I pay by bank transfer?')).toEqual({
    found: true,
    answer: 'We accept Visa, Mastercard and bank transfers.',
  });
  expect(await ask(EN, 'I paid by card, where does my refund go?')).toMatchObject({
    found: true,
    answer: expect.stringContaining('original payment method'),
  });
  expect(await ask(KO, '카드로 결제했는데 환불은 어디로 되나요?')).toMatchObject({
    found: true,
    answer: expect.stringContaining('결제하신 수단'),
  });
});
