// Shoppers talking to the running gateway through each channel's REAL webhook, signed as the vendor
// signs it, and reading what the channel fakes (or the synchronous HTTP answer) received.
import { randomBytes } from 'node:crypto';
import { kakaoSkillHeaders, kakaoSkillRequest } from '@boomerang/fakes/kakao';
import { naverSendEvent } from '@boomerang/fakes/naver';
import { signedTwilioRequest, twilioInboundSms } from '@boomerang/fakes/twilio';
import { signedWhatsAppRequest, whatsappInboundBody } from '@boomerang/fakes/whatsapp';
import { waitFor } from '@boomerang/kit/testing';
import { SECRETS, type System } from './harness';
import type { Lang } from './tenants';

export type ChannelName = 'webchat' | 'sms' | 'whatsapp' | 'kakao' | 'naver';

/** What a channel showed the shopper: the vendor payload and its visible text. */
export interface Received {
  channel: ChannelName;
  /** The vendor-format payload (Twilio message, WhatsApp message body, Kakao skill response…). */
  raw: Record<string, unknown>;
  text: string;
  at: number;
}

/** Twilio and Meta give a webhook 15 s before they count it failed and retry. */
const VENDOR_TIMEOUT_MS = 15_000;

/** The gateway's "one moment" texts on synchronous channels (not a reply: the reply follows). */
const HOLDING = [
  '잠시만 기다려 주세요. 확인 후 바로 답변드릴게요.',
  'Chwileczkę, sprawdzam i zaraz odpowiem.',
  'One moment, I am checking and will reply shortly.',
];

/** Every string in a payload, in order (what a person would read, plus URLs). */
export function visibleText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}

export interface SayResult {
  status: number;
  /** The synchronous answer body (Kakao/Naver), if any. */
  body?: unknown;
}

export abstract class Shopper {
  /** Number of messages the gateway acknowledged (2xx). */
  acked = 0;
  readonly sent: { text: string; status: number; at: number }[] = [];
  protected readonly inline: Received[] = [];

  constructor(
    readonly sys: System,
    readonly lang: Lang,
    readonly channel: ChannelName,
  ) {}

  get tenantId(): string {
    return this.sys.brands[this.lang].tenantId;
  }

  /** Sends one message as the shopper; returns the HTTP status the vendor would have seen. */
  async say(text: string): Promise<SayResult> {
    const r = await this.post(text, this.newId());
    this.sent.push({ text, status: r.status, at: Date.now() });
    if (r.status >= 200 && r.status < 300) this.acked++;
    return r;
  }

  /**
   * Delivers one message the way the vendor does when the webhook fails: the SAME delivery (same
   * message id) again, with backoff, until a 2xx. Returns the number of attempts.
   */
  async deliver(text: string, timeoutMs = 60_000): Promise<number> {
    const id = this.newId();
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const r = await this.post(text, id).catch(() => ({ status: 0 }) as SayResult);
      this.sent.push({ text, status: r.status, at: Date.now() });
      if (r.status >= 200 && r.status < 300) {
        this.acked++;
        return attempt;
      }
      if (Date.now() > deadline)
        throw new Error(`${this.channel} webhook never acknowledged (last ${r.status})`);
      await new Promise((res) => setTimeout(res, Math.min(250 * attempt, 2000))); // the vendor's retry backoff
    }
  }

  protected newId(): string {
    return randomBytes(12).toString('hex');
  }

  protected abstract post(text: string, id: string): Promise<SayResult>;

  /** Everything the channel delivered to this shopper, in arrival order. */
  abstract received(): Received[];

  /** Waits until the shopper has received at least `n` replies; returns the n-th (1-based). */
  async reply(n: number, timeoutMs = 30_000): Promise<Received> {
    return waitFor(() => this.received()[n - 1], {
      timeoutMs,
      message: `${this.channel}/${this.lang} reply #${n} (have ${this.received().length}: ${JSON.stringify(this.received().map((r) => r.text.slice(0, 80)))})`,
    });
  }

  /** Says `text` and waits for the next reply. */
  async ask(text: string, timeoutMs = 30_000): Promise<Received> {
    const before = this.received().length;
    const r = await this.say(text);
    if (r.status < 200 || r.status >= 300)
      throw new Error(`${this.channel} webhook answered ${r.status}: ${JSON.stringify(r.body)}`);
    return this.reply(before + 1, timeoutMs);
  }
}

