/**
 * A furniture brand's flows (QA, round 8): a fault said about one item stays with that item; what the
 * shopper said about an item's condition holds for the rest of the conversation; the greeting in
 * the shopper's language; a question about an item on screen answered by its decision; a complaint
 * before signing in gets the complaint path.
 */
import { partsText } from '../domain/conversation';
import {
  AS_OF,
  agentPerTest,
  orderCardOf as card,
  citedSections,
  postbacksOf as options,
  signInWith,
} from './harness';
import { answerFromRules, type MemoryWorld, memoryWorld, order, sealedNeedsUnopened } from './memory-ports';

function world(): MemoryWorld {
  const w = memoryWorld({
    customers: {
      eva: {
        email: 'eva@example.com',
        orders: [
          order('o-41', '#DD1041', 'eva', 5, AS_OF, [
            { id: 's1', title: 'Oslo 3-seat sofa', tags: ['excluded'] },
          ]),
          order('o-57', '#DD1057', 'eva', 4, AS_OF, [
            { id: 't1', title: 'Custom oak dining table', tags: ['final-sale'] },
            { id: 't2', title: 'Oak bench' },
          ]),
          order('o-63', '#DD1063', 'eva', 3, AS_OF, [
            { id: 'm1', title: 'Materac piankowy Sen 160x200', tags: ['sealed'] },
            { id: 'm2', title: 'Poduszka lniana' },
          ]),
        ],
      },
    },
  });
  answerFromRules(w, [
    {
      re: /reklamac|rękojmi|warranty|defective|faulty|complaint|불량|하자|보증/iu,
      text: 'Goods not in conformity with the contract can be claimed for 2 years; we pay the shipping.',
      section: 'Complaints',
    },
    {
      re: /return|zwrot|반품/iu,
      text: 'Most items (sofas, tables from the standard range): 30 days from delivery.',
      section: 'Returns',
    },
  ]);
  sealedNeedsUnopened(w);
  return w;
}

