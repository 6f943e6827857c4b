import { partsText } from '../domain/conversation';
import { languageRequest } from '../domain/language';
import { AS_OF, agentPerTest, orderCardOf as card, postbacksOf as options, signInWith } from './harness';
import {
  answerFromRules,
  type MemoryWorld,
  memoryWorld,
  order,
  type ScriptedRule,
  sealedNeedsUnopened,
} from './memory-ports';

/** The condition the eligibility service states for a line tagged 'sealed', per language. */
/** Rules the brand's documents state, found by the words a shopper (or the agent) would use. */
const RULES: ScriptedRule[] = [
  {
    re: /reklamac|rękojmi|warranty|defective|faulty|불량|하자|보증/iu,
    text: 'Goods not in conformity with the contract can be claimed for 2 years; we pay the shipping.',
    section: 'Complaints',
  },
  {
    re: /who pays|kto płaci|kto placi|누가\s*내/iu,
    text: 'Return shipping is paid by the customer.',
    section: 'Return shipping',
  },
];

function world(): MemoryWorld {
  const w = memoryWorld({
    customers: {
      eve: {
        email: 'eve@example.com',
        orders: [
          order('e-1', '#AB2101', 'eve', 3, AS_OF, [
            { id: 'l1', title: 'Matte lipstick', tags: ['sealed'] },
            { id: 'l2', title: 'Forest perfume 50 ml', tags: ['sealed'] },
            { id: 'l3', title: 'Linen pouch' },
          ]),
        ],
      },
      ala: {
        email: 'ala@example.pl',
        orders: [
          order('p-1', '#AB2001', 'ala', 3, AS_OF, [
            { id: 'a1', title: 'Woda toaletowa Las 50 ml', tags: ['sealed'] },
            { id: 'a2', title: 'Balsam do ciała', tags: ['sealed'] },
            { id: 'a3', title: 'Torebka lniana' },
          ]),
          order('p-2', '#AB2002', 'ala', 4, AS_OF, [{ id: 'b1', title: 'Szminka nr 5' }]),
          order('p-3', '#AB2003', 'ala', 5, AS_OF, [
            { id: 'c1', title: 'Mydło ręcznie robione', tags: ['excluded'] },
          ]),
        ],
      },
      jun: {
        email: 'jun@example.kr',
        orders: [
          order('k-1', '#40201', 'jun', 3, AS_OF, [
            { id: 'd1', title: '무선 스피커 S3', tags: ['sealed'] },
            { id: 'd2', title: '충전 케이블' },
          ]),
          order('k-2', '#40202', 'jun', 4, AS_OF, [{ id: 'e1', title: '노트북 거치대', tags: ['excluded'] }]),
        ],
      },
    },
  });
  answerFromRules(w, RULES);
  sealedNeedsUnopened(w);
  return w;
}

