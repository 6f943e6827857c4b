/**
 * What two more brands showed (QA: a US outdoor / electronics shop and a Korean kids' shop): an
 * order card says only what each line allows (refund, exchange, store credit), a question about
 * returning in person asks for no one, … ko, pl and en, in words of our own.
 */
import type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import type { ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import { partsText } from '../domain/conversation';
import { AS_OF, agentPerTest, orderCardOf as card, postbacksOf as options } from './harness';
import { answerFromRules, type MemoryWorld, memoryWorld, order, type ScriptedRule } from './memory-ports';

const RULES: ScriptedRule[] = [
  {
    re: /gift card|kart\p{L}* podarunkow|상품권|기프트\s*카드/iu,
    text: "Gift cards can't be refunded or exchanged for cash.",
    section: 'Gift cards',
  },
  {
    re: /another size|second size|bigger size|drugi rozmiar|inny rozmiar|wymiana rozmiaru|다른\s*사이즈|사이즈\s*(한\s*번\s*더\s*)?교환/iu,
    text: 'Swapping for another size is free, also the second time.',
    section: 'Size exchanges',
  },
  {
    re: /clearance|outlet|wyprzeda|할인\s*상품|특가/iu,
    text: 'Clearance items may only be exchanged for another size; there is no refund on them.',
    section: 'Clearance',
  },
  {
    re: /swimwear|swim|kąpiel|kapiel|수영복/iu,
    text: "We don't take back swimwear once the hygiene strip is removed.",
    section: 'Swimwear',
  },
];

/** The order shipped to that country. */
function abroad(o: Order, countryCode: string): Order {
  return { ...o, shippingAddress: { countryCode, zip: '', city: '' } };
}

function world(): MemoryWorld {
  const w = memoryWorld({
    customers: {
      mia: {
        email: 'mia@example.com',
        orders: [
          // Nothing in it can be refunded any more, everything exchanged.
          order('o-71', '#7101', 'mia', 5, AS_OF, [
            { id: 'x1', title: 'Trail runner', tags: ['exchange-only'] },
            { id: 'x2', title: 'Rain shell', tags: ['exchange-only'] },
          ]),
          // One line refundable, one exchange only.
          order('o-72', '#7102', 'mia', 5, AS_OF, [
            { id: 'y1', title: 'Camp mug' },
            { id: 'y2', title: 'Fleece vest', tags: ['exchange-only'] },
          ]),
          // One line exchange only, the other refused.
          order('o-73', '#7103', 'mia', 5, AS_OF, [
            { id: 'z1', title: 'Beanie', tags: ['exchange-only'] },
            { id: 'z2', title: 'Gift voucher', tags: ['gift-card'] },
          ]),
          // Store credit only.
          order('o-74', '#7104', 'mia', 5, AS_OF, [
            { id: 'c1', title: 'Tent footprint', tags: ['store-credit-only'] },
          ]),
        ],
      },
      lee: {
        email: 'lee@example.com',
        orders: [
          abroad(order('o-81', '#RG5101', 'lee', 2, AS_OF, [{ id: 'h1', title: 'LED Headlamp' }]), 'US'),
          abroad(
            order('o-82', '#RG5102', 'lee', 6, AS_OF, [
              { id: 't1', title: 'Dome Tent 2P' },
              { id: 'g1', title: 'Handheld GPS' },
            ]),
            'JP',
          ),
          abroad(order('o-83', '#RG5103', 'lee', 9, AS_OF, [{ id: 't2', title: 'Tent Footprint' }]), 'US'),
        ],
      },
    },
  });
  answerFromRules(w, RULES);
  return w;
}

const links = (parts: ReplyPart[]) =>
  parts.flatMap((p) => (p.part?.$case === 'linkButton' ? [p.part.value.label] : []));

describe('an outdoor shop and a kids shop (in-memory ports)', () => {
  const w = world();
  const say = agentPerTest(w);

  const open = async (c: string, start: string, orderName: string) => {
    await say(c, start);
    await say(c, 'mia@example.com');
    await say(c, w.codes.get('mia@example.com')!);
    return say(c, orderName);
  };

  it("an order card's headline, labels and buttons follow what each line allows (en, ko, pl)", async () => {
    const cases = [
      ['en', 'I want to return something'],
      ['ko', '반품하고 싶어요'],
      ['pl', 'Chcę zwrócić zamówienie'],
    ] as const;
    const refundWords = { en: /returned|refund/iu, ko: /반품 가능|반품이 가능|반품 또는/u, pl: /zwrócić/u };
    for (const [lang, start] of cases) {
      // Exchange only, every line: no "can be returned", no Start return.
      let r = await open(`all-x-${lang}`, start, '#7101');
      let c = card(r.parts)!;
      expect({ lang, buttons: c.buttons.map((b) => b.label) }).toEqual({
        lang,
        buttons: [{ en: 'Start exchange', ko: '교환 시작', pl: 'Rozpocznij wymianę' }[lang]],
      });
      for (const l of c.lines)
        expect({ lang, note: l.note }).not.toEqual({ lang, note: expect.stringMatching(refundWords[lang]) });
      const headline = partsText(r.parts).split('\n')[0]!;
      expect({ lang, headline }).not.toEqual({
        lang,
        headline: expect.stringMatching(/Good news|반품 또는|zwrócić lub/u),
      });

      // One line of each: both buttons, each line labelled by what it allows.
      r = await open(`mixed-${lang}`, start, '#7102');
      c = card(r.parts)!;
      expect(c.buttons.length).toBe(2);
      const vest = c.lines.find((l) => l.lineItemId === 'y2')!;
      const mug = c.lines.find((l) => l.lineItemId === 'y1')!;
      expect({ lang, vest: vest.note }).toEqual({
        lang,
        vest: expect.stringMatching({ en: /only be exchanged/u, ko: /교환만/u, pl: /tylko wymienić/u }[lang]),
      });
      expect(mug.note).toMatch(refundWords[lang]);
      expect(partsText(r.parts)).not.toMatch(/Good news|반품 또는 교환이 가능|zwrócić lub wymienić/u);

      // Exchange only next to a refused line: "some can be exchanged", and no Start return.
      r = await open(`some-x-${lang}`, start, '#7103');
      c = card(r.parts)!;
      expect(c.buttons.map((b) => b.label)).toEqual([
        { en: 'Start exchange', ko: '교환 시작', pl: 'Rozpocznij wymianę' }[lang],
      ]);
      expect(partsText(r.parts).split('\n')[0]).toMatch(
        { en: /can be exchanged/u, ko: /교환할 수 있어요/u, pl: /można wymienić/u }[lang],
      );
    }
    // Store credit only: a return, said as store credit.
    const r = await open('credit-en', 'I want to return something', '#7104');
    expect(card(r.parts)!.lines[0]!.note).toMatch(/store credit/u);
    expect(card(r.parts)!.buttons.map((b) => b.label)).toEqual(['Start return']);
  });

  it('a cited rule that leaves only an exchange offers Start exchange; one that refuses offers no Start (en, pl, ko)', async () => {
    for (const [c, q] of [
      ['cl-en', 'Can I return a clearance jacket?'],
      ['cl-pl', 'Czy mogę zwrócić kurtkę z wyprzedaży?'],
      ['cl-ko', '특가 상품도 반품할 수 있나요?'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, options: options(r.parts) }).toEqual({ q, options: ['intent:start_exchange'] });
    }
    for (const [c, q] of [
      ['sw-en', 'Can I return swimwear I tried on?'],
      ['sw-pl', 'Czy mogę zwrócić strój kąpielowy?'],
      ['sw-ko', '수영복 반품 가능한가요?'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, options: options(r.parts) }).not.toEqual({
        q,
        options: expect.arrayContaining(['intent:start_return']),
      });
    }
    expect(links([])).toEqual([]);
  });

  it('returning "in person" is a question about how, not a request for a person; asking for one still is (en, pl, ko)', async () => {
    for (const [c, q] of [
      ['ip-en', 'Could I bring the boots back in person to one of your shops?'],
      ['ip-en2', 'is an in-person drop-off at the outlet possible?'],
      ['ip-pl', 'Czy mogę osobiście oddać kurtkę w waszym sklepie?'],
      ['ip-ko', '매장에 직접 방문해서 반품할 수 있나요?'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, state: r.state }).not.toEqual({
        q,
        intent: 'human',
        state: 'handed_off',
      });
      expect({ q, state: r.state }).toEqual({ q, state: 'idle' });
    }
    expect(w.handoffs).toEqual([]);
    for (const [c, q] of [
      ['pp-en', 'could I talk to an actual person please'],
      ['pp-pl', 'Wolę porozmawiać z żywą osobą'],
      ['pp-ko', '사람이랑 직접 얘기하고 싶어요'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, intent: r.intent, state: r.state }).toEqual({ q, intent: 'human', state: 'handed_off' });
    }
  });

  it('an order is picked by what was in it, where it went, or its return — also after another one was opened (en, ko, pl)', async () => {
    const signIn = async (c: string, start: string) => {
      await say(c, start);
      await say(c, 'lee@example.com');
      return say(c, w.codes.get('lee@example.com')!);
    };
    const orderPicks = (parts: ReplyPart[]) => options(parts).filter((o) => o.startsWith('order:'));
    // The headlamp order opens; "not that one, the one with …" opens the other.
    let r = await signIn('pk-en', 'I need to send back the headlamp');
    expect(card(r.parts)?.orderName).toBe('#RG5101');
    r = await say('pk-en', 'no, wrong one - I meant the order with the tent and the gps unit');
    expect(card(r.parts)?.orderName).toBe('#RG5102');

    // Two orders with a tent: only those two are offered.
    r = await signIn('pk-two', 'I want to return something');
    expect(orderPicks(r.parts).length).toBe(3);
    r = await say('pk-two', 'the tent one');
    expect({ card: card(r.parts)?.orderName, picks: orderPicks(r.parts) }).toEqual({
      card: undefined,
      picks: ['order:o-82', 'order:o-83'],
    });
    expect(r.state).toBe('awaiting_order_choice');

    // By the country it was shipped to, as the shopper names it.
    for (const [c, start, pick] of [
      ['pk-ko', '반품하고 싶어요', '일본으로 보낸 주문이요'],
      ['pk-pl', 'Chcę zwrócić zamówienie', 'to wysłane do Japonii'],
      ['pk-en2', 'I want to return an order', 'the one I had shipped to Japan'],
    ] as const) {
      await signIn(c, start);
      r = await say(c, pick);
      expect({ pick, order: card(r.parts)?.orderName }).toEqual({ pick, order: '#RG5102' });
    }

    // A refund asked about by what was in the order: that order's return, not its eligibility.
    w.returns.set('o-81', [{ returnId: 'x', state: 'received', refundState: 'pending' }]);
    w.returns.set('o-83', [{ returnId: 'y', state: 'requested', refundState: 'pending' }]);
    try {
      r = await signIn('st-en', 'I want to return the tent footprint');
      expect(card(r.parts)?.orderName).toBe('#RG5103');
      r = await say('st-en', 'where is my refund for the headlamp?');
      expect({ card: card(r.parts)?.orderName, text: partsText(r.parts) }).toEqual({
        card: undefined,
        text: expect.stringContaining('#RG5101'),
      });
      expect(partsText(r.parts)).not.toContain('#RG5103');
    } finally {
      w.returns.clear();
    }
  });

  it('a policy question the documents answer starts no sign-in unless the shopper asked to start (en, pl, ko)', async () => {
    for (const [c, q, offered] of [
      ['pq-en', 'is the exchange for a bigger size free too?', 'intent:start_exchange'],
      ['pq-en2', 'would swapping to another size be free as well?', 'intent:start_exchange'],
      ['pq-pl', 'czy druga wymiana rozmiaru też jest za darmo?', 'intent:start_exchange'],
      ['pq-ko', '사이즈 한번 더 교환해도 무료인가요?', 'intent:start_exchange'],
      ['gc-en', 'can I get my money back for an unused gift card?', 'intent:human'],
      ['gc-pl', 'Czy mogę dostać zwrot pieniędzy za kartę podarunkową?', 'intent:human'],
      ['gc-ko', '모바일 상품권 환불 받을 수 있나요?', 'intent:human'],
    ] as const) {
      const r = await say(c, q);
      expect({ q, state: r.state }).toEqual({ q, state: 'idle' });
      // The way the rule leaves open; after a refusal, never a Start button.
      if (offered === 'intent:human')
        expect({ q, options: options(r.parts) }).not.toEqual({
          q,
          options: expect.arrayContaining(['intent:start_return']),
        });
      else expect({ q, options: options(r.parts) }).toEqual({ q, options: [offered] });
      expect(partsText(r.parts)).not.toMatch(/e-?mail|이메일/iu);
    }
    // Asked to start, with a question beside it: the answer, then the sign-in.
    const r = await say('pq-go', 'I want to exchange my boots for another size, is that free?');
    expect(r.state).toBe('awaiting_email');
  });
});
