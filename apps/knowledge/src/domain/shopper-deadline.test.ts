import { answerOver, indexMarkdown } from '../evaluate';

// Found through eval/blind2: a 이용약관 says "환급" (the legal word for a refund), so "환불은 언제 받을 수 있나요?"
// was answered with the damage clause, and "반품은 … 며칠 안에 해야 하나요?" (the shopper's deadline) with how
// long the shop takes to refund. The documents below are written for this test.

const KO = `# 다온 이용약관

## 제9조(청약철회)
이용자는 상품을 받으신 날부터 10일 이내에 반품을 신청할 수 있습니다.

## 제10조(환급)
회사는 반품된 상품이 물류센터에 도착한 날부터 3영업일 이내에 대금을 환급합니다.

## 제11조(파손)
파손된 상품을 받은 경우 24시간 이내에 사진을 보내 주셔야 합니다.
`;

async function ask(question: string) {
  const index = await indexMarkdown([{ id: 'terms', content: KO }]);
  const a = await answerOver(index, question);
  return { found: a.found, answer: a.answer };
}

test('환급 is a refund, and the shopper deadline is not how long the refund takes', async () => {
  expect(await ask('환불은 언제 되나요?')).toEqual({
    found: true,
    answer: '회사는 반품된 상품이 물류센터에 도착한 날부터 3영업일 이내에 대금을 환급합니다.',
  });
  expect(await ask('반품은 받은 날부터 며칠 안에 해야 하나요?')).toEqual({
    found: true,
    answer: '이용자는 상품을 받으신 날부터 10일 이내에 반품을 신청할 수 있습니다.',
  });
});
