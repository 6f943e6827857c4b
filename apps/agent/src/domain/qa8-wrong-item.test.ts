import { saysWrongOrMissing } from './items';

// Another colour or size is what an exchange is for; only one that arrived is a wrong item.
describe('another colour or size: an exchange asked for, or a wrong item that arrived', () => {
  it.each([
    'wymienić na inny kolor',
    'czy mogę wymienić sofę na inny kolor?',
    'chciałabym inny kolor',
    'wymiana na inny rozmiar',
    'zamienić na inny kolor',
    'dostałam sofę, ale chcę inny kolor',
    'Czy jest inny rozmiar materaca?',
    'I want a different colour',
    'can I get a different size?',
    'could you send me a different size instead?',
    'I would like another colour',
    '다른 색으로 바꾸고 싶어요',
    '다른 사이즈로 교환 가능한가요?',
  ])('%s: no wrong item', (text) => {
    expect(saysWrongOrMissing(text)).toBe(false);
  });

  it.each([
    'Przyszedł inny kolor niż zamówiłam',
    'przyszła sofa w innym kolorze',
    'dostałam zły rozmiar',
    'dostałam inny rozmiar',
    'przysłaliście inny produkt',
    'wysłaliście mi inny kolor',
    'inny kolor niż zamówiony',
    'zły kolor',
    'you sent me a different colour',
    'I received a different size',
    'a different item arrived',
    'it came in a different colour than I ordered',
    'wrong size',
    '다른 색이 왔어요',
    '주문한 거랑 다른 색이 왔어요',
    '다른 상품이 왔어요',
    '오배송이에요',
  ])('%s: a wrong item', (text) => {
    expect(saysWrongOrMissing(text)).toBe(true);
  });
});
