import { answerOver, indexMarkdown } from '../evaluate';

// Found by hand (a Korean furniture brand): "마음이 바뀌면 며칠 안에 반품해야 해요?" was refused although
// the policy says "단순 변심: 수령 후 7일 이내". A change of mind is a return without a fault, however said.
async function ask(content: string, question: string) {
  return answerOver(await indexMarkdown([{ id: 'p', content }]), question);
}

test.each([
  [
    `# 마루 가구 반품 정책\n\n## 신청 기한\n- 단순 변심: 수령 후 7일 이내\n- 제품 하자: 수령 후 30일 이내\n\n## 반품이 안 되는 경우\n- 조립이 완료된 제품`,
    '마음이 바뀌면 며칠 안에 반품해야 해요?',
    /7일/,
  ],
  [
    `# Birch & Co returns\n\n## Deadlines\n- Change of mind: within 14 days of delivery\n- Faulty items: within 60 days\n\n## Exclusions\n- Assembled furniture`,
    'I changed my mind, how many days do I have to send it back?',
    /14 days/,
  ],
  [
    `# Brzoza — zwroty\n\n## Terminy\n- Zmiana zdania: 14 dni od dostawy\n- Wada produktu: 60 dni\n\n## Wyjątki\n- Meble po montażu`,
    'Rozmyśliłam się, ile mam dni na zwrot?',
    /14 dni/,
  ],
])('a change of mind finds the no-fault deadline (%#)', async (doc, question, fact) => {
  const a = await ask(doc, question);
  expect({ question, found: a.found, answer: a.answer }).toEqual({
    question,
    found: true,
    answer: expect.stringMatching(fact),
  });
});
