import { matchOrders } from './order-match';

// A children's clothing and toy shop titles its products in English; parents name them in Polish,
// Korean or English, by kind (QA 8: "ogrodniczki" did not find "Corduroy Overalls").
const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const orders = [
  { id: 'k1', createdAt: day(20), lineItems: [{ title: 'Corduroy Overalls' }, { title: 'Striped Tee' }] },
  { id: 'k2', createdAt: day(19), lineItems: [{ title: 'Dinosaur Pajama Set' }] },
  { id: 'k3', createdAt: day(18), lineItems: [{ title: 'Wooden Train Set' }] },
  { id: 'k4', createdAt: day(17), lineItems: [{ title: 'UV Rashguard' }, { title: 'Ribbed Tights 2-pack' }] },
];
const picked = (text: string) => {
  const m = matchOrders(orders, text);
  return m && [m.reason, m.orders.map((o) => o.id)];
};

describe("children's clothes and toys, named by kind across languages", () => {
  it.each([
    ['chcę zwrócić ogrodniczki', ['k1']],
    ['멜빵바지 반품 가능해요?', ['k1']],
    ['그럼 파자마는 교환돼요? 4T를 5T로', ['k2']],
    ['piżamka jest za mała', ['k2']],
    ['the wooden train, we opened it but she never played with it', ['k3']],
    ['pociąg był otwierany, czy mogę go oddać?', ['k3']],
    ['래시가드 반품할게요', ['k4']],
    ['rajstopy są za duże', ['k4']],
  ])('%s → %j', (text, ids) => {
    expect(picked(text)?.[1]).toEqual(ids);
  });

  it('a word that is no product kind picks nothing', () => {
    expect(picked('I want to return something')).toBeUndefined();
  });
});
