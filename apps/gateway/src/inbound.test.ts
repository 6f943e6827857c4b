import { gzipSync } from 'node:zlib';
import { kakaoSkillHeaders, kakaoSkillRequest } from '@boomerang/fakes/kakao';
import { mailgunInboundForm, sendgridInboundForm } from '@boomerang/fakes/mail';
import { naverLeaveEvent, naverSendEvent } from '@boomerang/fakes/naver';
import { signedTwilioRequest, twilioInboundSms } from '@boomerang/fakes/twilio';
import { signedWhatsAppRequest, signWhatsApp, whatsappInboundBody } from '@boomerang/fakes/whatsapp';
import { silentLogger } from '@boomerang/kit/logger';
import { waitFor } from '@boomerang/kit/testing';
import request from 'supertest';
import {
  Channel,
  type Harness,
  SECRETS,
  startHarness,
  TWILIO_ACCOUNT,
  tenantsFor,
  WA_PHONE_NUMBER_ID,
} from './__tests__/harness';
import { createServer } from './server';

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
const jsonOf = (r: Response): Promise<any> => r.json();

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    settings: {
      syncDeadlineMs: 300,
      maxBodyBytes: 64 * 1024,
      rateLimit: { perMinute: 6, burst: 8 },
      publishTimeoutMs: 800,
    },
    // A brand with its name (the demo page's title), HTML in it escaped.
    tenants: (f) =>
      tenantsFor(f, { flakon: { name: 'Różany <Flakon>', language: 'pl', channels: { webchat: {} } } }),
  });
});
afterAll(() => h.close());

