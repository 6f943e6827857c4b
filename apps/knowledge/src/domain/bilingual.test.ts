import { answerOver, indexMarkdown } from '../evaluate';

// A brand with the same policy in Korean, English and Polish (a Korean shop with pages for foreign
// shoppers): each shopper gets the sentence of their own language's page, not an equally good one of
// another page quoted in a foreign language.

const KO = `# 반품·교환 안내

## 신청 기간

반품 및 교환은 상품을 수령하신 날로부터 14일 이내에 신청하실 수 있습니다.

## 반품 배송비

단순 변심으로 인한 반품의 경우 왕복 배송비 6,000원이 환불 금액에서 차감됩니다. 상품 불량인 경우 배송비는 당사가 부담합니다.

## 환불

환불은 반품 상품이 물류센터에 도착한 후 3영업일 이내에 결제 수단으로 처리됩니다.

## 반품 불가

세일 상품과 착용 흔적이 있는 상품은 반품할 수 없습니다.`;

const EN = `# Returns & exchanges

## Return window

You can request a return or exchange within 14 days of receiving your item.

## Return shipping

For change-of-mind returns, a round-trip shipping fee of KRW 6,000 is deducted from your refund. If the item is defective, we cover shipping.

## Refunds

Refunds are issued to your original payment method within 3 business days after the item reaches our warehouse.

## Non-returnable items

Sale items and items that show signs of wear cannot be returned.`;

const PL = `# Zwroty i wymiany

## Termin

Zwrotu lub wymiany możesz dokonać w ciągu 14 dni od otrzymania towaru.

## Koszt odesłania

Przy zwrocie bez podania przyczyny koszt przesyłki zwrotnej (6000 KRW) potrącamy ze zwrotu. Za wadliwy towar płacimy my.

## Zwrot pieniędzy

Pieniądze zwracamy na pierwotną metodę płatności w ciągu 3 dni roboczych od dotarcia towaru do magazynu.

## Wyłączenia

Towary z wyprzedaży i noszące ślady użytkowania nie podlegają zwrotowi.`;

const QUESTIONS: [string, string, string][] = [
  ['ko', '반품 기간이 어떻게 되나요?', '14일'],
  ['ko', '반품 배송비는 얼마예요?', '6,000원'],
  ['ko', '환불은 언제 되나요?', '3영업일'],
  ['ko', '세일 상품도 반품되나요?', '세일 상품'],
  ['ko', '교환하려면 며칠 안에 해야 해요?', '14일'],
  ['ko', '불량이면 배송비 내야 하나요?', '당사가 부담'],
  ['en', 'How long do I have to return something?', '14 days'],
  ['en', 'How much is return shipping?', 'KRW 6,000'],
  ['en', 'When will I get my refund?', '3 business days'],
  ['en', 'Can I return sale items?', 'Sale items'],
  ['en', 'Do I pay shipping if the item is defective?', 'we cover shipping'],
  ['pl', 'Ile mam dni na zwrot?', '14 dni'],
  ['pl', 'Ile kosztuje odesłanie paczki?', '6000 KRW'],
  ['pl', 'Kiedy dostanę pieniądze?', '3 dni roboczych'],
  ['pl', 'Czy mogę zwrócić rzeczy z wyprzedaży?', 'wyprzedaży'],
];

test('a tenant with the policy in three languages answers each shopper from their own language’s page', async () => {
  const idx = await indexMarkdown([
    { id: 'ko', content: KO },
    { id: 'en', content: EN },
    { id: 'pl', content: PL },
  ]);
  const got = [];
  for (const [language, q, fact] of QUESTIONS) {
    const a = await answerOver(idx, q, { language });
    got.push({
      q,
      found: a.found,
      language: a.language,
      fact: a.answer.includes(fact),
      quoted: a.answer.startsWith('“'),
    });
  }
  expect(got).toEqual(
    QUESTIONS.map(([language, q]) => ({ q, found: true, language, fact: true, quoted: false })),
  );
});
