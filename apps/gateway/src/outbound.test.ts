import { kakaoSkillHeaders, kakaoSkillRequest } from '@boomerang/fakes/kakao';
import { mailgunInboundForm } from '@boomerang/fakes/mail';
import { naverSendEvent } from '@boomerang/fakes/naver';
import { signedWhatsAppRequest, whatsappInboundBody } from '@boomerang/fakes/whatsapp';
import { DLQ_HEADERS } from '@boomerang/kit/bus';
import { waitFor } from '@boomerang/kit/testing';
import {
  Channel,
  type Harness,
  link,
  SECRETS,
  startHarness,
  text,
  WA_PHONE_NUMBER_ID,
} from './__tests__/harness';
import { conversationIdFor } from './domain/conversation';

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
const jsonOf = (r: Response): Promise<any> => r.json();
const PORTAL = 'https://acme.loopreturns.com/#/link/6f1c2a';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { syncDeadlineMs: 1200 } });
});
afterAll(() => h.close());

const dlqReason = (id: string) => {
  const m = h.dlq.find((d) => d.key.endsWith(id) || Buffer.from(d.value).includes(Buffer.from(id)));
  return m?.headers[DLQ_HEADERS.error];
};

describe('SMS delivery', () => {
  it('sends the rendered text with the link through the Twilio Messages API, once', async () => {
    const out = await h.reply({
      channel: Channel.CHANNEL_SMS,
      conversationId: conversationIdFor('acme', Channel.CHANNEL_SMS, '+48601234567'),
      recipient: '+48601234567',
      language: 'pl',
      parts: [text('Możesz zwrócić kurtkę do 14 maja.'), link('Rozpocznij zwrot', PORTAL)],
    });
    const sent = await waitFor(() => h.fakes.twilio.messages.find((m) => m.idempotencyKey === out.messageId));
    expect(sent).toMatchObject({ to: '+48601234567', from: '+15005550006' });
    expect(sent.body).toBe(`Możesz zwrócić kurtkę do 14 maja.\n\nRozpocznij zwrot: ${PORTAL}`);
    // Redelivery of the same reply (at-least-once bus) is not sent twice.
    await h.reply({ ...out, parts: out.parts });
    await h.reply({
      channel: Channel.CHANNEL_SMS,
      conversationId: 'sms_x',
      recipient: '+15550001111',
      parts: [text('marker')],
    });
    await waitFor(() => h.fakes.twilio.messages.find((m) => m.body === 'marker'));
    expect(h.fakes.twilio.messages.filter((m) => m.idempotencyKey === out.messageId)).toHaveLength(1);
  });

  it('retries a failing vendor, then moves the reply to the DLQ with the reason', async () => {
    h.fakes.twilio.setFaults({ failNext: 1, failStatus: 503, pathPrefix: '/2010-04-01' });
    const retried = await h.reply({
      channel: Channel.CHANNEL_SMS,
      conversationId: 'sms_r',
      recipient: '+15550002222',
      parts: [text('after a hiccup')],
    });
    await waitFor(() => h.fakes.twilio.messages.find((m) => m.idempotencyKey === retried.messageId));
    h.fakes.twilio.setFaults({ down: true, failStatus: 500, pathPrefix: '/2010-04-01' });
    try {
      const doomed = await h.reply({
        channel: Channel.CHANNEL_SMS,
        conversationId: 'sms_d',
        recipient: '+15550003333',
        parts: [text('never arrives')],
      });
      const reason = await waitFor(() => dlqReason(doomed.messageId), { timeoutMs: 20_000 });
      expect(reason).toMatch(/twilio messages: HTTP 500/);
    } finally {
      h.fakes.twilio.setFaults({});
    }
  });
});

