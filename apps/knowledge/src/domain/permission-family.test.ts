import { answerOver, indexMarkdown } from '../evaluate';

// Whether something is allowed ("Can I…?", "Czy mogę…?", "…되나요?") is one question for giving goods back and getting
// money back: "환불 되나요?" is answered by the rule that an item cannot be returned, as "반품 되나요?" is. Before,
// 환불 and 반품 were different topics and a sentence about refunding (the bonus for store credit) outranked the rule.

const KO = `# 빛결 반품 안내

## 반품 기간
단순 변심 반품은 상품을 받은 날로부터 7일 이내에 신청해 주세요.

## 환불
반품 상품이 도착하면 3영업일 이내에 결제하신 수단으로 환불해 드립니다.
환불 대신 적립금을 선택하시면 환불 금액의 10%를 추가로 드립니다.
쿠션 커버는 사이즈 교환만 가능하며 환불은 되지 않습니다.

## 반품 불가 상품
- 위생 상품: 개봉한 립밤, 아이섀도, 속눈썹 등 위생 상품은 반품할 수 없습니다.
- 주문 제작 가구는 반품할 수 없습니다.`;

test('a can-I refund question is answered by the return rule (환불 ≈ 반품)', async () => {
  const idx = await indexMarkdown([{ id: 'ko', content: KO }]);
  const a = await answerOver(idx, '아이섀도 뜯었는데 환불 되나요?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('아이섀도');
  // Naming both is asking which one: not merged.
  const both = await answerOver(idx, '환불 말고 반품은 언제까지 되나요?');
  expect(both.answer).not.toContain('적립금');
});

test('when the refund comes is not a permission question', async () => {
  const idx = await indexMarkdown([{ id: 'r', content: '# Returns\n\nNo returns on anything, ever.' }]);
  expect((await answerOver(idx, '환불은 언제 되나요?')).found).toBe(false);
});
