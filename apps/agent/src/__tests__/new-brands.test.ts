/**
 * What two brands onboarded after the rest showed (a Korean furniture shop, a Polish bike-parts
 * shop; QA): a warranty claim is no dispute, a question about customer service asks for no one,
 * Polish without diacritics is still Polish, a request that also asks a question gets the answer
 * first, a fault told while signing in is the return's reason, a refused line's rule is found by
 * what the product is, and a channel runs only skills that exist. ko, pl and en, in words of our own.
 */
import { DomainError } from '@boomerang/kit/errors';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { partsText } from '../domain/conversation';
import type { InboundTurn } from '../engine';
import {
  AS_OF,
  orderCardOf as card,
  type Harness,
  inboundTurn,
  postbacksOf as options,
  citedSections as sections,
  startHarness,
} from './harness';
import { answerFromRules, type MemoryWorld, memoryWorld, order, type ScriptedRule } from './memory-ports';

/** Rules these brands' documents state, found by the words a shopper (or the agent) would use. */
const RULES: ScriptedRule[] = [
  {
    re: /reklamac|warranty|guarantee|a\/s|에이에스|불량\s*접수/iu,
    text: 'Faulty goods can be claimed under warranty for 2 years from delivery.',
    section: 'Warranty claims',
  },
  {
    re: /godzin|czynn|what time|hours|close|open|몇\s*시|토요일|운영/iu,
    text: 'Our support team answers Monday to Friday, 9:00-17:00.',
    section: 'Contact',
  },
  {
    re: /수거|pickup|pick up|kurier|odbi[oó]r/iu,
    text: 'Large items are collected by a courier; the collection fee is 25,000 KRW.',
    section: 'Collection',
  },
  {
    re: /배송비|shipping|wysyłk/iu,
    text: 'We pay the return shipping for faulty items.',
    section: 'Return shipping',
  },
  {
    re: /money back|a refund for|odzyska\S* pieni/iu,
    text: 'Refunds go back to the original payment method.',
    section: 'Refunds',
  },
  {
    re: /na wymiar|na zamówienie|made to order|맞춤\s*제작/iu,
    text: 'Furniture made to order cannot be returned.',
    section: 'Made to order',
  },
];

function world(): MemoryWorld {
  const w = memoryWorld({
    customers: {
      ola: {
        email: 'ola@example.pl',
        orders: [
          order('o-3001', '#3001', 'ola', 4, AS_OF, [
            { id: 'r1', title: 'Regał dębowy na wymiar', tags: ['excluded'] },
            { id: 'r2', title: 'Oak shelf', tags: ['excluded', 'made-to-order'] },
            { id: 'r3', title: '맞춤 제작 수납장', tags: ['excluded'] },
            { id: 'r4', title: 'Lampka biurkowa' },
          ]),
        ],
      },
    },
  });
  answerFromRules(w, RULES);
  return w;
}

