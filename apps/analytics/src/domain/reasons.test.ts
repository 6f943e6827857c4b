import { handoffReasons, returnReasons } from './reasons';

// Phrasings as shoppers and providers write them. None of these sentences appear in the lexicon;
// they exercise stems, particles, inflection and word order.
const RETURNS: [string, string][] = [
  // size / fit
  ['사이즈가 안 맞아요', 'size_fit'],
  ['신발이 생각보다 작아서 발이 아파요', 'size_fit'],
  ['바지 기장이 너무 길어요', 'size_fit'],
  ['한 치수 큰 걸로 바꾸고 싶어요', 'size_fit'],
  ['za mały rozmiar', 'size_fit'],
  ['Buty są za ciasne w palcach', 'size_fit'],
  ['Sukienka okazała się za duża', 'size_fit'],
  ['too small', 'size_fit'],
  ['The jacket is way too tight across the shoulders', 'size_fit'],
  ['Ordered my usual size but it fits huge', 'size_fit'],
  ['SIZE_FIT', 'size_fit'],
  // damaged / defective
  ['uszkodzony', 'damaged_defective'],
  ['Kubek przyszedł pęknięty', 'damaged_defective'],
  ['Zamek w kurtce się zepsuł po dwóch dniach', 'damaged_defective'],
  ['파손', 'damaged_defective'],
  ['화면에 불량 화소가 있어요', 'damaged_defective'],
  ['배송 중에 박스가 찢어지고 제품이 깨졌습니다', 'damaged_defective'],
  ['arrived broken', 'damaged_defective'],
  ['The blender stopped working after a week', 'damaged_defective'],
  ['There is a big stain on the sleeve', 'damaged_defective'],
  ['Not damaged, the size is just too small', 'size_fit'],
  ['불량은 아니고 사이즈가 작아요', 'size_fit'],
  // wrong item
  ['You sent me the wrong colour', 'wrong_item'],
  ['I received a completely different product', 'wrong_item'],
  ['주문한 것과 다른 상품이 왔어요', 'wrong_item'],
  ['오배송 되었습니다', 'wrong_item'],
  ['Przysłano inny kolor niż zamówiłam', 'wrong_item'],
  ['Otrzymałem nie ten produkt', 'wrong_item'],
  // changed mind
  ['그냥 단순 변심이에요', 'changed_mind'],
  ['마음에 들지 않아서 반품합니다', 'changed_mind'],
  ['Zmieniłam zdanie, nie potrzebuję już tego', 'changed_mind'],
  ['Kupiłem przez przypadek dwa razy', 'changed_mind'],
  ['I changed my mind', 'changed_mind'],
  ['Found it cheaper somewhere else', 'changed_mind'],
  ['I just do not like the colour in person', 'changed_mind'],
  // late delivery
  ['배송이 너무 늦게 와서 필요가 없어졌어요', 'late_delivery'],
  ['Paczka dotarła za późno, po urodzinach', 'late_delivery'],
  ['Przesyłka była opóźniona o tydzień', 'late_delivery'],
  ['It arrived late, after the wedding', 'late_delivery'],
  ['Shipping was delayed by two weeks', 'late_delivery'],
  // other
  ['Prezent dla babci', 'other'],
  ['선물용이었어요', 'other'],
  ['See attached photo', 'other'],
];

describe('return reasons (ko/pl/en → taxonomy)', () => {
  it.each(RETURNS)('%s → %s', (text, reason) => {
    expect(returnReasons.classify(text)).toBe(reason);
  });

  it('gives no reason for empty text', () => {
    expect(returnReasons.classify('')).toBeUndefined();
    expect(returnReasons.classify('   ')).toBeUndefined();
  });

  it('is right on nearly every sentence (a guard against lexicon regressions)', () => {
    const right = RETURNS.filter(([t, r]) => returnReasons.classify(t) === r).length;
    expect(right / RETURNS.length).toBe(1);
  });
});

const HANDOFFS: [string, string][] = [
  ['not_eligible', 'not_eligible'],
  ['Return window ended on 2025-03-01', 'not_eligible'],
  ['final sale item', 'not_eligible'],
  ['반품 기간이 지나 반품 불가', 'not_eligible'],
  ['Produkt nie podlega zwrotowi (wyprzedaż)', 'not_eligible'],
  ['Shopper asked to speak to a human', 'customer_request'],
  ['상담원 연결해 주세요', 'customer_request'],
  ['Klient chce rozmawiać z konsultantem', 'customer_request'],
  ['sign-in failed: one-time code expired', 'sign_in_failed'],
  ['본인 인증에 실패했습니다', 'sign_in_failed'],
  ['Nieudane logowanie klienta', 'sign_in_failed'],
  ['order not found', 'order_not_found'],
  ['주문 내역이 없습니다', 'order_not_found'],
  ['no returns provider connected (limited mode)', 'provider_unavailable'],
  ['반품 시스템 연동 오류', 'provider_unavailable'],
  ['Not in the knowledge base', 'policy_unanswered'],
  ['low confidence answer', 'low_confidence'],
  ['Customer disputes the refund amount', 'dispute'],
  ['Klient złożył reklamację', 'dispute'],
  ['고객이 환불 금액에 항의함', 'dispute'],
  ['whatever', 'other'],
];

describe('handoff reasons (codes and ko/pl/en text → taxonomy)', () => {
  it.each(HANDOFFS)('%s → %s', (text, reason) => {
    expect(handoffReasons.classify(text)).toBe(reason);
  });
});