class SmsShopper extends Shopper {
  readonly phone = `+4860${randomBytes(4).readUInt32BE() % 10_000_000}`.padEnd(12, '0');
  protected async post(text: string, id: string): Promise<SayResult> {
    const url = `${this.sys.gatewayUrl}/v1/twilio/${this.tenantId}/sms`;
    // Twilio retries a webhook with the same MessageSid.
    const params = twilioInboundSms({
      accountSid: SECRETS.twilioAccount,
      from: this.phone,
      to: this.sys.channels[this.lang].smsNumber,
      body: text,
      messageSid: `SM${id.padEnd(32, '0')}`,
    });
    const req = signedTwilioRequest(url, params, SECRETS.twilioAuthToken);
    const res = await fetch(url, {
      method: 'POST',
      body: req.body,
      headers: req.headers,
      signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text() };
  }
  received(): Received[] {
    return this.sys.fakes.twilio.messages
      .filter((m) => m.to === this.phone)
      .map((m) => ({
        channel: 'sms' as const,
        raw: m as unknown as Record<string, unknown>,
        text: m.body,
        at: 0,
      }));
  }
}

class WhatsAppShopper extends Shopper {
  readonly waId = `48${randomBytes(4).readUInt32BE() % 1_000_000_000}`;
  protected async post(text: string, id: string): Promise<SayResult> {
    const url = `${this.sys.gatewayUrl}/v1/whatsapp/${this.tenantId}`;
    // Meta retries a webhook with the same wamid.
    const body = whatsappInboundBody({
      phoneNumberId: this.sys.channels[this.lang].waPhoneNumberId,
      from: this.waId,
      text,
      messageId: `wamid.${id}`,
    });
    const req = signedWhatsAppRequest(body, SECRETS.whatsappAppSecret);
    const res = await fetch(url, {
      method: 'POST',
      body: req.body,
      headers: req.headers,
      signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text() };
  }
  received(): Received[] {
    return this.sys.fakes.whatsapp.messages
      .filter((m) => m.to === this.waId)
      .map((m) => ({
        channel: 'whatsapp' as const,
        raw: m.payload,
        text: visibleText(m.payload[m.type]),
        at: 0,
      }));
  }
}

class KakaoShopper extends Shopper {
  readonly userKey = `kakao-${randomBytes(8).toString('hex')}`;
  private readonly callbackIds = new Set<string>();
  protected async post(text: string, _id: string): Promise<SayResult> {
    const url = `${this.sys.gatewayUrl}/v1/kakao/${this.tenantId}/skill`;
    const callbackUrl = this.sys.fakes.kakao.newCallbackUrl();
    this.callbackIds.add(callbackUrl.split('/').pop() ?? '');
    const body = kakaoSkillRequest({
      botId: this.sys.channels[this.lang].kakaoBotId,
      userKey: this.userKey,
      utterance: text,
      callbackUrl,
    });
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: kakaoSkillHeaders(),
    });
    const json = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    // An inline skill response is a reply; `useCallback` or a holding text means the reply follows.
    if (json && !json.useCallback && !HOLDING.includes(visibleText(json).trim()))
      this.inline.push({ channel: 'kakao', raw: json, text: visibleText(json.template), at: Date.now() });
    return { status: res.status, body: json };
  }
  received(): Received[] {
    const callbacks = this.sys.fakes.kakao.callbacks
      .filter((c) => this.callbackIds.has(c.id))
      .map((c) => ({ channel: 'kakao' as const, raw: c.body, text: visibleText(c.body.template), at: c.at }));
    return [...this.inline, ...callbacks].sort((a, b) => a.at - b.at);
  }
}