describe('brands nobody had seen (in-memory ports)', () => {
  const w = world();
  let h: Harness;
  let tenant = 't';
  beforeAll(async () => {
    h = await startHarness({ ports: w.ports, tenantOf: () => tenant });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    tenant = uniqueName('brand');
    w.handoffs.length = 0;
    w.documentLanguages = [];
    w.statedWindows = undefined;
  });
  const say = (c: string, text: string, extra: Partial<InboundTurn> = {}) =>
    h.agent.engine.handle(inboundTurn(c, text, { tenantId: tenant, ...extra }));

  it('a warranty claim or a complaint about a faulty item is answered, never an urgent dispute (pl, en, ko)', async () => {
    // Questions about the claim: the documents' rule, cited.
    for (const [c, q] of [
      ['wr-pl-q', 'Do kiedy mogę zgłosić reklamację roweru?'],
      ['wr-en-q', 'Until when can I still make a warranty claim on a desk?'],
      ['wr-ko-q', '에이에스 신청은 언제까지 가능한가요?'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, state: r.state, sections: sections(r.parts) }).toEqual({
        q,
        intent: 'policy_question',
        state: 'idle',
        sections: ['Warranty claims'],
      });
    }
    // Making one: sorry, the rule, and the ways forward (return, exchange, a person) — no ticket.
    for (const [c, q] of [
      ['wr-pl-do', 'Chcę złożyć reklamację, siodełko się rozkleiło'],
      ['wr-en-do', 'I need to make a warranty claim for my office chair'],
      ['wr-ko-do', '컴플레인 접수하려고요, 서랍 손잡이가 떨어졌어요'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, state: r.state, options: options(r.parts) }).toEqual({
        q,
        state: 'idle',
        options: ['intent:start_return', 'intent:start_exchange', 'intent:human'],
      });
    }
    expect(w.handoffs).toEqual([]);
    // Taking it further is still a dispute for a person.
    const threat = await say('wr-pl-uokik', 'Reklamację odrzucono, zgłoszę sprawę do UOKiK');
    expect([threat.intent, threat.state]).toEqual(['dispute', 'handed_off']);
  });

  it('a question about customer service gets its hours from the documents; asking to be put through gets a person (ko, en, pl)', async () => {
    for (const [c, q] of [
      ['cs-ko', '고객센터는 토요일에도 운영하나요?'],
      ['cs-en', 'What time does your support team close on Fridays?'],
      ['cs-pl', 'Do której godziny czynne jest biuro obsługi klienta?'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, state: r.state, sections: sections(r.parts) }).toEqual({
        q,
        intent: 'policy_question',
        state: 'idle',
        sections: ['Contact'],
      });
      // A person stays one tap away.
      expect(options(r.parts)).toEqual(['intent:human']);
    }
    expect(w.handoffs).toEqual([]);
    for (const [c, q] of [
      ['cs-ko-go', '고객센터 상담원 연결해 주세요'],
      ['cs-en-go', 'Please put me through to customer service'],
      ['cs-pl-go', 'Chcę porozmawiać z kimś z obsługi klienta'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, state: r.state }).toEqual({ q, intent: 'human', state: 'handed_off' });
    }
  });

  it("a message without a language of its own gets the brand's language, then the conversation's (pl, ko, en)", async () => {
    // A Polish shop, Polish typed without diacritics and with no telltale word.
    w.documentLanguages = ['pl', 'pl'];
    const pl = await say('lang-pl', 'Odbior kurierem darmowy?');
    expect(pl.language).toBe('pl');
    // (The documents' English sentence is quoted as written, introduced in Polish.)
    expect(partsText(pl.parts)).toContain('po angielsku');
    // A Korean shop with an English translation of its policy: an order number alone is Korean.
    tenant = uniqueName('brand');
    w.documentLanguages = ['ko', 'en'];
    const ko = await say('lang-ko', '#4521');
    expect(ko.language).toBe('ko');
    // Once the shopper wrote English, English it stays for a message that says nothing either way.
    const en = await say('lang-ko', 'I would like to return something');
    expect(en.language).toBe('en');
    const again = await say('lang-ko', '4521');
    expect(again.language).toBe('en');
    // Polish function words are Polish in an English shop too.
    tenant = uniqueName('brand');
    w.documentLanguages = ['en'];
    const who = await say('lang-en', 'kto zaplaci za kuriera?');
    expect(who.language).toBe('pl');
  });

  it('a request that also asks a question: the cited answer first, then the request goes on (ko, en, pl)', async () => {
    for (const [c, q] of [
      ['rq-ko', '식탁 반품하려는데 방문 수거비는 얼마인가요?'],
      ['rq-en', 'I want to send back the wardrobe, is pickup included?'],
      ['rq-pl', 'Chcę oddać kask, czy kurier odbiera za darmo?'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, state: r.state, sections: sections(r.parts) }).toEqual({
        q,
        intent: 'start_return',
        state: 'awaiting_email',
        sections: ['Collection'],
      });
      // The answer comes before the sign-in prompt.
      const text = partsText(r.parts);
      expect(text.indexOf('collection fee')).toBeLessThan(text.search(/e-?mail|이메일/));
    }
    // "Can I get my money back …?" asked as a request: answered, then the sign-in.
    const money = await say('rq-en-money', 'Can I get my money back for a lamp that flickers?');
    expect([money.state, sections(money.parts)]).toEqual(['awaiting_email', ['Refunds']]);
    // Read as a return or an exchange: the question is answered before asking which.
    const which = await say('rq-en-which', 'Can I get a refund for a doormat that is the wrong size?');
    expect(sections(which.parts)).toEqual(['Refunds']);
    expect(options(which.parts)).toEqual(['intent:start_return', 'intent:start_exchange']);
    // "…, mogę odzyskać pieniądze?": a question about getting a refund, not where one stands.
    const back = await say('rq-pl-back', 'Bluza jest za ciasna, mogę odzyskać pieniądze?');
    expect(back.intent).not.toBe('return_status');
    expect(sections(back.parts)).toEqual(['Refunds']);
    expect(options(back.parts)).toContain('intent:start_return');
  });

  it('a fault told while the agent waits for the e-mail is kept as the reason and acknowledged (en, ko, pl)', async () => {
    // Changed their mind first, then the fault: the fault is the reason that counts.
    let r = await say('flt-en', "I'd like to return a desk lamp, I don't need it anymore");
    expect(r.state).toBe('awaiting_email');
    r = await say('flt-en', 'oh and the shade arrived dented');
    expect(r.state).toBe('awaiting_email');
    expect(partsText(r.parts)).toContain("I've noted it as the reason");
    await say('flt-en', 'ola@example.pl');
    r = await say('flt-en', w.codes.get('ola@example.pl')!);
    // The lamp named in the two messages opens its order; the outcome carries the fault.
    expect(card(r.parts)?.orderName).toBe('#3001');
    await waitFor(() => h.outcomes.find((o) => o.conversationId === 'flt-en' && o.tenantId === tenant));
    expect(h.outcomes.find((o) => o.conversationId === 'flt-en' && o.tenantId === tenant)).toMatchObject({
      returnReason: 'damaged',
    });

    // A fault told as a question: acknowledged, answered from the documents, then how to carry on.
    await say('flt-ko', '반품할게요');
    r = await say('flt-ko', '상판이 긁혀서 왔는데 배송비도 제가 내야 하나요?');
    expect(r.state).toBe('awaiting_email');
    const ko = partsText(r.parts);
    expect(ko).toContain('신청 사유로 기록');
    expect(sections(r.parts)).toEqual(['Return shipping']);
    expect(ko).toContain('이메일 주소를 보내주세요');

    await say('flt-pl', 'Chcę zwrócić kierownicę');
    r = await say('flt-pl', 'Aha, jest też wygięta');
    expect(r.state).toBe('awaiting_email');
    expect(partsText(r.parts)).toContain('Zapisałem to jako powód zgłoszenia');
  });

  it("a refused line's rule is found by what the product is: its title, type or tags (pl, en, ko)", async () => {
    for (const [c, start, lang] of [
      ['ref-pl', 'Chcę zwrócić regał', 'pl'],
      ['ref-en', 'I want to return the oak shelf', 'en'],
      ['ref-ko', '수납장 반품하고 싶어요', 'ko'],
    ] as const) {
      await say(c, start);
      await say(c, 'ola@example.pl');
      const r = await say(c, w.codes.get('ola@example.pl')!);
      const lines = card(r.parts)?.lines ?? [];
      expect({ lang, refused: lines.filter((l) => !l.eligible).length }).toEqual({ lang, refused: 3 });
      expect({ lang, sections: sections(r.parts) }).toEqual({ lang, sections: ['Made to order'] });
    }
  });

  it('a channel takes only skills that exist: an unknown name is named, with the valid ones (ko, pl, en)', async () => {
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_KAKAO);
    for (const [channel, intro, skill] of [
      [Channel.CHANNEL_KAKAO, '안녕하세요! 반품·교환을 도와드려요.', '반품'],
      [Channel.CHANNEL_WEBCHAT, 'Cześć! Pomożemy ze zwrotem.', 'zwroty'],
      [Channel.CHANNEL_WHATSAPP, 'Hi! We help with returns.', 'returns'],
    ] as const) {
      const refused = await h.agent.settings
        .updateChannel(tenant, channel, { enabled: false, introMessage: intro, skills: [skill] })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(refused).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'skills' });
      expect((refused as Error).message).toContain(`"${skill}"`);
      expect((refused as Error).message).toContain('returns_exchanges');
    }
    const ok = await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_KAKAO, {
      enabled: true,
      introMessage: '안녕하세요! 반품·교환을 도와드려요.',
      skills: ['returns_exchanges'],
    });
    expect(ok.enabled).toBe(true);
    w.tests.ok = false;
  });
});

