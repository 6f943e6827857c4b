import type { Channel } from '@boomerang/proto/boomerang/events/v1/channel';

/** A verified inbound message in channel-neutral form, before ids and keys are assigned. */
export interface Normalized {
  channel: Channel;
  /** The vendor's own message id (dedupe key within tenant + channel). */
  vendorMessageId: string;
  sender: string;
  senderName?: string;
  text: string;
  postback?: string;
  /** When the vendor says the shopper sent it (else the gateway's clock is used). */
  sentAt?: Date;
  localeHint?: string;
  subject?: string;
  threadRef?: string;
  identityToken?: string;
  /** Web chat: the conversation named by the gateway-issued token. */
  conversationId?: string;
}

/** A message the channel delivered that carries nothing to answer (statuses, echo, leave…). */
export interface Ignored {
  ignored: string;
}

export const MAX_TEXT_CHARS = 4000;

export function clampText(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}
