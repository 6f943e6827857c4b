// Orders, always scoped to the signed-in customer. Another customer's order and a missing order end
// in the same NOT_FOUND after the same work: a customer-scoped cache lookup, then one
// customer-scoped platform search.
import { InvalidArgument, NotFound, Unavailable } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import { Order, type OrderReturn } from '@boomerang/proto/boomerang/commerce/v1/order';
import type { Clock, CommercePlatform, OrderCache } from './ports';
import type { SignIn } from './signin';

export const ORDER_NOT_FOUND = 'order not found';
export const DEFAULT_PAGE_SIZE = 5;
export const MAX_PAGE_SIZE = 10;

export interface OrdersDeps {
  signIn: SignIn;
  platform(tenantId: string): CommercePlatform;
  cache: OrderCache;
  clock: Clock;
  /** How long a cached order is served without asking the platform (webhooks refresh it sooner). */
  cacheTtlMs: number;
  /**
   * The order's returns from the returns provider, attached by `get` (GetOrder) so that eligibility
   * sees returns already in progress. Never cached: providers' webhooks do not refresh the cache.
   */
  returnsOf?: (tenantId: string, order: Order, signal?: AbortSignal) => Promise<OrderReturn[]>;
  /** Budget for `returnsOf`; past it (or when the provider fails) the order is served without returns. */
  returnsTimeoutMs?: number;
  logger?: Logger;
}

/**
 * "#1001", "1001" and short numbers are order names; long numbers and gids are Shopify ids. A shop
 * may set its own prefix and suffix ("RG1041", "KR-1041", "#1041-A"): the name is kept as written
 * (without a leading "#", in capitals — Shopify's search ignores case) and looked up with and without
 * the "#" (`orderNameVariants`).
 */
