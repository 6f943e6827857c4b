import { answerOver, indexMarkdown } from '../evaluate';
import { sectionBelowTitle } from './answer';
import { durationStrength } from './policy-facts';
import type { TenantIndex } from './tenant-index';
import { sentences } from './text';
import { correctTypos, recomposeHangul } from './typo';

// What QA's two new brands (eval/qa-brands) showed, checked here on other documents and other wording:
// typing slips, spans in years, hours and counts asked for, the period of a return, a heading naming the
// question, a sentence pointing back, Polish without diacritics, the title repeated in citations.

const indexes = new Map<string, Promise<TenantIndex>>();
function tenant(content: string): Promise<TenantIndex> {
  let idx = indexes.get(content);
  if (!idx) {
    idx = indexMarkdown([{ id: 'p', content }]);
    indexes.set(content, idx);
  }
  return idx;
}
async function ask(doc: 'PL' | 'KO' | 'EN', question: string): Promise<string> {
  const a = await answerOver(await tenant(DOCS[doc]), question);
  return a.found ? a.answer : '∅';
}

const PL = `# Regulamin zwrotów – Szprycha

## Termin zwrotu
Nieużywany towar możesz odesłać w ciągu 30 dni od odbioru paczki.

## Odesłanie
Odesłanie zwrotu kosztuje 12 zł i ponosi je klient.

## Zwrot środków
Pieniądze oddajemy w ciągu 7 dni od otrzymania paczki.

## Wymiana
Rękawice rowerowe wymieniamy wyłącznie na inny rozmiar. Pieniędzy za nie nie zwracamy.

## Reklamacje
Reklamacje rozpatrujemy w ciągu 14 dni. Wadę możesz zgłosić przez dwa lata od zakupu.

## Kontakt
Infolinia działa od poniedziałku do piątku, godz. 9–17.`;

const KO = `# 솔바람 가구 반품 안내

## 반품 기한
배송 완료일로부터 10일 이내에 반품 신청이 가능합니다.

## 환불
반품 상품이 도착하면 검수 후 2영업일 이내에 환불해 드립니다.

## 교환
교환은 수령 후 7일 이내 1회만 가능합니다.

## 보증
원목 가구는 구매일로부터 2년 동안 무상 수리해 드립니다.

## 상담
상담 시간은 평일 오전 9시부터 오후 6시까지입니다.`;

const EN = `# Kestrel Outdoor Returns Policy (UK)

Kestrel Outdoor sells tents and outdoor gear online.

## Return period
Unused gear can be sent back within 21 days of delivery.

## Refunds
Returned parcels are refunded within 4 business days once checked.

## Exchanges
Each order can be exchanged twice at most.

## Warranty
Tents carry a guarantee of three years.

## Support
Our support line is open Monday to Friday, 8:30 to 17:00.`;

const DOCS = { PL, KO, EN };

test.each([
  ['반푸ㅁ 기한', '반품 기한'],
  ['ㅂㅏㄴ품', '반품'],
  ['교화ㄴ 되나요', '교환 되나요'],
  ['좋아요ㅋㅋ ㅎㅎ', '좋아요ㅋㅋ ㅎㅎ'],
  ['ㅠㅠ 반품', 'ㅠㅠ 반품'],
])('Hangul typed in pieces is put together: %s', (typed, meant) => {
  expect(recomposeHangul(typed)).toBe(meant);
});

test.each([
  // A letter left out inside, two letters swapped: read as the documents' word (or the glossary's).
  ['how long is the retrun peroid?', 'how long is the return period?'],
  ['ile mam czsu na odesłanie?', 'ile mam czasu na odesłanie?'],
  ['refnud timing', 'refund timing'],
  // Not slips: a name, a real word one letter from a document's word ("send" / "sent"), an inflection.
  ['Do you ship to Spian?', 'Do you ship to Spian?'],
  ['Can I send a photo?', 'Can I send a photo?'],
  ['Czy dostanę zwrot?', 'Czy dostanę zwrot?'],
])('slips are repaired against the documents: %s', (typed, meant) => {
  const known = new Set(['return', 'refund', 'sent', 'photo', 'period', 'dostaw']);
  expect(correctTypos(typed, (t) => known.has(t))).toBe(meant);
});

test.each([
  ['Wadę możesz zgłosić przez dwa lata od zakupu.'],
  ['Gwarancja obowiązuje 2 lata.'],
  ['Reklamację można złożyć w ciągu roku.'],
  ['원목 가구는 2년 동안 무상 수리해 드립니다.'],
  ['제주는 하루에서 이틀이 더 걸립니다.'],
  ['Your bank may take 5 further working days.'],
])('a span in years, native Korean days or "N further days" is a duration: %s', (sentence) => {
  expect(durationStrength(sentence)).toBe(1);
});

test('an abbreviation before a number does not end the sentence', () => {
  expect(sentences('Infolinia działa od poniedziałku do piątku, godz. 9–17. Zapraszamy.')).toEqual([
    'Infolinia działa od poniedziałku do piątku, godz. 9–17.',
    'Zapraszamy.',
  ]);
});

test.each([
  ['Zasady zwrotów', 'Zasady zwrotów – Rowerek > Termin zwrotu', 'Termin zwrotu'],
  ['Kestrel Outdoor Returns Policy', 'Kestrel Outdoor Returns Policy (UK) > Refunds', 'Refunds'],
  ['Returns — Kestrel', 'Returns > Refunds', 'Refunds'],
  ['솔바람 가구 반품 안내', '솔바람 가구 반품 안내', ''],
  ['Help centre', 'Shipping > Costs', 'Shipping > Costs'],
])('a citation does not repeat the document title (%s, %s)', (title, section, shown) => {
  expect(sectionBelowTitle(title, section)).toBe(shown);
});

test.each([
  // The period of something the shopper does is their deadline ("반품 상품이 도착하면 … 2영업일 이내에 환불" is how
  // long the refund takes), in the section the question names; a slip in a word is read as the word.
  ['KO', '반품 기간 알려주세요', '10일 이내에 반품'],
  ['EN', 'What is the return period?', 'within 21 days'],
  ['EN', 'hwo long is the retrun period?', 'within 21 days'],
  // An overview is the section about the subject, its rule first.
  ['PL', 'Jaka jest polityka zwrotu?', 'w ciągu 30 dni'],
  // Years; the shop handling a complaint is not the shopper's deadline.
  ['PL', 'ile mam czasu na zgłoszenie reklamacji?', 'przez dwa lata'],
  ['KO', '보증 기간은 몇 년이에요?', '2년'],
  // Hours asked for: a sentence stating times of day.
  ['PL', 'W jakich godzinach działa infolinia?', 'godz. 9–17'],
  ['PL', 'Do której jest czynna infolinia?', 'godz. 9–17'],
  ['EN', 'What are your support hours?', '8:30 to 17:00'],
  ['EN', 'what time does support close?', '8:30 to 17:00'],
  // Polish typed without diacritics: who pays.
  ['PL', 'kto placi za odeslanie paczki?', 'ponosi je klient'],
  // A sentence pointing back is read (and said) with the one it points to.
  ['PL', 'Rękawice są za małe, czy dostanę zwrot pieniędzy?', 'wyłącznie na inny rozmiar'],
] as const)('%s: %s', async (doc, question, fact) => {
  expect(await ask(doc, question)).toContain(fact);
});

// A place to deliver to that the documents never name ("부산으로 배송되나요?") is a name, as a capitalised word is.
test('a delivery destination the documents do not name is not answered by a return rule', async () => {
  expect(await ask('KO', '부산으로 배송되나요?')).toBe('∅');
});
