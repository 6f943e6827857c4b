import { answerOver, buildIndex } from '../evaluate';
import { HashingEmbeddings } from './embedder';
import type { TenantIndex } from './tenant-index';

// "Czy przyjmujecie zwroty w sklepie stacjonarnym?", "Can I return it in store?", "매장에서 반품할 수 있나요?"
// ask about one way of returning: at a physical store. Like orders abroad and gifts, that case is a
// qualifier: only text about returning in a store answers it (the sentence, its heading, its section),
// else the answer is "not in the knowledge base". Before, a brand whose document title held "sklep"
// got its refund sentence (the title word plus "przyjmujecie" ≈ "przyjęcia"), the English demo its
// return window, and a shop's own "online store" intro answered as if it were a store.

type Doc = { id: string; title: string; content: string };

function tenant(docs: Doc[]): Promise<TenantIndex> {
  return buildIndex(
    {
      tenant: 't',
      documents: docs.map((d) => ({ ...d, url: '', format: 'markdown' as const, tags: [] })),
    },
    new HashingEmbeddings(),
  );
}

async function ask(idx: TenantIndex, question: string) {
  const a = await answerOver(idx, question);
  return { question, found: a.found, answer: a.answer };
}

const PL_NO_STORE: Doc = {
  id: 'sklep-pl',
  title: 'sklep-pl',
  content: `# Jodła — zwroty

Poniższe zasady dotyczą zamówień złożonych w naszym sklepie internetowym.

## Termin zwrotu
Na zwrot towaru masz 30 dni od doręczenia przesyłki.

## Zwrot pieniędzy
Pieniądze zwracamy niezwłocznie po przyjęciu i sprawdzeniu paczki w magazynie.
Ze względów higienicznych nie przyjmujemy zwrotów bielizny.`,
};

const PL_STORE: Doc = {
  ...PL_NO_STORE,
  content: `${PL_NO_STORE.content}

## Zwrot w salonie
Zakupy z internetu możesz też oddać w każdym naszym salonie stacjonarnym, z paragonem lub numerem zamówienia.`,
};

const EN_NO_STORE: Doc = {
  id: 'returns',
  title: 'shop-returns',
  content: `# Kestrel Goods — Returns

Thank you for shopping in our online store.

## Return window
You can return unworn items within 30 days of delivery for a full refund.

## Refunds
Refunds go back to your original payment method within 5 business days.
If you prefer, we can issue store credit instead.`,
};

const EN_STORE: Doc = {
  ...EN_NO_STORE,
  content: `${EN_NO_STORE.content}

## Returning in person
Online orders can also be returned at any of our retail stores; bring your order number.`,
};

const KO_NO_STORE: Doc = {
  id: 'guide',
  title: '교환/반품 안내',
  content: `# 바람 상점 교환/반품 안내

온라인 스토어에서 구매하신 상품의 반품 기준을 안내해 드립니다.

## 반품 기간
상품 수령일로부터 7일 이내에 반품을 신청해 주세요.

## 환불
반품 상품이 도착하면 3영업일 이내에 환불됩니다.`,
};

const KO_STORE: Doc = {
  ...KO_NO_STORE,
  content: `${KO_NO_STORE.content}

## 매장 반품
온라인 구매 상품은 가까운 오프라인 매장에서도 반품하실 수 있습니다.`,
};

test('an in-store returns question is refused when the documents do not say, in Polish, English and Korean', async () => {
  const pl = await tenant([PL_NO_STORE]);
  const en = await tenant([EN_NO_STORE]);
  const ko = await tenant([KO_NO_STORE]);
  expect([
    await ask(pl, 'Czy przyjmujecie zwroty w sklepie stacjonarnym?'),
    await ask(pl, 'Czy mogę oddać towar w sklepie?'),
    await ask(en, 'Can I return items in store?'),
    await ask(en, 'Do you accept returns at your shops?'),
    await ask(ko, '매장에서 반품할 수 있나요?'),
    await ask(ko, '오프라인 매장에서도 반품되나요?'),
  ]).toEqual([
    { question: 'Czy przyjmujecie zwroty w sklepie stacjonarnym?', found: false, answer: '' },
    { question: 'Czy mogę oddać towar w sklepie?', found: false, answer: '' },
    { question: 'Can I return items in store?', found: false, answer: '' },
    { question: 'Do you accept returns at your shops?', found: false, answer: '' },
    { question: '매장에서 반품할 수 있나요?', found: false, answer: '' },
    { question: '오프라인 매장에서도 반품되나요?', found: false, answer: '' },
  ]);
});

test('an in-store returns question is answered by the text about returning in a store', async () => {
  const pl = await tenant([PL_STORE]);
  const en = await tenant([EN_STORE]);
  const ko = await tenant([KO_STORE]);
  const answers = [
    await ask(pl, 'Czy przyjmujecie zwroty w sklepie stacjonarnym?'),
    await ask(pl, 'Czy mogę oddać towar w sklepie?'),
    await ask(en, 'Can I return items in store?'),
    await ask(en, 'Do you accept returns at your shops?'),
    await ask(ko, '매장에서 반품할 수 있나요?'),
    await ask(ko, '오프라인 매장에서도 반품되나요?'),
  ];
  expect(
    answers.map((a) => [a.question, a.found, /salonie|retail stores|매장에서도/u.test(a.answer)]),
  ).toEqual(answers.map((a) => [a.question, true, true]));
});

test('a general returns question is not answered by the in-store rule, nor by "store credit"', async () => {
  const pl = await tenant([PL_STORE]);
  const en = await tenant([EN_STORE]);
  const ko = await tenant([KO_STORE]);
  expect([
    (await ask(pl, 'Ile mam dni na zwrot?')).answer,
    (await ask(en, 'How long do I have to return something?')).answer,
    (await ask(ko, '반품 기간이 며칠인가요?')).answer,
    (await ask(en, 'Can I get store credit instead of a refund?')).answer,
  ]).toEqual([
    'Na zwrot towaru masz 30 dni od doręczenia przesyłki.',
    'You can return unworn items within 30 days of delivery for a full refund.',
    '상품 수령일로부터 7일 이내에 반품을 신청해 주세요.',
    'If you prefer, we can issue store credit instead.',
  ]);
});
