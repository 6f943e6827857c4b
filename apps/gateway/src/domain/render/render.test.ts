import { skillResponseProblem } from '@boomerang/fakes/kakao';
import { naverSendProblem } from '@boomerang/fakes/naver';
import { OutboundMessage, type ReplyPart } from '@boomerang/proto/boomerang/events/v1/channel';
import { shortLabel } from './common';
import { renderEmail } from './email';
import { renderKakao } from './kakao';
import { renderNaver } from './naver';
import { renderSms, smsEncoding } from './sms';
import { renderWebchat } from './webchat';
import { renderWhatsApp } from './whatsapp';

const PORTAL = 'https://acme.loopreturns.com/#/link/6f1c2a';

const FIXTURES: Record<'ko' | 'pl' | 'en', Record<string, ReplyPart>> = {
  ko: {
    text: {
      part: { $case: 'text', value: '주문하신 운동화는 배송 완료일로부터 30일 이내에 반품하실 수 있습니다.' },
    },
    orderCard: {
      part: {
        $case: 'orderCard',
        value: {
          orderId: '5501',
          orderName: '#1001',
          title: '',
          lines: [
            {
              lineItemId: 'l1',
              title: '러닝화 270mm',
              quantity: 1,
              eligible: true,
              note: '5월 12일까지',
              imageUrl: '',
            },
            {
              lineItemId: 'l2',
              title: '양말 세트',
              quantity: 2,
              eligible: false,
              note: '최종 세일 상품',
              imageUrl: '',
            },
          ],
          buttons: [{ label: '반품 신청하기 (러닝화 교환 포함)', url: PORTAL, postback: '' }],
        },
      },
    },
    linkButton: {
      part: { $case: 'linkButton', value: { label: '반품 포털 열기', url: PORTAL, postback: '' } },
    },
    quickReplies: {
      part: {
        $case: 'quickReplies',
        value: {
          options: [
            { label: '반품', url: '', postback: 'intent:return' },
            { label: '교환', url: '', postback: 'intent:exchange' },
            { label: '상담원 연결', url: '', postback: 'intent:human' },
          ],
        },
      },
    },
    handoffNotice: {
      part: {
        $case: 'handoffNotice',
        value: {
          text: '상담원에게 연결해 드렸어요. 영업일 기준 1일 이내에 답변드릴게요.',
          ticketRef: 'T-1042',
        },
      },
    },
    citations: {
      part: {
        $case: 'citations',
        value: {
          items: [
            {
              title: '반품 및 교환 정책',
              url: 'https://acme.example/policies/returns',
              section: '반품 기간',
            },
          ],
        },
      },
    },
  },
  pl: {
    text: {
      part: {
        $case: 'text',
        value:
          'Zamówienie możesz zwrócić w ciągu 30 dni od doręczenia. Zwrot pieniędzy trwa do 5 dni roboczych.',
      },
    },
    orderCard: {
      part: {
        $case: 'orderCard',
        value: {
          orderId: '5502',
          orderName: '#1002',
          title: '',
          lines: [
            {
              lineItemId: 'l1',
              title: 'Kurtka zimowa',
              quantity: 1,
              eligible: true,
              note: 'do 14.05',
              imageUrl: '',
            },
            {
              lineItemId: 'l2',
              title: 'Czapka',
              quantity: 1,
              eligible: false,
              note: 'wyprzedaż końcowa',
              imageUrl: '',
            },
          ],
          buttons: [
            { label: 'Rozpocznij zwrot', url: PORTAL, postback: '' },
            { label: 'Wymiana', url: '', postback: 'start_exchange:5502' },
          ],
        },
      },
    },
    linkButton: {
      part: { $case: 'linkButton', value: { label: 'Otwórz portal zwrotów', url: PORTAL, postback: '' } },
    },
    quickReplies: {
      part: {
        $case: 'quickReplies',
        value: {
          options: [
            { label: 'Zwrot', url: '', postback: 'intent:return' },
            { label: 'Wymiana', url: '', postback: 'intent:exchange' },
            { label: 'Status zwrotu pieniędzy', url: '', postback: 'intent:refund' },
            { label: 'Konsultant', url: '', postback: 'intent:human' },
          ],
        },
      },
    },
    handoffNotice: {
      part: {
        $case: 'handoffNotice',
        value: {
          text: 'Przekazałem rozmowę do zespołu obsługi klienta. Odpowiemy w ciągu 1 dnia roboczego.',
          ticketRef: 'T-2042',
        },
      },
    },
    citations: {
      part: {
        $case: 'citations',
        value: {
          items: [
            { title: 'Regulamin zwrotów', url: 'https://acme.example/pl/zwroty', section: 'Termin' },
            { title: 'Wymiany', url: '', section: '' },
          ],
        },
      },
    },
  },
  en: {
    text: {
      part: {
        $case: 'text',
        value: 'You can return items within 30 days of delivery. Refunds take up to 5 business days.',
      },
    },
    orderCard: {
      part: {
        $case: 'orderCard',
        value: {
          orderId: '5503',
          orderName: '#1003',
          title: 'Your order #1003',
          lines: [
            {
              lineItemId: 'l1',
              title: 'Rain jacket',
              quantity: 1,
              eligible: true,
              note: 'until May 14',
              imageUrl: 'https://cdn.acme.example/jacket.jpg',
            },
          ],
          buttons: [{ label: 'Start return', url: PORTAL, postback: '' }],
        },
      },
    },
    linkButton: {
      part: { $case: 'linkButton', value: { label: 'Open the returns portal', url: PORTAL, postback: '' } },
    },
    quickReplies: {
      part: {
        $case: 'quickReplies',
        value: {
          options: [
            { label: 'Return', url: '', postback: 'intent:return' },
            { label: 'Talk to a person', url: '', postback: 'intent:human' },
          ],
        },
      },
    },
    handoffNotice: {
      part: {
        $case: 'handoffNotice',
        value: {
          text: 'I have passed this to our support team; they will reply within one business day.',
          ticketRef: 'T-3042',
        },
      },
    },
    citations: {
      part: {
        $case: 'citations',
        value: {
          items: [{ title: 'Returns policy', url: 'https://acme.example/returns', section: 'Return window' }],
        },
      },
    },
  },
};

