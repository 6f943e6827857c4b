import { answerOver, indexMarkdown } from '../evaluate';
import { koVerbFormOf, koVerbStem } from './focus';

// "X하면 …으로 보내면 되나요?" (is it OK if I send it by …?) asks about the verb 보내 (send); the documents write it in
// another form ("택배로 보낼 수 없으며"). Before, the focus was the whole form "보내면", no sentence had it, and the
// question was refused. A Korean verb's stem takes a final consonant in its other forms (보내 → 보낼, 보낸, 보냅니다).
// English and Polish verbs are matched by their stems already ("send" / "sent back", "odesłać" / "odesłanie").

const KO = `# 나무결 가구 반품 안내

## 대형 가구 수거
식탁, 책장 등 대형 가구의 반품은 택배로 보낼 수 없으며 방문 수거로만 진행됩니다.

## 반품 기간
상품 수령 후 7일 이내에 반품을 신청해 주세요.`;

test('a Korean verb focus is met by another form of the verb', async () => {
  const idx = await indexMarkdown([{ id: 'ko', content: KO }]);
  const a = await answerOver(idx, '책장 반품하면 택배로 보내면 되나요?');
  expect(a.found).toBe(true);
  expect(a.answer).toContain('택배로 보낼 수 없으며');
});

test.each([
  [
    'en',
    '# Oak & Co\n\n## Large furniture\nTables and bookcases cannot be sent back by parcel; we collect them.',
    'Can I send a bookcase back by parcel?',
    'cannot be sent back',
  ],
  [
    'pl',
    '# Dąb i Spółka\n\n## Duże meble\nStołów i regałów nie można odesłać paczką – odbieramy je sami.',
    'Czy mogę odesłać regał paczką?',
    'nie można odesłać',
  ],
])('%s: the same question is answered (control)', async (_l, doc, q, fact) => {
  const idx = await indexMarkdown([{ id: 'd', content: doc }]);
  expect((await answerOver(idx, q)).answer).toContain(fact);
});

test('Korean verb stems and their forms', () => {
  expect(koVerbStem('보내면')).toBe('보내');
  expect(koVerbStem('바꾸려면')).toBe('바꾸');
  // One syllable is too short to recognise; a noun with a verb ending stays the noun's business (koStem).
  expect(koVerbStem('입으면')).toBeUndefined();
  expect(koVerbStem('반품하면')).toBeUndefined();
  expect(koVerbFormOf('보낼', '보내')).toBe(true);
  expect(koVerbFormOf('보냅니다', '보내')).toBe(true);
  expect(koVerbFormOf('보내주세요', '보내')).toBe(true);
  expect(koVerbFormOf('보니', '보내')).toBe(false);
  expect(koVerbFormOf('보관', '보내')).toBe(false);
});
