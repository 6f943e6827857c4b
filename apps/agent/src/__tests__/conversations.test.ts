import { TOPICS } from '@boomerang/kit/bus';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import { Channel, type ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import { Outcome } from '@boomerang/proto/boomerang/events/v1/outcomes';
import { TicketEvent } from '@boomerang/proto/boomerang/events/v1/tickets';
import { partsText } from '../domain/conversation';
import { beforeActivation, type InboundTurn } from '../engine';
import {
  AS_OF,
  orderCardOf as card,
  type Harness,
  postbacksOf,
  startHarness,
  inboundTurn as turn,
} from './harness';
import { type MemoryWorld, memoryWorld, order } from './memory-ports';

function world(): MemoryWorld {
  return memoryWorld({
    customers: {
      jan: {
        email: 'jan@example.pl',
        orders: [
          order('o-1001', '#1001', 'jan', 5, AS_OF, [{ id: 'l1', title: 'Kurtka zimowa' }]),
          order('o-1002', '#1002', 'jan', 60, AS_OF, [{ id: 'l2', title: 'Buty trekkingowe' }]),
          order('o-1003', '#1003', 'jan', 3, AS_OF, [
            { id: 'l3', title: 'Linen shirt' },
            { id: 'l4', title: 'Swim shorts', tags: ['final-sale'] },
          ]),
        ],
      },
      minji: {
        email: 'minji@example.kr',
        orders: [order('o-2001', '#2001', 'minji', 2, AS_OF, [{ id: 'k1', title: '울 코트' }])],
      },
      gift: {
        email: 'gift@example.com',
        orders: [
          order('o-1201', '#1201', 'gift', 60, AS_OF, [
            { id: 'g1', title: 'Gift card', tags: ['gift-card'] },
            { id: 'g2', title: 'Wool beanie' },
          ]),
          undelivered(
            order('o-1202', '#1202', 'gift', 1, AS_OF, [
              { id: 'g3', title: 'Gift card', tags: ['gift-card'] },
              { id: 'g4', title: 'Wool beanie' },
            ]),
          ),
        ],
      },
    },
  });
}

/** The order shipped but not delivered yet. */
function undelivered(o: Order): Order {
  return { ...o, fulfillments: o.fulfillments.map((f) => ({ ...f, deliveredAt: undefined })) };
}

const has = (parts: ReplyPart[], c: string) => parts.some((p) => p.part?.$case === c);

describe('Returns & Exchanges conversations (in-memory ports)', () => {
  const w: MemoryWorld = world();
  let h: Harness;
  let tenant = 't';
  beforeAll(async () => {
    h = await startHarness({ ports: w.ports, tenantOf: () => tenant });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    // Each test is its own brand: channels, settings and conversations never leak between tests.
    tenant = uniqueName('brand');
    w.tests.ok = false;
    w.providers = [{ kind: 'loop', connected: true, detail: '' }];
    w.documents = 2;
    w.handoffs.length = 0;
    w.statusUnsupported = false;
  });
  const say = (c: string, text: string, extra: Partial<InboundTurn> = {}) =>
    h.agent.engine.handle(turn(c, text, { tenantId: tenant, ...extra }));
  /** The world's own order object (tests may move its dates and put them back). */
  const orderOf = async (id: string) => {
    const all = Object.values(w.customers).flatMap((c) => c.orders);
    return all.find((x) => x.id === id)!;
  };

  it('answers a policy question with a citation (en) and never invents one (pl)', async () => {
    const r = await say('c-policy', 'How many days do I have to return something?');
    expect(r.intent).toBe('policy_question');
    expect(partsText(r.parts)).toContain('30 days');
    expect(has(r.parts, 'citations')).toBe(true);

    const u = await say('c-unknown', 'Jakie są zasady zwrotu prezentów bez paragonu?');
    expect(u.language).toBe('pl');
    expect(partsText(u.parts)).toContain('Nie znalazłem tego');
    expect(partsText(u.parts)).toContain('Porozmawiaj z konsultantem');
    expect(has(u.parts, 'citations')).toBe(false);
  });

  it('takes a question outside the skill to the documents, not to a menu; a non-question gets the menu (en, pl, ko)', async () => {
    for (const [c, q, notFound] of [
      ['c-wrap', 'Do you offer gift wrapping for presents?', "I couldn't find that in our policy documents"],
      ['c-norway', 'Czy wysyłacie paczki do Norwegii?', 'Nie znalazłem tego w naszych dokumentach'],
      ['c-store', '오프라인 매장은 어디에 있나요?', '정책 문서에서 해당 내용을 찾을 수 없어서'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, text: partsText(r.parts).includes(notFound) }).toEqual({
        q,
        intent: 'policy_question',
        text: true,
      });
      expect(partsText(r.parts)).not.toContain('What would you like to do?');
    }
    // A question the documents do answer is answered, with its citation.
    const sale = await say('c-sale-q', 'Is a final sale hoodie something I could send back?');
    expect(has(sale.parts, 'citations')).toBe(true);
    // Not a question: the menu of what the assistant can do.
    const menu = await say('c-menu', 'blue hoodie medium');
    expect(partsText(menu.parts)).toContain('What would you like to do?');
  });

  it('a "can I return/exchange …?" question gets the cited rule and a button to start (en, pl, ko)', async () => {
    const buttons = (parts: ReplyPart[]) =>
      parts.flatMap((p) =>
        p.part?.$case === 'quickReplies' ? p.part.value.options.map((o) => `${o.label}=${o.postback}`) : [],
      );
    for (const [c, q, button] of [
      ['c-can-en', 'How many days do I have to return my jacket?', 'Start return=intent:start_return'],
      ['c-can-pl', 'Ile mam dni na wymianę kurtki?', 'Rozpocznij wymianę=intent:start_exchange'],
      ['c-can-ko', '코트도 며칠 안에 반품할 수 있나요?', '반품 시작=intent:start_return'],
      ['c-can-pl2', 'Czy mogę zwrócić kurtkę po 20 dniach?', 'Rozpocznij zwrot=intent:start_return'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, cited: has(r.parts, 'citations'), buttons: buttons(r.parts) }).toEqual({
        q,
        intent: 'policy_question',
        cited: true,
        buttons: [button],
      });
      expect(partsText(r.parts)).toContain('30 days');
    }
    // A rule that refuses ("Final sale items cannot be returned"): no Start button contradicting it,
    // a person instead.
    for (const [c, q, person] of [
      ['c-no-en', 'Can I return a sale item?', 'Talk to a person=intent:human'],
      ['c-no-pl', 'Czy mogę wymienić kurtkę z wyprzedaży?', 'Porozmawiaj z konsultantem=intent:human'],
      ['c-no-ko', '세일 상품도 반품할 수 있나요?', '상담원 연결=intent:human'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, text: partsText(r.parts).includes('Final sale'), buttons: buttons(r.parts) }).toEqual({
        q,
        text: true,
        buttons: [person],
      });
    }
    // The button starts the flow: sign-in first, then straight to the order the question named.
    const start = await say('c-can-en', '', { postback: 'intent:start_return' });
    expect([start.intent, start.state]).toEqual(['start_return', 'awaiting_email']);
    const hat = await say('c-can-hat', 'How many days do I have to return the swim shorts?');
    expect(buttons(hat.parts)).toEqual(['Start return=intent:start_return']);
    await say('c-can-hat', '', { postback: 'intent:start_return' });
    await say('c-can-hat', 'jan@example.pl');
    const shorts = await say('c-can-hat', w.codes.get('jan@example.pl')!);
    expect(card(shorts.parts)?.orderName).toBe('#1003');
    // One the documents can't answer: "not in our documents", and the two ways forward (never a guess).
    const unknown = await say('c-can-unknown', 'Can I return a personalised mug?');
    expect(has(unknown.parts, 'citations')).toBe(false);
    expect(partsText(unknown.parts)).toContain("I couldn't find that in our policy documents");
    expect(buttons(unknown.parts)).toEqual([
      'Start return=intent:start_return',
      'Talk to a person=intent:human',
    ]);
    // However clearly it is put as a question, both ways forward stay open (not a person only).
    for (const [c, q, start, person] of [
      ['c-unk-en', 'Is it possible to return an engraved mug?', 'Start return', 'Talk to a person'],
      ['c-unk-pl', 'Czy można zwrócić kubek z grawerem?', 'Rozpocznij zwrot', 'Porozmawiaj z konsultantem'],
      ['c-unk-ko', '각인한 머그컵도 반품할 수 있나요?', '반품 시작', '상담원 연결'],
    ] as const) {
      const r = await say(c, q);
      expect({
        q,
        cited: has(r.parts, 'citations'),
        buttons: buttons(r.parts).map((b) => b.split('=')[0]),
      }).toEqual({
        q,
        cited: false,
        buttons: [start, person],
      });
    }
  });

  it('runs a full return with sign-in by code (ko), publishes the reply and the outcome', async () => {
    const c = 'c-ko';
    let r = await say(c, '반품하고 싶어요');
    expect([r.language, r.intent, r.state]).toEqual(['ko', 'start_return', 'awaiting_email']);
    expect(partsText(r.parts)).toContain('이메일');
    r = await say(c, 'minji@example.kr 입니다');
    expect(r.state).toBe('awaiting_code');
    r = await say(c, '000000');
    expect(r.state).toBe('awaiting_code');
    expect(partsText(r.parts)).toContain('인증 코드가 맞지 않아요');
    r = await say(c, w.codes.get('minji@example.kr')!);
    expect(r.state).toBe('awaiting_order_choice');
    expect(partsText(r.parts)).toContain('#2001');
    r = await say(c, '', { postback: 'order:o-2001' });
    expect(r.state).toBe('link_offered');
    const cardPart = card(r.parts)!;
    expect(cardPart.lines[0]).toMatchObject({
      title: '울 코트',
      eligible: true,
      note: '2025년 4월 7일까지 반품 가능',
    });
    expect(cardPart.buttons.map((b) => b.label)).toEqual(['반품 시작', '교환 시작']);
    expect(cardPart.buttons[0]!.url).toContain('https://returns.example/o-2001');

    await waitFor(() => h.outbound.filter((m) => m.conversationId === c).length === 5);
    expect(
      h.outbound
        .filter((m) => m.conversationId === c)
        .every((m) => m.language === 'ko' && m.recipient === 'visitor'),
    ).toBe(true);
    await waitFor(() => h.outcomes.find((o) => o.conversationId === c));
    expect(h.outcomes.find((o) => o.conversationId === c)).toMatchObject({
      outcome: Outcome.OUTCOME_RESOLVED_BY_AGENT,
      revision: 1,
      reason: 'link_delivered',
      skill: 'returns_exchanges',
    });
  });

  async function signIn(c: string, email: string, first = 'Chcę zwrócić zamówienie') {
    await say(c, first);
    await say(c, email);
    return say(c, w.codes.get(email)!);
  }

  it('goes straight to the order the shopper named by product or as "my last order" (pl, en, ko)', async () => {
    // One order has a winter jacket: after sign-in, its card, no list.
    const jacket = await signIn('c-named-pl', 'jan@example.pl', 'Chcę oddać kurtkę zimową');
    expect([jacket.state, card(jacket.parts)?.orderName]).toEqual(['link_offered', '#1001']);
    expect(partsText(jacket.parts)).not.toContain('Którego zamówienia');
    // "My last order": the newest one (#1003, created 3 days before as-of).
    const last = await signIn(
      'c-named-en',
      'jan@example.pl',
      'I want to return something from my last order',
    );
    expect(card(last.parts)?.orderName).toBe('#1003');
    // A product nobody bought: the list, as before.
    const sofa = await signIn('c-named-none', 'jan@example.pl', 'I want to return the sofa');
    expect([sofa.state, has(sofa.parts, 'orderCard')]).toEqual(['awaiting_order_choice', false]);
    expect(partsText(sofa.parts)).toContain('Which order is it about?');
    const coat = await signIn('c-named-ko', 'minji@example.kr', '울 코트 반품하고 싶어요');
    expect(card(coat.parts)?.orderName).toBe('#2001');
  });

  it('an item named in an inflected form opens its order: before sign-in and from the list (pl, en)', async () => {
    // Instrumental plural (QA): "Buty trekkingowe" is only in #1002 (its card, past the window).
    const boots = await signIn('c-infl-pl', 'jan@example.pl', 'chcę zwrócić coś z butami trekkingowymi');
    expect(card(boots.parts)?.orderName).toBe('#1002');
    expect(partsText(boots.parts)).not.toContain('Którego zamówienia');
    // Picked from the list in words: a locative "w kurtce zimowej" is the winter jacket of #1001.
    await signIn('c-infl-list', 'jan@example.pl');
    const jacket = await say('c-infl-list', 'chodzi o dziurę w kurtce zimowej');
    expect(card(jacket.parts)?.orderName).toBe('#1001');
    const shirts = await signIn('c-infl-en', 'jan@example.pl', 'I want to return the linen shirts');
    expect(card(shirts.parts)?.orderName).toBe('#1003');
  });

  it('a question in the middle of a flow is answered with how to carry on; "never mind" stops the flow (en, pl, ko)', async () => {
    let r = await say('c-mid-en', 'I want to return my order');
    expect(r.state).toBe('awaiting_email');
    r = await say('c-mid-en', 'wait, how many days do I have to return things?');
    expect(partsText(r.parts)).toContain('30 days');
    expect(partsText(r.parts)).toContain('send the email address you used');
    expect(r.state).toBe('awaiting_email');
    r = await say('c-mid-en', 'never mind, forget it');
    expect([r.state, partsText(r.parts)]).toEqual([
      'idle',
      "No problem, I've stopped there. Is there anything else I can help with?",
    ]);
    // Nothing is pending any more: an email now is not taken as a sign-in.
    r = await say('c-mid-en', 'jan@example.pl');
    expect(r.state).toBe('idle');

    await say('c-mid-pl', 'Chcę zwrócić zamówienie');
    await say('c-mid-pl', 'jan@example.pl');
    r = await say('c-mid-pl', 'Anuluj');
    expect([r.state, partsText(r.parts)]).toEqual([
      'idle',
      'Jasne, przerywam. Czy mogę pomóc w czymś jeszcze?',
    ]);

    await say('c-mid-ko', '반품하고 싶어요');
    r = await say('c-mid-ko', '취소할게요');
    expect(r.state).toBe('idle');
    expect(partsText(r.parts)).toContain('진행을 멈췄어요');
    // Outside a flow, "stop" is just chat, not a cancellation.
    r = await say('c-mid-ko2', '그만');
    expect(partsText(r.parts)).not.toContain('진행을 멈췄어요');
  });

  it('an order number given before sign-in, or asked about afterwards, is the order checked (pl, en, ko)', async () => {
    const named = await signIn('c-num-pl', 'jan@example.pl', 'Chcę zwrócić zamówienie #1002');
    expect(card(named.parts)?.orderName).toBe('#1002');
    // A year is not an order number: the list, not "couldn't find order 2024". (Things, not jackets:
    // "jackets" names the one order with a jacket, "Kurtka zimowa", and opens it.)
    const year = await signIn('c-num-en', 'jan@example.pl', 'I want to return 2 things I bought in 2024');
    expect([year.state, partsText(year.parts)]).toEqual([
      'awaiting_order_choice',
      expect.stringContaining('Which order is it about?'),
    ]);
    // Signed in and choosing: a rules question about another order checks that order.
    const also = await say('c-num-en', 'Can order #1003 be returned too?');
    expect(card(also.parts)?.orderName).toBe('#1003');
    await say('c-num-ko', '반품하고 싶어요');
    await say('c-num-ko', 'minji@example.kr');
    await say('c-num-ko', w.codes.get('minji@example.kr')!);
    const ko = await say('c-num-ko', '그리고 2001번 주문도 반품 가능해요?');
    expect(card(ko.parts)?.orderName).toBe('#2001');
  });

  it('a problem report gets an apology and the ways forward, not the generic menu (en, pl, ko)', async () => {
    const options = postbacksOf;
    for (const [c, msg, sorry] of [
      ['c-broke-en', 'The linen shirt I got has a stain on the sleeve', "I'm sorry about that."],
      ['c-broke-pl', 'Buty przyszły uszkodzone', 'Przykro mi z tego powodu.'],
      ['c-broke-ko', '받은 셔츠에 얼룩이 있어요', '불편을 드려 죄송해요.'],
    ] as const) {
      const r = await say(c, msg);
      expect({ msg, text: partsText(r.parts).startsWith(sorry), options: options(r.parts) }).toEqual({
        msg,
        text: true,
        options: ['intent:start_return', 'intent:start_exchange', 'intent:human'],
      });
      expect(partsText(r.parts)).not.toMatch(
        /What would you like to do|W czym mogę pomóc|어떤 걸 원하시나요/,
      );
    }
    // Tapping "Start return" after sign-in opens the order with that shirt.
    await say('c-broke-en', '', { postback: 'intent:start_return' });
    await say('c-broke-en', 'jan@example.pl');
    const shirt = await say('c-broke-en', w.codes.get('jan@example.pl')!);
    expect(card(shirt.parts)?.orderName).toBe('#1003');
  });

  it('a bare yes answers the question the last reply asked; ok / no are not a menu (en, pl, ko)', async () => {
    for (const [c, q, yes] of [
      ['c-yes-en', 'Do you offer gift wrapping for presents?', 'yes please'],
      ['c-yes-pl', 'Czy wysyłacie paczki do Norwegii?', 'Tak'],
      ['c-yes-ko', '오프라인 매장은 어디에 있나요?', '네'],
    ] as const) {
      await say(c, q);
      const r = await say(c, yes);
      expect({ c, state: r.state, reason: w.handoffs.at(-1)?.reason }).toEqual({
        c,
        state: 'handed_off',
        reason: 'shopper_asked',
      });
    }
    await say('c-no-en', 'Do you offer gift wrapping for presents?');
    const no = await say('c-no-en', 'no thanks');
    expect([no.state, partsText(no.parts)]).toEqual([
      'idle',
      'Okay. Is there anything else I can help with?',
    ]);
    // "ok" after an answer: no offer was asked, so no handoff and no menu.
    await say('c-ok-pl', 'Ile mam dni na zwrot?');
    const ok = await say('c-ok-pl', 'ok');
    expect([ok.state, partsText(ok.parts)]).toEqual(['idle', 'Dobrze. Czy mogę pomóc w czymś jeszcze?']);
  });

  it("treats another customer's order exactly like an unknown one (pl)", async () => {
    await signIn('c-other', 'jan@example.pl');
    const other = await say('c-other', 'zamówienie nr 2001');
    const unknown = await say('c-other', 'zamówienie nr 9999');
    expect(partsText(other.parts)).toBe(partsText(unknown.parts).replace('#9999', '#2001'));
    expect(partsText(other.parts)).toContain('Nie znalazłem zamówienia #2001');
    expect(has(other.parts, 'orderCard')).toBe(false);
    expect(other.state).toBe('awaiting_order_choice');
  });

  it('explains an ineligible item with reason, date and the policy citation (pl)', async () => {
    await signIn('c-late', 'jan@example.pl');
    const r = await say('c-late', 'chodzi o zamówienie #1002');
    const line = card(r.parts)!.lines[0]!;
    expect(line).toMatchObject({ title: 'Buty trekkingowe', eligible: false });
    // The date as a Polish shopper writes it, and no generic "cannot be returned" before it.
    expect(line.note).toBe('Termin na zwrot minął 8 lutego 2025.');
    expect(partsText(r.parts)).toContain('Niestety');
    expect(card(r.parts)!.buttons).toHaveLength(0);
    expect(has(r.parts, 'citations')).toBe(true);
    // Cited by its title once: "(Returns policy § Return window)", not "§ Returns policy > Return window".
    expect(partsText(r.parts)).toContain('(Returns policy § Return window)');
    expect(partsText(r.parts)).toContain('Porozmawiaj z konsultantem');
  });

  it('splits a mixed cart: link for the eligible line, reason for the final-sale one (en, SMS)', async () => {
    const c = 'c-mixed';
    await say(c, 'I want to return my order', { channel: Channel.CHANNEL_SMS });
    await say(c, 'jan@example.pl', { channel: Channel.CHANNEL_SMS });
    await say(c, w.codes.get('jan@example.pl')!, { channel: Channel.CHANNEL_SMS });
    const r = await say(c, 'order #1003', { channel: Channel.CHANNEL_SMS });
    const text = partsText(r.parts);
    expect(text).toContain('Some items in order #1003 can be returned');
    expect(text).toContain('✓ Linen shirt: can be returned until April 6, 2025');
    expect(text).toContain("✗ Swim shorts: It's a final-sale item.");
    const links = r.parts.flatMap((p) => (p.part?.$case === 'linkButton' ? [p.part.value.url] : []));
    expect(links[0]).toContain('lines=l3&');
    expect(links[0]).not.toContain('l4');
  });

  it('a line refused for several reasons says each once, the deciding one first, with date and citation (ko, pl, en)', async () => {
    // The QA case: a gift card past its window (and one not delivered yet).
    for (const [c, first, pick, notes] of [
      [
        'c-gift-en',
        'I want to return my order',
        'order #1201',
        [
          "Gift cards and vouchers can't be returned. The return window ended on February 8, 2025.",
          "Gift cards and vouchers can't be returned.",
        ],
      ],
      [
        'c-gift-pl',
        'Chcę zwrócić zamówienie',
        'zamówienie #1201',
        [
          'Kart i bonów podarunkowych nie można zwrócić. Termin na zwrot minął 8 lutego 2025.',
          'Kart i bonów podarunkowych nie można zwrócić.',
        ],
      ],
      [
        'c-gift-ko',
        '반품하고 싶어요',
        '#1201 주문이요',
        [
          '상품권·기프트 카드는 반품할 수 없어요. 반품 기간이 2025년 2월 8일에 끝났어요.',
          '상품권·기프트 카드는 반품할 수 없어요.',
        ],
      ],
    ] as const) {
      await signIn(c, 'gift@example.com', first);
      const late = await say(c, pick);
      const lines = card(late.parts)!.lines;
      expect({ c, lines: lines.map((l) => [l.title, l.eligible, l.note]) }).toEqual({
        c,
        lines: [
          ['Gift card', false, notes[0]],
          ['Wool beanie', false, notes[0]!.slice(notes[1]!.length).trim()],
        ],
      });
      // Each reason's rule cited once (the gift-card rule and the window rule).
      const cited = late.parts.flatMap((p) =>
        p.part?.$case === 'citations' ? p.part.value.items.map((i) => i.section) : [],
      );
      expect({ c, cited }).toEqual({ c, cited: ['Gift cards', 'Return window'] });
      // Not delivered yet and a gift card: the gift card decides; no "once delivered" promise.
      const undelivered = await say(c, pick.replace('1201', '1202'));
      expect({ c, lines: card(undelivered.parts)!.lines.map((l) => l.note) }).toEqual({
        c,
        lines: [notes[1], expect.not.stringContaining(notes[1]!)],
      });
    }
    // Text channels: one line per item, the reasons once after the ✗.
    const c = 'c-gift-sms';
    await say(c, 'I want to return my order', { channel: Channel.CHANNEL_SMS });
    await say(c, 'gift@example.com', { channel: Channel.CHANNEL_SMS });
    await say(c, w.codes.get('gift@example.com')!, { channel: Channel.CHANNEL_SMS });
    const sms = partsText((await say(c, 'order #1201', { channel: Channel.CHANNEL_SMS })).parts);
    expect(sms).toContain(
      "✗ Gift card: Gift cards and vouchers can't be returned. The return window ended on February 8, 2025.",
    );
    expect(sms.match(/can't be returned/g)).toHaveLength(2); // the gift card line and the headline
  });

  it("a handoff ticket speaks the conversation's language: subject and tapped buttons; the reason stays a code (ko, pl, en)", async () => {
    const last = () => w.handoffs.at(-1)!;
    await say('c-ticket-ko', '상담원 연결해 주세요');
    expect(last()).toMatchObject({
      reason: 'shopper_asked',
      language: 'ko',
      subject: '반품·교환: 고객이 상담원 연결을 요청함',
    });
    // After an order was checked: the order is named; the tapped "talk to a person" reads as the
    // button the shopper saw, in the ticket and in the stored transcript.
    const c = 'c-ticket-pl';
    await signIn(c, 'jan@example.pl');
    await say(c, 'zamówienie #1002');
    await say(c, '', { postback: 'intent:human' });
    expect(last()).toMatchObject({
      reason: 'shopper_asked',
      language: 'pl',
      subject: 'Zwroty i wymiany: klient poprosił o konsultanta (zamówienie #1002)',
    });
    expect(last().transcript.at(-1)).toMatchObject({
      role: 'customer',
      text: '[Porozmawiaj z konsultantem]',
    });
    const stored = await h.agent.engine.transcript(tenant, c);
    expect(stored.map((t) => t.text)).toContain('[Porozmawiaj z konsultantem]');
    expect(JSON.stringify(last().transcript)).not.toMatch(/intent:|order:/);
    await say('c-ticket-en', 'This is ridiculous, I will file a chargeback with my bank');
    expect(last()).toMatchObject({
      reason: 'dispute',
      language: 'en',
      subject: 'Returns & exchanges: dispute or a threat to escalate',
    });
    // The brand's own words for a reason (template overrides).
    await h.agent.settings.setOverrides(
      tenant,
      JSON.stringify({ handoff_reason_shopper_asked: { ko: '고객 요청으로 상담원 연결' } }),
    );
    await say('c-ticket-ko2', '상담원이랑 얘기하고 싶어요');
    expect(last()).toMatchObject({
      reason: 'shopper_asked',
      subject: '반품·교환: 고객 요청으로 상담원 연결',
    });
    await h.agent.settings.setOverrides(tenant, '{}');
  });

  it("a ticket's subject is in the brand team's language, marked with the shopper's when it differs (QA 8)", async () => {
    const last = () => w.handoffs.at(-1)!;
    // A Polish brand (its intro message is Polish): Korean and English shoppers' tickets read in Polish.
    await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: false,
      introMessage: 'Dzień dobry! Tu Dom Dębowy. W czym możemy pomóc — zwrot, wymiana, reklamacja?',
      skills: [],
    });
    await say('c-team-ko', '상담원 연결해 주세요');
    expect(last()).toMatchObject({
      language: 'ko',
      subject: '[KO] Zwroty i wymiany: klient poprosił o konsultanta',
    });
    await say('c-team-en', 'This is ridiculous, I will file a chargeback with my bank');
    expect(last()).toMatchObject({
      language: 'en',
      subject: '[EN] Zwroty i wymiany: spór lub groźba eskalacji',
    });
    // The team's own language: no marker.
    await say('c-team-pl', 'chcę rozmawiać z konsultantem');
    expect(last()).toMatchObject({
      language: 'pl',
      subject: 'Zwroty i wymiany: klient poprosił o konsultanta',
    });
  });

  it('reports refund status (ko)', async () => {
    w.returns.set('o-2001', [{ returnId: 'ret_ko_0007', state: 'received', refundState: 'pending' }]);
    await say('c-status', '환불 언제 되나요?');
    await say('c-status', 'minji@example.kr');
    // Her only order with a return: its status right after sign-in, no "which order?".
    const r = await say('c-status', w.codes.get('minji@example.kr')!);
    // The order name the shopper knows, never the provider's internal return id.
    expect(partsText(r.parts)).toContain('주문 #2001 반품: 입고 완료. 환불: 처리 중.');
    expect(partsText(r.parts)).not.toContain('ret_');
    expect(partsText(r.parts)).not.toContain('어떤 주문');
  });

  it('a refund-status request reports every order that has a return, and only those (en)', async () => {
    w.returns.clear();
    w.returns.set('o-1001', [{ returnId: 'r1', state: 'received', refundState: 'pending' }]);
    w.returns.set('o-1003', [{ returnId: 'r3', state: 'requested', refundState: 'pending' }]);
    await say('c-two-returns', 'Where is my refund?');
    await say('c-two-returns', 'jan@example.pl');
    const r = await say('c-two-returns', w.codes.get('jan@example.pl')!);
    expect([r.state, partsText(r.parts)]).toEqual([
      'idle',
      "Thanks, you're signed in.\nReturn for order #1001: received. Refund: pending.\nReturn for order #1003: requested. Refund: pending.",
    ]);
  });

  it('a message with two questions gets both answers, each cited; one not in the documents is named (ko, pl, en)', async () => {
    for (const [c, q, first, second] of [
      ['c-two-q-ko', '반품하려면 며칠 안에 해야 돼요? 세일 상품도 반품 되나요?', '30 days', 'Final sale'],
      [
        'c-two-q-pl',
        'Ile mam dni na zwrot? i czy rzeczy z wyprzedaży też można zwrócić?',
        '30 days',
        'Final sale',
      ],
      [
        'c-two-q-en',
        'How many days do I have to return it? Can I return sale items?',
        '30 days',
        'Final sale',
      ],
    ] as const) {
      const r = await say(c, q);
      const t = partsText(r.parts);
      expect({
        c,
        first: t.includes(first),
        second: t.includes(second),
        cited: has(r.parts, 'citations'),
      }).toEqual({
        c,
        first: true,
        second: true,
        cited: true,
      });
    }
    const partial = await say(
      'c-two-q-part',
      'How many days do I have to return it? Do you offer gift wrapping for presents?',
    );
    expect(partsText(partial.parts)).toContain('30 days');
    expect(partsText(partial.parts)).toContain('“Do you offer gift wrapping for presents?”');
  });

  it('the order list shows the day an order was placed in the brand’s time zone, as the shopper writes dates (en, pl, ko)', async () => {
    w.returns.clear();
    w.statusErrors.clear();
    const o = await orderOf('o-1001');
    const placed = o.createdAt;
    // 03:00 UTC on March 2 is still March 1 in New York, where the brand's deadlines count.
    o.createdAt = new Date('2025-03-02T03:00:00Z');
    w.timeZone = 'America/New_York';
    try {
      for (const [c, ask, shown] of [
        ['c-tz-en', 'I want to return something', 'March 1, 2025'],
        ['c-tz-pl', 'Chcę zwrócić zamówienie', '1 marca 2025'],
        ['c-tz-ko', '반품하고 싶어요', '2025년 3월 1일'],
      ] as const) {
        await say(c, ask);
        await say(c, 'jan@example.pl');
        const list = await say(c, w.codes.get('jan@example.pl')!);
        const label = list.parts
          .flatMap((p) => (p.part?.$case === 'quickReplies' ? p.part.value.options : []))
          .find((x) => x.postback === 'order:o-1001')?.label;
        expect([c, label?.includes(shown), label?.includes('2025-03-02')]).toEqual([c, true, false]);
      }
      // Named by the day the list showed: that order.
      const picked = await say('c-tz-en', 'the one from March 1');
      expect(card(picked.parts)?.orderName).toBe('#1001');
    } finally {
      o.createdAt = placed;
      w.timeZone = undefined;
    }
  });

  it('an order picked from the list by its date or an item, in words (en, pl)', async () => {
    w.returns.clear(); // no returns anywhere: the refund question lists the orders
    w.statusErrors.clear();
    for (const [c, ask, byDate] of [
      [
        'c-pick-en',
        'Where is my refund?',
        (d: Date) =>
          `the one from ${d.toLocaleString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })}`,
      ],
      ['c-pick-pl', 'Chcę zwrócić zamówienie', (d: Date) => `to z ${d.getUTCDate()}.${d.getUTCMonth() + 1}`],
    ] as const) {
      await say(c, ask);
      await say(c, 'jan@example.pl');
      const list = await say(c, w.codes.get('jan@example.pl')!);
      expect(list.state).toBe('awaiting_order_choice');
      // The list shows "#1001 · March 2, 2025 · Kurtka zimowa": the shopper names the date they see.
      const date = (await orderOf('o-1001')).createdAt!;
      const dated = await say(c, byDate(date));
      // Straight to that order: its card (a return) or its status (a refund question).
      expect({ c, state: dated.state, about: partsText(dated.parts).includes('#1001') }).toEqual({
        c,
        state: c === 'c-pick-en' ? 'awaiting_resolution' : 'link_offered',
        about: true,
      });
    }
    // By an item of one listed order (pl): the boots are only in #1002.
    const c = 'c-pick-item';
    await say(c, 'Chcę zwrócić zamówienie');
    await say(c, 'jan@example.pl');
    await say(c, w.codes.get('jan@example.pl')!);
    const item = await say(c, 'chodzi o te buty trekkingowe');
    expect(card(item.parts)?.orderName).toBe('#1002');
  });

  it('the sign-in code never reaches the transcript or a handoff ticket (pl)', async () => {
    const c = 'c-code-masked';
    await say(c, 'Chcę zwrócić kurtkę');
    await say(c, 'jan@example.pl');
    const code = w.codes.get('jan@example.pl')!;
    await say(c, `kod to ${code.slice(0, 3)} ${code.slice(3)}`);
    await say(c, 'Chcę porozmawiać z konsultantem');
    const sent = w.handoffs
      .at(-1)!
      .transcript.map((t) => t.text)
      .join('\n');
    expect(sent).toContain('kod to ••••••');
    expect(sent).not.toContain(`${code.slice(0, 3)} ${code.slice(3)}`);
    const stored = (await h.agent.engine.transcript(tenant, c)).map((t) => t.text).join('\n');
    expect(stored).toContain('kod to ••••••');
    expect(stored).not.toContain(`${code.slice(0, 3)} ${code.slice(3)}`);
  });

  it('an e-mail given before saying what they want is kept for the sign-in, never a failed attempt (pl, en)', async () => {
    for (const [c, email] of [
      ['c-mail-first-pl', 'jan@example.pl'],
      ['c-mail-first-en', 'jan@example.pl'],
    ] as const) {
      w.codes.delete(email);
      for (let i = 0; i < 4; i++) {
        const r = await say(c, email);
        expect({ c, i, state: r.state, handedOff: has(r.parts, 'handoffNotice') }).toEqual({
          c,
          i,
          state: 'idle',
          handedOff: false,
        });
      }
      // Picking from the menu goes straight to the code: the address is not asked for again.
      const r = await say(c, '', { postback: 'intent:return_status' });
      expect([r.state, w.codes.has(email)]).toEqual(['awaiting_code', true]);
    }
  });

  it('refund status never passes an order it could not check off as having no return (en, pl, ko)', async () => {
    const timeout = () => Object.assign(new Error('deadline exceeded'), { name: 'DeadlineExceeded' });
    for (const [c, ask, email, said] of [
      ['c-unchk-en', 'Where is my refund?', 'jan@example.pl', "I couldn't check #1003 just now"],
      [
        'c-unchk-pl',
        'Gdzie jest mój zwrot pieniędzy?',
        'jan@example.pl',
        'Nie udało mi się teraz sprawdzić zamówień: #1003',
      ],
    ] as const) {
      w.returns.clear();
      w.statusErrors.clear();
      w.returns.set('o-1001', [{ returnId: 'r1', state: 'received', refundState: 'pending' }]);
      w.statusErrors.set('o-1003', timeout());
      await say(c, ask);
      await say(c, email);
      const r = await say(c, w.codes.get(email)!);
      const text = partsText(r.parts);
      // The one found is reported (not opened as if it were the only one), the unchecked one named and offered.
      expect({ c, reported: text.includes('#1001'), said: text.includes(said) }).toEqual({
        c,
        reported: true,
        said: true,
      });
      const offered = r.parts.flatMap((p) => (p.part?.$case === 'quickReplies' ? p.part.value.options : []));
      expect(offered.map((o) => o.postback)).toContain('order:o-1003');
    }
    // Nothing found, one order unchecked: said before the list (ko).
    w.returns.clear();
    w.statusErrors.clear();
    w.statusErrors.set('o-2001', timeout());
    await say('c-unchk-ko', '환불 언제 되나요?');
    await say('c-unchk-ko', 'minji@example.kr');
    const ko = await say('c-unchk-ko', w.codes.get('minji@example.kr')!);
    expect(partsText(ko.parts)).toContain('지금은 #2001 주문을 확인하지 못했어요');
    w.statusErrors.clear();
  });

  it('a returns portal that reports no status: the order itself says what it can, a person is offered (en, pl, ko)', async () => {
    w.statusUnsupported = true;
    const jan = w.customers.jan!.orders;
    try {
      // Delivered, nothing refunded: said truthfully, no ticket filed unasked.
      await say('c-nostatus', 'Where is my refund?');
      await say('c-nostatus', 'jan@example.pl');
      await say('c-nostatus', w.codes.get('jan@example.pl')!);
      const handoffs = w.handoffs.length;
      const r = await say('c-nostatus', '', { postback: 'order:o-1001' });
      expect(partsText(r.parts)).toContain('Order #1001 has no refund from the store yet');
      expect(partsText(r.parts)).toContain("I can't see returns for this store here");
      expect(partsText(r.parts)).not.toContain("can't reach");
      expect(partsText(r.parts)).toContain('[Talk to a person]');
      expect(r.state).toBe('idle');
      expect(w.handoffs.length).toBe(handoffs);
      // The store refunded part of an order: the amount and the day, in the shopper's language.
      jan[1] = {
        ...jan[1]!,
        refunds: [
          {
            id: 'rf-1',
            createdAt: new Date(AS_OF.getTime() - 3 * 86_400_000),
            amount: { amount: '59.00', currencyCode: 'PLN' },
            lines: [],
          },
        ],
      };
      await say('c-nostatus-pl', 'Kiedy dostanę zwrot pieniędzy?');
      await say('c-nostatus-pl', 'jan@example.pl');
      await say('c-nostatus-pl', w.codes.get('jan@example.pl')!);
      const pl = partsText((await say('c-nostatus-pl', '', { postback: 'order:o-1002' })).parts);
      expect(pl).toMatch(
        /Dla zamówienia #1002 sklep wykonał zwrot pieniędzy: 59,00\s?zł \(\d+ \p{L}+ \d{4}\)/u,
      );
      // Not delivered yet: on its way since the day it shipped, with the carrier's tracking.
      jan[2] = undelivered({
        ...jan[2]!,
        fulfillments: jan[2]!.fulfillments.map((f) => ({ ...f, trackingUrl: 'https://track.example/123' })),
      });
      await say('c-nostatus-ko', '환불 언제 돼요?');
      await say('c-nostatus-ko', 'jan@example.pl');
      await say('c-nostatus-ko', w.codes.get('jan@example.pl')!);
      const ko = await say('c-nostatus-ko', '', { postback: 'order:o-1003' });
      expect(partsText(ko.parts)).toMatch(
        /주문 #1003은\(는\) \d{4}년 \d+월 \d+일에 발송되었고 아직 배송 중이에요/,
      );
      const track = ko.parts.flatMap((p) => (p.part?.$case === 'linkButton' ? [p.part.value] : []));
      expect(track).toEqual([{ label: '배송 조회', url: 'https://track.example/123', postback: '' }]);
    } finally {
      w.statusUnsupported = false;
      const fresh = world().customers.jan!.orders;
      jan.splice(0, jan.length, ...fresh);
    }
  });

  it('after "Ask about the policy" the next message is looked up as the question, not met with the menu (ko, en)', async () => {
    const first = await say('c-askq', '이어폰 한쪽만 잃어버렸어요');
    expect(partsText(first.parts)).toContain('정확히 도와드리고 싶어요');
    await say('c-askq', '', { postback: 'intent:policy_question' });
    const asked = await say('c-askq', '이어폰 한쪽만 잃어버렸어요');
    expect(asked.intent).toBe('policy_question');
    expect(partsText(asked.parts)).not.toContain('정확히 도와드리고 싶어요');
    // Only the one message: later unclear messages get the menu again.
    const later = await say('c-askq', '이어폰 한쪽만 잃어버렸어요');
    expect(later.intent).not.toBe('policy_question');
    await say('c-askq-en', '', { postback: 'intent:policy_question' });
    expect((await say('c-askq-en', 'lost one earbud')).intent).toBe('policy_question');
  });

  it('a question about a named order while signing in waits for the sign-in, then opens that order (pl, en)', async () => {
    await say('c-named-wait', 'Chcę zwrócić zamówienie');
    const asked = await say('c-named-wait', 'a co z zamówieniem #1003?');
    expect(partsText(asked.parts)).toContain('Sprawdzę zamówienie #1003, gdy tylko potwierdzisz tożsamość.');
    expect(partsText(asked.parts)).not.toContain('Nie znalazłem tego w naszych dokumentach');
    expect(asked.state).toBe('awaiting_email');
    await say('c-named-wait', 'jan@example.pl');
    const signedIn = await say('c-named-wait', w.codes.get('jan@example.pl')!);
    expect(card(signedIn.parts)?.title).toContain('#1003');
    // A status question about an order: kept as the status request, no documents answer beside it.
    await say('c-named-wait-en', 'I want to return something');
    const status = await say('c-named-wait-en', 'where is my refund for order #1001?');
    expect(partsText(status.parts)).toContain("I'll check your refund instead");
    expect(partsText(status.parts)).not.toMatch(/couldn't find|Items can be returned/);
    expect(status.state).toBe('awaiting_email');
  });

  it('how to file a complaint is a question, not a fault to be sorry about (pl, en, ko)', async () => {
    for (const [c, q, sorry] of [
      ['c-howto-pl', 'jak złożyć reklamację?', 'Przykro mi'],
      ['c-howto-en', 'How do I make a warranty claim?', "I'm sorry"],
      ['c-howto-ko', '보증 수리는 어떻게 신청하나요?', '죄송'],
    ] as const) {
      const r = await say(c, q);
      expect(r.intent).toBe('policy_question');
      expect(partsText(r.parts)).not.toContain(sorry);
    }
    // A fault told with the question is still met with an apology.
    const broken = await say('c-howto-broken', 'The kettle arrived broken, how do I make a warranty claim?');
    expect(partsText(broken.parts)).toContain("I'm sorry");
  });

  it('reports refund status by order name, several returns told apart (pl, en)', async () => {
    w.returns.set('o-1003', [
      { returnId: 'ret_pl_0001', state: 'received', refundState: 'pending' },
      { returnId: 'ret_pl_0002', state: 'requested', refundState: 'pending' },
    ]);
    await say('c-status-pl', 'Jaki jest status mojego zwrotu pieniędzy?');
    await say('c-status-pl', 'jan@example.pl');
    await say('c-status-pl', w.codes.get('jan@example.pl')!);
    const pl = partsText((await say('c-status-pl', '', { postback: 'order:o-1003' })).parts);
    expect(pl).toContain('Zwrot z zamówienia #1003 (1/2)');
    expect(pl).toContain('Zwrot z zamówienia #1003 (2/2)');
    expect(pl).not.toContain('ret_');
    w.returns.set('o-1001', [{ returnId: 'ret_en_0042', state: 'received', refundState: 'pending' }]);
    await say('c-status-en', 'Where is my refund?');
    await say('c-status-en', 'jan@example.pl');
    await say('c-status-en', w.codes.get('jan@example.pl')!);
    const en = partsText((await say('c-status-en', '', { postback: 'order:o-1001' })).parts);
    expect(en).toMatch(/^Return for order #1001: .+\. Refund: .+\.$/);
    expect(en).not.toContain('ret_');
  });

  it('hands off on a dispute, stays silent, and speaks again after the ticket is resolved (en, over the bus)', async () => {
    const c = 'c-dispute';
    await h.send({ conversationId: c, text: 'x', messageId: 'warmup-ignored' }); // channel off: ignored
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT).catch(() => undefined);
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: 'Hi, I am the returns assistant.',
      skills: [],
    });
    await h.send({ conversationId: c, text: 'This is ridiculous, I disagree with your decision!' });
    const notice = await waitFor(() => h.outbound.find((m) => m.conversationId === c));
    expect(notice.parts[0]?.part).toMatchObject({
      $case: 'handoffNotice',
      value: { text: 'A person from our team will reply here.', ticketRef: 'T-1' },
    });
    expect(w.handoffs[0]).toMatchObject({ reason: 'dispute', conversationId: c });
    expect(w.handoffs[0]!.transcript.at(-1)!.text).toContain('ridiculous');

    await h.send({ conversationId: c, text: 'hello? anyone?' });
    await waitFor(async () => (await h.agent.engine.transcript(tenant, c)).length === 3);
    const ticket = TicketEvent.fromPartial({
      eventId: 'e1',
      tenantId: tenant,
      ticketId: 'T-1',
      conversationId: c,
      change: 'status',
      status: 'RESOLVED',
    });
    await h.bus.publish(TOPICS.ticketEvents.name, {
      key: `${tenant}/T-1`,
      value: TicketEvent.encode(ticket).finish(),
    });
    await h.bus.publish(TOPICS.ticketEvents.name, {
      key: `${tenant}/T-1`,
      value: TicketEvent.encode(ticket).finish(),
    });
    await waitFor(() => h.outbound.filter((m) => m.conversationId === c).length === 2);
    const back = h.outbound.filter((m) => m.conversationId === c)[1]!;
    expect(partsText(back.parts)).toContain('Our team has finished');
    expect(h.outbound.filter((m) => m.conversationId === c)).toHaveLength(2);
    const conv = await h.agent.engine.load(tenant, c);
    expect(conv?.state).toBe('idle');
    expect(h.outbound.some((m) => m.inReplyTo === 'warmup-ignored')).toBe(false);

    // A ticket closed straight away (never marked resolved) hands the conversation back as well.
    const c2 = 'c-dispute-closed';
    await h.send({ conversationId: c2, text: 'To skandal, nie zgadzam się z tą decyzją!' });
    await waitFor(() => h.outbound.find((m) => m.conversationId === c2));
    const closed = TicketEvent.fromPartial({
      eventId: 'e2',
      tenantId: tenant,
      ticketId: 'T-2',
      conversationId: c2,
      change: 'status',
      status: 'CLOSED',
    });
    await h.bus.publish(TOPICS.ticketEvents.name, {
      key: `${tenant}/T-2`,
      value: TicketEvent.encode(closed).finish(),
    });
    await waitFor(() => h.outbound.filter((m) => m.conversationId === c2).length === 2);
    expect((await h.agent.engine.load(tenant, c2))?.state).toBe('idle');

    // The desk already told the shopper it is resolved: the agent takes over without saying it again.
    const c3 = 'c-dispute-notified';
    await h.send({ conversationId: c3, text: '이건 정말 부당한 처리네요, 동의할 수 없어요' });
    await waitFor(() => h.outbound.find((m) => m.conversationId === c3));
    await h.bus.publish(TOPICS.ticketEvents.name, {
      key: `${tenant}/T-3`,
      value: TicketEvent.encode(
        TicketEvent.fromPartial({
          eventId: 'e3',
          tenantId: tenant,
          ticketId: 'T-3',
          conversationId: c3,
          change: 'status',
          status: 'RESOLVED',
          customerNotified: true,
        }),
      ).finish(),
    });
    await waitFor(async () => (await h.agent.engine.load(tenant, c3))?.state === 'idle');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.outbound.filter((m) => m.conversationId === c3)).toHaveLength(1);
    const again = await say(c3, '반품 기간은 며칠인가요?');
    expect(again.ignored).toBe(false);
  });

  it('ignores messages while a channel is off and those received before it was turned on (ko)', async () => {
    await h.send({ conversationId: 'c-off', text: '반품 정책이 어떻게 되나요?', messageId: 'off-1' });
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    const on = await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: '안녕하세요, 반품 도우미입니다.',
      skills: [],
    });
    await h.send({
      conversationId: 'c-off',
      text: '반품 기간은 며칠인가요?',
      messageId: 'early',
      receivedAt: new Date(on.activatedAt!.getTime() - 1000),
    });
    // Sent in the activation second, stamped in whole seconds by the vendor (WhatsApp): answered.
    await h.send({
      conversationId: 'c-off',
      text: '반품은 며칠 안에 해야 하나요?',
      messageId: 'same-second',
      receivedAt: new Date(Math.floor(on.activatedAt!.getTime() / 1000) * 1000),
    });
    await h.send({
      conversationId: 'c-off',
      text: '반품 기간은 며칠인가요?',
      messageId: 'late',
      receivedAt: new Date(on.activatedAt!.getTime() + 1000),
    });
    await waitFor(() => h.outbound.filter((m) => m.conversationId === 'c-off').length >= 2);
    expect(h.outbound.filter((m) => m.conversationId === 'c-off').map((m) => m.inReplyTo)).toEqual([
      'same-second',
      'late',
    ]);
  });

  it('compares activation at second precision', () => {
    const on = new Date('2025-03-10T12:00:00.700Z');
    expect(beforeActivation(new Date('2025-03-10T12:00:00.000Z'), on)).toBe(false);
    expect(beforeActivation(new Date('2025-03-10T12:00:00.999Z'), on)).toBe(false);
    expect(beforeActivation(new Date('2025-03-10T11:59:59.999Z'), on)).toBe(true);
    expect(beforeActivation(new Date('2025-03-10T11:59:59.000Z'), on)).toBe(true);
  });

  it('refuses to turn a channel on until intro message and handoff are configured, naming them', async () => {
    await expect(
      h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
        enabled: true,
        introMessage: '',
        skills: [],
      }),
    ).rejects.toThrow('cannot turn on webchat: missing intro_message, handoff');
    const test = await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    expect(test.ok).toBe(false);
    await expect(
      h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
        enabled: true,
        introMessage: 'Cześć!',
        skills: [],
      }),
    ).rejects.toThrow('missing handoff');
    let status = await h.agent.settings.skillStatus(tenant);
    expect(status).toMatchObject({ live: false, missing: ['active_channel'] });
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: 'Cześć!',
      skills: [],
    });
    status = await h.agent.settings.skillStatus(tenant);
    expect(status).toMatchObject({ live: true, missing: [], limitedMode: false, warnings: [] });
    // The handoff breaks after the channel went on: still live, but the status says so.
    w.tests.ok = false;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT).catch(() => undefined);
    status = await h.agent.settings.skillStatus(tenant);
    expect(status.warnings).toEqual([expect.stringMatching(/^handoff_not_ready:webchat: /)]);
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    w.providers = [];
    w.documents = 0;
    status = await h.agent.settings.skillStatus(tenant);
    expect(status.live).toBe(false);
    expect(status.missing).toEqual(['policy_content', 'returns_provider']);
    // No eligibility policy: no item could be checked, so the skill is not live either.
    w.providers = [{ kind: 'loop', connected: true, detail: '' }];
    w.documents = 2;
    w.eligibilityPolicy = false;
    status = await h.agent.settings.skillStatus(tenant);
    expect(status).toMatchObject({ live: false, missing: ['eligibility_policy'] });
    const item = (await h.agent.settings.checklist(tenant)).find((i) => i.id === 'eligibility_policy');
    expect(item).toMatchObject({ done: false, detail: expect.stringContaining('PutPolicy') });
  });

  it('off the happy path: the policy button, documents in another language, a half email, a code that never came', async () => {
    // "Ask about the policy" is an invitation to ask, not a question to look up.
    const ask = await say('c-askbtn', '', { postback: 'intent:policy_question' });
    expect(has(ask.parts, 'citations')).toBe(false);
    expect(partsText(ask.parts)).toContain('what would you like to know?');
    const askKo = await say('c-askbtn-ko', '정책 문의', { postback: 'intent:policy_question' });
    expect(partsText(askKo.parts)).toContain('어떤 점이 궁금하세요?');

    // Asked in Polish, answered from English documents: framed in Polish, quoted as written.
    const pl = await say('c-xlang-pl', 'Ile mam dni na zwrot?');
    expect(partsText(pl.parts)).toContain('po angielsku, tak jak jest napisany');
    // Never that the policy is only in that language (a Polish page may exist and answer other things).
    expect(partsText(pl.parts)).not.toContain('jest napisany po angielsku;');
    expect(partsText(pl.parts)).toContain('30 days');
    const en = await say('c-xlang-en', 'How many days do I have to return something?');
    expect(partsText(en.parts)).not.toContain('as written');

    // A half address is named as such (en, pl, ko); the flow keeps waiting for the email.
    for (const [c, start, half, words] of [
      ['c-half-en', 'I want to return my order', 'emma.carter@example', 'looks incomplete'],
      ['c-half-pl', 'Chcę zwrócić zamówienie', 'jan@example', 'wygląda na niepełny'],
      ['c-half-ko', '반품하고 싶어요', 'minji@', '완전하지 않은'],
    ] as const) {
      await say(c, start);
      const r = await say(c, half);
      expect({ c, state: r.state, said: partsText(r.parts).includes(words) }).toEqual({
        c,
        state: 'awaiting_email',
        said: true,
      });
    }

    // The code never came: the email again (a new code), with where to look; not "wrong code".
    for (const [c, start, email, msg, words] of [
      ['c-nocode-en', 'I want to return my order', 'jan@example.pl', "I didn't get any code", 'spam'],
      ['c-nocode-pl', 'Chcę zwrócić zamówienie', 'jan@example.pl', 'Kod nie przyszedł', 'spam'],
      ['c-nocode-ko', '반품하고 싶어요', 'minji@example.kr', '인증번호가 안 왔어요', '스팸함'],
    ] as const) {
      await say(c, start);
      await say(c, email);
      const r = await say(c, msg);
      expect({ c, state: r.state, said: partsText(r.parts).includes(words) }).toEqual({
        c,
        state: 'awaiting_email',
        said: true,
      });
    }
  });

  it('a handoff that fails says so and keeps talking; asking again tries again (ko, pl, en)', async () => {
    for (const [c, ask, words] of [
      ['c-hf-en', 'I want to talk to a person', "couldn't reach our team"],
      ['c-hf-pl', 'Chcę porozmawiać z konsultantem', 'nie udało mi się'],
      ['c-hf-ko', '상담원 연결해 주세요', '연결하지 못했어요'],
    ] as const) {
      w.handoffError = new Error('zendesk: 401 bad credentials');
      const r = await say(c, ask);
      expect({ c, state: r.state, said: partsText(r.parts).includes(words) }).toEqual({
        c,
        state: 'idle',
        said: true,
      });
      w.handoffError = undefined;
      const again = await say(c, ask);
      expect(again.state).toBe('handed_off');
    }
  });

  it('after a handoff every later message goes to the ticket once, in silence; a preview forwards nothing (en, pl, ko)', async () => {
    w.forwarded.length = 0;
    for (const [c, ask, later] of [
      ['c-fw-en', 'I want to talk to a person', 'Also, the zip on the parcel is 02-115'],
      ['c-fw-pl', 'Chcę porozmawiać z konsultantem', 'Dodam jeszcze, że paczka była otwarta'],
      ['c-fw-ko', '상담원 연결해 주세요', '참고로 상자가 찢어져서 왔어요'],
    ] as const) {
      expect((await say(c, ask)).state).toBe('handed_off');
      const t = turn(c, later, { tenantId: tenant });
      const r = await h.agent.engine.handle(t);
      expect([r.parts, r.ignoredReason]).toEqual([[], 'handed_off']);
      await h.agent.engine.handle(t); // redelivered: processed once, forwarded once
      expect(w.forwarded.filter((f) => f.conversationId === c)).toEqual([
        { conversationId: c, messageId: t.messageId, text: later },
      ]);
    }
    // A threat while people have it: forwarded as urgent (the ticket's priority goes up).
    for (const [c, threat] of [
      ['c-fw-en', "If you don't refund me I'm filing a chargeback and reporting you"],
      ['c-fw-pl', 'Jeśli nie oddacie pieniędzy, zgłoszę to do UOKiK i rzecznika konsumentów'],
      ['c-fw-ko', '환불 안 해주면 소비자원에 신고하고 카드사에 결제 취소 요청할게요'],
    ] as const) {
      const t = turn(c, threat, { tenantId: tenant });
      expect((await h.agent.engine.handle(t)).ignoredReason).toBe('handed_off');
      expect(w.forwarded.find((f) => f.messageId === t.messageId)).toMatchObject({ urgent: true });
    }
    // The handoff service down: the turn still completes (the inbound follower retries on its own).
    w.handoffError = new Error('handoff: 14 UNAVAILABLE');
    const down = await say('c-fw-en', 'hello? anyone?');
    w.handoffError = undefined;
    expect(down.ignoredReason).toBe('handed_off');
    // A preview's handoff files no ticket, so there is nothing to forward to.
    await say('c-fw-preview', 'I want to talk to a person', { preview: true });
    await say('c-fw-preview', 'one more thing', { preview: true });
    expect(w.forwarded.filter((f) => f.conversationId === 'c-fw-preview')).toEqual([]);
  });

  it('on email the code goes to the address the shopper wrote from, without asking for it (pl, en)', async () => {
    for (const [c, text] of [
      ['c-mail-pl', 'Dzień dobry, chcę zwrócić zamówienie'],
      ['c-mail-en', 'Hi, I would like to return my order'],
    ] as const) {
      const r = await say(c, text, { channel: Channel.CHANNEL_EMAIL, sender: 'Jan@Example.pl' });
      expect({ c, state: r.state, asked: partsText(r.parts).includes('@') }).toEqual({
        c,
        state: 'awaiting_code',
        asked: true,
      });
      const done = await say(c, w.codes.get('jan@example.pl')!, {
        channel: Channel.CHANNEL_EMAIL,
        sender: 'jan@example.pl',
      });
      expect(done.state).toBe('awaiting_order_choice');
    }
  });

  it('a chat opened (Naver "open") gets the intro, a chat left gets nothing', async () => {
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: 'Dzień dobry! Tu asystent zwrotów sklepu Wisła.',
      skills: [],
    });
    const open = await say('c-open', '', { postback: 'event:open' });
    expect(partsText(open.parts)).toBe('Dzień dobry! Tu asystent zwrotów sklepu Wisła.');
    const leave = await say('c-open', '', { postback: 'event:leave' });
    expect(leave.parts).toEqual([]);
  });

  it('refuses template overrides that would break replies, and uses valid ones (ko/pl/en)', async () => {
    const bad: [unknown, RegExp][] = [
      [{ ask_email: { pl: 123 } }, /ask_email\.pl must be non-empty text/],
      [{ greetng: { en: 'Hi!' } }, /greetng is not a template key/],
      [{ ask_email: { de: 'Ihre E-Mail?' } }, /ask_email\.de language must be en, ko or pl/],
      [{ ask_email: { en: 'Your email for order {order}?' } }, /uses \{order\}/],
      [
        { code_sent: { en: 'We sent a code to {destination. Type it here.' } },
        /code_sent\.en has a brace that is not part of a \{placeholder\}/,
      ],
      [{ code_sent: { pl: 'Kod wysłany na destination}.' } }, /code_sent\.pl has a brace/],
      [['x'], /must be an object/],
    ];
    for (const [value, message] of bad)
      await expect(h.agent.settings.setOverrides(tenant, JSON.stringify(value))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(message),
      });
    // Nothing stored: the flow still works with the built-in Polish text.
    const r = await say('c-ovr-pl', 'Chcę zwrócić buty');
    expect(r.state).toBe('awaiting_email');
    await h.agent.settings.setOverrides(
      tenant,
      JSON.stringify({ ask_email: { ko: '주문하신 이메일 주소를 알려 주세요 (서울 스레드).' } }),
    );
    const ko = await say('c-ovr-ko', '반품하고 싶어요');
    expect(partsText(ko.parts)).toContain('(서울 스레드)');
    await h.agent.settings.setOverrides(tenant, '{}');
  });

  it('processes a duplicate inbound message once', async () => {
    w.tests.ok = true;
    await h.agent.settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
    await h.agent.settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
      enabled: true,
      introMessage: 'Hi',
      skills: [],
    });
    for (let i = 0; i < 3; i++)
      await h.send({
        conversationId: 'c-dup',
        text: 'what is your return policy, how many days?',
        messageId: 'same-id',
      });
    await h.send({ conversationId: 'c-dup', text: 'thanks!', messageId: 'next-id' });
    await waitFor(() => h.outbound.some((m) => m.inReplyTo === 'next-id'));
    expect(h.outbound.filter((m) => m.conversationId === 'c-dup').map((m) => m.inReplyTo)).toEqual([
      'same-id',
      'next-id',
    ]);
    const conv = await h.agent.engine.load(tenant, 'c-dup');
    expect(conv?.version).toBe(2);
  });

  it('keeps a decision log per conversation and hands off in limited mode after sharing policy', async () => {
    w.providers = [];
    const r = await say('c-limited', 'I want to return my jacket');
    expect(has(r.parts, 'handoffNotice')).toBe(true);
    expect(partsText(r.parts)).toContain("I can't look up orders here");
    expect(r.state).toBe('handed_off');
    const log = await h.agent.engine.decisionLog(tenant, 'c-limited');
    expect(log.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['language', 'intent', 'tool', 'handoff', 'outcome', 'state']),
    );
    expect(log.find((d) => d.kind === 'tool' && d.tool === 'handoff.Handoff')).toMatchObject({ ok: true });
  });

  it('warns when the policy documents and the eligibility policy disagree on the return window', async () => {
    const w2 = memoryWorld({ customers: {}, windowDays: 30, statedWindow: 14 });
    const h2 = await startHarness({ ports: w2.ports });
    try {
      const s = await h2.agent.settings.skillStatus(tenant);
      expect(s.warnings[0]).toContain('14');
      expect(s.warnings[0]).toContain('30 days');
    } finally {
      await h2.close();
    }
  });
});
