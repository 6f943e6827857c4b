// WhatsApp Cloud API fake: the Graph `/{phone_number_id}/messages` send endpoint, and client-side
// helpers to build and sign inbound webhooks (X-Hub-Signature-256: sha256=<hex HMAC-SHA256>).
import { createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';

/** `sha256=` + hex(HMAC-SHA256(appSecret, rawBody)), as Meta signs webhook deliveries. */
export function signWhatsApp(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export interface WhatsAppInbound {
  wabaId?: string;
  phoneNumberId: string;
  displayPhoneNumber?: string;
  from: string;
  profileName?: string;
  messageId?: string;
  /** Unix seconds. */
  timestamp?: number;
  text?: string;
  /** A tapped reply button (interactive.button_reply). */
  buttonReply?: { id: string; title: string };
}

/** The webhook body Meta posts for one inbound message. */
export function whatsappInboundBody(input: WhatsAppInbound): Record<string, unknown> {
  const message: Record<string, unknown> = {
    from: input.from,
    id: input.messageId ?? `wamid.${randomBytes(12).toString('hex')}`,
    timestamp: String(input.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  if (input.buttonReply) {
    message.type = 'interactive';
    message.interactive = { type: 'button_reply', button_reply: input.buttonReply };
  } else {
    message.type = 'text';
    message.text = { body: input.text ?? '' };
  }
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: input.wabaId ?? '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: input.displayPhoneNumber ?? '15550783881',
                phone_number_id: input.phoneNumberId,
              },
              contacts: [{ profile: { name: input.profileName ?? 'Shopper' }, wa_id: input.from }],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
}

/** Raw body + headers of a signed webhook delivery. */
export function signedWhatsAppRequest(
  body: unknown,
  appSecret: string,
): { body: string; headers: Record<string, string> } {
  const raw = JSON.stringify(body);
  return {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(raw, appSecret) },
  };
}

export interface WhatsAppSent {
  phoneNumberId: string;
  to: string;
  type: string;
  payload: Record<string, unknown>;
  id: string;
}

export interface WhatsAppFixtures {
  /** phone_number_id → access token accepted for it. */
  phoneNumbers?: Record<string, string>;
}

export type WhatsAppFake = FakeServer & { messages: WhatsAppSent[] };

function graphError(res: Response, status: number, code: number, message: string) {
  return res
    .status(status)
    .json({ error: { message, type: 'OAuthException', code, fbtrace_id: randomBytes(8).toString('hex') } });
}

/** Validates a send payload against the documented limits; returns the problem or undefined. */
function invalid(p: Record<string, any>): string | undefined {
  if (p.messaging_product !== 'whatsapp') return 'messaging_product must be "whatsapp"';
  if (typeof p.to !== 'string' || !p.to) return 'to is required';
  if (p.type === 'text')
    return typeof p.text?.body === 'string' && p.text.body.length > 0 && p.text.body.length <= 4096
      ? undefined
      : 'text.body is required (≤4096)';
  if (p.type === 'template')
    return p.template?.name && p.template?.language?.code
      ? undefined
      : 'template.name and template.language.code are required';
  if (p.type !== 'interactive') return `unsupported type ${p.type}`;
  const i = p.interactive ?? {};
  if (typeof i.body?.text !== 'string' || i.body.text.length === 0 || i.body.text.length > 1024)
    return 'interactive.body.text is required (≤1024)';
  if (i.footer && String(i.footer.text ?? '').length > 60) return 'interactive.footer.text ≤60';
  if (i.type === 'button') {
    const buttons = i.action?.buttons ?? [];
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
      return 'interactive.action.buttons: 1 to 3 buttons';
    for (const b of buttons) {
      if (b.type !== 'reply' || !b.reply?.id || !b.reply?.title || String(b.reply.title).length > 20)
        return 'reply button title ≤20 and id required';
    }
    return undefined;
  }
  if (i.type === 'cta_url') {
    const params = i.action?.parameters ?? {};
    if (i.action?.name !== 'cta_url') return 'action.name must be cta_url';
    if (!params.display_text || String(params.display_text).length > 20) return 'display_text required (≤20)';
    if (!/^https?:\/\//.test(String(params.url ?? ''))) return 'url must be http(s)';
    return undefined;
  }
  return `unsupported interactive.type ${i.type}`;
}

/** Fake of `POST /{version}/{phone_number_id}/messages`. */
export async function startFake(
  options: { port?: number; fixtures?: WhatsAppFixtures } = {},
): Promise<WhatsAppFake> {
  const numbers = options.fixtures?.phoneNumbers ?? { '106540352242922': 'demo-whatsapp-access-token' };
  const built = createFakeApp();
  const messages: WhatsAppSent[] = [];
  built.app.post('/:version/:phoneNumberId/messages', (req: Request, res: Response) => {
    const phoneNumberId = String(req.params.phoneNumberId);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (numbers[phoneNumberId] === undefined || numbers[phoneNumberId] !== token) {
      return graphError(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    const payload = (req.body ?? {}) as Record<string, any>;
    const problem = invalid(payload);
    if (problem) return graphError(res, 400, 100, `(#100) Invalid parameter: ${problem}`);
    const id = `wamid.${randomBytes(16).toString('hex')}`;
    messages.push({ phoneNumberId, to: payload.to, type: payload.type, payload, id });
    res.json({
      messaging_product: 'whatsapp',
      contacts: [{ input: payload.to, wa_id: payload.to }],
      messages: [{ id }],
    });
  });
  const server = await listen(built, options.port ?? 0);
  return Object.assign(server, { messages });
}
