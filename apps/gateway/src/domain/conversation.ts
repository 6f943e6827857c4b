import { createHash } from 'node:crypto';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';

/** Stable conversation id for one sender on one channel of one tenant (deterministic, no lookup). */
export function conversationIdFor(tenantId: string, channel: Channel, sender: string): string {
  const digest = createHash('sha256')
    .update(`${tenantId}\u0000${channel}\u0000${sender.toLowerCase()}`)
    .digest('base64url');
  return `${channelSlug(channel)}_${digest.slice(0, 22)}`;
}

export function channelSlug(channel: Channel): string {
  switch (channel) {
    case Channel.CHANNEL_WEBCHAT:
      return 'webchat';
    case Channel.CHANNEL_SMS:
      return 'sms';
    case Channel.CHANNEL_WHATSAPP:
      return 'whatsapp';
    case Channel.CHANNEL_EMAIL:
      return 'email';
    case Channel.CHANNEL_KAKAO:
      return 'kakao';
    case Channel.CHANNEL_NAVER:
      return 'naver';
    default:
      return 'unknown';
  }
}

/** Bus key: one conversation stays on one partition. */
export function eventKey(tenantId: string, conversationId: string): string {
  return `${tenantId}/${conversationId}`;
}