const message = (language: string, parts: ReplyPart[]) =>
  OutboundMessage.fromPartial({
    messageId: 'out-1',
    tenantId: 'acme',
    conversationId: 'c1',
    language,
    parts,
    createdAt: new Date('2026-05-01T10:00:00Z'),
  });

describe.each(['ko', 'pl', 'en'] as const)('rendering in %s', (language) => {
  const parts = FIXTURES[language];
  describe.each(Object.keys(parts))('%s', (partType) => {
    const msg = message(
      language,
      [parts.text!, parts[partType]!].filter((p, i, a) => a.indexOf(p) === i),
    );

    it('web chat', () => expect(renderWebchat(msg)).toMatchSnapshot());

    it('SMS', () => {
      const sms = renderSms(msg);
      expect(sms).toMatchSnapshot();
      if (partType === 'orderCard' || partType === 'linkButton') expect(sms.body).toContain(PORTAL);
    });

    it('WhatsApp', () => {
      const payloads = renderWhatsApp(msg);
      expect(payloads).toMatchSnapshot();
      for (const p of payloads) {
        if (p.type !== 'interactive') continue;
        expect(p.interactive.body.text.length).toBeLessThanOrEqual(1024);
        if (p.interactive.type === 'button') {
          expect(p.interactive.action.buttons.length).toBeLessThanOrEqual(3);
          for (const b of p.interactive.action.buttons) expect(b.reply.title.length).toBeLessThanOrEqual(20);
        } else expect(p.interactive.action.parameters.display_text.length).toBeLessThanOrEqual(20);
      }
    });

    it('email', () => {
      const mail = renderEmail(msg, language === 'pl' ? 'Zwrot zamówienia' : '');
      expect(mail).toMatchSnapshot();
      expect(mail.html).not.toMatch(/<script/i);
    });

    it('Kakao', () => {
      const skill = renderKakao(msg);
      expect(skill).toMatchSnapshot();
      expect(skillResponseProblem(skill as never)).toBeUndefined();
    });

    it('Naver', () => {
      const content = renderNaver(msg);
      expect(content).toMatchSnapshot();
      expect(naverSendProblem({ event: 'send', user: 'u', ...content })).toBeUndefined();
    });
  });
});

