import { answerOver, indexMarkdown } from '../evaluate';
import { correctTypos } from './typo';

// Korean compounds written as one word ("반품기간이") are read as the two nouns the documents write apart
// ("반품 기간"), and "몇일" (a common misspelling) is "며칠". Before, each noun of the compound counted only in
// part and "몇일이에여" matched "3~7일이" as a word, so "반품기간ㅇㅣ 몇일이에여" was answered with how long a card
// refund takes.

const KO = `# 솔숲상점 반품 안내

## 반품 기간
단순 변심 반품은 상품을 받은 날로부터 10일 이내에 신청해 주세요.

## 환불
반품 상품이 도착하면 3영업일 이내에 환불됩니다. 카드 결제는 카드사 사정에 따라 3~7일이 더 걸릴 수 있습니다.

## 교환 배송비
교환 배송비는 왕복 5,000원입니다.`;

test('a compound the documents write apart is read as its two nouns', () => {
  const known = (t: string) => ['반품', '기간', '교환', '배송비', '배송'].includes(t);
  expect(correctTypos('반품기간이 몇일이에요', known)).toBe('반품 기간이 며칠이에요');
  expect(correctTypos('교환배송비는요?', known)).toBe('교환 배송비는요?');
  // The longest noun it starts with: "배송비는요" is 배송비 + 는요, not 배송 + 비는요.
  expect(correctTypos('배송비는요?', (t) => ['배송', '배송비', '비는'].includes(t))).toBe('배송비는요?');
});

test('"반품기간이 몇일이에요" gets the return window, not the card refund time', async () => {
  const ko = await indexMarkdown([{ id: 'p', content: KO }]);
  for (const q of ['반품기간ㅇㅣ 몇일이에여', '반품기간이 몇일이에요?', '반품기간은 몇 일인가요']) {
    const a = await answerOver(ko, q);
    expect({ q, found: a.found, answer: a.answer }).toEqual({
      q,
      found: true,
      answer: expect.stringContaining('10일'),
    });
  }
});
