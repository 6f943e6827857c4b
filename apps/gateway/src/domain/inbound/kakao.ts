// Kakao i Open Builder skill requests. No signature exists: the bot id must match the tenant's,
// and an optional secret in the skill URL keeps the endpoint unguessable.
import { createHash } from 'node:crypto';
import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { z } from 'zod';
import { clampText, type Normalized } from './types';

const skill = z.object({
  userRequest: z.object({
    utterance: z.string(),
    lang: z.string().nullish(),
    user: z.object({ id: z.string().min(1).max(70), type: z.string().optional() }),
    callbackUrl: z.url().nullish(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  action: z
    .object({ clientExtra: z.record(z.string(), z.unknown()).nullish() })
    .partial()
    .optional(),
});

export function normalizeKakao(
  parsed: unknown,
  botId: string,
  requestId: string | undefined,
  raw: Buffer,
): Normalized & { callbackUrl?: string } {
  const r = skill.safeParse(parsed);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InvalidArgument(`not a Kakao skill request: ${issue.path.join('.')}: ${issue.message}`, {
      field: issue.path.join('.'),
    });
  }
  if (r.data.bot.id !== botId) throw new PermissionDenied('bot.id does not belong to this tenant');
  const u = r.data.userRequest;
  const postback = r.data.action?.clientExtra?.postback;
  return {
    channel: Channel.CHANNEL_KAKAO,
    vendorMessageId: requestId || createHash('sha256').update(raw).digest('hex').slice(0, 32),
    sender: u.user.id,
    text: clampText(u.utterance),
    postback: typeof postback === 'string' ? postback : undefined,
    localeHint: u.lang ?? 'ko',
    callbackUrl: u.callbackUrl ?? undefined,
  };
}
