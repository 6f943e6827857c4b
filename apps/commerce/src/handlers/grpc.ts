// Thin gRPC adapters, typed against the generated server interfaces. Validation of shapes happens
// here; every decision lives in the domain. Errors are domain errors, mapped by the kit server.

import { InvalidArgument } from '@boomerang/kit/errors';
import { unary } from '@boomerang/kit/grpc';
import {
  type CustomerHubServiceServer,
  SignInMethod,
} from '@boomerang/proto/boomerang/commerce/v1/customer_hub';
import type { OrderServiceServer } from '@boomerang/proto/boomerang/commerce/v1/orders';
import type { ReturnsServiceServer } from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { Orders } from '../domain/orders';
import type { Returns } from '../domain/returns';
import type { Session, SignIn } from '../domain/signin';

export interface Tenancy {
  /** Throws NOT_FOUND/INVALID_ARGUMENT for an unknown tenant id. */
  assertTenant(tenantId: string): void;
}

const required = (value: string, field: string) => {
  if (!value?.trim()) throw new InvalidArgument(`${field} is required`, { field });
  if (value.length > 4096) throw new InvalidArgument(`${field} is too long`, { field });
};

const sessionMessage = (s: Session) => ({
  id: s.id,
  tenantId: s.tenantId,
  conversationId: s.conversationId,
  customerId: s.customerId,
  expiresAt: s.expiresAt,
});

export function customerHubHandlers(signIn: SignIn, tenancy: Tenancy): CustomerHubServiceServer {
  return {
    startSignIn: unary(async (req, ctx) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      required(req.conversationId, 'conversation_id');
      if (req.method === SignInMethod.SIGN_IN_METHOD_IDENTITY_TOKEN) {
        required(req.identityToken, 'identity_token');
        const s = await signIn.withIdentityToken({
          tenantId: req.tenantId,
          conversationId: req.conversationId,
          token: req.identityToken,
          signal: ctx.signal,
        });
        return { challengeId: '', session: sessionMessage(s), maskedDestination: '', previewCode: '' };
      }
      if (
        req.method !== SignInMethod.SIGN_IN_METHOD_EMAIL_CODE &&
        req.method !== SignInMethod.SIGN_IN_METHOD_SMS_CODE
      ) {
        throw new InvalidArgument('method must be EMAIL_CODE, SMS_CODE or IDENTITY_TOKEN', {
          field: 'method',
        });
      }
      required(req.identifier, 'identifier');
      const r = await signIn.startCode({
        tenantId: req.tenantId,
        conversationId: req.conversationId,
        method: req.method === SignInMethod.SIGN_IN_METHOD_EMAIL_CODE ? 'email' : 'sms',
        identifier: req.identifier,
        channel: req.channel,
        preview: req.preview,
        signal: ctx.signal,
      });
      return {
        challengeId: r.challengeId,
        session: undefined,
        maskedDestination: r.maskedDestination,
        previewCode: r.previewCode ?? '',
      };
    }),
    completeSignIn: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      required(req.challengeId, 'challenge_id');
      required(req.code, 'code');
      const s = await signIn.completeCode({
        tenantId: req.tenantId,
        challengeId: req.challengeId,
        code: req.code,
      });
      return { session: sessionMessage(s) };
    }),
    getProfile: unary(async (req, ctx) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      const c = await signIn.profile(req.tenantId, req.sessionId, ctx.signal);
      return {
        profile: {
          customerId: c.id,
          email: c.email,
          phone: c.phone,
          firstName: c.firstName,
          lastName: c.lastName,
          locale: c.locale,
        },
      };
    }),
  };
}

export function orderHandlers(orders: Orders, tenancy: Tenancy): OrderServiceServer {
  return {
    listOrders: unary(async (req, ctx) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      if (req.pageSize < 0)
        throw new InvalidArgument('page_size must not be negative', { field: 'page_size' });
      return orders.list(req.tenantId, req.sessionId, req.pageSize, req.pageToken, ctx.signal);
    }),
    getOrder: unary(async (req, ctx) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      required(req.orderRef, 'order_ref');
      return { order: await orders.get(req.tenantId, req.sessionId, req.orderRef, ctx.signal) };
    }),
  };
}

export function returnsHandlers(returns: Returns, tenancy: Tenancy): ReturnsServiceServer {
  return {
    getPortalLink: unary(async (req, ctx) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      required(req.orderId, 'order_id');
      const r = await returns.portalLink({
        tenantId: req.tenantId,
        sessionId: req.sessionId,
        orderId: req.orderId,
        lineItemIds: req.lineItemIds,
        resolution: req.resolution,
        signal: ctx.signal,
      });
      return { url: r.url, provider: r.provider, expiresAt: r.expiresAt };
    }),
    getReturnStatus: unary(async (req, ctx) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      required(req.orderId, 'order_id');
      return {
        returns: await returns.status({
          tenantId: req.tenantId,
          sessionId: req.sessionId,
          orderId: req.orderId,
          signal: ctx.signal,
        }),
      };
    }),
    listProviders: unary(async (req) => {
      required(req.tenantId, 'tenant_id');
      tenancy.assertTenant(req.tenantId);
      return { providers: returns.listProviders(req.tenantId) };
    }),
  };
}
