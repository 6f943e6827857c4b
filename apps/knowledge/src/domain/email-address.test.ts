import { answerOver, indexMarkdown } from '../evaluate';
import { wordTokens } from './text';

// "What is your email address?" is answered by the sentence that writes the address out ("Email help@…",
// "Biuro obsługi klienta: kontakt@…"), even when it does not say "address" ("adres", "주소"). Before, the
// question's "address" word was its focus, no sentence had it, and every language was refused.
// Korean "뭐예요" / "어디예요" (what / where is it) carry no topic, like "뭐" and "어디" alone; before, "뭐예요"
// weighed as a word the documents never use.

const EN = `# Maple Lane — Help

## Returns
You can return unworn items within 21 days of delivery.

## Contact
Our team answers on weekdays from 9 am to 4 pm. Email hello@maple-lane.example`;

const PL = `# Sklep Jodełka — pomoc

## Zwroty
Towar możesz zwrócić w ciągu 14 dni od dostawy.

## Kontakt
Dział obsługi klienta: pomoc@jodelka.example, od poniedziałku do piątku w godz. 9–17.`;

const KO = `# 솔빛 고객 안내

## 반품
상품 수령 후 7일 이내에 반품을 신청할 수 있습니다.

## 문의
고객센터는 평일 오전 9시부터 오후 6시까지 운영합니다. 이메일 care@solbit.example`;

test.each([
  ['en', EN, 'What is your email address?', 'hello@maple-lane.example'],
  ['pl', PL, 'Jaki jest adres e-mail działu obsługi?', 'pomoc@jodelka.example'],
  ['ko', KO, '고객센터 이메일 주소가 뭐예요?', 'care@solbit.example'],
])('%s: an email-address question is answered by the address written out', async (_l, doc, q, address) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  const a = await answerOver(idx, q);
  expect(a.found).toBe(true);
  expect(a.answer).toContain(address);
});

test('an address question without an email is not answered by an email address', async () => {
  const idx = await indexMarkdown([{ id: 'd', content: EN }]);
  expect((await answerOver(idx, 'What is your warehouse address for returns?')).answer).not.toContain('@');
});

test('Korean what / where predicates carry no topic', () => {
  for (const w of ['뭐예요?', '뭐에요', '뭔가요', '무엇인가요', '어디예요?', '어디인가요'])
    expect(wordTokens(w)[0]).toMatchObject({ stop: true, terms: [] });
  expect(wordTokens('뭐든지')[0]!.stop).toBe(false);
});
