// Delivery of boomerang.channel.outbound.v1: durable work in consumer group "gateway" (render, send
// through the vendor with idempotency, persist web chat replies) and per-replica live fan-out
// (web chat streams, synchronous requests waiting on this replica).
import type { BusMessage } from '@boomerang/kit/bus';
import { FailedPrecondition } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import { Channel, OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import type { FetchLike } from './adapters/http';
import { sendKakaoCallback } from './adapters/kakao';
import { sendEmail } from './adapters/mail';
import { sendNaver } from './adapters/naver';
import type { GatewayStore } from './adapters/store';
import { sendTwilioSms } from './adapters/twilio';
import { sendWhatsApp } from './adapters/whatsapp';
import { channelSlug } from './domain/conversation';
import { plainBlocks } from './domain/render/common';
import { renderEmail } from './domain/render/email';
import { renderKakao } from './domain/render/kakao';
import { renderNaver } from './domain/render/naver';
import { renderSms } from './domain/render/sms';
import { renderWebchat } from './domain/render/webchat';
import { renderWhatsApp } from './domain/render/whatsapp';
import type { ReplyHub } from './domain/reply-hub';
import type { Tenants } from './domain/tenants';
import type { GatewayMetrics } from './metrics';

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface OutboundDeps {
  store: GatewayStore;
  tenants: Tenants;
  hub: ReplyHub;
  fetch: FetchLike;
  logger: Logger;
  metrics?: GatewayMetrics;
  now: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Per-replica: push web chat replies to open streams and hand sync replies to waiting requests. */
export function createLiveHandler(deps: Pick<OutboundDeps, 'hub' | 'logger'>) {
  return async (record: BusMessage): Promise<void> => {
    let msg: OutboundMessage;
    try {
      msg = OutboundMessage.decode(record.value);
    } catch {
      return; // the durable consumer reports undecodable records
    }
    if (msg.channel === Channel.CHANNEL_WEBCHAT) deps.hub.broadcast(msg);
    else if (
      msg.inReplyTo &&
      (msg.channel === Channel.CHANNEL_KAKAO || msg.channel === Channel.CHANNEL_NAVER)
    )
      deps.hub.offerReply(msg);
  };
}

/** Consumer group "gateway": each reply is delivered once; a throw sends it through retries to the DLQ. */
export function createDeliveryHandler(deps: OutboundDeps) {
  const log = deps.logger.child({ component: 'outbound' });
  return async (record: BusMessage): Promise<void> => {
    let msg: OutboundMessage;
    try {
      msg = OutboundMessage.decode(record.value);
    } catch (err) {
      throw new FailedPrecondition(`undecodable OutboundMessage: ${(err as Error).message}`);
    }
    const slug = channelSlug(msg.channel);
    const tenant = deps.tenants.get(msg.tenantId);
    if (!tenant) throw new FailedPrecondition(`unknown tenant ${msg.tenantId}`);
    if (!msg.messageId)
      throw new FailedPrecondition('OutboundMessage.message_id is required (idempotency key)');
    const state = await deps.store.delivery(msg.messageId);
    if (state === 'sent' || state === 'inline') {
      deps.metrics?.outbound.inc({ channel: slug, outcome: 'skipped' });
      return;
    }

    if (msg.channel === Channel.CHANNEL_WEBCHAT) {
      await deps.store.saveWebchatReply(
        msg.tenantId,
        msg.conversationId,
        msg.messageId,
        JSON.stringify(renderWebchat(msg)),
      );
      deps.metrics?.outbound.inc({ channel: slug, outcome: 'sent' });
      return;
    }

    if ((msg.channel === Channel.CHANNEL_KAKAO || msg.channel === Channel.CHANNEL_NAVER) && msg.inReplyTo) {
      let sync = await deps.store.syncRequest(msg.inReplyTo);
      // The waiting request may still answer inline; wait (bounded by its deadline, which a resent
      // request extends — so re-read) for its claim.
      while (sync && deps.now() < sync.deadline.getTime() + 250) {
        if ((await deps.store.delivery(msg.messageId)) === 'inline') {
          deps.metrics?.outbound.inc({ channel: slug, outcome: 'inline' });
          return;
        }
        await sleep(50);
        sync = await deps.store.syncRequest(msg.inReplyTo);
      }
    }

    if (!(await deps.store.claimDelivery(msg.messageId, msg.tenantId, 'sending'))) {
      deps.metrics?.outbound.inc({ channel: slug, outcome: 'skipped' });
      return;
    }
    try {
      const vendorId = await deliver(deps, msg);
      await deps.store.markSent(msg.messageId, vendorId);
      deps.metrics?.outbound.inc({ channel: slug, outcome: 'sent' });
      log.info({ tenant: msg.tenantId, messageId: msg.messageId, channel: slug }, 'reply delivered');
    } catch (err) {
      await deps.store.releaseDelivery(msg.messageId).catch(() => undefined);
      deps.metrics?.outbound.inc({ channel: slug, outcome: 'failed' });
      log.warn(
        { tenant: msg.tenantId, messageId: msg.messageId, channel: slug, reason: (err as Error).message },
        'delivery failed',
      );
      throw err;
    }
  };
}

async function deliver(deps: OutboundDeps, msg: OutboundMessage): Promise<string> {
  const tenant = deps.tenants.get(msg.tenantId)!;
  const ch = tenant.channels;
  const missing = (name: string) =>
    new FailedPrecondition(`tenant ${tenant.id} has no ${name} channel configured`);
  switch (msg.channel) {
    case Channel.CHANNEL_SMS: {
      if (!ch.sms) throw missing('sms');
      if (!msg.recipient) throw new FailedPrecondition('recipient is required for SMS');
      return sendTwilioSms(deps.fetch, ch.sms, msg.recipient, renderSms(msg).body, msg.messageId);
    }
    case Channel.CHANNEL_WHATSAPP: {
      if (!ch.whatsapp) throw missing('whatsapp');
      const contact = await deps.store.contact(msg.tenantId, msg.conversationId);
      const to = msg.recipient || contact?.sender;
      if (!to) throw new FailedPrecondition('no WhatsApp recipient for this conversation');
      const open = contact !== undefined && deps.now() - contact.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
      if (!open) {
        const template = ch.whatsapp.template;
        if (!template) {
          throw new FailedPrecondition(
            'outside the WhatsApp 24 h customer-service window and no approved template is configured; not sent',
          );
        }
        const text = plainBlocks(msg.parts, msg.language)
          .map((b) => b.text)
          .join('\n\n')
          .slice(0, 1024);
        return sendWhatsApp(
          deps.fetch,
          ch.whatsapp,
          to,
          {
            type: 'template',
            template: {
              name: template.name,
              language: { code: template.language },
              components: [{ type: 'body', parameters: [{ type: 'text', text }] }],
            },
          },
          msg.messageId,
        );
      }
      const ids: string[] = [];
      const payloads = renderWhatsApp(msg);
      for (const [i, payload] of payloads.entries())
        ids.push(await sendWhatsApp(deps.fetch, ch.whatsapp, to, payload, `${msg.messageId}#${i}`));
      return ids.join(',');
    }
    case Channel.CHANNEL_EMAIL: {
      if (!ch.email) throw missing('email');
      const contact = await deps.store.contact(msg.tenantId, msg.conversationId);
      const to = msg.recipient || contact?.sender;
      if (!to) throw new FailedPrecondition('no email recipient for this conversation');
      return sendEmail(
        deps.fetch,
        ch.email,
        to,
        renderEmail(msg, contact?.subject ?? ''),
        { inReplyTo: contact?.threadRef ?? '' },
        msg.messageId,
      );
    }
    case Channel.CHANNEL_KAKAO: {
      if (!ch.kakao) throw missing('kakao');
      const sync = msg.inReplyTo ? await deps.store.syncRequest(msg.inReplyTo) : undefined;
      if (!sync?.callbackUrl) {
        throw new FailedPrecondition(
          'Kakao reply missed the skill deadline and the request had no callbackUrl (enable the AI chatbot callback for this bot)',
        );
      }
      return sendKakaoCallback(deps.fetch, sync.callbackUrl, renderKakao(msg));
    }
    case Channel.CHANNEL_NAVER: {
      if (!ch.naver) throw missing('naver');
      const to = msg.recipient || (await deps.store.contact(msg.tenantId, msg.conversationId))?.sender;
      if (!to) throw new FailedPrecondition('no TalkTalk user for this conversation');
      return sendNaver(deps.fetch, ch.naver, to, renderNaver(msg));
    }
    default:
      throw new FailedPrecondition(`channel ${msg.channel} cannot be delivered by the gateway`);
  }
}
