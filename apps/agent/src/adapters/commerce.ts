/** CommercePort over gRPC (CustomerHubService, OrderService, ReturnsService). */
import { createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { CustomerHubServiceClient, SignInMethod } from '@boomerang/proto/boomerang/commerce/v1/customer_hub';
import { OrderServiceClient } from '@boomerang/proto/boomerang/commerce/v1/orders';
import {
  ProviderKind,
  RefundState,
  Resolution,
  ReturnState,
  ReturnsServiceClient,
} from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { CommercePort, RefundStateName, ReturnStateName } from '../domain/ports';

export interface CommerceClients {
  hub: PromiseClient<InstanceType<typeof CustomerHubServiceClient>>;
  orders: PromiseClient<InstanceType<typeof OrderServiceClient>>;
  returns: PromiseClient<InstanceType<typeof ReturnsServiceClient>>;
}

export function commerceClients(address: string): CommerceClients {
  return {
    hub: createClient(CustomerHubServiceClient, address, { deadlineMs: 5000 }),
    orders: createClient(OrderServiceClient, address, { deadlineMs: 5000 }),
    returns: createClient(ReturnsServiceClient, address, { deadlineMs: 5000 }),
  };
}

const RETURN_STATES: Record<number, ReturnStateName> = {
  [ReturnState.RETURN_STATE_NONE]: 'none',
  [ReturnState.RETURN_STATE_REQUESTED]: 'requested',
  [ReturnState.RETURN_STATE_IN_TRANSIT]: 'in_transit',
  [ReturnState.RETURN_STATE_RECEIVED]: 'received',
  [ReturnState.RETURN_STATE_CLOSED]: 'closed',
  [ReturnState.RETURN_STATE_REJECTED]: 'rejected',
  [ReturnState.RETURN_STATE_CANCELLED]: 'cancelled',
};
const REFUND_STATES: Record<number, RefundStateName> = {
  [RefundState.REFUND_STATE_NONE]: 'none',
  [RefundState.REFUND_STATE_PENDING]: 'pending',
  [RefundState.REFUND_STATE_ISSUED]: 'issued',
  [RefundState.REFUND_STATE_FAILED]: 'failed',
};
const PROVIDERS: Record<number, string> = {
  [ProviderKind.PROVIDER_KIND_LOOP]: 'loop',
  [ProviderKind.PROVIDER_KIND_AFTERSHIP]: 'aftership',
  [ProviderKind.PROVIDER_KIND_OTHER]: 'portal',
};

export function grpcCommerce(c: CommerceClients): CommercePort {
  return {
    async startSignInWithToken(tenantId, conversationId, token) {
      const r = await c.hub.startSignIn({
        tenantId,
        conversationId,
        method: SignInMethod.SIGN_IN_METHOD_IDENTITY_TOKEN,
        identifier: '',
        identityToken: token,
        channel: '',
        preview: false,
      });
      return {
        sessionId: r.session?.id,
        customerId: r.session?.customerId,
        challengeId: r.challengeId || undefined,
      };
    },
    async startSignInWithCode(tenantId, conversationId, identifier, channel, options = {}) {
      const method = identifier.includes('@')
        ? SignInMethod.SIGN_IN_METHOD_EMAIL_CODE
        : SignInMethod.SIGN_IN_METHOD_SMS_CODE;
      const r = await c.hub.startSignIn({
        tenantId,
        conversationId,
        method,
        identifier,
        identityToken: '',
        channel,
        preview: options.preview ?? false,
      });
      return {
        challengeId: r.challengeId,
        maskedDestination: r.maskedDestination,
        previewCode: r.previewCode || undefined,
        sessionId: r.session?.id,
        customerId: r.session?.customerId,
      };
    },
    async completeSignIn(tenantId, challengeId, code) {
      const r = await c.hub.completeSignIn({ tenantId, challengeId, code });
      return { sessionId: r.session?.id ?? '', customerId: r.session?.customerId ?? '' };
    },
    async getProfile(tenantId, sessionId) {
      const r = await c.hub.getProfile({ tenantId, sessionId });
      const p = r.profile;
      return {
        customerId: p?.customerId ?? '',
        email: p?.email ?? '',
        phone: p?.phone ?? '',
        name: [p?.firstName, p?.lastName].filter(Boolean).join(' '),
      };
    },
    async listOrders(tenantId, sessionId, pageSize) {
      return (await c.orders.listOrders({ tenantId, sessionId, pageSize, pageToken: '' })).orders;
    },
    async getOrder(tenantId, sessionId, orderRef) {
      const r = await c.orders.getOrder({ tenantId, sessionId, orderRef });
      if (!r.order) throw new Error('GetOrder returned no order');
      return r.order;
    },
    async getPortalLink(tenantId, sessionId, orderId, lineItemIds, resolution) {
      const r = await c.returns.getPortalLink({
        tenantId,
        sessionId,
        orderId,
        lineItemIds,
        resolution: resolution === 'exchange' ? Resolution.RESOLUTION_EXCHANGE : Resolution.RESOLUTION_REFUND,
      });
      return { url: r.url, provider: PROVIDERS[r.provider] ?? 'unknown' };
    },
    async getReturnStatus(tenantId, sessionId, orderId) {
      const r = await c.returns.getReturnStatus({ tenantId, sessionId, orderId });
      return r.returns.map((x) => ({
        returnId: x.returnId,
        state: RETURN_STATES[x.state] ?? 'unknown',
        refundState: REFUND_STATES[x.refundState] ?? 'unknown',
        refundAmount: x.refundAmount
          ? `${x.refundAmount.amount} ${x.refundAmount.currencyCode}`.trim()
          : undefined,
        updatedAt: x.updatedAt,
      }));
    },
    async listProviders(tenantId) {
      const r = await c.returns.listProviders({ tenantId });
      return r.providers.map((p) => ({
        kind: PROVIDERS[p.kind] ?? 'unknown',
        connected: p.connected,
        detail: p.detail,
      }));
    },
  };
}
