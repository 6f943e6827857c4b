// Twilio Programmable Messaging fake: the Messages API (send) and a client-side signer for inbound
// SMS webhooks exactly as Twilio signs them (X-Twilio-Signature, HMAC-SHA1 over URL + sorted params).
import { createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';

export type TwilioParams = Record<string, string | string[]>;

/**
 * base64(HMAC-SHA1(authToken, url + Σ sorted(name + value))). Array values are sorted and
 * deduplicated, each contributing name + value (twilio-node webhooks.ts).
 */
export function signTwilio(url: string, params: TwilioParams, authToken: string): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const raw = params[name];
    const values = Array.isArray(raw) ? [...new Set(raw)].sort() : [raw ?? ''];
    for (const value of values) data += name + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The form body Twilio posts for an inbound SMS, with the usual fields filled in. */
export function twilioInboundSms(input: {
  accountSid: string;
  from: string;
  to: string;
  body: string;
  messageSid?: string;
}): Record<string, string> {
  const sid = input.messageSid ?? `SM${randomBytes(16).toString('hex')}`;
  return {
    ToCountry: 'US',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: input.body,
    To: input.to,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: input.accountSid,
    From: input.from,
    ApiVersion: '2010-04-01',
  };
}

/** Body + headers for POSTing a signed inbound SMS webhook to `url`. */
export function signedTwilioRequest(
  url: string,
  params: Record<string, string>,
  authToken: string,
): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilio(url, params, authToken),
      'user-agent': 'TwilioProxy/1.1',
    },
  };
}

export interface TwilioSentMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  mediaUrl: string[];
  idempotencyKey?: string;
}

export interface TwilioFixtures {
  /** AccountSid → AuthToken accepted by the Messages API (Basic auth). */
  accounts?: Record<string, string>;
}

export type TwilioFake = FakeServer & { messages: TwilioSentMessage[] };

/** Fake of `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`. */
export async function startFake(
  options: { port?: number; fixtures?: TwilioFixtures } = {},
): Promise<TwilioFake> {
  const accounts = options.fixtures?.accounts ?? {
    AC00000000000000000000000000000000: 'demo-twilio-auth-token',
  };
  const built = createFakeApp();
  const messages: TwilioSentMessage[] = [];
  const byKey = new Map<string, TwilioSentMessage>();
  built.app.post('/2010-04-01/Accounts/:sid/Messages.json', (req: Request, res: Response) => {
    const sid = String(req.params.sid);
    const auth = req.headers.authorization ?? '';
    const [user, pass] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':');
    if (!auth.startsWith('Basic ') || user !== sid || accounts[sid] === undefined || accounts[sid] !== pass) {
      return res.status(401).json({
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
    }
    const form = (req.body ?? {}) as Record<string, string | string[]>;
    const one = (k: string) =>
      Array.isArray(form[k]) ? (form[k] as string[])[0] : (form[k] as string | undefined);
    const to = one('To');
    const from = one('From') ?? one('MessagingServiceSid');
    const body = one('Body') ?? '';
    const media = form.MediaUrl === undefined ? [] : ([] as string[]).concat(form.MediaUrl);
    if (!to)
      return res.status(400).json({ code: 21604, message: "A 'To' phone number is required.", status: 400 });
    if (!from)
      return res
        .status(400)
        .json({ code: 21603, message: "A 'From' phone number is required.", status: 400 });
    if (!body && media.length === 0)
      return res.status(400).json({ code: 21602, message: 'Message body is required.', status: 400 });
    if (body.length > 1600)
      return res.status(400).json({
        code: 21617,
        message: 'The concatenated message body exceeds the 1600 character limit.',
        status: 400,
      });
    const key = req.headers['i-twilio-idempotency-token'] as string | undefined;
    const existing = key ? byKey.get(key) : undefined;
    const msg = existing ?? {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid: sid,
      to,
      from,
      body,
      mediaUrl: media,
      idempotencyKey: key,
    };
    if (!existing) {
      messages.push(msg);
      if (key) byKey.set(key, msg);
    }
    res.status(201).json({
      sid: msg.sid,
      account_sid: sid,
      to,
      from,
      body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: String(Math.max(1, Math.ceil(body.length / 153))),
      error_code: null,
      error_message: null,
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${sid}/Messages/${msg.sid}.json`,
    });
  });
  const server = await listen(built, options.port ?? 0);
  return Object.assign(server, { messages });
}