describe("shoppers' own words (in-memory ports)", () => {
  const w = world();
  const say = agentPerTest(w, () => {
    w.statusUnsupported = false;
  });
  const signIn = signInWith(say, w);

  it('an order number in any spelling opens that order of the shopper: prefix typed apart or left out, full-width digits, thousands separators (pl, ko, en)', async () => {
    for (const [lang, start, email, typed, name] of [
      ['pl', 'chcę zwrócić zamówienie', 'ala@example.pl', 'ab-2002', '#AB2002'],
      ['pl', 'chcę zwrócić zamówienie', 'ala@example.pl', 'a co z zamówieniem #AB 2003?', '#AB2003'],
      ['pl', 'chcę zwrócić zamówienie', 'ala@example.pl', 'nr 2002', '#AB2002'],
      ['pl', 'chcę zwrócić zamówienie', 'ala@example.pl', 'AB２００３', '#AB2003'],
      ['en', 'I want to return my order', 'ala@example.pl', 'order ab 2002 please', '#AB2002'],
      ['ko', '반품 신청할게요', 'jun@example.kr', '４０２０１번 주문이요', '#40201'],
      ['ko', '반품 신청할게요', 'jun@example.kr', '#４０２０２', '#40202'],
      ['ko', '반품 신청할게요', 'jun@example.kr', '주문번호 40,202', '#40202'],
    ] as const) {
      const c = `ref-${lang}-${typed}`;
      await signIn(c, start, email);
      const r = await say(c, typed);
      expect({ typed, order: card(r.parts)?.orderName }).toEqual({ typed, order: name });
    }
  });

  it('an order number given before signing in is used once signed in (pl, en, ko)', async () => {
    for (const [c, start, email, name] of [
      ['early-pl', 'chcę zwrócić zamówienie AB 2001', 'ala@example.pl', '#AB2001'],
      ['early-en', 'I want to return order ab-2002', 'ala@example.pl', '#AB2002'],
      ['early-ko', '주문번호 ４０２０２ 반품하고 싶어요', 'jun@example.kr', '#40202'],
    ] as const) {
      const r = await signIn(c, start, email);
      expect({ start, order: card(r.parts)?.orderName }).toEqual({ start, order: name });
    }
  });

  it('an order number that cannot be read is asked for again with the orders to tap, never handed off (ko, pl, en)', async () => {
    for (const [c, start, email, typed] of [
      ['unread-ko', '반품 신청할게요', 'jun@example.kr', '삼만이백일번 주문'],
      ['unread-pl', 'chcę zwrócić zamówienie', 'ala@example.pl', 'numer zamówienia: dwa tysiące'],
      ['unread-en', 'I want to return my order', 'ala@example.pl', 'order number two thousand one'],
    ] as const) {
      await signIn(c, start, email);
      for (let i = 0; i < 3; i++) {
        const r = await say(c, typed);
        expect({
          typed,
          state: r.state,
          picks: options(r.parts).some((o) => o.startsWith('order:')),
        }).toEqual({
          typed,
          state: 'awaiting_order_choice',
          picks: true,
        });
      }
    }
    expect(w.handoffs).toEqual([]);
  });

  it('an item named in another language than its title picks the order it is in (en, ko, pl)', async () => {
    for (const [c, start, email, name] of [
      ['kind-en', 'I want to return the lipstick', 'ala@example.pl', '#AB2002'],
      ['kind-ko', '립스틱 반품하고 싶어요', 'ala@example.pl', '#AB2002'],
      ['kind-pl', 'chcę zwrócić głośnik', 'jun@example.kr', '#40201'],
    ] as const) {
      const r = await signIn(c, start, email);
      expect({ start, order: card(r.parts)?.orderName }).toEqual({ start, order: name });
    }
  });

  it("the items the shopper names are the link's; one they say is opened, under a condition about opening, is left out with the condition (pl, ko, en)", async () => {
    for (const [c, email, text, name, link, opened, note] of [
      [
        'items-pl',
        'ala@example.pl',
        'Zamówienie AB2001: chcę oddać torebkę i balsam, wodę toaletową otworzyłam',
        '#AB2001',
        'lines=a2,a3',
        'a1',
        'otwarty',
      ],
      [
        'items-ko',
        'jun@example.kr',
        '40201 스피커는 개봉했어요. 케이블만 반품할게요',
        '#40201',
        'lines=d2',
        'd1',
        '개봉',
      ],
      [
        'items-en',
        'eve@example.com',
        'order AB2101: I want to return the perfume and the pouch, I opened the lipstick',
        '#AB2101',
        'lines=l2,l3',
        'l1',
        'opened',
      ],
    ] as const) {
      await signIn(
        c,
        c.endsWith('ko')
          ? '반품 신청할게요'
          : c.endsWith('pl')
            ? 'chcę zwrócić zamówienie'
            : 'I want to return my order',
        email,
      );
      const r = await say(c, text);
      const cd = card(r.parts);
      const line = cd?.lines.find((l) => l.lineItemId === opened);
      expect({
        text,
        order: cd?.orderName,
        link: cd?.buttons[0]?.url.match(/lines=[^&]*/)?.[0],
        opened: line?.eligible,
        note: line?.note.includes(note),
      }).toEqual({ text, order: name, link, opened: false, note: true });
    }
  });

  it('the items named before signing in pick the lines once signed in; "still sealed" opens nothing (en, pl)', async () => {
    let r = await signIn(
      'early-items',
      'I want to return the perfume from my order, the lipstick too, it is still sealed',
      'eve@example.com',
    );
    expect(card(r.parts)?.buttons[0]?.url.match(/lines=[^&]*/)?.[0]).toBe('lines=l1,l2');
    expect(card(r.parts)?.lines.every((l) => l.eligible)).toBe(true);
    r = await signIn('early-items-pl', 'chcę zwrócić balsam, nie otwierałam go', 'ala@example.pl');
    expect(card(r.parts)?.buttons[0]?.url.match(/lines=[^&]*/)?.[0]).toBe('lines=a2');
  });

  it('a fault or a wrong item told with an order is a defect claim: the cited complaint rule and a way forward, never a status answer or "cannot be returned" (ko, pl, en)', async () => {
    for (const [c, start, email, text] of [
      [
        'defect-ko',
        '반품 신청할게요',
        'jun@example.kr',
        '40202 거치대가 불량이에요 한쪽이 흔들려요 받은지 열흘 됐어요',
      ],
      [
        'defect-pl',
        'chcę zwrócić zamówienie',
        'ala@example.pl',
        'AB2003 - chcę zwrócić mydło, napis jest z błędem',
      ],
      ['defect-en', 'I want to return my order', 'ala@example.pl', 'order AB2003: the soap arrived broken'],
    ] as const) {
      await signIn(c, start, email);
      const r = await say(c, text);
      const sections = r.parts.flatMap((p) =>
        p.part?.$case === 'citations' ? p.part.value.items.map((i) => i.section) : [],
      );
      expect({ text, card: card(r.parts)?.orderName, sections, options: options(r.parts) }).toEqual({
        text,
        card: undefined,
        sections: ['Complaints'],
        options: ['intent:start_return', 'intent:human'],
      });
    }
    // Given before signing in, the same.
    const r = await signIn(
      'defect-early',
      'chcę zwrócić zamówienie AB2003, mydło przyszło uszkodzone',
      'ala@example.pl',
    );
    expect(options(r.parts)).toEqual(['intent:start_return', 'intent:human']);
    expect(w.handoffs).toEqual([]);
  });

  it('a request about the language switches it and is never looked up; the rest of the message is answered (en, pl, ko)', async () => {
    for (const [c, first, text, lang] of [
      [
        'lang-en',
        '기프트 카드 반품 돼요?',
        'Can you answer in English please? Can I return a gift card?',
        'en',
      ],
      [
        'lang-en2',
        'Czy mogę zwrócić karty podarunkowe?',
        'ok and back to english: can i return a gift card?',
        'en',
      ],
      [
        'lang-pl',
        'Can I return a gift card?',
        'Właściwie wolę po polsku. Czy mogę zwrócić karty podarunkowe?',
        'pl',
      ],
      ['lang-ko', 'Can I return a gift card?', '다시 한국어로요. 기프트 카드 반품 돼요?', 'ko'],
    ] as const) {
      await say(c, first);
      const r = await say(c, text);
      expect({ text, language: r.language, said: partsText(r.parts) }).toEqual({
        text,
        language: lang,
        said: expect.stringContaining('Gift cards cannot be returned.'),
      });
      // The request itself is not named as a question the documents don't answer.
      expect(partsText(r.parts)).not.toMatch(/english|wolę|한국어로요|couldn't find|nie znalaz|찾지 못/iu);
    }
    const alone = await say('lang-alone', 'Can you answer in Korean please?');
    expect(alone.language).toBe('ko');
    expect(partsText(alone.parts)).toContain('한국어로');
    // Naming a language is not asking for it.
    expect(languageRequest('Is the manual in Polish?')).toBeUndefined();
    expect(languageRequest('Do you ship to Korea?')).toBeUndefined();
  });

  it('two questions joined by "and" / "i" get two answers (en, pl; ko with 그리고 as before)', async () => {
    for (const [c, text] of [
      ['two-en', 'how long do i have to return my jacket and who pays shipping?'],
      ['two-en2', "What's the return window for that exchange and who pays shipping?"],
      ['two-pl', 'ile mam dni na zwrot i kto płaci za wysyłkę?'],
      ['two-ko', '반품 기간은 며칠이에요? 그리고 배송비는 누가 내요?'],
      // As chat is typed (QA 8): no question mark, a greeting in front, a numbered list.
      ['two-en3', 'hi, how long do i have to return stuff and who pays shipping'],
      ['two-pl2', 'Dzień dobry, ile mam dni na zwrot i kto płaci za wysyłkę'],
      ['two-pl3', 'witam mam 2 pytania: 1) ile mam dni na zwrot kurtki 2) kto placi za kuriera'],
    ] as const) {
      const r = await say(c, text);
      const sections = r.parts.flatMap((p) =>
        p.part?.$case === 'citations' ? p.part.value.items.map((i) => i.section) : [],
      );
      expect({ text, sections }).toEqual({ text, sections: ['Return window', 'Return shipping'] });
    }
    // One question with "and" in it stays one.
    const one = await say('two-one', 'Can I return and exchange a gift card?');
    expect(partsText(one.parts)).toContain('Gift cards cannot be returned.');
  });
});
