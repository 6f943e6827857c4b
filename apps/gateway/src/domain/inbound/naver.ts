// Naver TalkTalk chatbot events. No signature exists: an optional URL secret guards the endpoint.
import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { z } from 'zod';
import { clampText, type Ignored, type Normalized } from './types';

const event = z.object({
  event: z.string().min(1),
  user: z.string().min(1),
  textContent: z.object({ text: z.string(), code: z.string().nullish() }).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** `send` → a message; `open` → a conversation start the agent may greet; anything else is ignored. */
export function normalizeNaver(parsed: unknown): Normalized | Ignored {
  const r = event.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InvalidArgument(`not a TalkTalk event: ${issue.path.join('.')}: ${issue.message}`, {
      field: issue.path.join('.'),
    });
  }
  const e = r.data;
  // TalkTalk sends no message id and documents no retries: every delivery is its own message.
  const base = {
    channel: Channel.CHANNEL_NAVER,
    vendorMessageId: randomUUID(),
    sender: e.user,
    localeHint: 'ko',
  };
  if (e.event === 'send') {
    if (!e.textContent) return { ignored: 'send without textContent (image or composite input)' };
    return { ...base, text: clampText(e.textContent.text), postback: e.textContent.code ?? undefined };
  }
  if (e.event === 'open') return { ...base, text: '', postback: 'event:open' };
  return { ignored: `event ${e.event}` };
}
