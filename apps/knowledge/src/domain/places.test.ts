import { answerOver, indexMarkdown } from '../evaluate';
import { abroadNamed } from './places';

// A country the shopper names ("멕시코로 보냈는데", "wysłałem do Francji", "I'm in Brazil") is an order abroad:
// the international-orders rule answers. Names come from Intl.DisplayNames (every ISO region, en/ko/pl), not a
// list; a country the documents themselves use (their home country, one they list) stays as written. Before,
// such a name was an unknown word: refused (Polish), or answered with an unrelated rule (Korean).

const KO = `# 나무상점 반품 안내

## 반품 기간
상품 수령 후 10일 이내에 반품을 신청할 수 있습니다.

## 반품 방법
마이페이지에서 반품을 신청하시면 택배 기사가 방문합니다.

## 해외 주문
해외로 배송된 주문은 반품을 받지 않습니다.`;

const PL = `# Sklep Kłos — zwroty

## Termin
Zwrot zgłaszasz w ciągu 21 dni od odbioru paczki.

## Zamówienia zagraniczne
Zamówień wysłanych za granicę nie przyjmujemy do zwrotu.`;

const EN = `# Pine & Co. returns

## Window
You can return items within 60 days of delivery.

## Orders outside Canada
International orders cannot be returned; orders shipped outside Canada are final.`;

test('a country name becomes the word for abroad unless the documents use it', () => {
  const none = () => false;
  expect(abroadNamed('멕시코로 보냈는데 반품 돼요?', none)).toBe('해외로 보냈는데 반품 돼요?');
  expect(abroadNamed('wysłałem do Francji, mogę zwrócić?', none)).toBe(
    'wysłałem do zagranicę, mogę zwrócić?',
  );
  expect(abroadNamed("I'm in Brazil, can I return?", none)).toBe("I'm in abroad, can I return?");
  // The home country the documents name ("outside Canada") is not abroad.
  expect(abroadNamed('I live in Canada, can I return?', (t) => t.startsWith('canad'))).toBe(
    'I live in Canada, can I return?',
  );
  // Not a country: a word merely starting like one, a Korean ending.
  expect(abroadNamed('반품 가나요?', none)).toBe('반품 가나요?');
  // A domain word that is also a name (수단 = Sudan): a means of payment.
  expect(abroadNamed('환불은 어떤 결제 수단으로 받나요?', none)).toBe('환불은 어떤 결제 수단으로 받나요?');
});

test.each([
  [KO, '멕시코에서 주문했는데 반품 되나요?', '해외로 배송된 주문은 반품을 받지 않습니다'],
  [PL, 'zamówiłem do Francji, czy mogę oddać?', 'nie przyjmujemy do zwrotu'],
  [EN, 'I ordered from Brazil, can I send it back?', 'International orders cannot be returned'],
])('a named country gets the international rule: %#', async (doc, question, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  const a = await answerOver(idx, question);
  expect({ found: a.found, answer: a.answer.includes(fact) ? fact : a.answer }).toEqual({
    found: true,
    answer: fact,
  });
});
