// A shopper's message as each vendor delivers it to the gateway's webhook, signed the vendor's way
// with the install's secrets: Twilio (X-Twilio-Signature over URL + sorted params), WhatsApp Cloud
// (X-Hub-Signature-256 over the raw body), Mailgun (HMAC of timestamp + token) or SendGrid Inbound
// Parse (secret path), Kakao i Open Builder (bot id + URL key) and Naver TalkTalk (URL key). Used by
// `dist/send.js` and the stack's channel tests. `forge` signs with a secret that is not the brand's.
import { randomBytes } from 'node:crypto';
import { kakaoSkillHeaders, kakaoSkillRequest } from '@boomerang/fakes/kakao';
import { mailgunInboundForm, sendgridInboundForm } from '@boomerang/fakes/mail';
import { naverSendEvent } from '@boomerang/fakes/naver';
import { signedTwilioRequest, twilioInboundSms } from '@boomerang/fakes/twilio';
import { signedWhatsAppRequest, whatsappInboundBody } from '@boomerang/fakes/whatsapp';
import type { ChannelSecrets, DemoChannel, VendorChannel } from './channels';

/** What a sender needs to know about a brand's channels (no secrets: those come separately). */
export interface BrandChannels {
  tenantId: string;
  name: string;
  language: string;
  smsNumber: string;
  twilioAccountSid: string;
  whatsappPhoneNumberId: string;
  kakaoBotId: string;
  supportEmail: string;
  /** The demo shopper (default sender on SMS / WhatsApp / e-mail). */
  shopper: { email: string; phone: string };
  /** Webhook URL per channel (web chat: the demo page), plus `sendgrid` and `mailgun`. */
  webhooks: Record<DemoChannel | 'sendgrid' | 'mailgun', string>;
}

export interface ShopperMessage {
  text: string;
  /** The sender on the channel: phone (SMS), wa_id (WhatsApp), address (e-mail), user key (Kakao, Naver). */
  from: string;
  /** A tapped button's payload (WhatsApp button_reply id, Kakao clientExtra.postback, Naver code). */
  postback?: string;
  /** E-mail: the subject and the message it answers (threading). */
  subject?: string;
  inReplyTo?: string;
  /** E-mail: Mailgun (signed; default) or SendGrid Inbound Parse (secret path). */
  via?: 'mailgun' | 'sendgrid';
  /** Kakao: the one-time callback URL Open Builder offers for a late answer. */
  callbackUrl?: string;
  /** Sign with a made-up secret (or none): the gateway must refuse it. */
  forge?: boolean;
}

export interface VendorRequest {
  channel: VendorChannel;
  url: string;
  headers: Record<string, string>;
  body: string | Buffer;
  /** The vendor's id of this delivery (a retry reuses it), if it has one. */
  messageId?: string;
  /** How it is authenticated, for people reading the CLI's output. */
  auth: string;
}

const made = () => randomBytes(16).toString('hex');

