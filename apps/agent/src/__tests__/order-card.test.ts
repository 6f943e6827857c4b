/**
 * The order card as the shopper reads it (QA 4): items named in another language than the store's
 * titles, the headline of an exchange, and "Start return" after a defect claim.
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
import { answerFromRules, type MemoryWorld, memoryWorld, order } from './memory-ports';

function world(): MemoryWorld {
  const w = memoryWorld({
    customers: {
      // A Polish store's titles, an English-speaking shopper.
      mia: {
        email: 'mia@example.com',
        orders: [
          order('m-1', '#AB3101', 'mia', 3, AS_OF, [
            { id: 'm1', title: 'Pomadka matowa' },
            { id: 'm2', title: 'Torebka lniana' },
            { id: 'm3', title: 'Krem do rąk' },
          ]),
        ],
      },
      // Two pairs of shoes.
      kim: {
        email: 'kim@example.com',
        orders: [
          order('k-1', '#AB3201', 'kim', 3, AS_OF, [
            { id: 'k1', title: 'Trampki miejskie' },
            { id: 'k2', title: 'Kozaki zimowe' },
            { id: 'k3', title: 'Torebka lniana' },
          ]),
        ],
      },
      // Exchanges: an order whose lines all go back, one with a final-sale line, one for store
      // credit only.
      ...Object.fromEntries(
        (['en', 'pl', 'ko'] as const).map((lang, i) => [
          `swap-${lang}`,
          {
            email: `swap-${lang}@example.com`,
            orders: [
              order(`x-${lang}-1`, `#EX${i}01`, `swap-${lang}`, 3, AS_OF, [
                { id: `x${i}a`, title: 'Linen shirt' },
                { id: `x${i}b`, title: 'Denim pants' },
              ]),
              order(`x-${lang}-2`, `#EX${i}02`, `swap-${lang}`, 4, AS_OF, [
                { id: `x${i}c`, title: 'Linen shirt' },
                { id: `x${i}d`, title: 'Bucket hat', tags: ['final-sale'] },
              ]),
              order(`x-${lang}-3`, `#EX${i}03`, `swap-${lang}`, 5, AS_OF, [
                { id: `x${i}e`, title: 'Wool scarf', tags: ['store-credit-only'] },
              ]),
            ],
          },
        ]),
      ),
      // Faulty items of kinds the store takes back by choice never (excluded, final sale).
      ada: {
        email: 'ada@example.pl',
        orders: [
          order('d-1', '#AB3301', 'ada', 5, AS_OF, [
            { id: 'd1', title: 'Mydło ręcznie robione', tags: ['excluded'] },
            { id: 'd2', title: 'Krem do rąk' },
          ]),
        ],
      },
      min: {
        email: 'min@example.kr',
        orders: [
          order('n-1', '#40501', 'min', 5, AS_OF, [{ id: 'n1', title: '노트북 거치대', tags: ['excluded'] }]),
        ],
      },
      joe: {
        email: 'joe@example.com',
        orders: [
          order('j-1', '#AB3401', 'joe', 5, AS_OF, [
            { id: 'j1', title: 'Clearance desk lamp', tags: ['final-sale'] },
            { id: 'j2', title: 'Clearance linen pouch', tags: ['final-sale'] },
          ]),
        ],
      },
      // A Korean store's titles.
      sam: {
        email: 'sam@example.com',
        orders: [
          order('s-1', '#40301', 'sam', 3, AS_OF, [
            { id: 's1', title: '스마트워치 S5' },
            { id: 's2', title: '스마트워치 밴드' },
            { id: 's3', title: '충전 케이블' },
          ]),
        ],
      },
      // An English store's titles, Polish and Korean shoppers.
      ola: {
        email: 'ola@example.pl',
        orders: [
          order('o-1', '#EN5001', 'ola', 3, AS_OF, [
            { id: 'o1', title: 'Matte lipstick' },
            { id: 'o2', title: 'iPhone 15 case' },
            { id: 'o3', title: 'Leather sneakers' },
          ]),
        ],
      },
    },
  });
  answerFromRules(w, [
    {
      re: /reklamac|rękojmi|warranty|defective|faulty|불량|하자|보증/iu,
      text: 'Goods not in conformity with the contract can be claimed for 2 years; we pay the shipping.',
      section: 'Complaints',
    },
  ]);
  return w;
}

const linkLines = (r: { parts: Parameters<typeof card>[0] }) =>
  card(r.parts)?.buttons[0]?.url.match(/lines=[^&]*/)?.[0];