const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${h.base}${path}`, { method: 'POST', body, headers });
const published = (id: string) => h.inbound.filter((m) => m.messageId === id);

describe('Twilio SMS', () => {
  const path = '/v1/twilio/acme/sms';
  const sms = (body: string, sid?: string) =>
    twilioInboundSms({
      accountSid: TWILIO_ACCOUNT,
      from: '+48601234567',
      to: '+15005550006',
      body,
      messageSid: sid,
    });

  it('accepts a signed message, publishes it, answers empty TwiML, and deduplicates a replay', async () => {
    const params = sms('Chcę zwrócić kurtkę z zamówienia #1001');
    const req = signedTwilioRequest(`${h.base}${path}`, params, SECRETS.twilioAuthToken);
    const res = await post(path, req.body, req.headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await res.text()).toContain('<Response>');
    const msg = (await waitFor(() => published(`sms:${params.MessageSid}`)[0]))!;
    expect(msg).toMatchObject({
      tenantId: 'acme',
      channel: Channel.CHANNEL_SMS,
      sender: '+48601234567',
      text: 'Chcę zwrócić kurtkę z zamówienia #1001',
    });
    expect(msg.conversationId).toMatch(/^sms_/);
    const again = await post(path, req.body, req.headers);
    expect(again.status).toBe(200);
    const other = signedTwilioRequest(`${h.base}${path}`, sms('second'), SECRETS.twilioAuthToken);
    expect((await post(path, other.body, other.headers)).status).toBe(200);
    await waitFor(() => h.inbound.some((m) => m.text === 'second'));
    expect(published(`sms:${params.MessageSid}`)).toHaveLength(1);
  });

  it('remembers published message ids across a replica restart (durable dedupe)', async () => {
    const params = sms('Zwrot po restarcie');
    const first = signedTwilioRequest(`${h.base}${path}`, params, SECRETS.twilioAuthToken);
    expect((await post(path, first.body, first.headers)).status).toBe(200);
    await waitFor(() => published(`sms:${params.MessageSid}`)[0]);
    const replica = createServer({
      sql: h.sql,
      bus: h.bus,
      logger: silentLogger(),
      tenants: h.tenants,
      settings: { webchatSecret: 'x'.repeat(32) },
    });
    // readiness flips only once migrated and consuming (Kubernetes readinessProbe)
    expect((await request(replica.app).get('/readyz')).status).toBe(503);
    const { httpPort } = await replica.start({ httpPort: 0, host: '127.0.0.1' });
    try {
      expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${httpPort}/healthz`)).status).toBe(200);
      const url = `http://127.0.0.1:${httpPort}${path}`;
      const again = signedTwilioRequest(url, params, SECRETS.twilioAuthToken);
      expect((await fetch(url, { method: 'POST', body: again.body, headers: again.headers })).status).toBe(
        200,
      );
      const marker = signedTwilioRequest(url, sms('marker after restart'), SECRETS.twilioAuthToken);
      expect((await fetch(url, { method: 'POST', body: marker.body, headers: marker.headers })).status).toBe(
        200,
      );
      await waitFor(() => h.inbound.some((m) => m.text === 'marker after restart'));
      expect(published(`sms:${params.MessageSid}`)).toHaveLength(1);
    } finally {
      await replica.stop();
      expect((await request(replica.app).get('/readyz')).status).toBe(503);
    }
  });

  it('keeps one conversation per sender', async () => {
    const a = sms('one');
    const b = sms('two');
    for (const p of [a, b]) {
      const r = signedTwilioRequest(`${h.base}${path}`, p, SECRETS.twilioAuthToken);
      expect((await post(path, r.body, r.headers)).status).toBe(200);
    }
    const [ma, mb] = await waitFor(() => {
      const x = published(`sms:${a.MessageSid}`)[0];
      const y = published(`sms:${b.MessageSid}`)[0];
      return x && y && [x, y];
    });
    expect(ma!.conversationId).toBe(mb!.conversationId);
  });

  it('rejects a tampered body, a wrong signature, a missing signature and another account', async () => {
    const params = sms('refund please');
    const req = signedTwilioRequest(`${h.base}${path}`, params, SECRETS.twilioAuthToken);
    const tampered = req.body.replace('refund', 'hacked');
    expect((await post(path, tampered, req.headers)).status).toBe(403);
    const wrong = signedTwilioRequest(`${h.base}${path}`, params, 'not-the-token');
    expect((await post(path, wrong.body, wrong.headers)).status).toBe(403);
    const { 'x-twilio-signature': _omit, ...unsigned } = req.headers;
    const missing = await post(path, req.body, unsigned);
    expect(missing.status).toBe(400);
    expect((await jsonOf(missing)).error.message).toMatch(/X-Twilio-Signature/);
    const foreign = { ...params, AccountSid: 'ACffffffffffffffffffffffffffffffff' };
    const f = signedTwilioRequest(`${h.base}${path}`, foreign, SECRETS.twilioAuthToken);
    expect((await post(path, f.body, f.headers)).status).toBe(403);
    expect(published(`sms:${params.MessageSid}`)).toHaveLength(0);
  });

  it('answers alike on the fast lane and through express (compressed body, trailing slash, proxy)', async () => {
    const token = SECRETS.twilioAuthToken;
    const from = (text: string) =>
      twilioInboundSms({ accountSid: TWILIO_ACCOUNT, from: '+48600000042', to: '+15005550006', body: text });
    const fast = from('Zwrot przez szybką ścieżkę');
    const a = signedTwilioRequest(`${h.base}${path}`, fast, token);
    const zipped = from('반품 gzip');
    const b = signedTwilioRequest(`${h.base}${path}`, zipped, token);
    const slash = from('Return with a trailing slash');
    const c = signedTwilioRequest(`${h.base}${path}/`, slash, token);
    // Behind a TLS-terminating proxy Twilio signs the https URL it called.
    const proxied = from('Zwrot przez proxy');
    const d = signedTwilioRequest(`${h.base.replace('http:', 'https:')}${path}`, proxied, token);
    const answers = await Promise.all([
      post(path, a.body, a.headers),
      post(path, gzipSync(b.body), { ...b.headers, 'content-encoding': 'gzip' }),
      post(`${path}/`, c.body, c.headers),
      post(path, d.body, d.headers),
      post(path, d.body, { ...d.headers, 'x-forwarded-proto': 'https' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 403, 200]);
    for (const r of [answers[0]!, answers[1]!, answers[2]!])
      expect(r.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    for (const p of [fast, zipped, slash, proxied]) await waitFor(() => published(`sms:${p.MessageSid}`)[0]);
    // A forged request gets the same error body either way, and nothing is published.
    const forged = { ...a.headers, 'x-twilio-signature': 'Zm9yZ2Vk' };
    const viaFast = await post(path, a.body, forged);
    const viaExpress = await post(path, gzipSync(a.body), { ...forged, 'content-encoding': 'gzip' });
    expect([viaFast.status, viaExpress.status]).toEqual([403, 403]);
    expect(await jsonOf(viaFast)).toEqual(await jsonOf(viaExpress));
    expect(published(`sms:${fast.MessageSid}`)).toHaveLength(1);
  });

  it('answers 404 for an unknown tenant, 413 when oversized, 400 with a reason when malformed', async () => {
    const params = sms('hi');
    const r404 = signedTwilioRequest(`${h.base}/v1/twilio/nobody/sms`, params, SECRETS.twilioAuthToken);
    expect((await post('/v1/twilio/nobody/sms', r404.body, r404.headers)).status).toBe(404);
    const big = sms('x'.repeat(70 * 1024));
    const rBig = signedTwilioRequest(`${h.base}${path}`, big, SECRETS.twilioAuthToken);
    const tooLarge = await post(path, rBig.body, rBig.headers);
    expect(tooLarge.status).toBe(413);
    const { MessageSid: _a, SmsMessageSid: _b, SmsSid: _c, ...noSid } = params;
    const bad = signedTwilioRequest(`${h.base}${path}`, noSid, SECRETS.twilioAuthToken);
    const res = await post(path, bad.body, bad.headers);
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toEqual({
      error: { code: 'INVALID_ARGUMENT', message: 'MessageSid is required', field: 'MessageSid' },
    });
  });
});

describe('WhatsApp Cloud API', () => {
  const path = '/v1/whatsapp/acme';

  it('answers the verify handshake only with the right token', async () => {
    const ok = await fetch(
      `${h.base}${path}?hub.mode=subscribe&hub.verify_token=${SECRETS.whatsappVerifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(
      `${h.base}${path}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`,
    );
    expect(bad.status).toBe(403);
  });

  it('accepts a signed message (text and button reply), dedupes replays, ignores statuses', async () => {
    const body = whatsappInboundBody({
      phoneNumberId: WA_PHONE_NUMBER_ID,
      from: '821012345678',
      profileName: '김민지',
      text: '반품하고 싶어요',
    });
    const req = signedWhatsAppRequest(body, SECRETS.whatsappAppSecret);
    expect((await post(path, req.body, req.headers)).status).toBe(200);
    expect((await post(path, req.body, req.headers)).status).toBe(200);
    const id = (body as any).entry[0].changes[0].value.messages[0].id;
    const msg = await waitFor(() => published(`whatsapp:${id}`)[0]);
    expect(msg).toMatchObject({
      sender: '821012345678',
      senderName: '김민지',
      text: '반품하고 싶어요',
      channel: Channel.CHANNEL_WHATSAPP,
    });
    const tap = whatsappInboundBody({
      phoneNumberId: WA_PHONE_NUMBER_ID,
      from: '821012345678',
      buttonReply: { id: 'start_return:1001', title: 'Start return' },
    });
    const tapReq = signedWhatsAppRequest(tap, SECRETS.whatsappAppSecret);
    expect((await post(path, tapReq.body, tapReq.headers)).status).toBe(200);
    const tapped = await waitFor(() => h.inbound.find((m) => m.postback === 'start_return:1001'));
    expect(tapped.text).toBe('Start return');
    const statuses = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: WA_PHONE_NUMBER_ID },
                statuses: [{ id: 'wamid.x', status: 'read' }],
              },
            },
          ],
        },
      ],
    };
    const sReq = signedWhatsAppRequest(statuses, SECRETS.whatsappAppSecret);
    expect((await post(path, sReq.body, sReq.headers)).status).toBe(200);
    expect(published(`whatsapp:${id}`)).toHaveLength(1);
  });

  it('rejects tampered bodies, wrong and missing signatures; 400 for a non-WhatsApp body', async () => {
    const body = whatsappInboundBody({
      phoneNumberId: WA_PHONE_NUMBER_ID,
      from: '48600100200',
      text: 'zwrot',
    });
    const req = signedWhatsAppRequest(body, SECRETS.whatsappAppSecret);
    expect((await post(path, req.body.replace('zwrot', 'zwrov'), req.headers)).status).toBe(403);
    expect(
      (await post(path, req.body, { ...req.headers, 'x-hub-signature-256': signWhatsApp(req.body, 'other') }))
        .status,
    ).toBe(403);
    expect((await post(path, req.body, { 'content-type': 'application/json' })).status).toBe(401);
    const junk = JSON.stringify({ hello: 'world' });
    const res = await post(path, junk, {
      'content-type': 'application/json',
      'x-hub-signature-256': signWhatsApp(junk, SECRETS.whatsappAppSecret),
    });
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).error.message).toMatch(/not a WhatsApp webhook: object/);
  });
});

describe('email', () => {
  it('SendGrid Inbound Parse: secret path, quoted history stripped, dedupe by Message-ID', async () => {
    const mail = sendgridInboundForm({
      from: 'Anna Nowak <anna@example.pl>',
      to: 'support@acme.test',
      subject: 'Zwrot zamówienia #1002',
      text: 'Dzień dobry,\nchcę zwrócić buty.\n\nW dniu 3 maja 2025 12:00 ACME <support@acme.test> napisał(a):\n> Dziękujemy za zakup\n',
      messageId: '<zwrot-1002@example.pl>',
    });
    const path = `/v1/email/acme/sendgrid/${SECRETS.sendgridSecret}`;
    expect((await post(path, mail.body, mail.headers)).status).toBe(200);
    expect((await post(path, mail.body, mail.headers)).status).toBe(200);
    const msg = await waitFor(() => published('email:<zwrot-1002@example.pl>')[0]);
    expect(msg).toMatchObject({
      sender: 'anna@example.pl',
      senderName: 'Anna Nowak',
      text: 'Dzień dobry,\nchcę zwrócić buty.',
      subject: 'Zwrot zamówienia #1002',
    });
    expect(published('email:<zwrot-1002@example.pl>')).toHaveLength(1);
    expect((await post('/v1/email/acme/sendgrid/wrong-secret', mail.body, mail.headers)).status).toBe(403);
  });

  it('Mailgun: signature over timestamp+token, stale timestamps and forged signatures rejected', async () => {
    const mail = {
      from: 'Jane <jane@example.com>',
      to: 'support@acme.test',
      subject: 'Return',
      text: 'How do I return my jacket?\n\n-- \nJane',
      messageId: '<ret-1@example.com>',
    };
    const ok = mailgunInboundForm(mail, SECRETS.mailgunSigningKey);
    expect((await post('/v1/email/acme/mailgun', ok.body, ok.headers)).status).toBe(200);
    const msg = await waitFor(() => published('email:<ret-1@example.com>')[0]);
    expect(msg.text).toBe('How do I return my jacket?');
    const forged = mailgunInboundForm(mail, 'wrong-key');
    expect((await post('/v1/email/acme/mailgun', forged.body, forged.headers)).status).toBe(403);
    const stale = mailgunInboundForm(
      { ...mail, messageId: '<ret-2@example.com>' },
      SECRETS.mailgunSigningKey,
      { timestamp: Math.floor(Date.now() / 1000) - 3600 },
    );
    expect((await post('/v1/email/acme/mailgun', stale.body, stale.headers)).status).toBe(403);
    // A captured token/signature pair cannot sign a different message.
    const reuse = mailgunInboundForm(
      { ...mail, messageId: '<ret-3@example.com>', text: 'forged' },
      SECRETS.mailgunSigningKey,
      {
        timestamp: Number(ok.fields.timestamp),
        token: ok.fields.token,
      },
    );
    expect((await post('/v1/email/acme/mailgun', reuse.body, reuse.headers)).status).toBe(403);
    expect(published('email:<ret-3@example.com>')).toHaveLength(0);
  });

  it('400 when only quoted history is left', async () => {
    const m = mailgunInboundForm(
      { from: 'a@b.c', to: 'support@acme.test', subject: 'x', text: '> old\n> older', messageId: '<q@b.c>' },
      SECRETS.mailgunSigningKey,
    );
    const res = await post('/v1/email/acme/mailgun', m.body, m.headers);
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).error.message).toMatch(/no new text/);
  });
});

describe('Kakao skill', () => {
  it('publishes with a reply_to, answers a holding text past the deadline, rejects other bots', async () => {
    const body = kakaoSkillRequest({
      botId: SECRETS.kakaoBotId,
      userKey: 'kakao-user-1',
      utterance: '반품 기간이 어떻게 되나요?',
    });
    const headers = kakaoSkillHeaders();
    const res = await post('/v1/kakao/acme/skill', JSON.stringify(body), headers);
    expect(res.status).toBe(200);
    const json = await jsonOf(res);
    expect(json.version).toBe('2.0');
    expect(json.template.outputs[0].simpleText.text).toMatch(/잠시만/);
    const msg = await waitFor(() => published(`kakao:${headers['x-request-id']}`)[0]);
    expect(msg).toMatchObject({
      sender: 'kakao-user-1',
      text: '반품 기간이 어떻게 되나요?',
      replyTo: `kakao:${headers['x-request-id']}`,
    });
    const other = kakaoSkillRequest({ botId: 'another-bot', userKey: 'kakao-user-1', utterance: 'x' });
    expect((await post('/v1/kakao/acme/skill', JSON.stringify(other), kakaoSkillHeaders())).status).toBe(403);
    const bad = await post(
      '/v1/kakao/acme/skill',
      JSON.stringify({ bot: { id: SECRETS.kakaoBotId } }),
      kakaoSkillHeaders(),
    );
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).error.message).toMatch(/userRequest/);
    // Replayed request id → published once.
    await post('/v1/kakao/acme/skill', JSON.stringify(body), headers);
    expect(published(`kakao:${headers['x-request-id']}`)).toHaveLength(1);
  });
});

describe('Naver TalkTalk', () => {
  it('publishes send events, ignores leave, answers a holding text past the deadline', async () => {
    const res = await post(
      '/v1/naver/acme',
      JSON.stringify(naverSendEvent({ user: 'al-2eGuGr5WQOnco1_V-FQ', text: 'Jak zwrócić buty?' })),
      { 'content-type': 'application/json;charset=UTF-8' },
    );
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({
      event: 'send',
      textContent: { text: 'Chwileczkę, sprawdzam i zaraz odpowiem.' },
    });
    await waitFor(() =>
      h.inbound.find((m) => m.channel === Channel.CHANNEL_NAVER && m.text === 'Jak zwrócić buty?'),
    );
    const before = h.inbound.length;
    const leave = await post(
      '/v1/naver/acme',
      JSON.stringify(naverLeaveEvent({ user: 'al-2eGuGr5WQOnco1_V-FQ' })),
      { 'content-type': 'application/json' },
    );
    expect(leave.status).toBe(200);
    const bad = await post('/v1/naver/acme', '{"event":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(h.inbound.length).toBe(before);
  });
});

describe('web chat', () => {
  it('issues a conversation token, accepts messages with it, dedupes by client message id', async () => {
    const conv = await jsonOf(
      await post('/v1/webchat/acme/conversations', '{}', { 'content-type': 'application/json' }),
    );
    expect(conv.token).toBeTruthy();
    const send = (body: object, token = conv.token) =>
      post('/v1/webchat/acme/messages', JSON.stringify(body), {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      });
    const res = await send({
      text: 'How long is the return window?',
      clientMessageId: 'msg-000001',
      identityToken: 'storefront.jwt.token',
      locale: 'en',
    });
    expect(res.status).toBe(202);
    const { messageId } = await jsonOf(res);
    const msg = await waitFor(() => published(messageId)[0]);
    expect(msg).toMatchObject({
      conversationId: conv.conversationId,
      identityToken: 'storefront.jwt.token',
      channel: Channel.CHANNEL_WEBCHAT,
    });
    expect(
      (await jsonOf(await send({ text: 'How long is the return window?', clientMessageId: 'msg-000001' })))
        .duplicate,
    ).toBe(true);
    expect(published(messageId)).toHaveLength(1);
    expect((await send({ text: 'hi' }, `${conv.token}x`)).status).toBe(401);
    const empty = await send({ text: '   ' });
    expect(empty.status).toBe(400);
    expect((await jsonOf(empty)).error.message).toMatch(/text or postback is required/);
    expect((await post('/v1/webchat/nobody/conversations', '{}', {})).status).toBe(404);
  });

  it('rate-limits one sender (429 with Retry-After) without affecting others', async () => {
    const open = async () => jsonOf(await post('/v1/webchat/acme/conversations', '{}', {}));
    const send = (token: string, i: number) =>
      post('/v1/webchat/acme/messages', JSON.stringify({ text: `안녕하세요 ${i}` }), {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      });
    const chatty = await open();
    for (let i = 0; i < 8; i++) expect((await send(chatty.token, i)).status).toBe(202);
    const limited = await send(chatty.token, 8);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await jsonOf(limited)).error.code).toBe('RESOURCE_EXHAUSTED');
    const quiet = await open();
    expect((await send(quiet.token, 0)).status).toBe(202);
  });
});

describe('bus outage', () => {
  it('answers 503 and does not remember the message, so the vendor retry is published', async () => {
    const params = twilioInboundSms({
      accountSid: TWILIO_ACCOUNT,
      from: '+15551234567',
      to: '+15005550006',
      body: 'return my order',
    });
    const req = signedTwilioRequest(`${h.base}/v1/twilio/acme/sms`, params, SECRETS.twilioAuthToken);
    const original = h.bus.publish;
    h.bus.publish = async () => {
      throw new Error('broker down');
    };
    try {
      const down = await post('/v1/twilio/acme/sms', req.body, req.headers);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('1');
    } finally {
      h.bus.publish = original;
    }
    expect((await post('/v1/twilio/acme/sms', req.body, req.headers)).status).toBe(200);
    await waitFor(() => h.inbound.find((m) => m.messageId === `sms:${params.MessageSid}`));
  });

  it('refuses within the publish deadline while the broker does not answer, never holding webhooks up to the vendor timeout', async () => {
    // The broker is down: the bus keeps retrying and its publish neither resolves nor rejects.
    const original = h.bus.publish;
    const held: (() => void)[] = [];
    h.bus.publish = (...args) =>
      new Promise<void>((resolve, reject) => {
        held.push(() => original.apply(h.bus, args).then(resolve, reject));
      });
    const sms = (from: string, body: string) => {
      const params = twilioInboundSms({ accountSid: TWILIO_ACCOUNT, from, to: '+15005550006', body });
      return {
        params,
        req: signedTwilioRequest(`${h.base}/v1/twilio/acme/sms`, params, SECRETS.twilioAuthToken),
      };
    };
    const first = sms('+48601000001', 'Chcę zwrócić buty');
    const second = sms('+82101000002', '환불 받고 싶어요');
    try {
      const started = Date.now();
      // Concurrent webhooks: the second one waits behind the first (held) batch.
      const [a, b] = await Promise.all([
        post('/v1/twilio/acme/sms', first.req.body, first.req.headers),
        post('/v1/twilio/acme/sms', second.req.body, second.req.headers),
      ]);
      const tookMs = Date.now() - started;
      expect([a.status, b.status]).toEqual([503, 503]);
      expect(a.headers.get('retry-after')).toBe('1');
      expect(tookMs).toBeLessThan(5000); // the vendor (Twilio: 15 s, Kakao: 5 s) hears back in time
    } finally {
      h.bus.publish = original;
    }
    // The broker is back: the held batch lands (a publish may complete after its 503), and the
    // vendor's retries (same MessageSid) are acknowledged and published.
    for (const release of held) release();
    for (const { params, req } of [first, second]) {
      expect((await post('/v1/twilio/acme/sms', req.body, req.headers)).status).toBe(200);
      await waitFor(() => published(`sms:${params.MessageSid}`).length > 0);
    }
  });
});

describe('the demo page', () => {
  it("names the brand (escaped) and suggests questions any shop's shoppers ask, not one demo store's", async () => {
    const page = await (await fetch(`${h.base}/demo/flakon`)).text();
    expect(page).toContain('<title>Różany &lt;Flakon&gt; — returns &amp; exchanges');
    expect(page).not.toContain('<Flakon>');
    expect(page).toContain('data-lang="pl"');
    expect(page).not.toMatch(/#1001|신발|jacket/);
    // Without a name, the tenant id.
    expect(await (await fetch(`${h.base}/demo/acme`)).text()).toContain('<title>acme — returns');
    expect((await fetch(`${h.base}/demo/nobody`)).status).toBe(404);
  });
});
