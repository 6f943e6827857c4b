import {
  DocumentFormat,
  type UpsertDocumentRequest,
} from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { type Running, startKnowledge, testEnv } from './__tests__/helpers';

// Answer over indexed documents for the kinds of question an unseen brand's shoppers asked and the
// service missed: damage words the policy does not use ("cracked" vs "breakage"), an FAQ whose
// answer sits under a bold line, a bare "Yes." opening an FAQ answer, Polish verbs of giving back
// ("oddać", "odstąpienie", "odesłanie"), "who pays" answered by "the customer bears the cost", and a
// question narrowed to shipping abroad that the documents never address. The documents here are
// not the ones the misses were found with (those are eval/probe); wording differs on purpose.
function req(p: Partial<UpsertDocumentRequest>): UpsertDocumentRequest {
  return {
    tenantId: 'fjord',
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

const EN = `# Fjord Glassworks — Customer help

## Common questions

**Can I send a piece back?**
Yes. Unopened glassware can be returned within 30 days of the delivery date.

**Gift voucher option**
Pick a gift voucher instead of a refund and we top it up with a 15% bonus.

**Damaged on arrival**
Tell us about breakage within 3 days of delivery and include photos; a new piece ships at our cost.

**Delivery times**
Orders leave our studio within 2 business days and standard delivery is free over $80.`;

const PL = `# Lniany Dom — Zwroty i dostawa

## Najczęstsze pytania

**Czy mogę zwrócić zakupiony towar?**
Tak. Na odstąpienie od umowy masz 21 dni od doręczenia przesyłki.

**Kto pokrywa przesyłkę zwrotną?**
Koszt odesłania zwracanych rzeczy ponosi klient.

**Uszkodzenia w transporcie**
Uszkodzenia zgłoś w ciągu 24 godzin od doręczenia, dołączając zdjęcia.

**Dostawa**
Zamówienia wysyłamy kurierem w ciągu 2 dni roboczych, dostawa kosztuje 15 zł.`;

const KO = `# 다온 리빙 고객 안내

## 자주 묻는 질문

**반품할 수 있나요?**
네. 사용하지 않은 상품은 수령 후 7일 이내에 반품하실 수 있습니다.

**배송 파손**
배송 중 파손된 상품은 수령 후 24시간 이내에 사진과 함께 알려 주세요.

**배송 안내**
국내 배송은 결제 후 2일 이내에 출고되며, 반품 배송비는 편도 3,000원입니다.`;

describe('Answer on documents worded unlike the questions (unseen-brand misses)', () => {
  let env: Awaited<ReturnType<typeof testEnv>>;
  let k: Running;
  beforeAll(async () => {
    env = await testEnv();
    k = await startKnowledge({ sql: env.sql, bus: env.bus, dataDir: env.dataDir });
    await k.client.upsertDocument(req({ id: 'en', content: EN }));
    await k.client.upsertDocument(req({ id: 'pl', content: PL }));
    await k.client.upsertDocument(req({ id: 'ko', content: KO }));
  });
  afterAll(async () => {
    await k.stop();
    await env.close();
  });
  const ask = (question: string, locale: string) =>
    k.client.answer({ tenantId: 'fjord', question, locale, filters: undefined });

  test('damage words the policy does not use (cracked, chipped, stłuczony, 깨져서) find its breakage rule', async () => {
    for (const [q, locale, fact] of [
      ['My vase arrived cracked, what should I do?', 'en', 'within 3 days'],
      ['The glass came chipped. What now?', 'en', 'within 3 days'],
      ['Kubek przyszedł stłuczony, co mam zrobić?', 'pl', '24 godzin'],
      ['컵이 깨져서 왔어요. 어떻게 하나요?', 'ko', '24시간'],
    ]) {
      const a = await ask(q!, locale!);
      expect({ q, found: a.found, fact: a.answer.includes(fact!) }).toEqual({ q, found: true, fact: true });
    }
  });

  test('an FAQ answer under a bold line is found through the line ("extra" for a voucher → its bonus)', async () => {
    const a = await ask('Do I get anything extra for taking a gift voucher?', 'en');
    expect(a).toMatchObject({ found: true });
    expect(a.answer).toContain('15% bonus');
    // The bold line is a heading, not an answer.
    expect(a.answer).not.toContain('**');
  });

  test('a bare "Yes." / "Tak." / "네." opening an FAQ answer is not part of the answer', async () => {
    for (const [q, locale, fact, reply] of [
      ['How many days do I have to send a bowl back?', 'en', '30 days', /^Yes\b/],
      ['Ile mam dni na zwrot towaru?', 'pl', '21 dni', /^Tak\b/],
      ['반품은 며칠 안에 해야 하나요?', 'ko', '7일', /^네\b/],
    ] as const) {
      const a = await ask(q, locale);
      expect({ q, found: a.found, fact: a.answer.includes(fact), reply: reply.test(a.answer) }).toEqual({
        q,
        found: true,
        fact: true,
        reply: false,
      });
    }
  });

  test('Polish "oddać" / "odstąpienie" are returns; "kto płaci za odesłanie" is answered by who bears the cost', async () => {
    const give = await ask('Ile mam czasu na oddanie koszuli?', 'pl');
    expect(give).toMatchObject({ found: true });
    expect(give.answer).toContain('21 dni');
    const who = await ask('Kto płaci za odesłanie paczki?', 'pl');
    expect(who).toMatchObject({ found: true });
    expect(who.answer).toContain('ponosi klient');
  });

  test('a question narrowed to shipping abroad is not answered by the domestic rules', async () => {
    for (const [q, locale] of [
      ['해외 배송도 하나요?', 'ko'],
      ['Do you ship overseas?', 'en'],
      ['Czy wysyłacie paczki za granicę?', 'pl'],
    ]) {
      const a = await ask(q!, locale!);
      expect({ q, found: a.found, answer: a.answer }).toEqual({ q, found: false, answer: '' });
    }
    // A document about orders abroad answers them, even where its sentences do not repeat it.
    await k.client.upsertDocument(
      req({
        tenantId: 'fjord-abroad',
        id: 'intl',
        content:
          '# International orders\n\n## Costs\n\nReturn postage is paid by the customer.\n\n## Times\n\nParcels arrive in 6 to 10 business days.',
      }),
    );
    const abroad = await k.client.answer({
      tenantId: 'fjord-abroad',
      question: 'Who pays return postage for orders shipped abroad?',
      locale: 'en',
      filters: undefined,
    });
    expect(abroad).toMatchObject({ found: true });
    expect(abroad.answer).toContain('paid by the customer');
    // The same questions without the qualifier are answered.
    for (const [q, locale] of [
      ['배송은 얼마나 걸리나요?', 'ko'],
      ['How long does delivery take?', 'en'],
      ['Ile trwa wysyłka?', 'pl'],
    ]) {
      expect({ q, found: (await ask(q!, locale!)).found }).toEqual({ q, found: true });
    }
  });
});
