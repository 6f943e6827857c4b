import { answerOver, indexMarkdown } from '../evaluate';

// Two concepts shoppers and policies name differently: a product's factory seal ("plastic wrap" / "cellophane" /
// "foil", "celofan" / "folia", "비닐" / "밀봉") and a reaction to a cosmetic ("allergic", "uczulenie" / "reakcja
// alergiczna", "알레르기"). Before, "Zdjęłam celofan z perfum…" and "Mam uczulenie po kremie…" were refused (the
// Polish cases fail on the old code; on the QA7 FAQ "I took the plastic wrap off the perfume box but never sprayed
// it. Can I still return it?" was refused too, though it says "perfumes with the cellophane wrap removed…").

const EN = `# Amberly — Returns FAQ

## How long do I have to return my order?
You can return unopened items within 14 days of receiving the parcel.

## Can I return a perfume I have opened?
No. For hygiene reasons, perfumes with the cellophane wrap removed and skincare with a broken seal cannot be returned.

## Who pays for return shipping?
Return shipping is paid by the customer.`;

const PL = `# Sklep Bursztynek — zwroty

## Termin zwrotu
Nieotwarte produkty możesz zwrócić w ciągu 14 dni od otrzymania paczki.

## Produkty otwarte
Ze względów higienicznych nie przyjmujemy zwrotów perfum, z których zdjęto folię ochronną.

## Reakcje alergiczne
Reakcja alergiczna na składnik podany na opakowaniu nie jest wadą produktu.`;

const KO = `# 향기로 반품 안내

## 반품 기간
미개봉 상품은 수령 후 7일 이내에 반품하실 수 있습니다.

## 개봉 상품
향수는 밀봉 필름을 제거하면 위생상의 이유로 반품이 불가합니다.`;

test.each([
  ['en', EN, 'Can I return a perfume if I took off the plastic wrap?', 'cellophane wrap removed'],
  ['pl', PL, 'Zdjęłam celofan z perfum, ale ich nie używałam. Mogę je zwrócić?', 'zdjęto folię ochronną'],
  ['pl', PL, 'Mam uczulenie po kremie, czy to wada?', 'Reakcja alergiczna'],
  ['ko', KO, '향수 비닐만 벗겼는데 반품 되나요?', '밀봉 필름을 제거하면'],
])('%s: the policy’s word for the same thing answers (%s)', async (_l, doc, q, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  const a = await answerOver(idx, q);
  expect(a.found).toBe(true);
  expect(a.answer).toContain(fact);
});
