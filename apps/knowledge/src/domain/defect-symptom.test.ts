import { answerOver, indexMarkdown } from '../evaluate';

// A defect described by its symptom rather than named ("받은 지 열흘 됐는데 한쪽에서 소리가 안 나요" — received ten
// days ago, one side has no sound; "It stopped working after a week"; "przestał działać") is a defect question:
// the symptom joins the defect concept, Korean day words ("열흘", "이틀", "보름") and weeks the days, "받은 지" the
// delivery. Before, the Korean question was refused (its words weighed as words the documents never use) and the
// English one got "Refunds are issued … after …" ("after" taken for the case asked about).

const KO = `# 가온 사운드 교환·반품 안내

## 불량 교환

상품 수령 후 14일 이내에 초기불량이 확인되면 같은 제품으로 교환해 드립니다.

## 분실

분실한 한쪽 유닛은 고객센터에서 따로 구매하실 수 있습니다.`;

const EN = `# Gaon Sound — Returns

## Defective products

If a product is defective, we exchange it for the same product within 14 days of delivery.

## Refunds

Refunds are issued within 3 business days after the returned item has been inspected.`;

test.each([
  ['받은 지 열흘 됐는데 한쪽에서 소리가 안 나요', KO, '14일 이내에 초기불량이 확인되면'],
  ['받은지 이틀 됐는데 소리가 안나요', KO, '14일 이내에 초기불량이 확인되면'],
  ['It stopped working after a week', EN, 'If a product is defective'],
  ['Słuchawki przestały działać po tygodniu', EN, 'If a product is defective'],
])('"%s" is a defect question', async (q, doc, fact) => {
  const idx = await indexMarkdown([{ id: 'policy', content: doc }]);
  const a = await answerOver(idx, q);
  expect([q, a.found]).toEqual([q, true]);
  expect(a.answer).toContain(fact);
});
