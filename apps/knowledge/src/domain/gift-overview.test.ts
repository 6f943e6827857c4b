import path from 'node:path';
import { answerOver, buildIndex, HELDOUT_DIR, indexMarkdown, loadBrand } from '../evaluate';
import { questionType } from './answer';
import { HashingEmbeddings } from './embedder';
import type { TenantIndex } from './tenant-index';

// Found by hand on the demo brands (apps/stack/demo): "Can I return something I bought as a gift?" was
// answered "… Gift cards are not returnable." (a gift card is store credit, not a present), and "What's your
// exchange policy?" by the document's intro "This policy covers every order placed on …" (it says "policy").
// The small documents below are written for this test; the demo ones are the brands' own.

type Doc = { id: string; content: string };

const tenant = (docs: Doc[]): Promise<TenantIndex> => indexMarkdown(docs);

const demo: Record<string, Promise<TenantIndex>> = {};
function demoTenant(language: 'en' | 'pl' | 'ko'): Promise<TenantIndex> {
  demo[language] ??= buildIndex(
    loadBrand(path.join(HELDOUT_DIR, `${language}-demo.json`)) as never,
    new HashingEmbeddings(),
  );
  return demo[language]!;
}

async function ask(idx: TenantIndex | Promise<TenantIndex>, question: string) {
  const a = await answerOver(await idx, question);
  return { question, found: a.found, answer: a.answer, section: a.citations[0]?.section ?? '' };
}

const EN_NO_GIFTS: Doc = {
  id: 'returns',
  content: `# Alder Lane — Returns

## Return window
Unworn items can be returned within 30 days of delivery.

## Exclusions
Swimwear cannot be returned once the hygiene seal is broken.
Gift cards cannot be returned or exchanged.`,
};
const EN_GIFTS: Doc = {
  id: 'gifts',
  content: `# Alder Lane — Gifts

## Returning a gift
Presents can be returned within 60 days with the gift receipt, and the recipient gets store credit.`,
};

const PL_NO_GIFTS: Doc = {
  id: 'zwroty',
  content: `# Kora — Zwroty

## Termin zwrotu
Towar możesz zwrócić w ciągu 14 dni od dostawy.

## Wyjątki
Bielizny nie można zwrócić po otwarciu opakowania.
Karty podarunkowe i bony nie podlegają zwrotowi.`,
};
const PL_GIFTS: Doc = {
  id: 'prezenty',
  content: `# Kora — Prezenty

## Zwrot prezentu
Prezent możesz zwrócić w ciągu 60 dni z paragonem prezentowym, a obdarowany dostanie kartę podarunkową.`,
};

const KO_NO_GIFTS: Doc = {
  id: 'returns',
  content: `# 솔숲 반품 안내

## 반품 기간
상품 수령 후 7일 이내에 반품을 신청할 수 있습니다.

## 반품 제외
속옷은 포장을 뜯은 뒤에는 반품할 수 없습니다.
기프트 카드와 상품권은 반품할 수 없습니다.`,
};
const KO_GIFTS: Doc = {
  id: 'gifts',
  content: `# 솔숲 선물 안내

## 선물 반품
선물로 받은 상품은 선물 영수증이 있으면 30일 이내에 반품할 수 있습니다.`,
};

describe('a gift (a present) is not a gift card', () => {
  test.each([
    ['en', 'Can I return something I bought as a gift?'],
    ['en', 'Can I return a present?'],
    ['pl', 'Czy mogę zwrócić prezent?'],
    ['ko', '선물 받은 상품도 반품할 수 있나요?'],
  ] as const)(
    'demo %s: "%s" is not answered by the gift-card rule (the documents say nothing about gifts)',
    async (language, q) => {
      const a = await ask(demoTenant(language), q);
      expect(a).toMatchObject({ found: false });
    },
  );

  test.each([
    ['ko', '적립금 정책이 어떻게 되나요?'],
    ['en', 'What is your loyalty points policy?'],
    ['pl', 'Jakie są zasady punktów lojalnościowych?'],
  ] as const)(
    'demo %s: "%s" (points / store credit) is not answered by the gift-card rule',
    async (language, q) => {
      const a = await ask(demoTenant(language), q);
      expect(a.answer).not.toMatch(/gift card|karty? podarunkow|기프트 카드/i);
    },
  );

  test.each([
    ['en', 'Can I return a gift card?', /Gift cards are not returnable/],
    ['pl', 'Czy mogę zwrócić kartę podarunkową?', /Karty podarunkowe nie podlegają zwrotowi/],
    ['ko', '기프트 카드도 반품되나요?', /기프트 카드는 반품하거나 환불받을 수 없습니다/],
  ] as const)('demo %s: "%s" still gets the gift-card sentence', async (language, q, fact) => {
    const a = await ask(demoTenant(language), q);
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(fact);
  });

  test.each([
    ['en, no gift rule', 'Can I return something I bought as a gift?', [EN_NO_GIFTS], undefined],
    [
      'en, a gift section',
      'Can I return something I bought as a gift?',
      [EN_NO_GIFTS, EN_GIFTS],
      /gift receipt/,
    ],
    [
      'en, a gift section',
      'Can I return a gift card?',
      [EN_NO_GIFTS, EN_GIFTS],
      /Gift cards cannot be returned/,
    ],
    ['pl, no gift rule', 'Czy mogę zwrócić prezent?', [PL_NO_GIFTS], undefined],
    ['pl, a gift section', 'Czy mogę zwrócić prezent?', [PL_NO_GIFTS, PL_GIFTS], /paragonem prezentowym/],
    [
      'pl, a gift section',
      'Czy mogę zwrócić kartę podarunkową?',
      [PL_NO_GIFTS, PL_GIFTS],
      /Karty podarunkowe i bony/,
    ],
    ['ko, no gift rule', '선물 받은 상품도 반품할 수 있나요?', [KO_NO_GIFTS], undefined],
    ['ko, a gift section', '선물 받은 상품도 반품할 수 있나요?', [KO_NO_GIFTS, KO_GIFTS], /선물 영수증/],
    ['ko, a gift section', '기프트 카드도 반품되나요?', [KO_NO_GIFTS, KO_GIFTS], /기프트 카드와 상품권/],
  ] as const)('own documents (%s): "%s"', async (_label, q, docs, fact) => {
    const a = await ask(tenant([...docs]), q);
    if (!fact) expect(a).toMatchObject({ found: false });
    else {
      expect(a.found).toBe(true);
      expect(a.answer).toMatch(fact);
    }
  });
});