/** The signed webhook delivery of `m` on `channel`, as the vendor would make it. */
export function vendorRequest(
  channel: VendorChannel,
  brand: BrandChannels,
  secrets: ChannelSecrets,
  m: ShopperMessage,
): VendorRequest {
  switch (channel) {
    case 'sms': {
      const url = brand.webhooks.sms;
      const params = twilioInboundSms({
        accountSid: brand.twilioAccountSid,
        from: m.from,
        to: brand.smsNumber,
        body: m.text,
      });
      const signed = signedTwilioRequest(url, params, m.forge ? made() : secrets.twilioAuthToken);
      return {
        channel,
        url,
        ...signed,
        messageId: params.MessageSid,
        auth: 'X-Twilio-Signature (HMAC-SHA1 of the URL and the sorted form fields, key: the AuthToken)',
      };
    }
    case 'whatsapp': {
      const url = brand.webhooks.whatsapp;
      const messageId = `wamid.${randomBytes(16).toString('hex')}`;
      const body = whatsappInboundBody({
        messageId,
        phoneNumberId: brand.whatsappPhoneNumberId,
        from: m.from.replace(/^\+/, ''),
        text: m.text,
        ...(m.postback ? { buttonReply: { id: m.postback, title: m.text.slice(0, 20) || m.postback } } : {}),
      });
      const signed = signedWhatsAppRequest(body, m.forge ? made() : secrets.whatsappAppSecret);
      return {
        channel,
        url,
        ...signed,
        messageId,
        auth: 'X-Hub-Signature-256 (HMAC-SHA256 of the raw body, key: the App Secret)',
      };
    }
    case 'email': {
      const mail = {
        from: m.from,
        to: brand.supportEmail,
        subject: m.subject ?? defaultSubject(brand.language),
        text: m.text,
        messageId: `<${randomBytes(8).toString('hex')}@shopper.example>`,
        ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
      };
      if (m.via === 'sendgrid') {
        const form = sendgridInboundForm(mail);
        const url = m.forge ? brand.webhooks.sendgrid.replace(/[^/]+$/, made()) : brand.webhooks.sendgrid;
        return {
          channel,
          url,
          headers: form.headers,
          body: form.body,
          messageId: mail.messageId,
          auth: 'SendGrid Inbound Parse: the secret in the URL path (SendGrid does not sign)',
        };
      }
      const form = mailgunInboundForm(mail, m.forge ? made() : secrets.mailgunSigningKey);
      return {
        channel,
        url: brand.webhooks.mailgun,
        headers: form.headers,
        body: form.body,
        messageId: mail.messageId,
        auth: 'Mailgun signature (HMAC-SHA256 of timestamp + token, key: the webhook signing key)',
      };
    }
    case 'kakao': {
      const url = m.forge ? withKey(brand.webhooks.kakao, made()) : brand.webhooks.kakao;
      const headers = kakaoSkillHeaders();
      const body = kakaoSkillRequest({
        botId: brand.kakaoBotId,
        userKey: m.from,
        utterance: m.text,
        ...(m.callbackUrl ? { callbackUrl: m.callbackUrl } : {}),
        ...(m.postback ? { clientExtra: { postback: m.postback } } : {}),
      });
      return {
        channel,
        url,
        headers,
        body: JSON.stringify(body),
        messageId: headers['x-request-id'],
        auth: 'Open Builder skill: bot.id and the ?key= of the skill URL (Kakao does not sign)',
      };
    }
    case 'naver': {
      const url = m.forge ? withKey(brand.webhooks.naver, made()) : brand.webhooks.naver;
      return {
        channel,
        url,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: JSON.stringify(naverSendEvent({ user: m.from, text: m.text, code: m.postback })),
        auth: 'TalkTalk webhook: the ?key= of the URL (Naver does not sign)',
      };
    }
  }
}

function withKey(url: string, key: string): string {
  const u = new URL(url);
  u.searchParams.set('key', key);
  return u.toString();
}

function defaultSubject(language: string): string {
  return language === 'ko' ? '반품 문의' : language === 'pl' ? 'Pytanie o zwrot' : 'Question about a return';
}

/** The sender a channel uses for the brand's demo shopper unless told otherwise. */
export function defaultSender(channel: VendorChannel, brand: BrandChannels): string {
  switch (channel) {
    case 'sms':
      return brand.shopper.phone;
    case 'whatsapp':
      return brand.shopper.phone.replace(/^\+/, '');
    case 'email':
      return brand.shopper.email;
    case 'kakao':
      return `demo-kakao-user-${brand.tenantId}`;
    case 'naver':
      return `demo-naver-user-${brand.tenantId}`;
  }
}

/** POSTs the delivery; returns the status and the answer (JSON when it is JSON). */
export async function deliver(
  req: VendorRequest,
  timeoutMs = 15_000,
): Promise<{ status: number; body: unknown; text: string; ms: number }> {
  const t = performance.now();
  const res = await fetch(req.url, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // TwiML, plain text
  }
  return { status: res.status, body, text, ms: performance.now() - t };
}
