// Returns providers behind one port: portal links and return/refund status for the signed-in
// customer's own orders, and which providers are connected (skill status).
import { FailedPrecondition, InvalidArgument, Unauthenticated } from '@boomerang/kit/errors';
import {
  type Order,
  type OrderReturn,
  OrderReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/order';
import {
  ProviderKind,
  RefundState,
  ReturnState,
  type ReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { Orders } from './orders';
import type { CommercePlatform, ReturnsProvider } from './ports';
import type { SignIn } from './signin';

export interface ReturnsDeps {
  signIn: SignIn;
  orders: Orders;
  platform(tenantId: string): CommercePlatform;
  provider(tenantId: string): ReturnsProvider | undefined;
}

export class Returns {
  constructor(private readonly d: ReturnsDeps) {}

  private providerOf(tenantId: string): ReturnsProvider {
    const p = this.d.provider(tenantId);
    if (!p) throw new FailedPrecondition('no returns provider is connected for this store');
    return p;
  }

  async portalLink(input: {
    tenantId: string;
    sessionId: string;
    orderId: string;
    lineItemIds: string[];
    resolution: number;
    signal?: AbortSignal;
  }): Promise<{ url: string; provider: ProviderKind; expiresAt?: Date }> {
    const s = await this.d.signIn.session(input.tenantId, input.sessionId);
    const provider = this.providerOf(input.tenantId);
    const order = await this.d.orders.getForCustomer(
      input.tenantId,
      s.customerId,
      input.orderId,
      input.signal,
    );
    const known = new Set(order.lineItems.map((l) => l.id));
    const stray = input.lineItemIds.filter((id) => !known.has(id));
    if (stray.length > 0)
      throw new InvalidArgument(`line_item_ids: not lines of order ${order.name}: ${stray.join(', ')}`, {
        field: 'line_item_ids',
      });
    const customer = await this.d.platform(input.tenantId).getCustomer(s.customerId, input.signal);
    if (!customer) throw new Unauthenticated('sign-in required (customer no longer exists)');
    const link = await provider.portalLink(
      { order, customer, lineItemIds: input.lineItemIds, resolution: input.resolution },
      input.signal,
    );
    return { url: link.url, provider: provider.kind, expiresAt: link.expiresAt };
  }

  async status(input: {
    tenantId: string;
    sessionId: string;
    orderId: string;
    signal?: AbortSignal;
  }): Promise<ReturnStatus[]> {
    const s = await this.d.signIn.session(input.tenantId, input.sessionId);
    const provider = this.d.provider(input.tenantId);
    const portalOnly = !provider || !SOURCE[provider.kind];
    const platform = this.d.platform(input.tenantId);
    // Without a provider that reports returns, nothing can be said — unless Shopify itself records
    // the order's returns (checked after the order is known to be the shopper's).
    if (portalOnly && !platform.orderReturns) throw this.cannotReport(provider);
    // Only the order's id and name are needed here (and that it is the shopper's).
    const order = await this.d.orders.refForCustomer(
      input.tenantId,
      s.customerId,
      input.orderId,
      input.signal,
    );
    if (!portalOnly) return provider.returnStatuses(order, input.signal);
    // Shopify's returns when it has some; none there proves nothing about the brand's own portal.
    const recorded = await platform.orderReturns!(order.id, input.signal);
    if (recorded.length === 0) throw this.cannotReport(provider);
    return recorded;
  }

  private cannotReport(provider: ReturnsProvider | undefined): FailedPrecondition {
    return new FailedPrecondition(
      provider
        ? 'this returns portal does not report return status'
        : 'no returns provider is connected for this store',
    );
  }

  listProviders(tenantId: string): { kind: ProviderKind; connected: boolean; detail: string }[] {
    const p = this.d.provider(tenantId);
    return [
      ProviderKind.PROVIDER_KIND_LOOP,
      ProviderKind.PROVIDER_KIND_AFTERSHIP,
      ProviderKind.PROVIDER_KIND_OTHER,
    ].map((kind) =>
      p && p.kind === kind
        ? { kind, connected: true, detail: p.describe() }
        : { kind, connected: false, detail: 'not connected' },
    );
  }
}

const SOURCE: Partial<Record<ProviderKind, string>> = {
  [ProviderKind.PROVIDER_KIND_LOOP]: 'loop',
  [ProviderKind.PROVIDER_KIND_AFTERSHIP]: 'aftership',
};

/**
 * A provider's return as eligibility reads it: open until it is closed or refunded; rejected,
 * cancelled and expired returns free their items again.
 */
export function orderReturnOf(r: ReturnStatus, source: string): OrderReturn {
  let status = OrderReturnStatus.ORDER_RETURN_STATUS_OPEN;
  if (r.state === ReturnState.RETURN_STATE_REJECTED || r.state === ReturnState.RETURN_STATE_CANCELLED)
    status = OrderReturnStatus.ORDER_RETURN_STATUS_DECLINED;
  else if (r.state === ReturnState.RETURN_STATE_CLOSED || r.refundState === RefundState.REFUND_STATE_ISSUED)
    status = OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED;
  const lines = r.lines.length ? r.lines : r.lineItemIds.map((lineItemId) => ({ lineItemId, quantity: 1 }));
  return { id: r.returnId, status, requestedAt: r.requestedAt ?? r.updatedAt, lines, source };
}

/**
 * The order's returns as far as anyone knows: the returns provider's (Loop, AfterShip), or, when the
 * brand's portal cannot list them (a plain URL) or there is none, the platform's own (Shopify
 * returns). Never both: Loop and AfterShip write their returns into Shopify too, so adding the two
 * would count the same units twice.
 */
export async function knownReturns(
  provider: ReturnsProvider | undefined,
  platform: CommercePlatform,
  order: Order,
  signal?: AbortSignal,
): Promise<OrderReturn[]> {
  if (provider && SOURCE[provider.kind]) return providerReturns(provider, order, signal);
  if (!platform.orderReturns) return [];
  return (await platform.orderReturns(order.id, signal)).map((r) => orderReturnOf(r, 'shopify'));
}

/** The order's returns from the tenant's provider; none when it cannot report them (a plain portal). */
export async function providerReturns(
  provider: ReturnsProvider | undefined,
  order: Order,
  signal?: AbortSignal,
): Promise<OrderReturn[]> {
  const source = provider && SOURCE[provider.kind];
  if (!provider || !source) return [];
  const statuses = await provider.returnStatuses(order, signal);
  return statuses.map((r) => orderReturnOf(r, source));
}
