import { matchOrders, mentionedDay } from './order-match';

const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const orders = [
  {
    id: 'o1',
    name: '#1',
    createdAt: day(14),
    lineItems: [{ title: 'Waxed Canvas Jacket' }, { title: 'Wool Socks' }],
  },
  {
    id: 'o5',
    name: '#5',
    createdAt: day(21),
    lineItems: [{ title: 'Selvedge Denim Jeans' }, { title: 'Gift Card' }],
  },
  { id: 'o4', name: '#4', createdAt: day(19), lineItems: [{ title: 'Waxed Canvas Jacket' }] },
  { id: 'o8', name: '#8', createdAt: day(13), lineItems: [{ title: 'Hiking Boots' }] },
];
const pl = [
  { id: 'p4', createdAt: day(19), lineItems: [{ title: 'Kurtka przeciwdeszczowa Tatry' }] },
  { id: 'p5', createdAt: day(21), lineItems: [{ title: 'Buty trekkingowe Beskid' }] },
];
const ko = [
  { id: 'k5', createdAt: day(21), lineItems: [{ title: '와이드 데님 팬츠' }] },
  { id: 'k3', createdAt: day(16), lineItems: [{ title: '캐시미어 머플러' }] },
];
const ids = (m: ReturnType<typeof matchOrders> | undefined) => m && [m.reason, m.orders.map((o) => o.id)];

describe('which order a request is about', () => {
  it.each([
    ['I want to send back the boots', ['product', ['o8']]],
    ['return my jeans please', ['product', ['o5']]],
    ['the jacket does not fit', ['product', ['o4', 'o1']]],
    ['the jacket from my last order', ['product', ['o4']]],
    ["I'd like to return something from my last order", ['latest', ['o5']]],
    ['Chcę oddać kurtkę', ['product', ['p4']]],
    ['Chcę zwrócić buty z ostatniego zamówienia', ['product', ['p5']]],
    ['Chcę zwrócić coś z ostatniego zamówienia', ['latest', ['p5']]],
    // "ostatnią" ends in a non-ASCII letter: an ASCII `\w*` stopped before it and missed the order.
    ['Chcę zwrócić ostatnią paczkę', ['latest', ['p5']]],
    ['chcę odesłać ostatnią przesyłkę', ['latest', ['p5']]],
    ['데님 팬츠를 반품하고 싶어요', ['product', ['k5']]],
    ['지난번 주문한 거 반품할래요', ['latest', ['k5']]],
  ])('%s → %j', (text, expected) => {
    const list = /[가-힣]/.test(text) ? ko : /[ąćęłńóśźż]|chcę/i.test(text) ? pl : orders;
    expect(ids(matchOrders(list as typeof orders, text))).toEqual(expected);
  });

  it('never guesses from words that name no product', () => {
    for (const text of [
      'I want to return an item from my order',
      'Can I exchange for a different size?',
      'I want a refund',
      'Chcę zwrócić produkt',
      '주문한 상품 반품하고 싶어요',
      'I want to return the sofa',
    ])
      expect({ text, match: matchOrders(orders, text) }).toEqual({ text, match: undefined });
  });
});

describe('an order named by the day it was placed (en, pl, ko)', () => {
  it('reads one date in the ways shoppers write it, and refuses two', () => {
    for (const t of [
      'the one from nov 20',
      'November 20th please',
      'to z 20 listopada',
      '20.11',
      '11월 20일 주문이요',
      '2026-11-20',
    ])
      expect({ t, d: mentionedDay(t) }).toEqual({ t, d: { month: 11, day: 20 } });
    for (const t of ['nov 20 or nov 21', 'order #1120', 'I bought 20 items', 'size 42.5'])
      expect({ t, d: mentionedDay(t) }).toEqual({ t, d: undefined });
  });

  it('picks the order placed that day', () => {
    expect(matchOrders(orders, 'the one from nov 19')?.orders.map((o) => o.id)).toEqual(['o4']);
    expect(matchOrders(orders, 'zamówienie z 13 listopada')?.orders.map((o) => o.id)).toEqual(['o8']);
    expect(matchOrders(orders, '11월 21일에 주문한 거요')?.orders.map((o) => o.id)).toEqual(['o5']);
    expect(matchOrders(orders, 'the one from dec 1')).toBeUndefined();
  });
});
