// The same pipeline over a real Kafka broker: inbound published before the ack, outbound consumed by
// group "gateway" and delivered. Skipped locally without KAFKA_BROKERS; required under CI=true.

import { signedTwilioRequest, twilioInboundSms } from '@boomerang/fakes/twilio';
import { requireInfra, waitFor } from '@boomerang/kit/testing';
import { Channel, type Harness, SECRETS, startHarness, TWILIO_ACCOUNT, text } from './__tests__/harness';

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