describe('WhatsApp delivery', () => {
  const shopper = '821098765432';
  const conversationId = conversationIdFor('acme', Channel.CHANNEL_WHATSAPP, shopper);

  it('outside the 24 h window without a template: refused, DLQ says why', async () => {
    const out = await h.reply({
      channel: Channel.CHANNEL_WHATSAPP,
      conversationId,
      recipient: shopper,
      language: 'ko',
      parts: [text('안녕하세요')],
    });
    const reason = await waitFor(() => dlqReason(out.messageId), { timeoutMs: 20_000 });
    expect(reason).toMatch(/24 h customer-service window/);
    expect(h.fakes.whatsapp.messages.filter((m) => m.to === shopper)).toHaveLength(0);
  });

  it('inside the window: a cta_url interactive message for the portal link', async () => {
    const inbound = signedWhatsAppRequest(
      whatsappInboundBody({ phoneNumberId: WA_PHONE_NUMBER_ID, from: shopper, text: '반품하고 싶어요' }),
      SECRETS.whatsappAppSecret,
    );
    expect(
      (
        await fetch(`${h.base}/v1/whatsapp/acme`, {
          method: 'POST',
          body: inbound.body,
          headers: inbound.headers,
        })
      ).status,
    ).toBe(200);
    await waitFor(() => h.inbound.find((m) => m.sender === shopper));
    await h.reply({
      channel: Channel.CHANNEL_WHATSAPP,
      conversationId,
      language: 'ko',
      parts: [text('아래 버튼으로 반품을 신청하세요.'), link('반품 신청', PORTAL)],
    });
    const sent = await waitFor(() => h.fakes.whatsapp.messages.find((m) => m.to === shopper));
    expect(sent.payload.interactive).toEqual({
      type: 'cta_url',
      body: { text: '아래 버튼으로 반품을 신청하세요.' },
      action: { name: 'cta_url', parameters: { display_text: '반품 신청', url: PORTAL } },
    });
  });

  it('outside the window with an approved template: sends the template', async () => {
    const whatsapp = h.tenants.get('acme')!.channels.whatsapp as {
      template?: { name: string; language: string };
    };
    whatsapp.template = { name: 'support_follow_up', language: 'en' };
    try {
      await h.reply({
        channel: Channel.CHANNEL_WHATSAPP,
        conversationId: 'whatsapp_old',
        recipient: '15550009999',
        parts: [text('Your refund was issued.')],
      });
      const sent = await waitFor(() => h.fakes.whatsapp.messages.find((m) => m.to === '15550009999'));
      expect(sent.type).toBe('template');
      expect(sent.payload.template).toMatchObject({
        name: 'support_follow_up',
        language: { code: 'en' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Your refund was issued.' }] }],
      });
    } finally {
      whatsapp.template = undefined;
    }
  });
});

describe('email delivery', () => {
  it('replies in the thread, multipart text + HTML through the mail API', async () => {
    const inbound = mailgunInboundForm(
      {
        from: 'Anna <anna@example.pl>',
        to: 'support@acme.test',
        subject: 'Zwrot butów',
        text: 'Jak zwrócić buty?',
        messageId: '<buty-1@example.pl>',
      },
      SECRETS.mailgunSigningKey,
    );
    expect(
      (
        await fetch(`${h.base}/v1/email/acme/mailgun`, {
          method: 'POST',
          body: inbound.body,
          headers: inbound.headers,
        })
      ).status,
    ).toBe(200);
    const msg = await waitFor(() => h.inbound.find((m) => m.messageId === 'email:<buty-1@example.pl>'));
    await h.reply({
      channel: Channel.CHANNEL_EMAIL,
      conversationId: msg.conversationId,
      language: 'pl',
      parts: [text('Buty możesz zwrócić do 30 dni.'), link('Rozpocznij zwrot', PORTAL)],
    });
    const mail = await waitFor(() => h.fakes.mail.sent.find((m) => m.to === 'anna@example.pl'));
    expect(mail.subject).toBe('Re: Zwrot butów');
    expect(mail.text).toContain(`Rozpocznij zwrot: ${PORTAL}`);
    expect(mail.html).toContain(`<a href="${PORTAL}"`);
    expect(mail.headers['In-Reply-To']).toBe('<buty-1@example.pl>');
  });
});

describe('Kakao synchronous replies', () => {
  it('answers inline when the agent replies before the deadline', async () => {
    const headers = kakaoSkillHeaders();
    const pending = fetch(`${h.base}/v1/kakao/acme/skill`, {
      method: 'POST',
      headers,
      body: JSON.stringify(
        kakaoSkillRequest({
          botId: SECRETS.kakaoBotId,
          userKey: 'kakao-inline',
          utterance: '반품 어떻게 해요?',
        }),
      ),
    });
    const inbound = await waitFor(() => h.inbound.find((m) => m.sender === 'kakao-inline'));
    await h.reply({
      channel: Channel.CHANNEL_KAKAO,
      conversationId: inbound.conversationId,
      recipient: 'kakao-inline',
      inReplyTo: inbound.replyTo,
      language: 'ko',
      parts: [text('주문 번호를 알려주세요.'), link('반품 신청하기', PORTAL)],
    });
    const res = await pending;
    expect(await jsonOf(res)).toEqual({
      version: '2.0',
      template: {
        outputs: [
          {
            textCard: {
              description: '주문 번호를 알려주세요.',
              buttons: [{ label: '반품 신청하기', action: 'webLink', webLinkUrl: PORTAL }],
            },
          },
        ],
      },
    });
    expect(h.fakes.kakao.callbacks).toHaveLength(0);
  });

  it('past the deadline: useCallback with a holding text, then the reply through the callback URL', async () => {
    const callbackUrl = h.fakes.kakao.newCallbackUrl();
    const res = await fetch(`${h.base}/v1/kakao/acme/skill`, {
      method: 'POST',
      headers: kakaoSkillHeaders(),
      body: JSON.stringify(
        kakaoSkillRequest({
          botId: SECRETS.kakaoBotId,
          userKey: 'kakao-late',
          utterance: '환불 언제 되나요?',
          callbackUrl,
        }),
      ),
    });
    expect(await jsonOf(res)).toEqual({
      version: '2.0',
      useCallback: true,
      data: { text: '잠시만 기다려 주세요. 확인 후 바로 답변드릴게요.' },
    });
    const inbound = await waitFor(() => h.inbound.find((m) => m.sender === 'kakao-late'));
    await h.reply({
      channel: Channel.CHANNEL_KAKAO,
      conversationId: inbound.conversationId,
      inReplyTo: inbound.replyTo,
      language: 'ko',
      parts: [text('환불은 3영업일 이내에 처리됩니다.')],
    });
    const cb = await waitFor(() => h.fakes.kakao.callbacks[0]);
    expect(cb.body.template.outputs[0].simpleText.text).toBe('환불은 3영업일 이내에 처리됩니다.');
  });
});

describe('Kakao: the same skill request sent again (same X-Request-Id) while its reply is pending', () => {
  const skill = (headers: Record<string, string>, userKey: string, utterance: string, callbackUrl?: string) =>
    fetch(`${h.base}/v1/kakao/acme/skill`, {
      method: 'POST',
      headers,
      body: JSON.stringify(kakaoSkillRequest({ botId: SECRETS.kakaoBotId, userKey, utterance, callbackUrl })),
    });
  const simpleText = (body: { template?: { outputs: { simpleText?: { text: string } }[] } }) =>
    body.template?.outputs[0]?.simpleText?.text;

  it('ko: the reply is ready by then — the resend is answered with it, not the holding text', async () => {
    const headers = kakaoSkillHeaders();
    const first = await jsonOf(await skill(headers, 'kakao-resend-ready', '환불 언제 되나요?'));
    expect(simpleText(first)).toBe('잠시만 기다려 주세요. 확인 후 바로 답변드릴게요.');
    const inbound = await waitFor(() => h.inbound.find((m) => m.sender === 'kakao-resend-ready'));
    const out = await h.reply({
      channel: Channel.CHANNEL_KAKAO,
      conversationId: inbound.conversationId,
      inReplyTo: inbound.replyTo,
      language: 'ko',
      parts: [text('환불은 3영업일 이내에 처리됩니다.')],
    });
    // No callback URL: the late reply cannot be delivered on its own.
    await waitFor(() => dlqReason(out.messageId), { timeoutMs: 20_000 });
    const again = await jsonOf(await skill(headers, 'kakao-resend-ready', '환불 언제 되나요?'));
    expect(simpleText(again)).toBe('환불은 3영업일 이내에 처리됩니다.');
    expect(h.inbound.filter((m) => m.sender === 'kakao-resend-ready')).toHaveLength(1);
  });

  it('pl: not ready, the resend carries a callbackUrl — useCallback, and the reply goes through it', async () => {
    const headers = kakaoSkillHeaders();
    const first = await jsonOf(await skill(headers, 'kakao-resend-cb', 'Kiedy dostanę zwrot pieniędzy?'));
    expect(simpleText(first)).toBe('Chwileczkę, sprawdzam i zaraz odpowiem.');
    const callbackUrl = h.fakes.kakao.newCallbackUrl();
    const again = await jsonOf(
      await skill(headers, 'kakao-resend-cb', 'Kiedy dostanę zwrot pieniędzy?', callbackUrl),
    );
    expect(again).toEqual({
      version: '2.0',
      useCallback: true,
      data: { text: 'Chwileczkę, sprawdzam i zaraz odpowiem.' },
    });
    const inbound = await waitFor(() => h.inbound.find((m) => m.sender === 'kakao-resend-cb'));
    await h.reply({
      channel: Channel.CHANNEL_KAKAO,
      conversationId: inbound.conversationId,
      inReplyTo: inbound.replyTo,
      language: 'pl',
      parts: [text('Zwrot pieniędzy trwa do 5 dni roboczych.')],
    });
    const cb = await waitFor(() =>
      h.fakes.kakao.callbacks.find((c) => JSON.stringify(c.body).includes('Zwrot pieniędzy trwa')),
    );
    expect(cb.body.template.outputs[0].simpleText.text).toBe('Zwrot pieniędzy trwa do 5 dni roboczych.');
  });

  it('en: not ready and no callbackUrl — the resend waits for the reply like the first request did', async () => {
    const headers = kakaoSkillHeaders();
    const first = await jsonOf(await skill(headers, 'kakao-resend-wait', 'When will I get my refund?'));
    expect(simpleText(first)).toBe('One moment, I am checking and will reply shortly.');
    const pending = skill(headers, 'kakao-resend-wait', 'When will I get my refund?');
    const inbound = await waitFor(() => h.inbound.find((m) => m.sender === 'kakao-resend-wait'));
    await new Promise((r) => setTimeout(r, 200));
    await h.reply({
      channel: Channel.CHANNEL_KAKAO,
      conversationId: inbound.conversationId,
      inReplyTo: inbound.replyTo,
      language: 'en',
      parts: [text('Refunds take up to 5 business days.')],
    });
    expect(simpleText(await jsonOf(await pending))).toBe('Refunds take up to 5 business days.');
    // Nothing new and no reply at all: the holding text, still.
    const lone = kakaoSkillHeaders();
    await skill(lone, 'kakao-resend-none', 'Is my parcel back with you yet?');
    expect(
      simpleText(await jsonOf(await skill(lone, 'kakao-resend-none', 'Is my parcel back with you yet?'))),
    ).toBe('One moment, I am checking and will reply shortly.');
  });
});

describe('Naver synchronous replies', () => {
  it('inline composite reply within the deadline; send API after it', async () => {
    const pending = fetch(`${h.base}/v1/naver/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(naverSendEvent({ user: 'naver-user-1', text: 'How do I return?' })),
    });
    const first = await waitFor(() => h.inbound.find((m) => m.sender === 'naver-user-1'));
    await h.reply({
      channel: Channel.CHANNEL_NAVER,
      conversationId: first.conversationId,
      recipient: 'naver-user-1',
      inReplyTo: first.replyTo,
      parts: [text('Use the portal.'), link('Start return', PORTAL)],
    });
    expect(await jsonOf(await pending)).toEqual({
      event: 'send',
      compositeContent: {
        compositeList: [
          {
            description: 'Use the portal.',
            buttonList: [{ type: 'LINK', data: { title: 'Start return', url: PORTAL, mobileUrl: PORTAL } }],
          },
        ],
      },
    });

    const late = await fetch(`${h.base}/v1/naver/acme`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(naverSendEvent({ user: 'naver-user-2', text: '환불 상태 알려주세요' })),
    });
    expect((await jsonOf(late)).textContent.text).toMatch(/잠시만/);
    const second = await waitFor(() => h.inbound.find((m) => m.sender === 'naver-user-2'));
    await h.reply({
      channel: Channel.CHANNEL_NAVER,
      conversationId: second.conversationId,
      inReplyTo: second.replyTo,
      language: 'ko',
      parts: [text('환불이 완료되었습니다.')],
    });
    const sent = await waitFor(() => h.fakes.naver.sent.find((s) => s.user === 'naver-user-2'));
    expect(sent.body).toEqual({
      event: 'send',
      user: 'naver-user-2',
      textContent: { text: '환불이 완료되었습니다.' },
    });
  });
});

describe('web chat stream', () => {
  it('streams replies over SSE and replays missed ones after Last-Event-ID', async () => {
    const conv = await jsonOf(await fetch(`${h.base}/v1/webchat/acme/conversations`, { method: 'POST' }));
    const ctrl = new AbortController();
    const res = await fetch(`${h.base}/v1/webchat/acme/events?token=${encodeURIComponent(conv.token)}`, {
      signal: ctrl.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let buffer = '';
    // biome-ignore lint/suspicious/noExplicitAny: parsed SSE payloads
    const events: { id: string; data: any }[] = [];
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += Buffer.from(value).toString('utf8');
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const chunk = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const id = /^id: (.*)$/m.exec(chunk)?.[1];
            const data = /^data: (.*)$/m.exec(chunk)?.[1];
            if (id && data) events.push({ id, data: JSON.parse(data) });
          }
        }
      } catch {
        /* aborted */
      }
    })();
    const first = await h.reply({
      channel: Channel.CHANNEL_WEBCHAT,
      conversationId: conv.conversationId,
      language: 'pl',
      parts: [text('Dzień dobry! W czym mogę pomóc?')],
    });
    const got = await waitFor(() => events.find((e) => e.id === first.messageId));
    expect(got.data.parts).toEqual([{ type: 'text', text: 'Dzień dobry! W czym mogę pomóc?' }]);
    ctrl.abort();
    const second = await h.reply({
      channel: Channel.CHANNEL_WEBCHAT,
      conversationId: conv.conversationId,
      language: 'pl',
      parts: [link('Rozpocznij zwrot', PORTAL)],
    });
    // Persisted by the delivery consumer; a reconnecting client gets it after its last event id.
    const replay = await waitFor(async () => {
      const r = await fetch(`${h.base}/v1/webchat/acme/events?token=${encodeURIComponent(conv.token)}`, {
        headers: { 'last-event-id': first.messageId },
        signal: AbortSignal.timeout(400),
      });
      let body = '';
      try {
        for await (const chunk of r.body!) body += Buffer.from(chunk).toString('utf8');
      } catch {
        /* timeout ends the stream */
      }
      return body.includes(second.messageId) && body;
    });
    expect(replay).not.toContain(`id: ${first.messageId}`);
    expect(replay).toContain('"label":"Rozpocznij zwrot"');
  });
});
