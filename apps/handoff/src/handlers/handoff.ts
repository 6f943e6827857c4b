// gRPC adapter for boomerang.handoff.v1.HandoffService.
import { InvalidArgument } from '@boomerang/kit/errors';
import { unary } from '@boomerang/kit/grpc';
import type { HandoffServiceServer } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import type { FollowUps } from '../domain/followups';
import type { HandoffService } from '../domain/handoff';
import { destinationEnum, requireChannel, requireText } from '../domain/model';
import type { SecretResolver } from '../domain/ports';
import { parseRouting, type RoutingStore, routeProblems, toRoutingMessage } from '../domain/routing';

export function handoffHandlers(deps: {
  handoff: HandoffService;
  routing: RoutingStore;
  secrets: SecretResolver;
  followUps: FollowUps;
}): HandoffServiceServer {
  return {
    forward: unary(async (req, ctx) => {
      const m = req.message;
      if (!m) throw new InvalidArgument('message is required', { field: 'message' });
      requireText(m.tenantId, 'message.tenant_id', 200);
      requireText(m.conversationId, 'message.conversation_id', 500);
      requireText(m.messageId, 'message.message_id', 500);
      return { outcome: await deps.followUps.handle(m, ctx.signal, { urgent: req.urgent }) };
    }),
    handoff: unary(async (req, ctx) => {
      const r = await deps.handoff.handoff(req, ctx.signal);
      return {
        destination: destinationEnum(r.destination),
        ticketRef: r.ticketRef,
        message: r.message,
        ticketLabel: r.ticketLabel,
      };
    }),
    testHandoff: unary(async (req) => deps.handoff.test(req.tenantId, req.channel)),
    setRouting: unary(async (req) => {
      const saved = await deps.routing.put(parseRouting(req.routing));
      return { routing: toRoutingMessage(saved) };
    }),
    getRouting: unary(async (req) => {
      const route = await deps.routing.get(
        requireText(req.tenantId, 'tenant_id', 200),
        requireChannel(req.channel),
      );
      if (!route)
        return {
          routing: undefined,
          configured: false,
          problems: ['handoff is not configured for this channel'],
        };
      const problems = routeProblems(route, deps.secrets);
      return { routing: toRoutingMessage(route), configured: problems.length === 0, problems };
    }),
  };
}
