// The demo brands' messaging channels: which ones the stack turns on, the per-install secrets each
// one needs (generated into <BOOMERANG_HOME>/secrets.json, never in the repository), and the webhook
// URLs a vendor (or `dist/send.js`) posts to.
import { createHash, randomBytes } from 'node:crypto';
import type { DemoBrand } from './brands';

/** Every channel of a demo brand, in the order they are printed and turned on. */
export const DEMO_CHANNELS = ['webchat', 'sms', 'whatsapp', 'email', 'kakao', 'naver'] as const;
export type DemoChannel = (typeof DEMO_CHANNELS)[number];
/** The channels that come in through a vendor's webhook (everything but web chat). */
export type VendorChannel = Exclude<DemoChannel, 'webchat'>;
export const VENDOR_CHANNELS: readonly VendorChannel[] = ['sms', 'whatsapp', 'email', 'kakao', 'naver'];

export const CHANNEL_TITLES: Record<DemoChannel, string> = {
  webchat: 'web chat',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'e-mail',
  kakao: 'KakaoTalk',
  naver: 'Naver TalkTalk',
};

/** One brand's channel credentials (what the vendor and the gateway share). */
export interface ChannelSecrets {
  /** Twilio AuthToken: signs inbound webhooks (X-Twilio-Signature) and authenticates the Messages API. */
  twilioAuthToken: string;
  /** Meta App Secret: signs WhatsApp webhooks (X-Hub-Signature-256). */
  whatsappAppSecret: string;
  /** The webhook verification handshake's hub.verify_token. */
  whatsappVerifyToken: string;
  /** Graph API access token (Bearer) for sending. */
  whatsappAccessToken: string;
  /** Path secret of the SendGrid Inbound Parse URL (SendGrid does not sign). */
  sendgridInboundSecret: string;
  /** Mailgun webhook signing key (hex HMAC-SHA256 of timestamp + token). */
  mailgunSigningKey: string;
  /** `?key=` of the Kakao skill URL (Open Builder does not sign). */
  kakaoUrlSecret: string;
  /** Naver TalkTalk send API token (Authorization header). */
  naverAuthorization: string;
  /** `?key=` of the Naver TalkTalk webhook URL (TalkTalk does not sign). */
  naverUrlSecret: string;
}

export interface DemoSecrets {
  /** SendGrid API key of the mail fake (outbound e-mail: replies and one-time codes). */
  sendgridApiKey: string;
  /** Per tenant. */
  channels: Record<string, ChannelSecrets>;
}

const token = (bytes: number) => randomBytes(bytes).toString('hex');

export function newChannelSecrets(): ChannelSecrets {
  return {
    twilioAuthToken: token(16),
    whatsappAppSecret: token(16),
    whatsappVerifyToken: token(12),
    whatsappAccessToken: `EAA${randomBytes(36).toString('base64url')}`,
    sendgridInboundSecret: token(16),
    mailgunSigningKey: token(16),
    kakaoUrlSecret: token(16),
    naverAuthorization: token(20),
    naverUrlSecret: token(16),
  };
}

const SECRET_KEYS = Object.keys(newChannelSecrets()) as (keyof ChannelSecrets)[];

/**
 * `stored` with whatever is missing for `brands` generated (a brand added since, or an install from
 * before the channels were turned on). `changed` tells the caller to write the file back.
 */
export function completeDemoSecrets(
  stored: Partial<DemoSecrets> | undefined,
  brands: readonly Pick<DemoBrand, 'tenantId'>[],
): { secrets: DemoSecrets; changed: boolean } {
  let changed = false;
  const sendgridApiKey = stored?.sendgridApiKey ?? `SG.${randomBytes(33).toString('base64url')}`;
  if (!stored?.sendgridApiKey) changed = true;
  const channels: Record<string, ChannelSecrets> = { ...(stored?.channels ?? {}) };
  for (const brand of brands) {
    const have = channels[brand.tenantId];
    if (have && SECRET_KEYS.every((k) => typeof have[k] === 'string' && have[k])) continue;
    channels[brand.tenantId] = { ...newChannelSecrets(), ...(have ?? {}) };
    changed = true;
  }
  return { secrets: { sendgridApiKey, channels }, changed };
}

/** The brand's Twilio AccountSid (AC + 32 characters; an identifier, derived from the tenant id). */
export function twilioAccountSid(brand: Pick<DemoBrand, 'tenantId'>): string {
  return `AC${createHash('sha256').update(`twilio:${brand.tenantId}`).digest('hex').slice(0, 32)}`;
}

/** The brand's support mailbox (what shoppers write to and replies come from). */
export function supportAddress(domain: string): string {
  return `support@${domain.replace(/\.myshopify\.com$/, '')}.example`;
}

/** The webhook URLs of one brand's channels on the gateway (web chat: its demo page). */
export function webhookUrls(
  gatewayUrl: string,
  tenantId: string,
  secrets: ChannelSecrets,
): Record<DemoChannel, string> & { sendgrid: string; mailgun: string } {
  const g = gatewayUrl.replace(/\/$/, '');
  const mailgun = `${g}/v1/email/${tenantId}/mailgun`;
  return {
    webchat: `${g}/demo/${tenantId}`,
    sms: `${g}/v1/twilio/${tenantId}/sms`,
    whatsapp: `${g}/v1/whatsapp/${tenantId}`,
    email: mailgun,
    mailgun,
    sendgrid: `${g}/v1/email/${tenantId}/sendgrid/${secrets.sendgridInboundSecret}`,
    kakao: `${g}/v1/kakao/${tenantId}/skill?key=${secrets.kakaoUrlSecret}`,
    naver: `${g}/v1/naver/${tenantId}?key=${secrets.naverUrlSecret}`,
  };
}