export function parseOrderRef(raw: string): { id?: string; name?: string } {
  const v = raw.trim();
  const gid = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(v);
  if (gid) return { id: gid[1] };
  if (/^\d{8,20}$/.test(v)) return { id: v };
  const name = v.replace(/^#/, '').trim();
  if (!name || name.length > 40 || !/^[\p{L}\p{N}_-]+$/u.test(name)) return {};
  return { name: `#${name.toUpperCase()}` };
}

/** A name as compared: no leading "#", capitals ("#rg1041" ~ "RG1041"). */
export function normalOrderName(name: string): string {
  return name.trim().replace(/^#\s*/, '').toUpperCase();
}

/** The names an order reference may be stored under: "#1001" / "1001", "#RG1041" / "RG1041". */
export function orderNameVariants(name: string): string[] {
  const bare = normalOrderName(name);
  return [`#${bare}`, bare];
}

/** Page tokens wrap the platform cursor with the customer they were issued to. */
export function encodePageToken(customerId: string, cursor: string): string {
  return Buffer.from(JSON.stringify({ c: customerId, k: cursor })).toString('base64url');
}

export function decodePageToken(customerId: string, token: string): string {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { c?: unknown; k?: unknown };
    if (v.c === customerId && typeof v.k === 'string' && v.k) return v.k;
  } catch {
    // fall through
  }
  throw new InvalidArgument('page_token is not valid for this session', { field: 'page_token' });
}

export class Orders {
  constructor(private readonly d: OrdersDeps) {}

  async list(
    tenantId: string,
    sessionId: string,
    pageSize: number,
    pageToken: string,
    signal?: AbortSignal,
  ): Promise<{ orders: Order[]; nextPageToken: string }> {
    const s = await this.d.signIn.session(tenantId, sessionId);
    const size = Math.min(MAX_PAGE_SIZE, Math.max(1, pageSize || DEFAULT_PAGE_SIZE));
    const after = pageToken ? decodePageToken(s.customerId, pageToken) : undefined;
    try {
      const page = await this.d.platform(tenantId).listCustomerOrders(s.customerId, size, after, signal);
      return {
        orders: page.orders,
        nextPageToken: page.nextCursor ? encodePageToken(s.customerId, page.nextCursor) : '',
      };
    } catch (err) {
      // Platform down: the first page can still come from the cache (orders seen before).
      if (err instanceof Unavailable && !pageToken) {
        const cached = await this.d.cache.listByCustomer(tenantId, s.customerId);
        if (cached.length) return { orders: cached.slice(0, size), nextPageToken: '' };
      }
      throw err;
    }
  }

  async get(tenantId: string, sessionId: string, orderRef: string, signal?: AbortSignal): Promise<Order> {
    const s = await this.d.signIn.session(tenantId, sessionId);
    const order = await this.getForCustomer(tenantId, s.customerId, orderRef, signal);
    return { ...order, returns: await this.returnsOf(tenantId, order, signal) };
  }

  /**
   * Best effort: a returns provider that is down or slow must not hide the order itself. The
   * shopper then sees the order as the platform knows it (refunds included); the provider's portal
   * still refuses a second return of the same items.
   */
  private async returnsOf(tenantId: string, order: Order, signal?: AbortSignal): Promise<OrderReturn[]> {
    if (!this.d.returnsOf) return order.returns;
    const budget = AbortSignal.timeout(this.d.returnsTimeoutMs ?? 2500);
    try {
      return await this.d.returnsOf(tenantId, order, signal ? AbortSignal.any([signal, budget]) : budget);
    } catch (err) {
      if (signal?.aborted) throw err;
      this.d.logger?.warn(
        { tenantId, orderId: order.id, err: (err as Error).message },
        'returns provider unavailable; order served without its returns',
      );
      return order.returns;
    }
  }

  async getForCustomer(
    tenantId: string,
    customerId: string,
    orderRef: string,
    signal?: AbortSignal,
  ): Promise<Order> {
    const ref = parseOrderRef(orderRef);
    const now = this.d.clock();
    const freshSince = new Date(now.getTime() - this.d.cacheTtlMs);
    // An unparseable reference still does the same lookups (with a value that matches nothing).
    const lookup = ref.id || ref.name ? ref : { name: '#\u0000' };
    const cached = await this.d.cache.get(tenantId, customerId, lookup, freshSince);
    if (cached) return cached;
    const order =
      ref.id || ref.name ? await this.d.platform(tenantId).findCustomerOrder(customerId, ref, signal) : null;
    if (!order || order.customerId !== customerId) throw new NotFound(ORDER_NOT_FOUND);
    await this.d.cache.put(order, now);
    return order;
  }

  /**
   * Id and name of the customer's order, for a return-status lookup: from the cache when the order
   * was read lately, else by the platform's light lookup (a few query points instead of the whole
   * order). NotFound for another customer's order and a missing one alike.
   */
  async refForCustomer(
    tenantId: string,
    customerId: string,
    orderRef: string,
    signal?: AbortSignal,
  ): Promise<Order> {
    const platform = this.d.platform(tenantId);
    if (!platform.findCustomerOrderRef) return this.getForCustomer(tenantId, customerId, orderRef, signal);
    const ref = parseOrderRef(orderRef);
    const lookup = ref.id || ref.name ? ref : { name: '#\u0000' };
    const now = this.d.clock();
    const cached = await this.d.cache.get(
      tenantId,
      customerId,
      lookup,
      new Date(now.getTime() - this.d.cacheTtlMs),
    );
    if (cached) return cached;
    const found = ref.id || ref.name ? await platform.findCustomerOrderRef(customerId, ref, signal) : null;
    if (!found) throw new NotFound(ORDER_NOT_FOUND);
    return Order.fromPartial({ tenantId, id: found.id, name: found.name, customerId });
  }

  /** Re-reads an order from the platform into the cache (webhooks). Null when it no longer exists. */
  async refresh(tenantId: string, orderId: string, signal?: AbortSignal): Promise<Order | null> {
    const order = await this.d.platform(tenantId).getOrder(orderId, signal);
    if (order) await this.d.cache.put(order, this.d.clock());
    return order;
  }
}
