import { answerOver, indexMarkdown } from '../evaluate';

// A shopper names the thing that broke ("the glass", "kubek", "컵") and says how ("chipped", "stłuczony",
// "깨져서"); a policy names neither: it has one rule for goods damaged in transit. The product the
// documents never mention is the damaged item, not a subject they do not cover, so the damage word reaching
// the rule through the glossary answers. A word the documents never use that is not the damaged item ("price
// match", "wyrównujecie ceny") still makes a match through a glossary relative alone too loose to answer.
const EN = `# Northwind Ceramics — Help

## Damaged in transit
Report any transit damage within 48 hours of delivery, with a photo of the parcel and the piece.

## Fees
A restocking fee of $6 applies to returns of opened sets.

## Returns
Unused pieces can be sent back within 30 days.`;

const PL = `# Glina i Ogień — Pomoc

## Szkody w transporcie
Uszkodzenia powstałe w transporcie prosimy zgłaszać w ciągu 48 godzin od doręczenia, ze zdjęciem.

## Opłaty
Za zwrot otwartych zestawów pobieramy opłatę 25 zł.

## Zwroty
Nieużywane produkty można odesłać w ciągu 30 dni.`;

const KO = `# 도예공방 고객 안내

## 배송 중 손상
배송 중 손상된 상품은 수령 후 48시간 이내에 사진과 함께 알려 주세요.

## 수수료
개봉한 세트를 반품하면 6,000원의 수수료가 부과됩니다.`;

// One brand per language: which language's sentence wins a tie is not what this is about.
const DOCS: Record<string, string> = { en: EN, pl: PL, ko: KO };

async function ask(question: string, language: string) {
  const idx = await indexMarkdown([{ id: `${language}.md`, content: DOCS[language]! }]);
  const a = await answerOver(idx, question, { language });
  return { question, found: a.found, answer: a.answer };
}

describe('a damaged item the documents never name is answered by their damage rule', () => {
  it.each([
    ['The glass came chipped. What now?', 'en', '48 hours'],
    ['My teapot is cracked, what do I do?', 'en', '48 hours'],
    ['The bowl arrived smashed.', 'en', '48 hours'],
    ['Przyszła potłuczona filiżanka. Co teraz?', 'pl', '48 godzin'],
    ['Czajnik przyszedł pęknięty, co robić?', 'pl', '48 godzin'],
    ['컵이 깨져서 왔어요. 어떻게 하나요?', 'ko', '48시간'],
  ])('%s', async (q, language, fact) => {
    const a = await ask(q, language);
    expect({ found: a.found, fact: a.answer.includes(fact) }).toEqual({ found: true, fact: true });
  });

  it('a subject the documents do not cover still gets no answer from a glossary relative alone', async () => {
    for (const [q, language] of [
      ['Do you price match?', 'en'],
      ['Czy wyrównujecie ceny?', 'pl'],
    ] as const)
      expect([q, (await ask(q, language)).found]).toEqual([q, false]);
  });
});
