// Synchronous channels: register the wait before publishing, then answer inline or with a holding text.
import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import type { Normalized } from '../domain/inbound/types';
import { guessLanguage } from '../domain/language';
import type { Language, Tenant } from '../domain/tenants';
import { ingest, toInboundMessage } from '../ingest';
import type { HandlerContext } from './context';

export interface SyncOutcome {
  /** The agent's reply, claimed for inline delivery, or undefined (holding text; delivered later). */
  reply?: OutboundMessage;
  language: Language;
  duplicate: boolean;
}

export async function ingestAndWait(
  ctx: HandlerContext,
  tenant: Tenant,
  n: Normalized,
  callbackUrl = '',
): Promise<SyncOutcome> {
  const language = guessLanguage(n.text, n.localeHint, tenant.language);
  const messageId = toInboundMessage(tenant, n, ctx.now()).messageId;
  const deadline = ctx.now() + ctx.settings.syncDeadlineMs;
  await ctx.store.recordSyncRequest(messageId, tenant.id, n.channel, callbackUrl, new Date(deadline));
  const waiting = ctx.hub.waitForReply(messageId, ctx.settings.syncDeadlineMs);
  const result = await ingest(ctx.ingest, tenant, n);
  const duplicate = result.outcome === 'duplicate';
  // The vendor sent the same request again (the first got the holding text): its reply, if already
  // here, answers it — even one already delivered, as the first answer was (same request, same
  // answer); else it waits for the reply like the first one did.
  const ready = duplicate ? ctx.hub.recentReply(messageId) : undefined;
  const reply = ready ?? (await waiting);
  if (!reply) return { language, duplicate };
  if (await ctx.store.claimDelivery(reply.messageId, tenant.id, 'inline'))
    return { reply, language, duplicate };
  if (duplicate && (await ctx.store.delivery(reply.messageId)) !== 'sending')
    return { reply, language, duplicate };
  return { language, duplicate };
}
