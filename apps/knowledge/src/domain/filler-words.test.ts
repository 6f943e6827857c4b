import { answerOver, indexMarkdown } from '../evaluate';

// Sighs, intensifiers and pronouns are no part of what is asked (QA 8, on other documents and wording): "하", "아",
// "너무", "진짜", "정말", "she", "him", "really" weighed as words the documents never use, so "ㅎㅏ 매트리스 뜯어서
// 하루 써봤는데 너무 딱딱해요 반품 되나요" was refused though the FAQ answers "매트리스 반품 되나요?". And a toy
// "never played with" is an unused one ("never used / never played / never worn" ≈ "unused / unworn").

const KO = `# 자작나무 가구 자주 묻는 질문

## Q. 매트리스 반품 되나요?

매트리스는 위생상 비닐 포장이 훼손되지 않은 경우에만 반품 가능합니다. 포장을 뜯으신 경우 하자가 아니면 반품이 어렵습니다.

## Q. 환불은 언제 되나요?

반품 승인 후 7일 이내에 환불됩니다.`;

const EN = `# Acorn Kids — Returns

## Toys

Toys can be returned within 30 days only if unused and unopened, in the original packaging.

## Refunds

Refunds are issued within 5 business days after we receive your return.`;

test.each([
  ['ko', '아 매트리스 뜯어서 이틀 자봤는데 진짜 너무 물렁해요 반품 돼요?', '매트리스는 위생상'],
  [
    'en',
    'what about the puzzle, we opened it but he really never played with it',
    'only if unused and unopened',
  ],
])('%s: "%s" is answered', async (_l, q, fact) => {
  const idx = await indexMarkdown([
    { id: 'ko', content: KO },
    { id: 'en', content: EN },
  ]);
  const a = await answerOver(idx, q);
  expect({ found: a.found, answer: a.answer }).toEqual({
    found: true,
    answer: expect.stringContaining(fact),
  });
});
