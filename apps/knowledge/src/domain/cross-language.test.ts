import { answerOver, indexMarkdown } from '../evaluate';

// A brand whose rules are written in one language and asked about in another: the glossary carries the
// concepts of returns, complaints, shipping, refunds and payment across English, Polish and Korean, and the
// words a question is focused on ("respond", "dispatch", "change the address") as well. Before, an English
// question whose answer was only in a Polish regulamin got the sentence sharing the most other words (the
// two-year liability for "How many days do you have to respond to my complaint?") or was refused.

const PL = `# Regulamin sklepu Lipowy Zakątek

## § 3. Realizacja zamówień

1. Zamówienia wysyłamy w ciągu 3 dni roboczych od zaksięgowania płatności.
2. Dostawa kurierem kosztuje 14,99 zł.

## § 7. Reklamacje

1. Sprzedawca odpowiada za wady fizyczne towaru ujawnione w ciągu dwóch lat od jego wydania.
2. Sprzedawca rozpatruje reklamację i ustosunkowuje się do niej w terminie 14 dni od dnia jej otrzymania.
3. Koszt odesłania towaru reklamowanego ponosi Sprzedawca.`;

const KO = `# 해솔 주문·배송 안내

## 배송

주문 후 상품 준비중 단계까지는 마이페이지에서 배송지를 변경할 수 있습니다. 출고 후에는 변경이 불가합니다.

## 반품

단순 변심 반품은 상품 수령 후 7일 이내에 신청해 주세요.`;

test('an English question is answered from the Polish regulamin by the sentence it asks about', async () => {
  const idx = await indexMarkdown([{ id: 'regulamin', content: PL }]);
  const respond = await answerOver(idx, 'How many days do you have to respond to my complaint?');
  expect(respond.found).toBe(true);
  expect(respond.answer).toContain('ustosunkowuje się do niej w terminie 14 dni');
});

test('a Korean question is answered from the Polish regulamin: dispatch (발송) is "wysyłamy"', async () => {
  const idx = await indexMarkdown([{ id: 'regulamin', content: PL }]);
  const dispatch = await answerOver(idx, '주문하면 며칠 안에 발송되나요?');
  expect(dispatch.found).toBe(true);
  expect(dispatch.answer).toContain('Zamówienia wysyłamy w ciągu 3 dni roboczych');
});

test('English and Polish questions are answered from a Korean page: changing the address is "배송지 변경"', async () => {
  const idx = await indexMarkdown([{ id: 'ko', content: KO }]);
  for (const q of [
    'Can I change my delivery address after ordering?',
    'Czy mogę zmienić adres dostawy po złożeniu zamówienia?',
  ]) {
    const a = await answerOver(idx, q);
    expect([q, a.found]).toEqual([q, true]);
    expect(a.answer).toContain('배송지를 변경할 수 있습니다');
  }
});

// The page in the question's language is preferred only by a sentence that says something asked itself: a
// detail under a heading that names the subject ("Punkty są ważne rok." under "Punkty zamiast zwrotu pieniędzy")
// does not answer "Ile dni trwa zwrot pieniędzy na kartę?" when the English page says how long card refunds take.
const EN_SHOP = `# Pine Hollow — Returns (English)

## Refund timing

Refunds are issued within 5 business days after your parcel reaches our warehouse. Card refunds may take 3–10 more days.`;

const PL_SHOP = `# Pine Hollow — zwroty

## Termin zwrotu

Zwrot zgłaszasz w ciągu 14 dni od otrzymania paczki.

## Punkty zamiast zwrotu pieniędzy

Jeśli wybierzesz punkty zamiast zwrotu pieniędzy, dodamy 5% wartości. Punkty są ważne rok.`;

test('a Polish question about card refunds gets the English sentence, not a Polish detail under a refund heading', async () => {
  const idx = await indexMarkdown([
    { id: 'en', content: EN_SHOP },
    { id: 'pl', content: PL_SHOP },
  ]);
  const a = await answerOver(idx, 'Ile dni trwa zwrot pieniędzy na kartę?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('Card refunds may take 3–10 more days');
});
