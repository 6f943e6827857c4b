import { answerOver, buildIndex } from '../evaluate';
import { HashingEmbeddings } from './embedder';
import { textToMarkdown } from './extract';

// Found through eval/blind2: an HTML FAQ's <summary> questions were dropped and its <dt> terms were answered
// as if they were answers; a 이용약관's "가. / 나. / 다." items became headings; a nested numbered list was
// answered with the line introducing it ("To start a return:"). The documents below are written for this test.

type Doc = { id: string; format: 'html' | 'markdown' | 'text'; content: string };

async function ask(docs: Doc[], question: string) {
  const index = await buildIndex(
    { tenant: 't', documents: docs.map((d) => ({ ...d, title: d.id, url: '', tags: [] })) },
    new HashingEmbeddings(),
  );
  const a = await answerOver(index, question);
  return { found: a.found, answer: a.answer };
}

const EN_HTML: Doc = {
  id: 'faq',
  format: 'html',
  content: `<html><body><main><h1>Help</h1>
<details><summary>What if an item is missing from my parcel?</summary><p>Write to us within 5 days and we will send it at no cost.</p></details>
<details><summary>Can I change my address?</summary><p>Yes, until the order has been packed.</p></details>
<dl><dt>Damaged on arrival</dt><dd>Send us two photos within 2 days of delivery.</dd>
<dt>Lost parcels</dt><dd>We open a claim with the carrier after 10 days.</dd></dl>
</main></body></html>`,
};

const PL_HTML: Doc = {
  id: 'pomoc',
  format: 'html',
  content: `<html><body><main><h1>Pomoc</h1>
<dl><dt>Uszkodzona przesyłka</dt><dd>Spisz protokół z kurierem i prześlij go nam w ciągu 3 dni.</dd>
<dt>Zwrot towaru</dt><dd>Na odesłanie towaru masz 14 dni.</dd></dl>
</main></body></html>`,
};

const KO_TEXT: Doc = {
  id: 'terms',
  format: 'text',
  content: `온누리 이용약관

제7조(교환)
1. 교환은 수령 후 10일 이내에 신청할 수 있습니다.
2. 다음 각 호의 경우에는 교환이 제한됩니다.
   가. 포장을 훼손하여 상품 가치가 떨어진 경우
   나. 사용 흔적이 있는 주방용품
3. 교환 배송비는 4,000원입니다.
`,
};

const EN_NESTED: Doc = {
  id: 'orders',
  format: 'markdown',
  content: `# Orders

## Changing an order

1. Orders are packed within 24 hours.
2. To cancel an order:
   1. Sign in to your account.
   2. Press **Cancel** next to the order.
3. Packed orders cannot be cancelled.
`,
};

test('an HTML FAQ question (<summary>) heads its answer and a <dt> term is never the answer', async () => {
  expect(await ask([EN_HTML], 'An item is missing from my parcel, what do I do?')).toEqual({
    found: true,
    answer: 'Write to us within 5 days and we will send it at no cost.',
  });
  expect(await ask([EN_HTML], 'It arrived damaged, what should I do?')).toEqual({
    found: true,
    answer: 'Send us two photos within 2 days of delivery.',
  });
  expect(await ask([PL_HTML], 'Przesyłka przyszła uszkodzona, co robić?')).toEqual({
    found: true,
    answer: 'Spisz protokół z kurierem i prześlij go nam w ciągu 3 dni.',
  });
});

test('Korean 가. / 나. items of a 약관 are list items under the clause that introduces them', async () => {
  expect(textToMarkdown(KO_TEXT.content)).toContain('   - 가. 포장을 훼손하여 상품 가치가 떨어진 경우');
  expect(await ask([KO_TEXT], '사용한 주방용품도 교환되나요?')).toEqual({
    found: true,
    answer: '다음 각 호의 경우에는 교환이 제한됩니다: 나. 사용 흔적이 있는 주방용품',
  });
});

test('a nested list is introduced by the item above it, which is not an answer by itself', async () => {
  expect(await ask([EN_NESTED], 'How do I cancel an order?')).toMatchObject({
    found: true,
    answer: expect.stringMatching(/^To cancel an order: (Sign in|Press)/),
  });
});
