// The inbound pipeline after verification: rate limit → dedupe → normalise → publish → ack.

import type { EventBus } from '@boomerang/kit/bus';
import { publishEvent, TOPICS } from '@boomerang/kit/bus';
import { ResourceExhausted, Unavailable } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import { Channel, InboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { Batcher } from './adapters/batcher';
import type { GatewayStore } from './adapters/store';
import { channelSlug, conversationIdFor, eventKey } from './domain/conversation';
import type { Normalized } from './domain/inbound/types';
import type { RateLimiter } from './domain/rate-limit';
import type { Tenant } from './domain/tenants';
import type { GatewayMetrics } from './metrics';

export interface IngestDeps {
  store: GatewayStore;
  bus: EventBus;
  /** Coalesces concurrent publishes into one bus call (see createPublisher). */
  publish?: (key: string, message: InboundMessage, signal?: AbortSignal) => Promise<void>;
  /**
   * Longest wait for the bus before answering 503 (default 3 s): below every vendor's webhook
   * timeout (Kakao/Naver 5 s, Twilio/Meta 15 s), so a broker outage is refused in time for the
   * vendor to retry instead of timing out on a held request.
   */
  publishTimeoutMs?: number;
  limiter: RateLimiter;
  logger: Logger;
  metrics?: GatewayMetrics;
  now: () => number;
}

export interface IngestResult {
  outcome: 'published' | 'duplicate';
  message: InboundMessage;
}

const SYNC_CHANNELS = new Set([Channel.CHANNEL_KAKAO, Channel.CHANNEL_NAVER]);
const CONTACT_CHANNELS = new Set([Channel.CHANNEL_WHATSAPP, Channel.CHANNEL_EMAIL, Channel.CHANNEL_NAVER]);

export function toInboundMessage(tenant: Tenant, n: Normalized, now: number): InboundMessage {
  const messageId = `${channelSlug(n.channel)}:${n.vendorMessageId}`;
  return InboundMessage.fromPartial({
    messageId,
    tenantId: tenant.id,
    conversationId: n.conversationId ?? conversationIdFor(tenant.id, n.channel, n.sender),
    channel: n.channel,
    sender: n.sender,
    text: n.text,
    receivedAt: n.sentAt ?? new Date(now),
    identityToken: n.identityToken ?? '',
    postback: n.postback ?? '',
    localeHint: n.localeHint ?? '',
    replyTo: SYNC_CHANNELS.has(n.channel) ? messageId : '',
    subject: n.subject ?? '',
    senderName: n.senderName ?? '',
    threadRef: n.threadRef ?? '',
  });
}

/**
 * Publishes one verified message exactly once per channel message id. Resolves only after the bus
 * accepted it (so the HTTP ack never precedes durability); a bus failure releases the claim and
 * throws Unavailable (503: the vendor retries).
 */
export async function ingest(deps: IngestDeps, tenant: Tenant, n: Normalized): Promise<IngestResult> {
  const slug = channelSlug(n.channel);
  const wait = deps.limiter.take(`${tenant.id}/${slug}/${n.sender}`);
  if (wait > 0) {
    deps.metrics?.inbound.inc({ channel: slug, outcome: 'rate_limited' });
    throw new ResourceExhausted('too many messages from this sender; retry later', {
      retryAfterSeconds: wait,
    });
  }
  const message = toInboundMessage(tenant, n, deps.now());
  // The contact window (WhatsApp 24 h, email thread) is written with the claim, before the publish:
  // the agent's reply can never be rendered against a window that is not saved yet.
  const contact = CONTACT_CHANNELS.has(n.channel)
    ? {
        conversationId: message.conversationId,
        c: {
          channel: n.channel,
          sender: n.sender,
          lastInboundAt: message.receivedAt ?? new Date(deps.now()),
          subject: n.subject ?? '',
          threadRef: n.threadRef ?? '',
        },
      }
    : undefined;
  const claim = await deps.store.claimInbound(tenant.id, message.messageId, undefined, contact);
  if (claim === 'duplicate') {
    deps.metrics?.inbound.inc({ channel: slug, outcome: 'duplicate' });
    return { outcome: 'duplicate', message };
  }
  if (claim === 'in-flight')
    throw new Unavailable('this message is being processed; retry later', { retryAfterSeconds: 1 });
  const started = performance.now();
  const giveUp = new AbortController();
  try {
    const key = eventKey(tenant.id, message.conversationId);
    const published = deps.publish
      ? deps.publish(key, message, giveUp.signal)
      : publishEvent(deps.bus, TOPICS.channelInbound.name, InboundMessage, [{ key, value: message }]);
    await withDeadline(published, deps.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS, giveUp);
  } catch (err) {
    deps.logger.error(
      { err, tenant: tenant.id, messageId: message.messageId },
      'publishing an inbound message failed',
    );
    await deps.store.releaseInbound(tenant.id, message.messageId).catch(() => undefined);
    deps.metrics?.inbound.inc({ channel: slug, outcome: 'bus_unavailable' });
    throw new Unavailable('the message could not be queued; retry later', {
      retryAfterSeconds: 1,
      cause: err,
    });
  }
  deps.metrics?.publishSeconds.observe({ channel: slug }, (performance.now() - started) / 1000);
  await deps.store.markPublished(tenant.id, message.messageId);
  deps.metrics?.inbound.inc({ channel: slug, outcome: 'published' });
  return { outcome: 'published', message };
}

export const DEFAULT_PUBLISH_TIMEOUT_MS = 3000;

/**
 * Waits for `work` up to `ms`; then aborts `giveUp` and throws. The publish itself may still complete
 * later (the bus keeps retrying): the message is then on the topic although the vendor was told 503,
 * and its retry (same vendor message id) is published again — a duplicate the agent drops by message
 * id. Never the reverse: 2xx only after the bus acknowledged.
 */
async function withDeadline(work: Promise<void>, ms: number, giveUp: AbortController): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      giveUp.abort();
      reject(new Error(`the event bus did not acknowledge within ${ms} ms`));
    }, ms);
  });
  work.catch(() => undefined); // a late failure after the deadline is already answered
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Batched publisher: concurrent inbound messages go to the bus in one publish call (one acked batch).
 * A message whose webhook already gave up (aborted `signal`: answered 503) before its batch left is
 * not published: the vendor's retry brings it again.
 */
export function createPublisher(
  bus: EventBus,
): (key: string, message: InboundMessage, signal?: AbortSignal) => Promise<void> {
  const batcher = new Batcher<{ key: string; value: InboundMessage; signal?: AbortSignal }, void>(
    async (items) => {
      const live = items.filter((i) => !i.signal?.aborted);
      if (live.length > 0)
        await publishEvent(
          bus,
          TOPICS.channelInbound.name,
          InboundMessage,
          live.map(({ key, value }) => ({ key, value })),
        );
      return items.map(() => undefined);
    },
  );
  return (key, value, signal) => batcher.run({ key, value, signal });
}