describe('a furniture brand (in-memory ports)', () => {
  const w = world();
  const say = agentPerTest(w);
  const signIn = signInWith(say, w);

  it('a fault said about one item is not carried to another order: forgetting it or moving on drops it; said about the order open, naming nothing, it stays (en, pl, ko)', async () => {
    for (const [c, start, fault, moveOn] of [
      [
        'move-en',
        'I want to return something',
        'the table has a crack too actually, so it is defective',
        'ok forget the table. I want to return the sofa then',
      ],
      [
        'move-en2',
        'I want to return something',
        'the table has a crack too actually, so it is defective',
        'I want to return the sofa',
      ],
      [
        'move-pl',
        'chcę zwrócić zamówienie',
        'stół ma pęknięcie, jest wadliwy',
        'dobra, zapomnij o stole. chcę zwrócić sofę',
      ],
      ['move-ko', '반품 신청할게요', '테이블에 금이 갔어요 불량이에요', '테이블은 됐고요 소파 반품할게요'],
    ] as const) {
      await signIn(c, start, 'eva@example.com');
      await say(c, 'DD1057');
      await say(c, fault);
      await say(c, moveOn);
      const r = await say(c, '', { postback: 'order:o-41' });
      const sofa = card(r.parts)?.lines.find((l) => l.lineItemId === 's1');
      expect({
        c,
        order: card(r.parts)?.orderName,
        complaint: /complaint|reklamac|불량|하자/iu.test(sofa?.note ?? ''),
      }).toEqual({
        c,
        order: '#DD1041',
        complaint: false,
      });
    }
    // Said with the sofa's order open, naming no item: every line of that order.
    await signIn('stay-en', 'I want to return something', 'eva@example.com');
    await say('stay-en', 'DD1041');
    await say('stay-en', 'it arrived damaged');
    await say('stay-en', '', { postback: 'intent:start_return' });
    const r = await say('stay-en', '', { postback: 'order:o-41' });
    expect(card(r.parts)?.lines.find((l) => l.lineItemId === 's1')?.note).toMatch(/complaint/u);
  });

  it('asking to swap for another colour or size is an exchange, not a complaint (pl, en, ko)', async () => {
    for (const [c, start, ask] of [
      [
        'swap-pl',
        'chcę wymienić produkt',
        'DD1063 a poduszkę mogę wymienić na inny kolor? ta zieleń jest za ciemna',
      ],
      ['swap-pl2', 'chcę wymienić produkt', 'DD1063 chciałabym inny rozmiar poduszki'],
      ['swap-en', 'I want to exchange something', 'DD1063 can I get the pillow in a different colour?'],
      ['swap-ko', '교환하고 싶어요', 'DD1063 베개 다른 색으로 바꾸고 싶어요'],
    ] as const) {
      await signIn(c, start, 'eva@example.com');
      const r = await say(c, ask);
      const text = partsText(r.parts);
      expect({ c, complaint: /complaint|reklamac|wadliw|faulty|불량|하자/iu.test(text) }).toEqual({
        c,
        complaint: false,
      });
    }
  });

  it('"why not?" after a refusal gets the reasons again and a person one tap away; anger or a threat goes to a person (ko, pl, en)', async () => {
    for (const [c, start, why] of [
      ['why-ko', '반품하고 싶어요', '왜 안돼요? 60일이라면서요'],
      ['why-pl', 'chcę zwrócić zamówienie', 'dlaczego nie? przecież macie 30 dni'],
      ['why-en', 'I want to return something', 'why not? I thought I had 30 days'],
    ] as const) {
      await signIn(c, start, 'eva@example.com');
      await say(c, 'DD1041');
      const r = await say(c, why);
      expect({ c, state: r.state, order: card(r.parts)?.orderName }).toEqual({
        c,
        state: expect.not.stringMatching('handed_off'),
        order: '#DD1041',
      });
      expect(options(r.parts)).toContain('intent:human');
    }
    for (const [c, angry] of [
      ['angry-ko', '왜 안돼요? 말도 안 돼요. 소비자원에 신고할게요'],
      ['angry-pl', 'dlaczego nie? to skandal, zgłoszę to do UOKiK'],
      ['angry-en', 'why not? this is ridiculous, I will file a chargeback'],
    ] as const) {
      await signIn(c, 'I want to return something', 'eva@example.com');
      await say(c, 'DD1041');
      expect({ c, state: (await say(c, angry)).state }).toEqual({ c, state: 'handed_off' });
    }
  });

  it("a gift's recipient, who cannot sign in to the buyer's account, is told so and gets a person (en, pl, ko)", async () => {
    for (const [c, start, gift, words] of [
      [
        'gift-en',
        'I want to return a jacket',
        "i'm not the one who bought it, my friend jieun did. I just have the gift receipt",
        'only look up an order for the person who placed it',
      ],
      [
        'gift-pl',
        'chcę zwrócić kurtkę',
        'dostałam ją w prezencie, nie mam dostępu do maila',
        'tylko dla osoby, która je złożyła',
      ],
      [
        'gift-ko',
        '반품하고 싶어요',
        '친구가 선물로 사 준 거라 주문한 이메일을 몰라요',
        '주문하신 분의 계정으로만',
      ],
    ] as const) {
      await say(c, start);
      const r = await say(c, gift);
      expect({ c, text: partsText(r.parts).includes(words), state: r.state }).toEqual({
        c,
        text: true,
        state: 'idle',
      });
      expect(options(r.parts)).toContain('intent:human');
    }
    // A buyer who mentions the gift signs in as usual.
    for (const [c, start, said] of [
      ['buyer-en', 'I want to return something', 'I bought it as a gift for my sister, she does not like it'],
      ['buyer-pl', 'chcę zwrócić zamówienie', 'kupiłam to na prezent dla siostry, ale jej się nie podoba'],
      ['buyer-ko', '반품하고 싶어요', '동생 선물로 샀는데 마음에 안 든대요'],
    ] as const) {
      await say(c, start);
      const r = await say(c, said);
      expect({ c, state: r.state }).toEqual({ c, state: 'awaiting_email' });
    }
  });

  it('an address sent after telling what is wrong starts the sign-in for it, not a menu (en, pl, ko)', async () => {
    for (const [c, told] of [
      ['mail-en', 'one cushion has a torn seam'],
      ['mail-pl', 'poduszka przyszła rozdarta'],
      ['mail-ko', '쿠션 솔기가 뜯어져서 왔어요'],
    ] as const) {
      await say(c, told);
      const r = await say(c, 'eva@example.com');
      expect({ c, state: r.state }).toEqual({ c, state: 'awaiting_code' });
    }
    // With nothing said before, an address alone still asks what the shopper wants.
    expect((await say('mail-bare', 'eva@example.com')).state).toBe('idle');
  });

  it('"hi, can you check order #… for me" is a look at the order, not only a greeting (en, pl, ko)', async () => {
    for (const [c, asked] of [
      ['check-en', 'hi can you check order #DD1041 for me'],
      ['check-pl', 'cześć, sprawdzisz zamówienie DD1041?'],
      ['check-ko', '안녕하세요 DD1041 주문 확인해 주세요'],
    ] as const) {
      const r = await say(c, asked);
      expect({ c, state: r.state, intent: r.intent }).toEqual({
        c,
        state: 'awaiting_email',
        intent: 'return_status',
      });
    }
    expect((await say('check-hi', 'hi')).intent).toBe('greeting');
  });

  it("what the shopper said about an item's condition holds on the next card of that order, until they say otherwise (pl, en, ko)", async () => {
    for (const [c, start, again, undo] of [
      [
        'opened-pl',
        'materac rozpakowalam z folii i jest za twardy. chce zwrot',
        'DD1063',
        'chcę zwrócić zamówienie DD1063, materac jednak jest nierozpakowany',
      ],
      [
        'opened-en',
        'I unwrapped the mattress and it is too firm, I want to return it',
        'DD1063',
        'I want to return order DD1063, the mattress is still sealed actually, never opened',
      ],
      [
        'opened-ko',
        '매트리스 포장을 뜯었는데 너무 딱딱해요. 반품하고 싶어요',
        'DD1063 주문이요',
        'DD1063 주문 반품할게요, 매트리스는 미개봉이에요',
      ],
    ] as const) {
      const first = await signIn(c, start, 'eva@example.com');
      const seen = card(first.parts) ?? card((await say(c, '', { postback: 'order:o-63' })).parts);
      expect({ c, first: seen?.lines.find((l) => l.lineItemId === 'm1')?.eligible }).toEqual({
        c,
        first: false,
      });
      const r = await say(c, again);
      expect({ c, again: card(r.parts)?.lines.find((l) => l.lineItemId === 'm1')?.eligible }).toEqual({
        c,
        again: false,
      });
      const u = await say(c, undo);
      expect({ c, undo: card(u.parts)?.lines.find((l) => l.lineItemId === 'm1')?.eligible }).toEqual({
        c,
        undo: true,
      });
    }
  });

  it("a question whether an item of the order on screen can be returned gets that item's decision, not the general policy text (en, pl, ko)", async () => {
    for (const [c, start, asked] of [
      [
        'item-en',
        'I want to return something',
        'Can we return the dining table instead? it does not fit the room',
      ],
      ['item-pl', 'chcę zwrócić zamówienie', 'A czy możemy zamiast tego zwrócić stół? nie pasuje do pokoju'],
      ['item-ko', '반품 신청할게요', '그럼 식탁은 반품 가능한가요? 방에 안 맞아요'],
    ] as const) {
      await signIn(c, start, 'eva@example.com');
      await say(c, '', { postback: 'order:o-57' });
      const r = await say(c, asked);
      expect({
        c,
        order: card(r.parts)?.orderName,
        table: card(r.parts)?.lines.find((l) => l.lineItemId === 't1')?.eligible,
        general: /Most items/u.test(partsText(r.parts)),
        startReturn: options(r.parts).includes('intent:start_return'),
      }).toEqual({ c, order: '#DD1057', table: false, general: false, startReturn: false });
    }
    // Naming no item of the order: the documents answer as before.
    await signIn('item-none', 'I want to return something', 'eva@example.com');
    await say('item-none', '', { postback: 'order:o-57' });
    expect(partsText((await say('item-none', 'How many days do I have to return things?')).parts)).toMatch(
      /Most items/u,
    );
  });

  it("a fault or complaint with no order yet cites the documents' complaint rule, as after signing in, and a person is one tap away (pl, ko, en)", async () => {
    for (const [c, said] of [
      ['complaint-pl', 'blat przyszedł pęknięty, mam zdjęcia'],
      ['complaint-ko', '소파 쿠션 솔기가 찢어져서 왔어요'],
      ['complaint-en', 'one cushion has a torn seam'],
    ] as const) {
      const r = await say(c, said);
      expect({
        said,
        cited: citedSections(r.parts),
        person: options(r.parts).includes('intent:human'),
      }).toEqual({
        said,
        cited: ['Complaints'],
        person: true,
      });
    }
  });
});

