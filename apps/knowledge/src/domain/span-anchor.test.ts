import path from 'node:path';
import { answerOver, buildIndex, HELDOUT_DIR, indexMarkdown, loadBrand } from '../evaluate';
import { questionType } from './answer';
import { HashingEmbeddings } from './embedder';
import type { TenantIndex } from './tenant-index';

// "How long does shipping take?" asked of a brand whose return policy counts its window from the
// delivery ("within 30 days of delivery", "14 dni od dostawy", "배송 완료일로부터 14일") and whose
// shipping page has a section on delivery times. The return sentence names delivery only as the day
// its span starts; the shipping section is the answer. Found by hand on the Korean demo brand
// (apps/stack/demo/demo-ko); the Polish and English documents below are written for this test.

type Doc = { id: string; content: string };

const tenant = (docs: Doc[]): Promise<TenantIndex> => indexMarkdown(docs);

async function ask(idx: TenantIndex, question: string) {
  const a = await answerOver(idx, question);
  return { question, found: a.found, answer: a.answer, section: a.citations[0]?.section ?? '' };
}

const EN: Doc[] = [
  {
    id: 'returns',
    content: `# Alder & Pine — Returns

## Return window
Unworn items can be returned within 30 days of delivery.
Start a return from your order page.

## Refunds
Refunds reach your card within 5 business days after we receive the parcel.`,
  },
  {
    id: 'shipping',
    content: `# Alder & Pine — Shipping

## Delivery time
Orders leave our warehouse within 2 business days and arrive 3–5 business days later.
Parcels to Alaska and Hawaii need 2 extra days.

## Shipping costs
Standard shipping is free over $60.`,
  },
];

const PL: Doc[] = [
  {
    id: 'zwroty',
    content: `# Kora — Zwroty

## Termin zwrotu
Towar możesz zwrócić w ciągu 14 dni od dostawy.
Zwrot zgłosisz w panelu klienta.

## Zwrot pieniędzy
Pieniądze oddajemy w ciągu 5 dni roboczych.`,
  },
  {
    id: 'dostawa',
    content: `# Kora — Dostawa

## Czas dostawy
Zamówienia nadajemy w ciągu 1 dnia roboczego, kurier doręcza je zwykle następnego dnia.

## Koszt dostawy
Dostawa kosztuje 12 zł, powyżej 200 zł jest bezpłatna.`,
  },
];

// A second Korean brand, worded differently from the demo ("배송일로부터", "수령 후").
const KO: Doc[] = [
  {
    id: 'returns',
    content: `# 달빛 도자기 교환·반품 안내

## 반품 신청 기한
반품은 배송일로부터 7일 이내에 고객센터로 접수해 주세요.
교환은 상품 수령 후 7일 안에 가능합니다.
오배송된 상품은 받으신 날부터 7일 안에 알려 주세요.

## 환불
환불은 회수된 상품을 확인한 뒤 3영업일 안에 처리됩니다.`,
  },
  {
    id: 'shipping',
    content: `# 달빛 도자기 배송 안내

## 배송 기간
결제 완료 후 평일 기준 2~4일 안에 받아 보실 수 있습니다.
제주와 울릉도는 하루에서 이틀이 더 걸립니다.

## 배송비
3만 원 이상 주문하시면 무료입니다.`,
  },
];

test('Korean demo brand: shipping time from the "배송 기간" section, not the return window counted from delivery', async () => {
  const brand = loadBrand(path.join(HELDOUT_DIR, 'ko-demo.json'));
  const idx = await buildIndex(brand, new HashingEmbeddings());
  for (const q of [
    '배송 기간이 어떻게 되나요?',
    '배송은 얼마나 걸려요?',
    '배송은 며칠 걸리나요?',
    '주문하면 언제 도착해요?',
  ]) {
    const a = await ask(idx, q);
    expect({
      q,
      found: a.found,
      shipping: a.answer.includes('1~3일'),
      returnWindow: a.answer.includes('14일'),
    }).toEqual({
      q,
      found: true,
      shipping: true,
      returnWindow: false,
    });
    expect(a.section).toMatch(/배송 기간$/);
  }
  // The return window is still the answer about returns.
  for (const q of ['반품 기간이 며칠인가요?', '반품은 며칠 안에 해야 하나요?']) {
    const a = await ask(idx, q);
    expect({ q, window: a.answer.includes('14일'), section: a.section }).toEqual({
      q,
      window: true,
      section: expect.stringMatching(/반품 기간$/),
    });
  }
});

test('Korean, Polish, English: "how long does delivery take" is not answered by "N days of delivery"', async () => {
  const cases: [Doc[], string, string, RegExp][] = [
    [EN, 'How long does delivery take?', '2 business days', /Delivery time$/],
    [EN, 'How long does shipping take?', '2 business days', /Delivery time$/],
    [EN, 'How long do I have to return an item?', '30 days', /Return window$/],
    // The section about delivery times heads its sentences, including one that does not say "delivery".
    [EN, 'Does delivery to Hawaii take longer?', '2 extra days', /Delivery time$/],
    [PL, 'Ile trwa dostawa?', '1 dnia roboczego', /Czas dostawy$/],
    [PL, 'Jak długo trwa wysyłka?', '1 dnia roboczego', /Czas dostawy$/],
    [PL, 'Ile mam czasu na zwrot?', '14 dni', /Termin zwrotu$/],
    [KO, '배송 기간이 어떻게 되나요?', '2~4일', /배송 기간$/],
    [KO, '배송은 얼마나 걸려요?', '2~4일', /배송 기간$/],
    [KO, '반품은 며칠 안에 해야 하나요?', '7일', /반품 신청 기한$/],
    // The "배송 기간" section heads a sentence that does not say 배송; a wrong-delivery (오배송) rule does not answer.
    [KO, '울릉도 배송은 더 걸리나요?', '이틀', /배송 기간$/],
  ];
  const indexes = new Map<Doc[], TenantIndex>();
  for (const [docs, q, fact, section] of cases) {
    const idx = indexes.get(docs) ?? (await tenant(docs));
    indexes.set(docs, idx);
    const a = await ask(idx, q);
    expect({ q, found: a.found, fact: a.answer.includes(fact), section: section.test(a.section) }).toEqual({
      q,
      found: true,
      fact: true,
      section: true,
    });
  }
});

test('"Ile trwa…?" / "Jak długo trwa…?" ask for a duration', () => {
  expect(['Ile trwa dostawa?', 'Jak długo trwa wysyłka?', 'Ile trwają zwroty?'].map(questionType)).toEqual([
    'duration',
    'duration',
    'duration',
  ]);
  // "trwały" (durable) is not a duration question.
  expect(questionType('Czy te buty są trwałe?')).toBe('other');
});