describe('channel limits', () => {
  it('counts GSM-7 (extension chars count twice) and UCS-2 segments', () => {
    expect(smsEncoding('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsEncoding('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsEncoding('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsEncoding('ą'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsEncoding('반'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  describe('SMS typography that would force UCS-2', () => {
    const sms = (language: string, ...texts: string[]) =>
      renderSms(
        message(language, [
          ...texts.map((value): ReplyPart => ({ part: { $case: 'text', value } })),
          { part: { $case: 'linkButton', value: { label: 'Start return', url: PORTAL, postback: '' } } },
        ]),
      );

    it('en: "·", "✓", dashes, quotes and "…" are spelled in GSM-7 — 3 parts instead of 7', () => {
      const texts = [
        'Good news: the items in order #1005 · 2026-04-02 can be returned.',
        '✓ Trail running shoes, size 42: can be returned until May 14 — free label',
        '✓ Merino socks ×2: can be returned until May 14',
        '✗ Gift card: can’t be returned (it’s a “final sale” item)…',
        '• Refunds\u00a0are issued to the original payment method within 5–7 business days.',
        'You can start it in our returns portal:',
      ];
      const original = [...texts, `Start return: ${PORTAL}`].join('\n\n');
      expect(smsEncoding(original)).toMatchObject({ encoding: 'UCS-2', segments: 7 });
      const out = sms('en', ...texts);
      expect(out).toMatchObject({ encoding: 'GSM-7', segments: 3 });
      expect(out.body).toContain('#1005 - 2026-04-02');
      expect(out.body).toContain('+ Trail running shoes, size 42: can be returned until May 14 - free label');
      expect(out.body).toContain('- Gift card: can\'t be returned (it\'s a "final sale" item)...');
      expect(out.body).toContain('Merino socks x2');
      expect(out.body).toContain('Refunds are issued');
      expect(out.body.endsWith(`Start return: ${PORTAL}`)).toBe(true);
    });

    it('pl without diacritics: GSM-7 as well', () => {
      const out = sms(
        'pl',
        '✓ Kurtka puchowa: mozna zwrocic do 14 maja · etykieta zwrotna gratis',
        '✓ Czapka: mozna zwrocic do 14 maja',
        'Zwrot pieniedzy trwa 5–7 dni roboczych — na karte, ktora placono…',
      );
      expect(out.encoding).toBe('GSM-7');
      expect(out.segments).toBe(2);
      expect(out.body).toContain('+ Kurtka puchowa: mozna zwrocic do 14 maja - etykieta zwrotna gratis');
    });

    it('ko and Polish with diacritics stay UCS-2 and are not altered', () => {
      const ko = sms('ko', '✓ 러닝화 270mm: 5월 14일까지 반품 가능 · 무료 반품 라벨');
      expect(ko.encoding).toBe('UCS-2');
      expect(ko.body).toContain('✓ 러닝화 270mm: 5월 14일까지 반품 가능 · 무료 반품 라벨');
      const pl = sms('pl', '✓ Kurtka: można zwrócić do 14 maja — etykieta gratis');
      expect(pl.encoding).toBe('UCS-2');
      expect(pl.body).toContain('✓ Kurtka: można zwrócić do 14 maja — etykieta gratis');
    });

    it('never alters a URL', () => {
      const url = 'https://acme.example/returns/start?ref=a—b&order=%231005';
      const out = renderSms(
        message('en', [
          { part: { $case: 'text', value: 'Your label is ready — print it at home.' } },
          { part: { $case: 'linkButton', value: { label: 'Label', url, postback: '' } } },
        ]),
      );
      expect(out.body).toBe(`Your label is ready — print it at home.\n\nLabel: ${url}`);
      const ascii = 'https://acme.example/r?x=1';
      const out2 = renderSms(
        message('en', [
          { part: { $case: 'text', value: 'Your label is ready — print it at home.' } },
          { part: { $case: 'linkButton', value: { label: 'Label', url: ascii, postback: '' } } },
        ]),
      );
      expect(out2.body).toBe(`Your label is ready - print it at home.\n\nLabel: ${ascii}`);
    });

    it('a cut GSM-7 SMS ends its prose with "..." (a "…" would turn it UCS-2)', () => {
      const out = sms('en', 'A long explanation. '.repeat(120));
      expect(out.body.length).toBeLessThanOrEqual(1600);
      expect(out.encoding).toBe('GSM-7');
      expect(out.body).toContain(`...\n\nStart return: ${PORTAL}`);
    });
  });

  it('keeps the link when an SMS is over 1600 characters', () => {
    const long = message('pl', [
      { part: { $case: 'text', value: 'Długi tekst. '.repeat(200) } },
      FIXTURES.pl.linkButton!,
    ]);
    const sms = renderSms(long);
    expect(sms.body.length).toBeLessThanOrEqual(1600);
    expect(sms.body).toContain(PORTAL);
  });

  it('Kakao: never more than 3 outputs, labels ≤ 14 characters', () => {
    const many = message('ko', [
      FIXTURES.ko.text!,
      FIXTURES.ko.orderCard!,
      FIXTURES.ko.text!,
      FIXTURES.ko.linkButton!,
      FIXTURES.ko.citations!,
      FIXTURES.ko.handoffNotice!,
    ]);
    const skill = renderKakao(many);
    expect(skill.template.outputs.length).toBeLessThanOrEqual(3);
    expect(skillResponseProblem(skill as never)).toBeUndefined();
    const card = skill.template.outputs.find((o) => 'textCard' in o) as {
      textCard: { buttons: { label: string }[] };
    };
    expect(card.textCard.buttons[0]!.label).toBe('반품 신청하기 (러닝화…');
  });

  describe('labels over a channel limit keep what tells them apart', () => {
    const choices = (language: string, labels: string[]) =>
      message(language, [
        { part: { $case: 'text', value: '?' } },
        {
          part: {
            $case: 'quickReplies',
            value: { options: labels.map((label, i) => ({ label, url: '', postback: `order:${i}` })) },
          },
        },
      ]);
    const kakao = (m: OutboundMessage) => renderKakao(m).template.quickReplies!.map((q) => q.label);
    const naver = (m: OutboundMessage) => {
      const c = renderNaver(m) as {
        compositeContent: { compositeList: { buttonList?: { data: { title: string } }[] }[] };
      };
      return c.compositeContent.compositeList.flatMap((x) => x.buttonList ?? []).map((b) => b.data.title);
    };
    const whatsapp = (m: OutboundMessage) =>
      renderWhatsApp(m).flatMap((p) =>
        p.type === 'interactive' && p.interactive.type === 'button'
          ? p.interactive.action.buttons.map((b) => b.reply.title)
          : [],
      );
    const orders = {
      pl: [
        '#1005 · 2026-03-14 · Kurtka puchowa +1',
        '#1006 · 2026-04-02 · Buty trekkingowe',
        '#1007 · 2026-04-20 · Czapka',
      ],
      ko: [
        '#2004 · 2026-11-18 · 린넨 셔츠 +2',
        '#2005 · 2026-11-20 · 러닝화 270mm',
        '#2006 · 2026-12-01 · 양말',
      ],
      en: [
        '#3001 · 2026-05-02 · Rain jacket +1',
        '#3002 · 2026-05-09 · Trail shoes',
        '#3003 · 2026-05-30 · Beanie',
      ],
    };

    it('order choices drop their date, then cut at a word: each still names its product', () => {
      expect(kakao(choices('pl', orders.pl))).toEqual(['#1005 Kurtka…', '#1006 · Buty…', '#1007 · Czapka']);
      expect(naver(choices('pl', orders.pl))).toEqual(['#1005 · Kurtka…', '#1006 · Buty…', '#1007 · Czapka']);
      expect(whatsapp(choices('pl', orders.pl))).toEqual([
        '#1005 Kurtka puchowa',
        '#1006 · Buty…',
        '#1007 · Czapka',
      ]);
      expect(kakao(choices('ko', orders.ko))).toEqual([
        '#2004 · 린넨 셔츠',
        '#2005 · 러닝화…',
        '#2006 · 양말',
      ]);
      expect(whatsapp(choices('en', orders.en))).toEqual([
        '#3001 · Rain jacket',
        '#3002 · Trail shoes',
        '#3003 · Beanie',
      ]);
      expect(naver(choices('en', orders.en))).toEqual([
        '#3001 Rain jacket',
        '#3002 Trail shoes',
        '#3003 · Beanie',
      ]);
    });

    it('well-known long labels take a shorter wording instead of "Porozmawiaj z kon…"', () => {
      const m = (language: string, label: string) => choices(language, [label]);
      expect(kakao(m('pl', 'Porozmawiaj z konsultantem'))).toEqual(['Konsultant']);
      expect(naver(m('pl', 'Porozmawiaj z konsultantem'))).toEqual(['Konsultant']);
      expect(whatsapp(m('pl', 'Porozmawiaj z konsultantem'))).toEqual(['Czat z konsultantem']);
      expect(kakao(m('pl', 'Rozpocznij wymianę'))).toEqual(['Wymień produkt']);
      expect(kakao(m('en', 'Talk to a person'))).toEqual(['Talk to staff']);
      expect(kakao(m('en', 'Ask about the policy'))).toEqual(['Policy Q&A']);
      expect(kakao(m('ko', '상담원 연결'))).toEqual(['상담원 연결']);
    });

    it('any other long label is cut at a word, never after a dangling preposition', () => {
      const m = (language: string, label: string) => choices(language, [label]);
      expect(kakao(m('pl', 'Zapytaj o status przesyłki'))).toEqual(['Zapytaj…']);
      expect(naver(m('pl', 'Zmień adres do odbioru kuriera'))).toEqual(['Zmień adres…']);
      expect(whatsapp(m('en', 'Change the pickup address for the courier'))).toEqual(['Change the pickup…']);
      expect(kakao(m('ko', '반품 배송비 환불 요청하러 가기'))).toEqual(['반품 배송비 환불…']);
      for (const [render, max] of [
        [kakao, 14],
        [naver, 18],
        [whatsapp, 20],
      ] as const)
        for (const labels of Object.values(orders))
          for (const l of render(choices('pl', labels))) expect([...l].length).toBeLessThanOrEqual(max);
    });
  });

  describe('a second link is not a card of its own with its label as the text', () => {
    const RETURN = 'https://acme.loopreturns.com/#/link/ret-1005';
    const EXCHANGE = 'https://acme.loopreturns.com/#/link/exc-1005';
    const words = {
      ko: [
        '✓ 러닝화 270mm: 5월 14일까지 반품 가능',
        '반품 포털에서 바로 신청하실 수 있어요:',
        '반품 시작',
        '교환 시작',
      ],
      pl: [
        '✓ Kurtka: można zwrócić do 14 maja',
        'Możesz to rozpocząć w naszym portalu zwrotów:',
        'Rozpocznij zwrot',
        'Rozpocznij wymianę',
      ],
      en: [
        '✓ Rain jacket: can be returned until May 14',
        'You can start it in our returns portal:',
        'Start return',
        'Start exchange',
      ],
    } as const;
    const reply = (language: keyof typeof words) => {
      const [line, intro, ret, exc] = words[language];
      return message(language, [
        { part: { $case: 'text', value: line } },
        { part: { $case: 'text', value: intro } },
        { part: { $case: 'linkButton', value: { label: ret, url: RETURN, postback: '' } } },
        { part: { $case: 'linkButton', value: { label: exc, url: EXCHANGE, postback: '' } } },
      ]);
    };

    it.each(['ko', 'pl', 'en'] as const)(
      'Kakao (%s): both links are buttons of the intro card',
      (language) => {
        const [line, intro, ret, exc] = words[language];
        const skill = renderKakao(reply(language));
        expect(skillResponseProblem(skill as never)).toBeUndefined();
        expect(skill.template.outputs).toEqual([
          {
            textCard: {
              description: `${line}\n\n${intro}`,
              buttons: [
                { label: shortLabel(ret, 14), action: 'webLink', webLinkUrl: RETURN },
                { label: shortLabel(exc, 14), action: 'webLink', webLinkUrl: EXCHANGE },
              ],
            },
          },
        ]);
      },
    );

    it.each(['ko', 'pl', 'en'] as const)(
      'WhatsApp (%s): one message, the second link spelled out',
      (language) => {
        const [line, intro, ret, exc] = words[language];
        const payloads = renderWhatsApp(reply(language));
        expect(payloads).toEqual([
          {
            type: 'interactive',
            interactive: {
              type: 'cta_url',
              body: { text: `${line}\n\n${intro}\n\n${exc}: ${EXCHANGE}` },
              action: { name: 'cta_url', parameters: { display_text: shortLabel(ret, 20), url: RETURN } },
            },
          },
        ]);
      },
    );

    it('Kakao: an order card with more than 3 buttons offers the other choices as quick replies', () => {
      const card = message('pl', [
        {
          part: {
            $case: 'orderCard',
            value: {
              ...(FIXTURES.pl.orderCard!.part as { value: object }).value,
              buttons: [
                { label: 'Rozpocznij zwrot', url: RETURN, postback: '' },
                { label: 'Rozpocznij wymianę', url: EXCHANGE, postback: '' },
                { label: 'Status zwrotu', url: '', postback: 'intent:return_status' },
                { label: 'Pytanie o zasady', url: '', postback: 'intent:policy_question' },
                { label: 'Porozmawiaj z konsultantem', url: '', postback: 'intent:human' },
              ],
            },
          },
        } as ReplyPart,
      ]);
      const skill = renderKakao(card);
      expect(skillResponseProblem(skill as never)).toBeUndefined();
      expect(skill.template.outputs).toHaveLength(1);
      expect(skill.template.quickReplies).toEqual([
        { label: 'Zasady zwrotów', action: 'message', messageText: 'Pytanie o zasady' },
        { label: 'Konsultant', action: 'message', messageText: 'Porozmawiaj z konsultantem' },
      ]);
    });

    it.each([
      [
        'ko',
        '두 주문 모두 반품할 수 있어요.',
        ['#1005 반품', '#1005 교환', '#1006 반품', '#1006 교환', '#1007 반품'],
      ],
      [
        'pl',
        'Oba zamówienia można zwrócić.',
        ['Zwrot #1005', 'Wymiana #1005', 'Zwrot #1006', 'Wymiana #1006', 'Zwrot #1007'],
      ],
      [
        'en',
        'Both orders can be returned.',
        ['Return #1005', 'Exchange #1005', 'Return #1006', 'Exchange #1006', 'Return #1007'],
      ],
    ] as const)(
      'Kakao (%s): more links than 3 outputs hold are written out, none dropped',
      (language, intro, labels) => {
        const urls = labels.map((_, i) => `https://acme.loopreturns.com/#/link/l-${i}`);
        const parts: ReplyPart[] = [{ part: { $case: 'text', value: intro } }];
        // A text before each link makes each one a card of its own: 5 cards.
        labels.forEach((l, i) => {
          if (i > 0) parts.push({ part: { $case: 'text', value: `${intro} (${i})` } });
          parts.push({ part: { $case: 'linkButton', value: { label: l, url: urls[i]!, postback: '' } } });
        });
        const skill = renderKakao(message(language, parts));
        expect(skillResponseProblem(skill as never)).toBeUndefined();
        expect(skill.template.outputs.length).toBeLessThanOrEqual(3);
        const all = JSON.stringify(skill.template.outputs);
        for (const url of urls) expect([url, all.includes(url)]).toEqual([url, true]);
        expect(all).toContain(intro);
      },
    );
  });

  it('WhatsApp: more than three choices become a numbered list', () => {
    const payloads = renderWhatsApp(message('pl', [FIXTURES.pl.text!, FIXTURES.pl.quickReplies!]));
    expect(payloads).toHaveLength(1);
    expect(payloads[0]!.type).toBe('text');
    expect(JSON.stringify(payloads[0])).toContain('4. Konsultant');
  });

  it("an e-mail's own subject is used outside a thread; inside one the thread's 'Re:' wins", () => {
    const code = OutboundMessage.fromPartial({
      ...message('pl', [{ part: { $case: 'text', value: 'Twój kod weryfikacyjny to 123456.' } }]),
      subject: 'Twój kod weryfikacyjny',
    });
    expect(renderEmail(code).subject).toBe('Twój kod weryfikacyjny');
    expect(renderEmail(code, 'Zwrot kurtki').subject).toBe('Re: Zwrot kurtki');
    expect(renderEmail(message('pl', [])).subject).toBe('Odpowiedź na Twoją wiadomość');
  });

  it('a handoff notice that already names its ticket does not name it twice', () => {
    const notice: ReplyPart = {
      part: {
        $case: 'handoffNotice',
        value: { text: 'Przekazałem rozmowę zespołowi (zgłoszenie A1B2C3D4).', ticketRef: 'A1B2C3D4' },
      },
    };
    const m = message('pl', [notice]);
    for (const text of [renderSms(m).body, renderEmail(m).text, renderEmail(m).html])
      expect(text.split('A1B2C3D4')).toHaveLength(2);
    const other: ReplyPart = {
      part: {
        $case: 'handoffNotice',
        value: { text: 'Przekazałem rozmowę zespołowi.', ticketRef: 'A1B2C3D4' },
      },
    };
    expect(renderSms(message('pl', [other])).body).toContain('A1B2C3D4');
  });
});