describe('the launch checklist compares only the time the shopper has to return within', () => {
  it('refund and complaint-handling times are not return windows; a real mismatch still warns (pl, en, ko)', async () => {
    const w = memoryWorld({ customers: {}, windowDays: 21 });
    const h = await startHarness({ ports: w.ports });
    try {
      w.statedWindows = [
        { days: 21, quote: 'Nieużywane części możesz odesłać w ciągu 21 dni od doręczenia.' },
        {
          days: 5,
          quote: 'Zwrot środków zlecamy w ciągu 5 dni roboczych od odbioru paczki.',
          businessDays: true,
        },
        { days: 10, quote: 'Reklamację rozpatrzymy w ciągu 10 dni.' },
        { days: 7, quote: 'We will process your refund within 7 days of receiving the return.' },
        { days: 3, quote: '반품 상품 확인 후 3영업일 이내에 환불 처리됩니다.' },
        { days: 10, quote: 'Refunds are issued within 10 working days.' },
      ];
      expect((await h.agent.settings.skillStatus('t1')).warnings).toEqual([]);
      // A shopper's window that differs is still a mismatch, in any language.
      for (const quote of [
        '상품 수령 후 30일 이내에 반품 신청이 가능합니다.',
        'You can send items back within 30 days of delivery.',
      ]) {
        w.statedWindows = [{ days: 30, quote }];
        const warnings = (await h.agent.settings.skillStatus('t1')).warnings;
        expect(warnings).toEqual([expect.stringContaining('return_window_mismatch')]);
        expect(warnings[0]).toContain('30');
      }
      // A period for faulty goods is a complaint right, not the return window (ko, en, pl).
      w.statedWindows = [
        { days: 30, quote: '불량 상품은 수령 후 30일 이내에 교환 또는 반품하실 수 있습니다.' },
        { days: 60, quote: 'Defective items can be returned within 60 days of delivery.' },
        { days: 14, quote: 'Uszkodzony towar możesz odesłać w ciągu 14 dni od odbioru.' },
      ];
      expect((await h.agent.settings.skillStatus('t1')).warnings).toEqual([]);
      // A product kind's own window that the policy sets too (an override) agrees with it.
      w.statedWindows = [{ days: 15, quote: 'Electronics can be returned within 15 days of delivery.' }];
      expect((await h.agent.settings.skillStatus('t1')).warnings).toEqual([
        expect.stringContaining('return_window_mismatch'),
      ]);
      w.otherPolicyWindows = [15, 45];
      expect((await h.agent.settings.skillStatus('t1')).warnings).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('an exchange window never hides a return window that disagrees (QA 8)', () => {
  it('documents promising 30 days to return warn against a 21-day return window, a 30-day exchange window or not (pl, ko, en)', async () => {
    const w = memoryWorld({ customers: {}, windowDays: 21 });
    w.exchangeWindows = [30];
    const h = await startHarness({ ports: w.ports });
    try {
      for (const quote of [
        'Większość produktów możesz zwrócić w ciągu 30 dni od dostawy, bez podania przyczyny.',
        '대부분의 상품은 수령 후 30일 이내에 반품하실 수 있습니다.',
        'Most items: 30 days from delivery to return, no reason needed.',
      ]) {
        w.statedWindows = [{ days: 30, quote }];
        const warnings = (await h.agent.settings.skillStatus('t1')).warnings;
        expect(warnings).toEqual([expect.stringContaining('return_window_mismatch')]);
        expect(warnings[0]).toContain('30 days');
        expect(warnings[0]).toContain('21');
      }
      // A sentence about exchanges alone is the exchange window's: no warning.
      for (const quote of [
        'Wymiana na inny kolor jest możliwa w ciągu 30 dni od dostawy.',
        '다른 색상으로의 교환은 수령 후 30일 이내에 가능합니다.',
        'You can exchange an item for another colour within 30 days of delivery.',
      ]) {
        w.statedWindows = [{ days: 30, quote }];
        expect((await h.agent.settings.skillStatus('t1')).warnings).toEqual([]);
      }
    } finally {
      await h.close();
    }
  });
});
