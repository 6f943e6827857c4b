/**
 * What shoppers do that the happy path does not: ask a question while the agent waits for the email
 * or the code, answer a numbered menu with "2", mistype, change their mind, threaten a regulator,
 * send only an emoji, hit the hourly code limit, ask for the refund of several returns at once.
 * Each case was found on the running stack; ko, pl and en.
 */
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { partsText } from '../domain/conversation';
import { AS_OF, agentPerTest, orderCardOf as card, postbacksOf as options } from './harness';
import { type MemoryWorld, memoryWorld, order } from './memory-ports';

function world(): MemoryWorld {
  return memoryWorld({
    customers: {
      jan: {
        email: 'jan@example.pl',
        orders: [
          order('o-1001', '#1001', 'jan', 5, AS_OF, [{ id: 'l1', title: 'Kurtka zimowa' }]),
          order('o-1002', '#1002', 'jan', 20, AS_OF, [{ id: 'l2', title: 'Buty trekkingowe' }]),
          order('o-1003', '#1003', 'jan', 3, AS_OF, [{ id: 'l3', title: 'Linen shirt' }]),
        ],
      },
      minji: {
        email: 'minji@example.kr',
        orders: [order('o-2001', '#2001', 'minji', 2, AS_OF, [{ id: 'k1', title: '울 코트' }])],
      },
    },
  });
}

