/** HandoffPort over gRPC (boomerang.handoff.v1.HandoffService). */
import { createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { InboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { Destination, HandoffServiceClient, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import type { HandoffPort } from '../domain/ports';

export type HandoffClient = PromiseClient<InstanceType<typeof HandoffServiceClient>>;

export function handoffClient(address: string): HandoffClient {
  return createClient(HandoffServiceClient, address, { deadlineMs: 8000 });
}

export const DESTINATIONS: Record<number, string> = {
  [Destination.DESTINATION_ZENDESK]: 'zendesk',
  [Destination.DESTINATION_GORGIAS]: 'gorgias',
  [Destination.DESTINATION_FRESHDESK]: 'freshdesk',
  [Destination.DESTINATION_DESK]: 'desk',
  [Destination.DESTINATION_DO_NOT_FORWARD]: 'do_not_forward',
};

export function grpcHandoff(client: HandoffClient): HandoffPort {
  return {
    async handoff(req) {
      const r = await client.handoff({
        tenantId: req.tenantId,
        conversationId: req.conversationId,
        attempt: req.attempt,
        reason: req.reason,
        transcript: req.transcript,
        customer: req.customer
          ? {
              customerId: req.customer.customerId,
              email: req.customer.email,
              phone: req.customer.phone,
              name: req.customer.name,
            }
          : undefined,
        channel: req.channel,
        language: req.language,
        priority: req.urgent ? Priority.PRIORITY_HIGH : Priority.PRIORITY_NORMAL,
        // `reason` is the code (ticket events, tags); the subject is the people's words for it.
        subject: req.subject || `Returns & exchanges: ${req.reason}`,
        recipient: req.recipient,
      });
      return {
        destination: DESTINATIONS[r.destination] ?? 'unknown',
        ticketRef: r.ticketRef,
        message: r.message,
        ticketLabel: r.ticketLabel,
      };
    },
    async testHandoff(tenantId, channel) {
      const r = await client.testHandoff({ tenantId, channel });
      return {
        ok: r.ok,
        destination: DESTINATIONS[r.destination] ?? 'unknown',
        ticketRef: r.ticketRef,
        error: r.error,
      };
    },
    async forward(m) {
      const r = await client.forward({
        message: InboundMessage.fromPartial({
          tenantId: m.tenantId,
          conversationId: m.conversationId,
          channel: m.channel,
          messageId: m.messageId,
          text: m.text,
          postback: m.postback,
          sender: m.sender,
          receivedAt: m.receivedAt,
        }),
        urgent: m.urgent ?? false,
      });
      return r.outcome;
    },
    async routing(tenantId, channel) {
      const r = await client.getRouting({ tenantId, channel });
      const destination = DESTINATIONS[r.routing?.destination ?? 0] ?? '';
      return {
        configured: r.configured,
        destination: r.configured ? destination : r.problems.join('; ') || 'not configured',
      };
    },
  };
}
