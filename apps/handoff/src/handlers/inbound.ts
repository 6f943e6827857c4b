// Consumer of boomerang.channel.inbound.v1 (own group, `handoff.inbound`): shopper messages of handed-off
// conversations go to their open ticket (domain/followups.ts). The offset is committed only after the
// message was added (or skipped, or dead-lettered): retriable failures (vendor 5xx/429/timeouts, the
// database) are retried by the bus with backoff and dead-lettered when they keep failing; permanent
// ones (the vendor refuses: credentials, closed ticket, validation) go to the DLQ at once, with the reason.
import { DLQ_HEADERS, dlqTopic, type EventBus, type Subscription, TOPICS } from '@boomerang/kit/bus';
import { DomainError, Unavailable } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import { InboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import type { FollowUps } from '../domain/followups';

export const INBOUND_GROUP = 'handoff.inbound';

export interface FollowInboundOptions {
  bus: EventBus;
  followUps: FollowUps;
  logger: Logger;
  /**
   * A message is handled only this long after it was received (default 5 s), so the agent has handled
   * the message before it (the one that may hand the conversation off) and its handoff is on record.
   */
  graceMs?: number;
  /** Handler attempts before the DLQ (default 6) and the first backoff, doubling (default 1 s). */
  maxAttempts?: number;
  retryBackoffMs?: number;
  groupId?: string;
}

export async function followInbound(o: FollowInboundOptions): Promise<Subscription> {
  const log = o.logger.child({ component: 'inbound-followups' });
  const stopping = new AbortController();
  const topic = TOPICS.channelInbound.name;
  const groupId = o.groupId ?? INBOUND_GROUP;
  const graceMs = o.graceMs ?? 5000;

  const deadLetter = async (
    m: { key: string; value: Uint8Array; headers: Record<string, string>; partition: number; offset: string },
    reason: string,
    attempts: number,
  ) => {
    await o.bus.publish(dlqTopic(topic), {
      key: m.key,
      value: m.value,
      headers: {
        ...m.headers,
        [DLQ_HEADERS.error]: reason.slice(0, 1000),
        [DLQ_HEADERS.sourceTopic]: topic,
        [DLQ_HEADERS.sourcePartition]: String(m.partition),
        [DLQ_HEADERS.sourceOffset]: m.offset,
        [DLQ_HEADERS.attempts]: String(attempts),
        [DLQ_HEADERS.groupId]: groupId,
      },
    });
    log.error(
      { partition: m.partition, offset: m.offset, reason },
      'shopper message not added to its ticket; moved to the DLQ',
    );
  };

  const sub = await o.bus.subscribe(
    {
      topics: [topic],
      groupId,
      fromBeginning: true,
      maxAttempts: o.maxAttempts ?? 6,
      retryBackoffMs: o.retryBackoffMs ?? 1000,
    },
    async (m) => {
      let msg: InboundMessage;
      try {
        msg = InboundMessage.decode(m.value);
      } catch (err) {
        await deadLetter(m, `not an InboundMessage: ${(err as Error).message}`, m.attempt);
        return;
      }
      const receivedAt = msg.receivedAt?.getTime() ?? m.timestamp;
      const wait = Math.min(receivedAt + graceMs - Date.now(), graceMs);
      if (wait > 0 && !(await sleep(wait, stopping.signal)))
        throw new Unavailable('stopping; the message will be handled again');
      try {
        const outcome = await o.followUps.handle(msg, stopping.signal);
        if (outcome !== 'no_ticket' && outcome !== 'ignored')
          log.debug(
            { tenantId: msg.tenantId, conversationId: msg.conversationId, outcome },
            'inbound message',
          );
      } catch (err) {
        if (err instanceof DomainError && !err.retriable) {
          await deadLetter(m, err.message, m.attempt);
          return;
        }
        throw err;
      }
    },
  );
  return {
    async stop(options) {
      stopping.abort();
      await sub.stop(options);
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
