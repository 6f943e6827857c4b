import {
  DocumentFormat,
  type UpsertDocumentRequest,
} from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { type Running, startKnowledge, testEnv } from './__tests__/helpers';

function req(p: Partial<UpsertDocumentRequest>): UpsertDocumentRequest {
  return {
    tenantId: 'shop',
    id: 'doc',
    title: '',
    format: DocumentFormat.DOCUMENT_FORMAT_MARKDOWN,
    content: '',
    data: Buffer.alloc(0),
    url: '',
    sourceUrl: '',
    language: '',
    tags: [],
    ...p,
  };
}

const DOCS = [
  req({
    id: 'pl',
    content:
      '# Zwroty\n\n## Termin\n\nMasz 30 dni na zwrot towaru od dnia otrzymania przesyłki. Zwrot pieniędzy następuje w ciągu 14 dni.',
  }),
  req({
    id: 'ko',
    content: '# 교환\n\n## 사이즈 교환\n\n사이즈 교환은 상품 수령 후 7일 이내에 무료로 가능합니다.',
  }),
  req({ id: 'en', content: '# Gift cards\n\nGift cards never expire and cannot be exchanged for cash.' }),
];

describe('optional chat-model phrasing (fake chat model)', () => {
  let env: Awaited<ReturnType<typeof testEnv>>;
  let k: Running;
  const prompts: string[] = [];
  // One response per Answer call, in order.
  const model = new FakeListChatModel({
    responses: [
      'Na zwrot towaru masz 30 dni od otrzymania przesyłki [1].',
      'Masz 90 dni na zwrot [1].',
      'Oczywiście, zwroty są zawsze możliwe!',
      'Zwrot w ciągu 30 dni [4].',
      '사이즈 교환은 수령 후 7일 이내 무료입니다 [1].',
    ],
    callbacks: [
      {
        handleChatModelStart: (_llm: unknown, messages: BaseMessage[][]) =>
          void prompts.push(
            messages
              .flat()
              .map((m) => String(m.content))
              .join('\n'),
          ),
      },
    ],
  });

  beforeAll(async () => {
    env = await testEnv();
    k = await startKnowledge({ sql: env.sql, bus: env.bus, chatModel: model });
    for (const d of DOCS) await k.client.upsertDocument(d);
  });
  afterAll(async () => {
    await k.stop();
    await env.close();
  });

  const ask = (question: string, locale: string) =>
    k.client.answer({ tenantId: 'shop', question, locale, filters: undefined });

  test('a grounded rephrasing is used; the model saw only the retrieved sentences', async () => {
    const a = await ask('Ile mam dni na zwrot towaru?', 'pl');
    expect(a.found).toBe(true);
    expect(a.answer).toBe('Na zwrot towaru masz 30 dni od otrzymania przesyłki.');
    expect(a.citations.map((c) => c.documentId)).toEqual(['pl']);
    const prompt = prompts[prompts.length - 1]!;
    expect(prompt).toContain('[1] Masz 30 dni na zwrot towaru od dnia otrzymania przesyłki.');
    expect(prompt).not.toContain('사이즈');
    expect(prompt).not.toContain('Gift cards');
  });

  test('a number the sources do not state, no citation, or a citation of nothing retrieved → the extractive answer', async () => {
    for (let i = 0; i < 3; i++) {
      const a = await ask('Ile mam dni na zwrot towaru?', 'pl');
      expect(a.found).toBe(true);
      expect(a.answer).toContain('Masz 30 dni na zwrot towaru od dnia otrzymania przesyłki.');
      expect(a.answer).not.toMatch(/90 dni|Oczywiście|\[4\]/);
    }
  });

  test('Korean: grounded phrasing kept; nothing in the knowledge base → the model is not asked', async () => {
    const ko = await ask('사이즈 교환은 며칠 안에 해야 하나요?', 'ko');
    expect(ko.answer).toBe('사이즈 교환은 수령 후 7일 이내 무료입니다.');
    const asked = prompts.length;
    const none = await ask('Do you offer gift wrapping for birthdays?', 'en');
    expect(none.found).toBe(false);
    expect(prompts.length).toBe(asked);
  });
});
