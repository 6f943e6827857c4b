// End to end, every service its own process over real Kafka and PostgreSQL: shoppers in Korean,
// Polish and English on real channel webhooks and the web chat API.

import { waitFor } from '@boomerang/kit/testing';
import { Granularity } from '@boomerang/proto/boomerang/events/v1/analytics';
import { TicketStatus } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import { latest, readResolutionRates } from '../src/analytics';
import { e2eGate } from '../src/gate';
import { type System, startSystem, withLogs } from '../src/harness';
import { closeShopper, codeFromMail, type Received, type Shopper, shopper } from '../src/shoppers';
import { orderName, shopperEmail } from '../src/tenants';

const SAY = {
  ko: { start: '반품하고 싶어요', order: (n: string) => `주문번호 ${n}`, refund: '환불 언제 되나요?' },
  pl: {
    start: 'Chcę zwrócić zamówienie',
    order: (n: string) => `zamówienie ${n}`,
    refund: 'Gdzie jest mój zwrot pieniędzy?',
  },
  en: {
    start: 'I want to return something from my order',
    order: (n: string) => `order ${n}`,
    refund: 'Where is my refund?',
  },
} as const;

const gate = e2eGate('e2e conversations');

gate.describe('e2e: conversations over every channel', () => {
  let sys: System;
  const shoppers: Shopper[] = [];
  const open = (...args: Parameters<typeof shopper>) => {
    const s = shopper(...args);
    shoppers.push(s);
    return s;
  };

  beforeAll(async () => {
    sys = await startSystem({ kafka: gate.kafka, databaseUrl: gate.databaseUrl });
  }, 180_000);

  /** A test whose failure carries the tail of every service's log. */
  const scenario = (name: string, fn: () => Promise<void>, timeout?: number) =>
    it(name, () => withLogs(() => sys, fn), timeout);

  afterAll(async () => {
    for (const s of shoppers) closeShopper(s);
    await sys?.stop();
  }, 60_000);

  scenario('answers a policy question with a citation (en, web chat)', async () => {
    const s = open(sys, 'en', 'webchat');
    const r = await s.ask('How many days do I have to return an item?');
    expect(r.text).toContain('30 days');
    const citations = (r.raw.parts as { type: string; items?: { url: string; title: string }[] }[]).find(
      (p) => p.type === 'citations',
    );
    expect(citations?.items?.[0]).toMatchObject({
      title: 'Returns and exchanges',
      url: `https://${sys.brands.en.tenantId}.example/returns`,
    });
  });

  /** Return request → sign-in by e-mailed code → order chosen; returns the reply to the order. */
  async function signInAndPick(
    s: Shopper,
    k: number,
    order: string,
    first: string = SAY[s.lang].start,
  ): Promise<Received> {
    const email = shopperEmail(sys.brands[s.lang], k);
    await s.ask(first);
    const mails = sys.fakes.mail.sent.filter((m) => m.to.includes(email)).length;
    await s.ask(email);
    const code = await codeFromMail(sys, email, mails);
    const signedIn = await s.ask(code);
    expect(signedIn.text).toMatch(/#\d{4}/); // recent orders to pick from
    return s.ask(SAY[s.lang].order(orderName(order, k)));
  }
  const FIRST_ORDER = { ko: '#1001', pl: '#2001', en: '#3001' } as const;

  // biome-ignore lint/suspicious/noExplicitAny: vendor payloads are asserted structurally
  type Any = any;

  scenario(
    'full return on Kakao: the portal link arrives as a textCard with a webLink button (ko)',
    async () => {
      const s = open(sys, 'ko', 'kakao');
      const r = await signInAndPick(s, 1, FIRST_ORDER.ko);
      const card = (r.raw as Any).template.outputs[0].textCard;
      expect(card.description).toContain('#1101');
      expect(card.buttons[0]).toMatchObject({ label: '반품 시작', action: 'webLink' });
      expect(card.buttons[0].webLinkUrl).toMatch(/^https:\/\/returns\.seoul-threads\.kr\/returns\/link\//);
    },
  );

  scenario('full return on Naver TalkTalk: compositeContent with a LINK button (ko)', async () => {
    const s = open(sys, 'ko', 'naver');
    const r = await signInAndPick(s, 2, FIRST_ORDER.ko);
    const composite = (r.raw as Any).compositeContent.compositeList[0];
    expect(composite.description).toContain('#1201');
    expect(composite.buttonList[0]).toMatchObject({ type: 'LINK', data: { title: '반품 시작' } });
    expect(composite.buttonList[0].data.mobileUrl).toMatch(/^https:\/\/returns\.seoul-threads\.kr\//);
  });

  scenario('full return on WhatsApp: interactive cta_url (pl)', async () => {
    const s = open(sys, 'pl', 'whatsapp');
    const r = await signInAndPick(s, 1, FIRST_ORDER.pl);
    const interactive = (r.raw as Any).interactive;
    expect(interactive.type).toBe('cta_url');
    expect(interactive.body.text).toContain('#2101');
    expect(interactive.action.parameters.display_text).toBe('Rozpocznij zwrot');
    expect(interactive.action.parameters.url).toMatch(/^https:\/\/wisla-outdoor\.loopreturns\.com\//);
  });

  scenario('full return by SMS: the link in the text (pl)', async () => {
    const s = open(sys, 'pl', 'sms');
    const r = await signInAndPick(s, 2, FIRST_ORDER.pl);
    expect(r.text).toContain('#2201');
    expect(r.text).toMatch(/Rozpocznij zwrot: https:\/\/wisla-outdoor\.loopreturns\.com\/\S+/);
  });

  scenario('full return on web chat: order card with a Start return button (en)', async () => {
    const s = open(sys, 'en', 'webchat');
    const r = await signInAndPick(s, 1, FIRST_ORDER.en);
    const card = (r.raw as Any).parts.find((p: Any) => p.type === 'card');
    expect(card.title).toBe('Order #3101');
    expect(card.lines.every((l: Any) => l.eligible)).toBe(true);
    expect(card.buttons[0].label).toBe('Start return');
    expect(card.buttons[0].url).toMatch(/^https:\/\/returns\.harborandpine\.com\//);
  });

  scenario('refund status of a returned order (ko, web chat)', async () => {
    const s = open(sys, 'ko', 'webchat');
    const r = await signInAndPick(s, 0, '#1007', SAY.ko.refund);
    expect(r.text).toContain('환불 완료');
    expect(r.text).toMatch(/59,?000/);
  });

  scenario(
    'dispute → desk ticket → inspector workflow over TicketService → notices on SMS → resolved → hand-back (en)',
    async () => {
      const s = open(sys, 'en', 'sms') as Shopper & { phone: string };
      const tenantId = sys.brands.en.tenantId;
      const late = await signInAndPick(s, 3, '#3002');
      expect(late.text).toContain('#3302');
      expect(late.text).not.toMatch(/https:\/\//); // no return link for an ineligible order
      const handed = await s.ask("That's not fair, I disagree with this decision!");
      expect(handed.text).toContain(sys.brands.en.handoffMessage);
      // Exactly one desk ticket for the conversation, with the transcript.
      const ticket = await waitFor(async () =>
        (
          await sys.tickets.list({
            tenantId,
            assigneeId: '',
            statuses: [],
            priority: 0,
            pageSize: 50,
            pageToken: '',
            conversationId: '',
          })
        ).tickets.find((t) => t.recipient === s.phone),
      );
      const full = (await sys.tickets.get({ tenantId, id: ticket.id })).ticket!;
      expect(full.channel).toBe('sms');
      expect(full.transcript.map((t) => t.text).join('\n')).toContain('I disagree');
      const before = s.received().length;
      // The seed-003 workflow: counsellor takes it, item arrives, reassigned to an inspector, inspected, resolved.
      let t = (
        await sys.tickets.assign({
          tenantId,
          id: full.id,
          assignee: { id: 'counsellor-ana', role: 'counsellor' },
          expectedVersion: full.version,
          actor: 'lead',
        })
      ).ticket!;
      t = (
        await sys.tickets.addMemo({
          tenantId,
          id: t.id,
          memo: {
            id: '',
            author: 'counsellor-ana',
            text: 'parcel scanned at the warehouse',
            internal: true,
            kind: 'item_received',
            at: undefined,
          },
          expectedVersion: t.version,
        })
      ).ticket!;
      t = (
        await sys.tickets.assign({
          tenantId,
          id: t.id,
          assignee: { id: 'inspector-bo', role: 'inspector' },
          expectedVersion: t.version,
          actor: 'counsellor-ana',
        })
      ).ticket!;
      t = (
        await sys.tickets.addMemo({
          tenantId,
          id: t.id,
          memo: {
            id: '',
            author: 'inspector-bo',
            text: 'unworn, tags attached — approve the exception',
            internal: true,
            kind: 'inspection_done',
            at: undefined,
          },
          expectedVersion: t.version,
        })
      ).ticket!;
      t = (
        await sys.tickets.setStatus({
          tenantId,
          id: t.id,
          status: TicketStatus.TICKET_STATUS_RESOLVED,
          expectedVersion: t.version,
          actor: 'inspector-bo',
        })
      ).ticket!;
      expect(t.assignee).toMatchObject({ id: 'inspector-bo', role: 'inspector' });
      expect(t.history.map((h) => h.change)).toEqual(expect.arrayContaining(['assigned', 'memo', 'status']));
      // The shopper got each progress notice on SMS (never the internal memo text). The desk's
      // "resolved" notice is the hand-back: the agent takes over without a second, similar message.
      const RESOLVED = 'Your request has been resolved.';
      const texts = await waitFor(
        () => {
          const t = s
            .received()
            .slice(before)
            .map((m) => m.text);
          return t.length >= 3 && t.some((x) => x.includes(RESOLVED)) ? t : undefined;
        },
        { timeoutMs: 30_000, message: 'three notices on SMS' },
      );
      expect(texts[0]).toBe(
        'Good news: we have received your returned item and our team is now inspecting it.',
      );
      expect(texts[1]).toBe(
        'The inspection of your item is complete. We will let you know the next step shortly.',
      );
      expect(texts.join('\n')).not.toContain('parcel scanned');
      // The agent has the conversation back (it heard the ticket event), and said nothing more.
      await waitFor(
        async () =>
          (await sys.agent.getConversation({ tenantId, conversationId: full.conversationId })).state ===
            'idle' || undefined,
        { timeoutMs: 30_000, message: 'the conversation handed back to the agent' },
      );
      await new Promise((r) => setTimeout(r, 500));
      const all = s
        .received()
        .slice(before)
        .map((m) => m.text);
      expect(all).toHaveLength(3); // no duplicate notice, no second "we're done" from the agent
      expect(all.join('\n')).not.toContain('Our team has finished with your request.');
      const back = await s.ask('What is your return window?');
      expect(back.text).toContain('30 days');
      expect(sys.fakes.twilio.messages.filter((m) => m.to === s.phone).length).toBe(s.received().length);
    },
  );

  scenario('the resolution rate of this run appears on boomerang.analytics.resolution-rate.v1', async () => {
    const reader = await readResolutionRates(sys);
    try {
      const ko = await waitFor(
        () =>
          latest(
            reader.rates,
            (r) =>
              r.tenantId === sys.brands.ko.tenantId &&
              r.channel === 'kakao' &&
              r.granularity === Granularity.GRANULARITY_DAY,
          ),
        { timeoutMs: 60_000, message: `resolution rate for ${sys.brands.ko.tenantId}/kakao` },
      );
      expect(ko.resolvedByAgent).toBeGreaterThanOrEqual(1);
      expect(ko.timeZone).toBe('Asia/Seoul');
      const en = await waitFor(
        () =>
          latest(
            reader.rates,
            (r) =>
              r.tenantId === sys.brands.en.tenantId &&
              r.channel === 'sms' &&
              r.granularity === Granularity.GRANULARITY_DAY &&
              r.handedOff >= 1,
          ),
        { timeoutMs: 60_000, message: `handed-off count for ${sys.brands.en.tenantId}/sms` },
      );
      expect(en.rate).toBeLessThan(1);
      expect(en.rate).toBeCloseTo(Number(en.resolvedByAgent) / Number(en.conversations), 5);
    } finally {
      await reader.close();
    }
  });
});
