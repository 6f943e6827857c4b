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

describe('an item named in any inflected form (pl cases, en plurals, ko particles)', () => {
  // Products used nowhere else, one order each, so a match names exactly one order.
  const shop = [
    { id: 'plecak', createdAt: day(2), lineItems: [{ title: 'Plecak turystyczny Gorce 30L' }] },
    { id: 'spiwor', createdAt: day(3), lineItems: [{ title: 'Śpiwór puchowy' }] },
    { id: 'sweter', createdAt: day(4), lineItems: [{ title: 'Sweter wełniany' }] },
    { id: 'rekawiczki', createdAt: day(5), lineItems: [{ title: 'Rękawiczki narciarskie' }] },
    { id: 'torebka', createdAt: day(6), lineItems: [{ title: 'Torebka skórzana' }] },
    { id: 'spodnie', createdAt: day(7), lineItems: [{ title: 'Spodnie softshellowe' }] },
    { id: 'dress', createdAt: day(8), lineItems: [{ title: 'Linen Wrap Dress' }] },
    { id: 'scarf', createdAt: day(9), lineItems: [{ title: 'Merino Scarf' }] },
    { id: 'berry', createdAt: day(10), lineItems: [{ title: 'Berry Lip Balm' }] },
    { id: 'shirt', createdAt: day(11), lineItems: [{ title: '린넨셔츠' }] },
    { id: 'padding', createdAt: day(12), lineItems: [{ title: '롱 패딩 점퍼' }] },
    { id: 'boots', createdAt: day(15), lineItems: [{ title: '레인부츠' }] },
    { id: 'cardigan', createdAt: day(16), lineItems: [{ title: '니트 가디건' }] },
  ];
  const one = (text: string, lang?: 'pl' | 'en' | 'ko') =>
    matchOrders(shop, text, lang)?.orders.map((o) => o.id);

  it.each([
    // Polish: instrumental, locative, genitive, dative, accusative; nouns and adjectives; with and
    // without diacritics; soft consonants (torebce ← torebka, swetrze ← sweter) and the mobile e.
    ['problem z plecakiem turystycznym', 'plecak'],
    ['coś jest nie tak z plecakami', 'plecak'],
    ['w plecaku pękł zamek', 'plecak'],
    ['chcę oddać śpiwór', 'spiwor'],
    ['zamek w śpiworze się zepsuł', 'spiwor'],
    ['zwrot śpiwora puchowego', 'spiwor'],
    ['ze swetrem wełnianym jest problem', 'sweter'],
    ['dziura w swetrze', 'sweter'],
    ['zwrot swetra', 'sweter'],
    ['nie pasują mi rękawiczki', 'rekawiczki'],
    ['chodzi o parę rękawiczek narciarskich', 'rekawiczki'],
    ['problem z rekawiczkami', 'rekawiczki'],
    ['plama na torebce skórzanej', 'torebka'],
    ['chcę zwrócić torebkę', 'torebka'],
    ['w spodniach softshellowych', 'spodnie'],
    ['coś ze spodniami', 'spodnie'],
    // English plurals, also of a word the title has in the singular.
    ['I want to return the dresses', 'dress'],
    ['the scarves are scratchy', 'scarf'],
    ['the berries one is sticky', 'berry'],
    // Korean: particles after the name, a compound title named by its head.
    ['셔츠를 반품하고 싶어요', 'shirt'],
    ['린넨셔츠가 작아요', 'shirt'],
    ['패딩이 너무 커요', 'padding'],
    ['패딩은 교환하고 싶어요', 'padding'],
    ['부츠에서 물이 새요', 'boots'],
    ['가디건도 반품할게요', 'cardigan'],
    ['니트랑 같이 주문했는데요', 'cardigan'],
    // A Latin product word with a Korean particle written against it.
    ['dress를 교환하고 싶어요', 'dress'],
  ])('%s → %s', (text, id) => {
    const lang = /[가-힣]/.test(text) ? 'ko' : /^(I|the)\b/.test(text) ? 'en' : 'pl';
    expect({ text, ids: one(text, lang) }).toEqual({ text, ids: [id] });
    // Without a language hint the same words still match.
    expect({ text, ids: one(text) }).toEqual({ text, ids: [id] });
  });

  it('matches the order line titles of the QA report (pl instrumental plural, locative, genitive)', () => {
    for (const text of [
      'chcę zwrócić coś z butami trekkingowymi',
      'problem z butami trekkingowymi',
      'butów trekkingowych nie zwrócę?',
    ])
      expect({ text, m: ids(matchOrders(pl, text, 'pl')) }).toEqual({ text, m: ['product', ['p5']] });
    for (const text of ['coś jest nie tak w kurtce', 'zwrot kurtki przeciwdeszczowej', 'z kurtką'])
      expect({ text, m: ids(matchOrders(pl, text, 'pl')) }).toEqual({ text, m: ['product', ['p4']] });
  });

  it('inflection never makes a product out of other words', () => {
    for (const [text, lang] of [
      ['I want to return it but it is too small', 'en'],
      ['chcę zwrócić zamówienia z tego miesiąca', 'pl'],
      ['potrzebuję innego rozmiaru', 'pl'],
      ['chcę zwrotu pieniędzy', 'pl'],
      ['반품하고 싶어요', 'ko'],
      ['교환은 어떻게 하나요', 'ko'],
    ] as const)
      expect({ text, m: matchOrders([...shop, ...pl], text, lang) }).toEqual({ text, m: undefined });
    // "bags" names a kind (glossary.ts): the two orders holding a bag, titled in Polish, are offered.
    expect(ids(matchOrders([...shop, ...pl], 'the bags are too small', 'en'))).toEqual([
      'product',
      ['torebka', 'plecak'],
    ]);
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

describe('Korean title words are read as words when choosing an order', () => {
  const shop = [
    { id: 'bra', createdAt: day(2), lineItems: [{ title: '브라 세트' }] },
    { id: 'hat', createdAt: day(3), lineItems: [{ title: '모자' }] },
    { id: 'knit', createdAt: day(4), lineItems: [{ title: '니트 원피스' }] },
  ];
  it('a title noun inside a longer word picks no order', () => {
    for (const text of ['브라운 색상으로 바꾸고 싶어요', '사이즈가 모자라요', '모자이크 무늬가 별로예요'])
      expect({ text, m: matchOrders(shop, text, 'ko') }).toEqual({ text, m: undefined });
  });
  it('the noun with a particle or ending picks its order', () => {
    expect(ids(matchOrders(shop, '브라를 반품하고 싶어요', 'ko'))).toEqual(['product', ['bra']]);
    expect(ids(matchOrders(shop, '모자예요', 'ko'))).toEqual(['product', ['hat']]);
    expect(ids(matchOrders(shop, '니트원피스를 교환할래요', 'ko'))).toEqual(['product', ['knit']]);
  });
});

describe('an order named by the kind of product, in another language than its titles', () => {
  const shop = [
    { id: 'lip', createdAt: day(2), lineItems: [{ title: 'Pomadka matowa' }, { title: 'Krem do rąk' }] },
    { id: 'bag', createdAt: day(3), lineItems: [{ title: 'Torebka lniana' }] },
    { id: 'band', createdAt: day(4), lineItems: [{ title: '스마트워치 밴드' }] },
    { id: 'watch', createdAt: day(5), lineItems: [{ title: '스마트워치 S5' }] },
    { id: 'sneakers', createdAt: day(6), lineItems: [{ title: 'Leather sneakers' }] },
  ];
  it.each([
    ['I want to return the lipstick', 'en', 'lip'],
    ['the watch band please', 'en', 'band'],
    ['chcę zwrócić szminkę', 'pl', 'lip'],
    ['chcę oddać trampki', 'pl', 'sneakers'],
    ['립스틱만 반품할게요', 'ko', 'lip'],
    ['운동화를 교환하고 싶어요', 'ko', 'sneakers'],
  ] as const)('%s (%s) → %s', (text, lang, id) => {
    expect({ text, m: ids(matchOrders(shop, text, lang)) }).toEqual({ text, m: ['product', [id]] });
  });

  it('a kind several orders hold alike is no pick: only those orders are offered (en, pl, ko)', () => {
    for (const [text, lang, titles] of [
      ['I want to return the shoes', 'en', ['Trampki miejskie', 'Kozaki zimowe', 'Torebka lniana']],
      ['chcę zwrócić buty', 'pl', ['Leather sneakers', 'Ankle boots', 'Linen tote']],
      ['신발을 반품하고 싶어요', 'ko', ['Trampki miejskie', 'Ankle boots', 'Torebka lniana']],
    ] as const) {
      const list = titles.map((title, i) => ({
        id: `o${i + 1}`,
        createdAt: day(9 - i),
        lineItems: [{ title }],
      }));
      expect({ text, m: ids(matchOrders(list, text, lang)) }).toEqual({ text, m: ['product', ['o1', 'o2']] });
    }
  });

  it("between orders naming as much, the title's own word tells before the kind (en, pl, ko)", () => {
    for (const [text, lang, titles] of [
      ['I want to return the lipstick', 'en', ['Pomadka matowa', 'Matte lipstick']],
      ['chcę zwrócić szminkę', 'pl', ['Matte lipstick', 'Szminka nude']],
      ['립스틱 반품할게요', 'ko', ['Matte lipstick', '립스틱 레드']],
    ] as const) {
      const list = titles.map((title, i) => ({
        id: `o${i + 1}`,
        createdAt: day(9 - i),
        lineItems: [{ title }],
      }));
      expect({ text, m: ids(matchOrders(list, text, lang)) }).toEqual({ text, m: ['product', ['o2']] });
    }
  });
});