class NaverShopper extends Shopper {
  readonly user = `naver-${randomBytes(8).toString('hex')}`;
  protected async post(text: string, _id: string): Promise<SayResult> {
    const url = `${this.sys.gatewayUrl}/v1/naver/${this.tenantId}`;
    const res = await fetch(url, {
      method: 'POST',
      body: JSON.stringify(naverSendEvent({ user: this.user, text })),
      headers: { 'content-type': 'application/json;charset=UTF-8' },
    });
    const json = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (json && !HOLDING.includes(visibleText(json.textContent ?? {}).trim()))
      this.inline.push({ channel: 'naver', raw: json, text: visibleText(json), at: Date.now() });
    return { status: res.status, body: json };
  }
  received(): Received[] {
    const pushed = this.sys.fakes.naver.sent
      .filter((s) => s.user === this.user)
      .map((s, i) => ({
        channel: 'naver' as const,
        raw: s.body,
        text: visibleText(s.body),
        at: Number.MAX_SAFE_INTEGER - 1000 + i,
      }));
    return [...this.inline, ...pushed];
  }
}

class WebchatShopper extends Shopper {
  private conversation?: { conversationId: string; token: string };
  private readonly events: Received[] = [];
  private abort?: AbortController;

  get conversationId(): string {
    return this.conversation?.conversationId ?? '';
  }

  private async open(): Promise<{ conversationId: string; token: string }> {
    if (this.conversation) return this.conversation;
    const res = await fetch(`${this.sys.gatewayUrl}/v1/webchat/${this.tenantId}/conversations`, {
      method: 'POST',
    });
    if (res.status !== 201) throw new Error(`web chat conversation: ${res.status}`);
    this.conversation = (await res.json()) as { conversationId: string; token: string };
    this.listen(this.conversation.token);
    return this.conversation;
  }

  /** Reads the Server-Sent Events stream as the widget does. */
  private listen(token: string): void {
    this.abort = new AbortController();
    const signal = this.abort.signal;
    void (async () => {
      const res = await fetch(
        `${this.sys.gatewayUrl}/v1/webchat/${this.tenantId}/events?token=${encodeURIComponent(token)}`,
        { signal },
      );
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const event = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = event
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data && /^event: reply$/m.test(event)) {
            const raw = JSON.parse(data) as Record<string, unknown>;
            this.events.push({ channel: 'webchat', raw, text: visibleText(raw), at: Date.now() });
          }
          i = buf.indexOf('\n\n');
        }
      }
    })().catch(() => undefined);
  }

  protected async post(text: string, id: string): Promise<SayResult> {
    const c = await this.open();
    const res = await fetch(`${this.sys.gatewayUrl}/v1/webchat/${this.tenantId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
      body: JSON.stringify({ text, clientMessageId: id, locale: this.lang }),
    });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  }

  received(): Received[] {
    return this.events;
  }

  close(): void {
    this.abort?.abort();
  }
}

export function shopper(sys: System, lang: Lang, channel: ChannelName): Shopper {
  switch (channel) {
    case 'sms':
      return new SmsShopper(sys, lang, channel);
    case 'whatsapp':
      return new WhatsAppShopper(sys, lang, channel);
    case 'kakao':
      return new KakaoShopper(sys, lang, channel);
    case 'naver':
      return new NaverShopper(sys, lang, channel);
    case 'webchat':
      return new WebchatShopper(sys, lang, channel);
  }
}

export function closeShopper(s: Shopper): void {
  if (s instanceof WebchatShopper) s.close();
}

/** The one-time code the shopper received by e-mail (the address on the customer record). */
export async function codeFromMail(sys: System, email: string, after = 0): Promise<string> {
  const mail = await waitFor(() => sys.fakes.mail.sent.filter((m) => m.to.includes(email))[after], {
    timeoutMs: 30_000,
    message: `sign-in code e-mail #${after + 1} to ${email}`,
  });
  const code = /\b(\d{6})\b/.exec(`${mail.subject}\n${mail.text}`)?.[1];
  if (!code) throw new Error(`no 6-digit code in the e-mail to ${email}: ${mail.text}`);
  return code;
}