describe('conversations off the happy path (in-memory ports)', () => {
  const w = world();
  const say = agentPerTest(w, () => {
    w.returns.clear();
    w.codeWait = undefined;
  });

  it('answers a question asked while waiting for the email or the code, then says how to carry on (en, pl, ko)', async () => {
    for (const [c, start, question, answer, resume] of [
      [
        'q-en-store',
        'I want to return my order',
        'Do you have a store in Boston?',
        "I couldn't find that in our policy documents",
        'send the email address you used',
      ],
      [
        'q-en-worn',
        'I want to return my order',
        'Can I return an item I wore once?',
        'Items must be unworn',
        'send the email address you used',
      ],
      [
        'q-pl',
        'Chcę zwrócić zamówienie',
        'Jak długo trwa zwrot pieniędzy?',
        'within 5 business days',
        'Aby kontynuować, podaj adres e-mail',
      ],
      [
        'q-pl-ascii',
        'Chcę zwrócić zamówienie',
        'jak dlugo trwa zwrot pieniedzy',
        'within 5 business days',
        'Aby kontynuować, podaj adres e-mail',
      ],
      [
        'q-ko',
        '반품하고 싶어요',
        '보스턴에 매장이 있나요?',
        '정책 문서에서 해당 내용을 찾을 수 없어서',
        '계속 진행하시려면 주문하실 때 사용한 이메일 주소를 보내주세요',
      ],
    ] as const) {
      expect((await say(c, start)).state).toBe('awaiting_email');
      const r = await say(c, question);
      const text = partsText(r.parts);
      expect({
        question,
        state: r.state,
        answer: text.includes(answer),
        resume: text.includes(resume),
      }).toEqual({ question, state: 'awaiting_email', answer: true, resume: true });
    }
    // At the code step: the answer, then "type the code"; the code still signs in.
    for (const [c, start, email, question, resume] of [
      [
        'qc-en',
        'I want to return my order',
        'jan@example.pl',
        'How long does a refund take?',
        'type the 6-digit code',
      ],
      [
        'qc-pl',
        'Chcę zwrócić zamówienie',
        'jan@example.pl',
        'Jak długo trwa zwrot pieniędzy?',
        'wpisz 6-cyfrowy kod',
      ],
      [
        'qc-ko',
        '반품하고 싶어요',
        'minji@example.kr',
        '환불은 며칠 걸려요?',
        '6자리 인증 코드를 입력해 주세요',
      ],
    ] as const) {
      await say(c, start);
      await say(c, email);
      const r = await say(c, question);
      expect({ question, state: r.state, text: partsText(r.parts) }).toEqual({
        question,
        state: 'awaiting_code',
        text: expect.stringMatching(new RegExp(`5 business days[^]*${resume}`)),
      });
      expect((await say(c, w.codes.get(email)!)).state).not.toBe('awaiting_code');
    }
  });

  it('a bare number after a numbered menu picks that option, for one turn only (SMS: en, pl, ko)', async () => {
    const sms = { channel: Channel.CHANNEL_SMS };
    for (const [c, unclear, pick, intent, state] of [
      ['n-en', 'blue hoodie medium', '2', 'start_return', 'awaiting_email'],
      ['n-pl', 'niebieska bluza', 'nr 4', 'return_status', 'awaiting_email'],
      ['n-ko', '파란 후드티', '3번', 'start_exchange', 'awaiting_email'],
      ['n-en2', 'blue hoodie medium', '5.', 'human', 'handed_off'],
    ] as const) {
      const menu = await say(c, unclear, sms);
      expect(options(menu.parts)).toHaveLength(5);
      const r = await say(c, pick, sms);
      expect({ pick, intent: r.intent, state: r.state }).toEqual({ pick, intent, state });
    }
    // Only the menu just offered: after a reply without one, "2" is not a pick.
    await say('n-once', 'blue hoodie medium', sms);
    await say('n-once', 'hello', sms);
    expect((await say('n-once', '2', sms)).state).toBe('idle');
    // A number the menu does not have is not a pick either.
    await say('n-range', 'blue hoodie medium', sms);
    expect((await say('n-range', '7', sms)).state).toBe('idle');

    // After the list of orders: "2" is the second order listed.
    await say('n-orders', 'I want to return something', sms);
    await say('n-orders', 'jan@example.pl', sms);
    const list = await say('n-orders', w.codes.get('jan@example.pl')!, sms);
    expect(options(list.parts)).toEqual(['order:o-1001', 'order:o-1002', 'order:o-1003']);
    const second = await say('n-orders', '2', sms);
    expect(partsText(second.parts)).toContain('order #1002');
  });

  it('reads mistyped intent words (en, pl, ko)', async () => {
    for (const [c, text] of [
      ['t-en', 'i wnat to retrun my jakcet'],
      ['t-pl', 'chcę zwórcić kurtkę'],
      ['t-ko', '반퓸하고 싶어요'],
    ] as const) {
      const r = await say(c, text);
      expect({ text, intent: r.intent, state: r.state }).toEqual({
        text,
        intent: 'start_return',
        state: 'awaiting_email',
      });
    }
  });

  it('a cancel or a change of course behind a filler word; a code typed in two halves (ko, en, pl)', async () => {
    for (const [c, start, cancel, stopped] of [
      ['x-ko', '반품하고 싶어요', '아니다 취소할게요', '진행을 멈췄어요'],
      ['x-en', 'I want to return my order', 'actually never mind', "No problem, I've stopped there."],
      ['x-pl', 'Chcę zwrócić zamówienie', 'a jednak anuluj', 'Jasne, przerywam.'],
    ] as const) {
      await say(c, start);
      const r = await say(c, cancel);
      expect({ cancel, state: r.state, stopped: partsText(r.parts).includes(stopped) }).toEqual({
        cancel,
        state: 'idle',
        stopped: true,
      });
    }
    // Outside a flow there is nothing to stop: "anything else?", not the menu.
    const idle = await say('x-idle', '아니다 취소할게요');
    expect(partsText(idle.parts)).toBe('알겠습니다. 더 도와드릴 일이 있을까요?');
    // …but a request the skill has no flow for is not a "never mind".
    const order = await say('x-idle-en', 'cancel my order');
    expect(partsText(order.parts)).not.toContain('Okay. Is there anything else');

    // Switching from an exchange to a return at the code step: the code is still what is asked for,
    // and after sign-in it is a return (Start return first).
    for (const [c, start, email, change, code, firstButton] of [
      [
        's-ko',
        '교환하고 싶어요',
        'minji@example.kr',
        '아 교환 말고 그냥 환불 받을래요',
        (x: string) => `${x.slice(0, 3)} ${x.slice(3)}`,
        '반품 시작',
      ],
      [
        's-en',
        'I want to exchange my coat',
        'minji@example.kr',
        'actually I want a refund instead of an exchange',
        (x: string) => `${x.slice(0, 3)}-${x.slice(3)}`,
        'Start return',
      ],
      [
        's-pl',
        'Chcę wymienić płaszcz',
        'minji@example.kr',
        'a jednak chcę zwrot pieniędzy zamiast wymiany',
        (x: string) => `${x.slice(0, 3)} ${x.slice(3)}`,
        'Rozpocznij zwrot',
      ],
    ] as const) {
      await say(c, start);
      await say(c, email);
      const r = await say(c, change);
      expect({ change, intent: r.intent, state: r.state }).toEqual({
        change,
        intent: 'start_return',
        state: 'awaiting_code',
      });
      expect(partsText(r.parts)).not.toMatch(/email|e-mail|이메일/);
      const signedIn = await say(c, code(w.codes.get(email)!));
      // The coat named ("my coat", "płaszcz" ~ "울 코트") opens its order; nothing named, the list.
      let opened = signedIn;
      if (c === 's-ko') {
        expect(signedIn.state).toBe('awaiting_order_choice');
        opened = await say(c, '', { postback: 'order:o-2001' });
      }
      expect({
        c,
        order: card(opened.parts)?.orderName,
        first: card(opened.parts)?.buttons[0]?.label,
      }).toEqual({
        c,
        order: '#2001',
        first: firstButton,
      });
    }
  });

  it('a threat to go to a regulator, a lawyer or the bank is a dispute for a person (ko, en, pl)', async () => {
    for (const [c, text] of [
      ['d-ko', '소비자원에 신고할 거예요'],
      ['d-ko2', '변호사랑 상의해서 법적 조치 하겠습니다'],
      ['d-en', "I'm going to report you to the consumer protection agency"],
      ['d-en2', "I'll ask my bank for a chargeback"],
      ['d-pl', 'Zgłoszę sprawę do rzecznika praw konsumentów'],
      ['d-pl2', 'Sprawa trafi do UOKiK i do prawnika'],
    ] as const) {
      const r = await say(c, text);
      expect({ text, state: r.state, reason: w.handoffs.at(-1)?.reason }).toEqual({
        text,
        state: 'handed_off',
        reason: 'dispute',
      });
    }
  });

  it('emoji and a lone "?" are thanks, a greeting or a prompt, never a step towards a handoff (en, ko, pl)', async () => {
    for (const [c, first, thanks, greeting, clarify] of [
      ['e-en', 'hello', "You're welcome!", 'I can answer questions', 'What would you like to do?'],
      ['e-ko', '안녕하세요', '천만에요!', '반품·교환 문의 답변', '어떤 걸 원하시나요?'],
      ['e-pl', 'Dzień dobry', 'Nie ma za co!', 'Mogę odpowiedzieć na pytania', 'W czym mogę pomóc?'],
    ] as const) {
      await say(c, first);
      for (const [msg, expected] of [
        ['😀', greeting],
        ['👍👍', thanks],
        ['?', clarify],
        ['🙏', thanks],
        ['❤️', thanks],
        ['👋', greeting],
        ['?', clarify],
        ['👌', thanks],
        ['?', clarify],
      ] as const) {
        const r = await say(c, msg);
        expect({ c, msg, state: r.state, text: partsText(r.parts).includes(expected) }).toEqual({
          c,
          msg,
          state: 'idle',
          text: true,
        });
      }
    }
    expect(w.handoffs).toHaveLength(0);
    // A thumbs-up to "…connect you with a person?" takes the offer.
    await say('e-yes', 'Do you offer gift wrapping for presents?');
    expect((await say('e-yes', '👍')).state).toBe('handed_off');
  });

  it('the hourly sign-in code limit offers a person and says it is the hourly limit (en, pl, ko)', async () => {
    w.codeWait = 43 * 60;
    for (const [c, start, email, text, person] of [
      [
        'l-en',
        'I want to return my order',
        'jan@example.pl',
        'send your email address again in 43 minutes',
        'intent:human',
      ],
      [
        'l-pl',
        'Chcę zwrócić zamówienie',
        'jan@example.pl',
        'Podaj adres e-mail ponownie za 43 min',
        'intent:human',
      ],
      [
        'l-ko',
        '반품하고 싶어요',
        'minji@example.kr',
        '43분 후에 이메일 주소를 다시 보내주시거나',
        'intent:human',
      ],
    ] as const) {
      await say(c, start);
      const r = await say(c, email);
      expect({ c, text: partsText(r.parts), options: options(r.parts) }).toEqual({
        c,
        text: expect.stringMatching(new RegExp(`(hourly|godzinny|한 시간)[^]*${text}`)),
        options: [person],
      });
    }
    // A short wait (the resend interval) stays as it was: no person, just when to ask again.
    w.codeWait = 45;
    await say('l-short', 'I want to return my order');
    const short = await say('l-short', 'jan@example.pl');
    expect([partsText(short.parts), options(short.parts)]).toEqual([
      expect.stringContaining('send your email address again in 45 seconds'),
      [],
    ]);
  });

  it('refund status lists every order with a return; a failed refund gets a person (ko, pl, en)', async () => {
    w.returns.set('o-1001', [{ returnId: 'r1', state: 'received', refundState: 'pending' }]);
    w.returns.set('o-1002', [{ returnId: 'r2', state: 'closed', refundState: 'failed' }]);
    for (const [c, ask, lines, failed, yes] of [
      [
        'r-ko',
        '환불 상태 알려주세요',
        ['주문 #1001 반품: 입고 완료. 환불: 처리 중.', '주문 #1002 반품: 완료. 환불: 실패.'],
        '주문 #1002의 환불이 처리되지 못했어요',
        '네',
      ],
      [
        'r-pl',
        'Jaki jest status moich zwrotów?',
        [
          'Zwrot z zamówienia #1001: otrzymany. Zwrot pieniędzy: w toku.',
          'Zwrot z zamówienia #1002: zakończony. Zwrot pieniędzy: nieudany.',
        ],
        'Zwrot pieniędzy za zamówienie #1002 nie powiódł się',
        'tak',
      ],
      [
        'r-en',
        'Where is my refund?',
        [
          'Return for order #1001: received. Refund: pending.',
          'Return for order #1002: completed. Refund: failed.',
        ],
        "The refund for order #1002 didn't go through",
        'yes',
      ],
    ] as const) {
      await say(c, ask);
      await say(c, 'jan@example.pl');
      const r = await say(c, w.codes.get('jan@example.pl')!);
      const text = partsText(r.parts);
      expect({
        c,
        state: r.state,
        lines: lines.map((l) => text.includes(l)),
        failed: text.includes(failed),
      }).toEqual({
        c,
        state: 'idle',
        lines: [true, true],
        failed: true,
      });
      expect(options(r.parts)).toEqual(['intent:human']);
      expect(text).not.toContain('#1003');
      // The next step is a person: a bare yes takes it.
      expect((await say(c, yes)).state).toBe('handed_off');
    }
  });
});