describe('the order card (in-memory ports)', () => {
  const w = world();
  const say = agentPerTest(w);
  const signIn = signInWith(say, w);

  it('an item named in another language than its title picks its line for the link (en, pl, ko)', async () => {
    for (const [c, start, email, text, link] of [
      [
        'kind-en',
        'I want to return my order',
        'mia@example.com',
        'order AB3101: I want to return the lipstick',
        'lines=m1',
      ],
      [
        'kind-en2',
        'I want to return my order',
        'sam@example.com',
        'order 40301, the watch band please',
        'lines=s2',
      ],
      // The watch, not its band.
      [
        'kind-en3',
        'I want to return my order',
        'sam@example.com',
        'order 40301, I want to return the watch',
        'lines=s1',
      ],
      [
        'kind-pl',
        'chcę zwrócić zamówienie',
        'ola@example.pl',
        'Zamówienie EN5001: chcę oddać szminkę i etui na telefon',
        'lines=o1,o2',
      ],
      ['kind-ko', '반품 신청할게요', 'ola@example.pl', 'EN5001 주문 운동화만 반품할게요', 'lines=o3'],
    ] as const) {
      await signIn(c, start, email);
      const r = await say(c, text);
      expect({ text, link: linkLines(r), lines: card(r.parts)?.lines.length }).toEqual({
        text,
        link,
        lines: 3,
      });
    }
  });

  it('a kind of item several lines fit alike, or none, leaves the link as it was: every returnable line (en, pl)', async () => {
    for (const [c, start, email, text, link] of [
      [
        'vague-en',
        'I want to return my order',
        'kim@example.com',
        'order AB3201: I want to return the shoes',
        'lines=k1,k2,k3',
      ],
      [
        'vague-pl',
        'chcę zwrócić zamówienie',
        'ola@example.pl',
        'Zamówienie EN5001: chcę oddać sukienkę',
        'lines=o1,o2,o3',
      ],
    ] as const) {
      await signIn(c, start, email);
      expect({ text, link: linkLines(await say(c, text)) }).toEqual({ text, link });
    }
  });

  it('an exchange asked for gets a card that speaks of exchanging: headline and line notes (ko, pl, en)', async () => {
    const said = {
      ko: {
        start: '교환하고 싶어요',
        all: '주문 #EX201의 상품은 교환(또는 반품)이 가능해요.',
        some: '주문 #EX202의 일부 상품만 교환할 수 있어요:',
        none: '주문 #EX203의 상품은 교환은 어렵고 반품만 가능해요:',
        note: '교환(또는 반품) 가능',
        ref: (n: string) => `${n}번 주문이요`,
      },
      pl: {
        start: 'chcę wymienić produkt',
        all: 'Dobra wiadomość: produkty z zamówienia #EX101 można wymienić (lub zwrócić).',
        some: 'Część produktów z zamówienia #EX102 można wymienić, a części nie:',
        none: 'Produktów z zamówienia #EX103 nie można wymienić, ale można je zwrócić:',
        note: 'można wymienić (lub zwrócić) do',
        ref: (n: string) => `zamówienie ${n}`,
      },
      en: {
        start: 'I want to exchange an item',
        all: 'Good news: the items in order #EX001 can be exchanged (or returned).',
        some: 'Some items in order #EX002 can be exchanged, others cannot:',
        none: "The items in order #EX003 can't be exchanged, but they can be returned:",
        note: 'can be exchanged (or returned) until',
        ref: (n: string) => `order ${n}`,
      },
    } as const;
    for (const [lang, i] of [
      ['ko', 2],
      ['pl', 1],
      ['en', 0],
    ] as const) {
      const s = said[lang];
      for (const [n, headline] of [
        [`EX${i}02`, s.some],
        [`EX${i}01`, s.all],
        [`EX${i}03`, s.none],
      ] as const) {
        const c = `swap-${lang}-${n}`;
        await signIn(c, s.start, `swap-${lang}@example.com`);
        const r = await say(c, s.ref(n));
        const cd = card(r.parts);
        expect({ lang, n, headline: partsText(r.parts).split('\n')[0] }).toEqual({ lang, n, headline });
        if (n.endsWith('03')) continue;
        expect({ lang, n, note: cd?.lines.find((l) => l.eligible)?.note }).toEqual({
          lang,
          n,
          note: expect.stringContaining(s.note),
        });
        expect(cd?.buttons[0]?.url).toContain('r=exchange');
      }
    }
  });

  it('"Start return" after a defect claim: the faulty item is a complaint, never "can\'t be returned" for its kind (pl, ko, en)', async () => {
    for (const [c, start, email, claim, faulty, note, headline, link, refusedToo] of [
      [
        'fault-pl',
        'chcę zwrócić zamówienie',
        'ada@example.pl',
        'AB3301 - mydło przyszło uszkodzone',
        'd1',
        'reklamację',
        'Oto co można zrobić z każdym produktem z zamówienia #AB3301:',
        'lines=d2',
        undefined,
      ],
      [
        'fault-ko',
        '반품 신청할게요',
        'min@example.kr',
        '40501 거치대가 불량이에요 한쪽이 흔들려요',
        'n1',
        '불량(하자)',
        '주문 #40501의 불량 상품은 불량(하자) 접수로 처리돼요:',
        undefined,
        undefined,
      ],
      [
        'fault-en',
        'I want to return my order',
        'joe@example.com',
        'order AB3401: the desk lamp arrived broken',
        'j1',
        'handled as a complaint',
        'Here is what you can do with each item in order #AB3401:',
        undefined,
        // The pouch nobody called faulty stays a final-sale item.
        'j2',
      ],
    ] as const) {
      await signIn(c, start, email);
      const claimed = await say(c, claim);
      expect(options(claimed.parts)).toEqual(['intent:start_return', 'intent:human']);
      const r = await say(c, '', { postback: 'intent:start_return' });
      const cd = card(r.parts);
      const line = cd?.lines.find((l) => l.lineItemId === faulty);
      expect({
        c,
        headline: partsText(r.parts).split('\n')[0],
        note: line?.note,
        link: linkLines(r),
        cited: citedSections(r.parts),
        options: options(r.parts),
      }).toEqual({
        c,
        headline,
        note: expect.stringContaining(note),
        link,
        cited: expect.arrayContaining(['Complaints']),
        options: ['intent:human'],
      });
      // Not the rule for returns by choice as the reason.
      expect(line?.note).not.toMatch(/kategoria|제외된|kind of product|final.sale/iu);
      if (refusedToo)
        expect(cd?.lines.find((l) => l.lineItemId === refusedToo)?.note).toMatch(/final.sale/iu);
    }
    // "…a person from our team can take it from here": yes hands it off.
    await say('fault-ko', '네');
    expect(w.handoffs).toHaveLength(1);
  });

  it('a fault said not to be there is no complaint: the card refuses the item by the rules for returns by choice (en, pl, ko)', async () => {
    for (const [c, start, email, text, name, line, complaint] of [
      [
        'nofault-en',
        'I want to return my order',
        'joe@example.com',
        "order AB3401: the desk lamp isn't broken, I just don't like it",
        '#AB3401',
        'j1',
        'complaint',
      ],
      [
        'nofault-pl',
        'chcę zwrócić zamówienie',
        'ada@example.pl',
        'AB3301 - mydło nie jest uszkodzone, po prostu mi się nie podoba',
        '#AB3301',
        'd1',
        'reklamację',
      ],
      [
        'nofault-ko',
        '반품 신청할게요',
        'min@example.kr',
        '40501 거치대가 고장 난 건 아니고 그냥 마음에 안 들어요',
        '#40501',
        'n1',
        '불량(하자)',
      ],
    ] as const) {
      await signIn(c, start, email);
      const r = await say(c, text);
      const l = card(r.parts)?.lines.find((x) => x.lineItemId === line);
      expect({
        c,
        order: card(r.parts)?.orderName,
        eligible: l?.eligible,
        complaint: l?.note.includes(complaint),
      }).toEqual({
        c,
        order: name,
        eligible: false,
        complaint: false,
      });
    }
    expect(w.handoffs).toEqual([]);
  });

  it('a fault told while signing in counts too: acknowledged, and the card after sign-in treats it as a complaint (pl: "uszkodzone" is no word about the code; en, ko)', async () => {
    for (const [c, start, fault, noted, email, line, note] of [
      [
        'early-pl',
        'chcę zwrócić zamówienie',
        'mydło przyszło uszkodzone',
        'Zapisałem to jako powód zgłoszenia.',
        'ada@example.pl',
        'd1',
        'reklamację',
      ],
      [
        'early-en',
        'I want to return my order',
        'the desk lamp arrived broken',
        "I've noted it as the reason",
        'joe@example.com',
        'j1',
        'complaint',
      ],
      [
        'early-ko',
        '반품 신청할게요',
        '거치대가 불량이에요',
        '신청 사유로 기록해 둘게요',
        'min@example.kr',
        'n1',
        '불량(하자)',
      ],
    ] as const) {
      await say(c, start);
      const told = await say(c, fault);
      expect({ c, noted: partsText(told.parts) }).toEqual({ c, noted: expect.stringContaining(noted) });
      await say(c, email);
      const r = await say(c, w.codes.get(email)!);
      expect({ c, note: card(r.parts)?.lines.find((l) => l.lineItemId === line)?.note }).toEqual({
        c,
        note: expect.stringContaining(note),
      });
    }
  });
});