describe('a final-sale dress: exchange only (QA 8)', () => {
  const w = memoryWorld({
    customers: {
      fern: {
        email: 'fern@example.com',
        orders: [
          order('o-2', '#1002', 'fern', 5, AS_OF, [
            { id: 'd1', title: 'Tulle party dress', tags: ['exchange-only'] },
          ]),
        ],
      },
    },
  });
  const check = w.ports.eligibility.check;
  w.ports.eligibility.check = async (tenant, o, now, locale) =>
    (await check(tenant, o, now, locale)).map((d) => ({
      ...d,
      conditions: ['Returnable only if unworn, with tags.'],
    }));
  const say = agentPerTest(w);

  it('the card says it can be exchanged but not refunded (not "no longer"), each clause a sentence', async () => {
    await say('fs', 'I want to return the tulle party dress');
    await say('fs', 'fern@example.com');
    const r = await say('fs', w.codes.get('fern@example.com')!);
    const text = partsText(r.parts);
    expect(text).toContain('can be exchanged, but not returned for a refund');
    expect(text).not.toContain('no longer');
    expect(card(r.parts)?.lines[0]?.note).toMatch(
      /^can only be exchanged, until [A-Z][a-z]+ \d{1,2}, \d{4}\. Returnable only if unworn, with tags\.$/u,
    );
  });
});
