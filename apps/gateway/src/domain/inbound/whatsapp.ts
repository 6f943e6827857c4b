// WhatsApp Cloud API webhooks: X-Hub-Signature-256 = "sha256=" + hex(HMAC-SHA256(App Secret, raw body)).
import { InvalidArgument, PermissionDenied, Unauthenticated } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { z } from 'zod';
import { digestMatches, hmac } from '../crypto';
import { clampText, type Normalized } from './types';

export function verifyWhatsApp(raw: Buffer, header: string | undefined, appSecret: string): void {
  if (!header) throw new Unauthenticated('missing X-Hub-Signature-256 header');
  if (!header.startsWith('sha256=')) throw new PermissionDenied('X-Hub-Signature-256 must be "sha256=<hex>"');
  if (!digestMatches(hmac('sha256', appSecret, raw), header.slice(7), 'hex'))
    throw new PermissionDenied('X-Hub-Signature-256 does not match');
}

const message = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
});

const body = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            messaging_product: z.literal('whatsapp').optional(),
            metadata: z.object({ phone_number_id: z.string() }).optional(),
            contacts: z
              .array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() }))
              .optional(),
            messages: z.array(message).optional(),
            statuses: z.array(z.unknown()).optional(),
          }),
        }),
      ),
    }),
  ),
});

/** Every shopper message in a delivery addressed to `phoneNumberId` (statuses are ignored). */
export function normalizeWhatsApp(parsed: unknown, phoneNumberId: string): Normalized[] {
  const result = body.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InvalidArgument(`not a WhatsApp webhook: ${issue.path.join('.')}: ${issue.message}`, {
      field: issue.path.join('.'),
    });
  }
  const out: Normalized[] = [];
  for (const entry of result.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const v = change.value;
      if (v.metadata && v.metadata.phone_number_id !== phoneNumberId) {
        throw new PermissionDenied('phone_number_id does not belong to this tenant');
      }
      for (const m of v.messages ?? []) {
        const name = v.contacts?.find((c) => c.wa_id === m.from)?.profile?.name;
        const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
        const text = m.text?.body ?? reply?.title ?? m.button?.text ?? '';
        const postback = reply?.id ?? m.button?.payload;
        if (!text && !postback) continue; // media, location, reactions: nothing the agent can read yet
        out.push({
          channel: Channel.CHANNEL_WHATSAPP,
          vendorMessageId: m.id,
          sender: m.from,
          senderName: name,
          text: clampText(text),
          postback,
          sentAt: new Date(Number(m.timestamp) * 1000),
        });
      }
    }
  }
  return out;
}
