import { answerOver, indexMarkdown } from '../evaluate';

// An FAQ written with markers ("Q. …" / "A. …", "Q: …" / "A: …", "Pytanie: …" / "Odpowiedź: …", "P: …" / "O: …",
// "질문: …" / "답변: …", "**Q:** …" / "**A:** …"): the question line heads its answer and is never the answer itself,
// even when it is a statement ("Q. 이어폰을 물에 빠뜨렸어요."); its words still lead to the pair. Before, the Q. line
// was quoted at full confidence ("Q. 이어폰을 물에 빠뜨렸어요.") or the answer line kept its "A." marker.

const KO = `# 소담 전자 A/S 안내

## A/S 보증

Q. 보증 기간은 얼마나 되나요?
A. 모든 제품은 구매일로부터 1년간 무상 A/S를 받으실 수 있습니다.

Q. 헤드폰을 물에 빠뜨렸어요.
A. 침수, 낙하 등 고객 과실로 인한 고장은 보증 기간 내라도 유상 수리입니다.

질문: 택배 상자를 버렸어요.
답변: 반품 시에는 다른 상자에 담아 보내셔도 됩니다.`;

const PL = `# Sklep Konwalia — najczęstsze pytania

## Reklamacje

P: Upuściłam telefon i pękł ekran.
O: Uszkodzenia mechaniczne powstałe z winy Klienta nie są objęte gwarancją, naprawa jest płatna.

Pytanie: Zgubiłam paragon.
Odpowiedź: Dowodem zakupu może być również potwierdzenie przelewu lub wyciąg z karty.`;

const EN = `# Brightwire — FAQ

## Warranty

**Q:** My speaker stopped charging after I dropped it in the pool.
**A:** Water damage and drops are not covered by the warranty; we can repair them for a fee.

Q: I lost my receipt.
A: Your order confirmation email works as proof of purchase.`;

test.each([
  [
    'ko',
    '헤드폰을 물에 빠뜨렸어요 무상 수리 정책 알려주세요',
    '고객 과실로 인한 고장은 보증 기간 내라도 유상 수리입니다',
  ],
  ['ko', '택배 상자를 버렸는데 반품 어떻게 해요', '다른 상자에 담아 보내셔도 됩니다'],
  ['pl', 'Upuściłam telefon i pękł ekran, czy naprawa jest darmowa?', 'nie są objęte gwarancją'],
  ['pl', 'Zgubiłam paragon, co teraz?', 'potwierdzenie przelewu'],
  [
    'en',
    'I dropped my speaker in the pool, is that covered by the warranty?',
    'Water damage and drops are not covered',
  ],
  ['en', 'I lost my receipt', 'order confirmation email works as proof of purchase'],
])('%s: "%s" — the FAQ question line leads to its answer and is never quoted', async (lang, q, fact) => {
  const idx = await indexMarkdown([{ id: 'faq', content: { ko: KO, pl: PL, en: EN }[lang]! }]);
  const a = await answerOver(idx, q);
  expect(a.found).toBe(true);
  expect(a.answer).toContain(fact);
  for (const marker of [/^\s*(\*\*)?(Q|A|P|O|Pytanie|Odpowiedź|질문|답변)\s*[.:]/u]) {
    expect(a.answer).not.toMatch(marker);
    for (const e of a.evidence) expect(e).not.toMatch(marker);
  }
});

test('a "Question | Answer" table row is still a question with its answer', async () => {
  const idx = await indexMarkdown([
    {
      id: 'faq',
      content: `# Help

| Question | Answer |
| --- | --- |
| Can I return items to a store? | Yes. Online orders can be returned at any of our stores; bring your order number. |
| When will my refund arrive? | Refunds are issued within 5 business days. |`,
    },
  ]);
  const a = await answerOver(idx, 'Can I return an online order in store?');
  expect(a.answer).toContain('Online orders can be returned at any of our stores');
});
