// The same pipeline over a real Kafka broker: inbound published before the ack, outbound consumed by
// group "gateway" and delivered. Skipped locally without KAFKA_BROKERS; required under CI=true.

import { signedTwilioRequest, twilioInboundSms } from '@boomerang/fakes/twilio';
import { signedWhatsAppRequest, whatsappInboundBody } from '@boomerang/fakes/whatsapp';
import { DLQ_HEADERS, type Subscription, TOPICS } from '@boomerang/kit/bus';
import type { Sql } from '@boomerang/kit/sql';
import { requireInfra, uniqueName, waitFor } from '@boomerang/kit/testing';
import { InboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import {
  Channel,
  type Harness,
  SECRETS,
  startHarness,
  TWILIO_ACCOUNT,
  text,
  WA_PHONE_NUMBER_ID,
} from './__tests__/harness';

const kafka = requireInfra('KAFKA_BROKERS', 'gateway over Kafka');

kafka.describe('gateway over Kafka', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kafka: kafka.value });
  }, 60_000);
  afterAll(() => h?.close());

  it('publishes a verified SMS once and delivers the reply through Twilio', async () => {
    const params = twilioInboundSms({
      accountSid: TWILIO_ACCOUNT,
      from: '+48601000111',
      to: '+15005550006',
      body: 'Gdzie jest mój zwrot?',
    });
    const req = signedTwilioRequest(`${h.base}/v1/twilio/acme/sms`, params, SECRETS.twilioAuthToken);
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await fetch(`${h.base}/v1/twilio/acme/sms`, {
            method: 'POST',
            body: req.body,
            headers: req.headers,
          })
        ).status,
      ).toBe(200);
    }
    const msg = await waitFor(() => h.inbound.find((m) => m.messageId === `sms:${params.MessageSid}`), {
      timeoutMs: 30_000,
    });
    await h.reply({
      channel: Channel.CHANNEL_SMS,
      conversationId: msg.conversationId,
      recipient: msg.sender,
      language: 'pl',
      parts: [text('Zwrot został przyjęty.')],
    });
    const sent = await waitFor(() => h.fakes.twilio.messages.find((m) => m.to === '+48601000111'), {
      timeoutMs: 30_000,
    });
    expect(sent.body).toBe('Zwrot został przyjęty.');
    expect(h.inbound.filter((m) => m.messageId === `sms:${params.MessageSid}`)).toHaveLength(1);
  }, 60_000);
});

/** A loaded database: every statement touching the contact window takes `ms` longer. */
const slowContactWrites =
  (ms: number) =>
  (sql: Sql): Sql =>
    new Proxy(sql, {
      get(target, prop, receiver) {
        if (prop === 'query')
          return async (text: string, params?: unknown[]) => {
            if (/gateway_contacts/.test(text) && !/^\s*SELECT/i.test(text))
              await new Promise((r) => setTimeout(r, ms));
            return target.query(text, params);
          };
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });

kafka.describe('gateway over Kafka with a slow database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ kafka: kafka.value, wrapSql: slowContactWrites(400) });
  }, 60_000);
  afterAll(() => h?.close());

  it('answers concurrent first WhatsApp messages inside the 24 h window (never a paid template)', async () => {
    // The tenant has an approved template: a reply that sees no window would go out as a template.
    const whatsapp = h.tenants.get('acme')!.channels.whatsapp as {
      template?: { name: string; language: string };
    };
    whatsapp.template = { name: 'support_follow_up', language: 'pl' };
    // Plays an agent that answers the instant it reads a message from the topic.
    let sub: Subscription | undefined;
    try {
      sub = await h.bus.subscribe(
        { topics: [TOPICS.channelInbound.name], groupId: uniqueName('eager-agent'), fromBeginning: true },
        async (m) => {
          const msg = InboundMessage.decode(m.value);
          if (msg.channel !== Channel.CHANNEL_WHATSAPP) return;
          const language = ['ko', 'pl', 'en'][Number(msg.sender.slice(-1)) % 3]!;
          const answer = {
            ko: '반품을 도와드릴게요.',
            pl: 'Pomogę Ci ze zwrotem.',
            en: 'I can help with your return.',
          };
          await h.reply({
            channel: Channel.CHANNEL_WHATSAPP,
            conversationId: msg.conversationId,
            recipient: msg.sender,
            inReplyTo: msg.messageId,
            language,
            parts: [text(answer[language as keyof typeof answer])],
          });
        },
      );
      const shoppers = Array.from(
        { length: 30 },
        (_, i) => `4860${Date.now() % 1_000_000}${String(i).padStart(3, '0')}`,
      );
      const greetings = ['반품하고 싶어요', 'Chcę zwrócić kurtkę', 'I want to return my shoes'];
      const statuses = await Promise.all(
        shoppers.map(async (from, i) => {
          const req = signedWhatsAppRequest(
            whatsappInboundBody({ phoneNumberId: WA_PHONE_NUMBER_ID, from, text: greetings[i % 3]! }),
            SECRETS.whatsappAppSecret,
          );
          return (
            await fetch(`${h.base}/v1/whatsapp/acme`, {
              method: 'POST',
              body: req.body,
              headers: req.headers,
            })
          ).status;
        }),
      );
      expect(statuses).toEqual(shoppers.map(() => 200));
      const sent = await waitFor(
        () => {
          const got = h.fakes.whatsapp.messages.filter((m) => shoppers.includes(m.to));
          return got.length + h.dlq.length >= shoppers.length ? got : undefined;
        },
        { timeoutMs: 45_000 },
      );
      expect(h.dlq.map((d) => d.headers[DLQ_HEADERS.error])).toEqual([]);
      expect(sent.map((m) => m.type)).toEqual(shoppers.map(() => 'text'));
      expect(new Set(sent.map((m) => m.to)).size).toBe(shoppers.length);
    } finally {
      await sub?.stop({ drainMs: 500 });
      whatsapp.template = undefined;
    }
  }, 90_000);
});
