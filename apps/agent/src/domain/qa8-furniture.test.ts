import { productPhrases } from './glossary';
import { itemsSaid } from './items';
import { matchOrders } from './order-match';

// A furniture and home-decor brand titles its products in Polish; shoppers name them in Korean,
// English or Polish, by kind.
const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const orders = [
  { id: 'f1', createdAt: day(20), lineItems: [{ title: 'Sofa Lund zielona' }, { title: 'Poduszka' }] },
  { id: 'f2', createdAt: day(19), lineItems: [{ title: 'Materac Sen 160x200' }] },
  { id: 'f3', createdAt: day(18), lineItems: [{ title: 'Lampa podłogowa' }, { title: 'Wazon ceramiczny' }] },
  {
    id: 'f4',
    createdAt: day(17),
    lineItems: [{ title: 'Stół dębowy na wymiar' }, { title: 'Krzesło dębowe Ola' }],
  },
  { id: 'f5', createdAt: day(16), lineItems: [{ title: 'Szafa Nord biała' }] },
  { id: 'f6', createdAt: day(15), lineItems: [{ title: 'Stolik kawowy Mila' }, { title: 'Lustro okrągłe' }] },
  { id: 'f7', createdAt: day(14), lineItems: [{ title: 'Dywan wełniany' }, { title: 'Doniczka Terra' }] },
];
const picked = (text: string) => {
  const m = matchOrders(orders, text);
  return m && [m.reason, m.orders.map((o) => o.id)];
};

describe('furniture and home decor, named by kind across languages', () => {
  it.each([
    ['매트리스 반품하고 싶어요', ['f2']],
    ['램프 반품할게요', ['f3']],
    ['조명 교환 가능한가요?', ['f3']],
    ['where is my refund for the chairs??', ['f4']],
    ['can I exchange the vase', ['f3']],
    ['옷장 회수비', ['f5']],
    ['I want to return the couch', ['f1']],
    ['소파는요? 회수비 있어요', ['f1']],
    ['a narożnika?', ['f1']],
    ['chcę oddać kanapę', ['f1']],
    ['the mattress arrived damaged', ['f2']],
    ['the wardrobe is too big', ['f5']],
    ['I want to send back the mirror', ['f6']],
    ['거울 반품할게요', ['f6']],
    ['the rug sheds a lot', ['f7']],
    ['러그 반품하고 싶어요', ['f7']],
    ['can I return the plant pot?', ['f7']],
    ['화분 깨졌어요', ['f7']],
    ['the cushion is not what I expected', ['f1']],
    ['식탁 반품하려고요', ['f4', 'f6']],
    // Two orders hold a table: both offered, never one guessed.
    ['I want to return the table', ['f4', 'f6']],
    ['czy mogę zwrócić stół?', ['f4']],
  ])('%s → %j', (text, expected) => {
    expect(picked(text)).toEqual(['product', expected]);
  });

  it('names no furniture where there is none', () => {
    for (const text of [
      'I want to return an item',
      '충전기 플러그가 안 맞아요',
      'I was blind-sided',
      '반품 회수비 얼마예요?',
    ])
      expect({ text, kinds: productPhrases(text).map((p) => p.head[0]) }).toEqual({
        text,
        kinds: text.includes('플러그') ? ['charger'] : [],
      });
  });

  it('picks the lines an order holds', () => {
    const lines = [
      { id: 'l1', title: 'Lampa podłogowa' },
      { id: 'l2', title: 'Wazon ceramiczny' },
      { id: 'l3', title: 'Lustro okrągłe' },
      { id: 'l4', title: 'Zasłona lniana' },
    ];
    expect(itemsSaid('just the lamp and the curtains', lines, 'en').named.sort()).toEqual(['l1', 'l4']);
    expect(itemsSaid('꽃병이랑 거울만 반품할게요', lines, 'ko').named.sort()).toEqual(['l2', 'l3']);
    expect(itemsSaid('chcę oddać wazon, lampę rozpakowałam', lines, 'pl')).toEqual({
      named: ['l2'],
      opened: ['l1'],
    });
    expect(itemsSaid('the vase and the mirror', lines, 'en').named.sort()).toEqual(['l2', 'l3']);
  });
});