const EN_POLICIES: Doc = {
  id: 'policies',
  content: `# Fjord Goods — Returns and Exchanges

This policy applies to every order from fjordgoods.com.

## Returns
Unworn items can be returned within 30 days.

## Exchanges
You can swap an item for another size within 21 days of delivery.
Exchanged items ship free.`,
};
const PL_POLICIES: Doc = {
  id: 'zasady',
  content: `# Kora — zwroty i wymiany

Poniższe zasady dotyczą wszystkich zamówień.

## Zwroty
Nienoszony towar możesz zwrócić w ciągu 30 dni.

## Wymiana
Wymiana rozmiaru jest możliwa w ciągu 21 dni od doręczenia.
Wysyłka wymienionego towaru jest bezpłatna.`,
};
const KO_POLICIES: Doc = {
  id: 'policies',
  content: `# 솔숲 반품·교환 정책

아래 정책은 솔숲의 모든 주문에 적용됩니다.

## 반품
상품 수령 후 7일 이내에 반품할 수 있습니다.

## 교환
교환은 상품 수령 후 10일 이내에 신청할 수 있습니다.
교환 배송비는 무료입니다.`,
};

const EN_SHIPPING: Doc = {
  id: 'shipping',
  content: `# Alder Lane — Shipping

Our shipping policy applies to orders within the United States.

## Delivery time
Orders leave our warehouse within 2 business days and arrive 3–5 business days later.

## Damaged items
Report a damaged parcel within 48 hours and we send a replacement.`,
};

describe('"what is your X policy?" is answered from the section about X', () => {
  test.each([
    ["What's your exchange policy?", 'overview'],
    ['Jakie są zasady wymiany?', 'overview'],
    ['교환 정책이 어떻게 되나요?', 'overview'],
    ['How long is the return policy window?', 'duration'],
  ])('"%s" is an %s question', (q, type) => {
    expect(questionType(q)).toBe(type);
  });

  test.each([
    [
      'en',
      "What's your exchange policy?",
      /(^|> )Exchanges$/,
      /different size or color are free within 30 days/,
    ],
    ['en', 'What is your return policy?', /(^|> )Return window$/, /within 30 days of delivery/],
    ['pl', 'Jakie są zasady wymiany?', /(^|> )Wymiana$/, /30 dni od doręczenia/],
    ['pl', 'Jakie są zasady zwrotu?', /(^|> )Termin zwrotu$/, /30 dni od dnia doręczenia/],
    ['ko', '교환 정책이 어떻게 되나요?', /(^|> )교환$/, /14일 이내/],
    ['ko', '반품 정책이 어떻게 되나요?', /(^|> )반품 기간$/, /14일/],
  ] as const)('demo %s: "%s"', async (language, q, section, fact) => {
    const a = await ask(demoTenant(language), q);
    expect(a.found).toBe(true);
    expect(a.section).toMatch(section);
    expect(a.answer).toMatch(fact);
  });

  test.each([
    ['en', 'What is your exchange policy?', EN_POLICIES, /21 days/],
    ['pl', 'Jakie są zasady wymiany?', PL_POLICIES, /21 dni/],
    ['ko', '교환 정책이 어떻게 되나요?', KO_POLICIES, /10일/],
    [
      'en, the section named by its topic',
      'What is your shipping policy?',
      EN_SHIPPING,
      /arrive 3–5 business days/,
    ],
  ] as const)(
    'own documents (%s): "%s" is answered from the section about it, not the intro',
    async (_l, q, doc, fact) => {
      const a = await ask(tenant([doc]), q);
      expect(a.found).toBe(true);
      expect(a.answer).toMatch(fact);
    },
  );
});
