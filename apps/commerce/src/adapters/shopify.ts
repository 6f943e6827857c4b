// Shopify GraphQL Admin API (POST https://{shop}/admin/api/{version}/graphql.json,
// X-Shopify-Access-Token). Cost-based throttling: a THROTTLED answer (HTTP 429 or 200) is retried
// after (requestedQueryCost − currentlyAvailable) / restoreRate seconds, from extensions.cost.
import { FailedPrecondition, Internal, InvalidArgument } from '@boomerang/kit/errors';
import { orderNameVariants } from '../domain/orders';
import type { HttpResponse, ResilientHttp } from './resilient-http';

export interface ShopifyConfig {
  shopDomain: string;
  accessToken: string;
  apiVersion: string;
  baseUrl?: string;
}

export interface GqlMoney {
  amount: string;
  currencyCode: string;
}
export interface GqlLineItem {
  id: string;
  title: string;
  sku: string | null;
  variantTitle: string | null;
  quantity: number;
  isGiftCard: boolean;
  originalUnitPriceSet: { shopMoney: GqlMoney };
  product: {
    legacyResourceId: string;
    productType: string;
    tags: string[];
    collections?: { nodes: { handle: string }[] };
  } | null;
}
export interface GqlOrder {
  legacyResourceId: string;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  customer: { legacyResourceId: string } | null;
  shippingAddress: { countryCodeV2: string | null; zip: string | null; city: string | null } | null;
  totalPriceSet: { shopMoney: GqlMoney };
  lineItems: { nodes: GqlLineItem[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
  fulfillments: {
    legacyResourceId: string;
    createdAt: string;
    deliveredAt: string | null;
    status: string;
    trackingInfo: { url: string | null }[];
    fulfillmentLineItems?: { nodes: { quantity: number; lineItem: { id: string } }[] };
  }[];
  refunds: {
    legacyResourceId: string;
    createdAt: string | null;
    totalRefundedSet: { shopMoney: GqlMoney };
    refundLineItems: { nodes: { quantity: number; lineItem: { id: string } }[] };
  }[];
}
/** A Shopify Return; line nodes other than ReturnLineItem (e.g. unverified ones) come back empty. */
export interface GqlReturn {
  id: string;
  name: string;
  status: 'REQUESTED' | 'OPEN' | 'CLOSED' | 'CANCELED' | 'DECLINED';
  returnLineItems: { nodes: { quantity?: number; fulfillmentLineItem?: { lineItem: { id: string } } }[] };
  refunds?: { nodes: { createdAt: string | null; totalRefundedSet: { shopMoney: GqlMoney } }[] };
}

export interface GqlCustomer {
  legacyResourceId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
}

const MONEY = 'shopMoney { amount currencyCode }';
const ORDER_BASE = `legacyResourceId name email createdAt updatedAt cancelledAt displayFinancialStatus displayFulfillmentStatus
  customer { legacyResourceId } shippingAddress { countryCodeV2 zip city } totalPriceSet { ${MONEY} }`;

/** Everything eligibility needs (GetOrder, webhook refresh). */
const LINE_FULL = `id title sku variantTitle quantity isGiftCard originalUnitPriceSet { ${MONEY} }
    product { legacyResourceId productType tags collections(first: 3) { nodes { handle } } }`;
const ORDER_FULL = `fragment OrderFull on Order { ${ORDER_BASE}
  lineItems(first: 15) { nodes { ${LINE_FULL} } pageInfo { hasNextPage endCursor } }
  fulfillments(first: 10) { legacyResourceId createdAt deliveredAt status trackingInfo(first: 1) { url }
    fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id } } } }
  refunds(first: 10) { legacyResourceId createdAt totalRefundedSet { ${MONEY} } refundLineItems(first: 10) { nodes { quantity lineItem { id } } } } }`;

/** Lighter shape for lists (cheaper in query cost): no collections, no per-shipment lines. */
const ORDER_SUMMARY = `fragment OrderSummary on Order { ${ORDER_BASE}
  lineItems(first: 10) { nodes { id title sku variantTitle quantity isGiftCard originalUnitPriceSet { ${MONEY} }
    product { legacyResourceId productType tags } } }
  fulfillments(first: 3) { legacyResourceId createdAt deliveredAt status trackingInfo(first: 1) { url } }
  refunds(first: 3) { legacyResourceId createdAt totalRefundedSet { ${MONEY} } refundLineItems(first: 10) { nodes { quantity lineItem { id } } } } }`;

const CUSTOMER = 'legacyResourceId firstName lastName email phone locale';

/**
 * The search term for an order by id or name. A name is searched with and without the "#": Shopify
 * writes the shop's prefix and suffix into the name ("#1001", "RG1041", "KR-1041", "#1041-A") and the
 * shopper may or may not type the "#".
 */
function orderTerm(ref: { id?: string; name?: string }): string {
  if (ref.id) return `id:${searchValue(ref.id)}`;
  return `(${orderNameVariants(ref.name ?? '')
    .map((n) => `name:${searchValue(n)}`)
    .join(' OR ')})`;
}

/** Characters with a meaning in Shopify search syntax are not accepted in lookups. */
function searchValue(v: string): string {
  if (!/^[\p{L}\p{N}@.+_#\-' ]+$/u.test(v) || v.length > 254)
    throw new InvalidArgument('invalid search value', { field: 'identifier' });
  return `"${v.replace(/"/g, '')}"`;
}

export class ShopifyClient {
  constructor(
    private readonly cfg: ShopifyConfig,
    private readonly http: ResilientHttp,
  ) {}

  private get endpoint(): string {
    const base = this.cfg.baseUrl ?? `https://${this.cfg.shopDomain}`;
    return `${base.replace(/\/$/, '')}/admin/api/${this.cfg.apiVersion}/graphql.json`;
  }

  async query<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    const res = await this.http.request({
      method: 'POST',
      url: this.endpoint,
      headers: { 'x-shopify-access-token': this.cfg.accessToken },
      body: { query, variables },
      signal,
      inspect: (r) => throttleDelay(r),
    });
    if (res.status === 401 || res.status === 403 || res.status === 402 || res.status === 423) {
      throw new FailedPrecondition('Shopify rejected the store credentials (not connected)');
    }
    if (res.status === 404) throw new FailedPrecondition('Shopify store not found (not connected)');
    if (res.status >= 400) throw new Internal(`Shopify answered HTTP ${res.status}`);
    const body = res.json<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>();
    if (body.errors?.length) {
      const codes = body.errors.map((e) => e.extensions?.code ?? 'ERROR').join(',');
      if (codes.includes('ACCESS_DENIED')) {
        const denied = body.errors.find((e) => e.extensions?.code === 'ACCESS_DENIED')?.message ?? '';
        throw new FailedPrecondition(
          `Shopify token lacks a required scope (read_orders, read_customers${/read_returns/.test(denied) ? ', read_returns' : ''}): ${denied}`.trim(),
        );
      }
      throw new Internal(`Shopify GraphQL error: ${codes}`);
    }
    if (!body.data) throw new Internal('Shopify GraphQL answer without data');
    return body.data;
  }

  async findCustomer(
    by: { email?: string; phone?: string },
    signal?: AbortSignal,
  ): Promise<GqlCustomer | null> {
    const q = by.email ? `email:${searchValue(by.email)}` : `phone:${searchValue(by.phone ?? '')}`;
    const data = await this.query<{ customers: { nodes: GqlCustomer[] } }>(
      `query FindCustomer($q: String!) { customers(first: 1, query: $q) { nodes { ${CUSTOMER} } } }`,
      { q },
      signal,
    );
    return data.customers.nodes[0] ?? null;
  }

  async getCustomer(id: string, signal?: AbortSignal): Promise<GqlCustomer | null> {
    const data = await this.query<{ customer: GqlCustomer | null }>(
      `query GetCustomer($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`,
      { id: `gid://shopify/Customer/${id}` },
      signal,
    );
    return data.customer;
  }

  /** One page of the customer's orders, newest first. */
  async listCustomerOrders(
    customerId: string,
    first: number,
    after: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ orders: GqlOrder[]; endCursor: string | null; hasNextPage: boolean }> {
    const data = await this.query<{
      customer: {
        orders: { nodes: GqlOrder[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      } | null;
    }>(
      `query CustomerOrders($id: ID!, $first: Int!, $after: String) {
        customer(id: $id) { orders(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) {
          nodes { ...OrderSummary } pageInfo { hasNextPage endCursor } } } } ${ORDER_SUMMARY}`,
      { id: `gid://shopify/Customer/${customerId}`, first, after: after ?? null },
      signal,
    );
    if (!data.customer) return { orders: [], endCursor: null, hasNextPage: false };
    const { nodes, pageInfo } = data.customer.orders;
    return { orders: nodes, endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage };
  }

  /**
   * The order with this id or name, only if it belongs to `customerId`: the customer filter is part
   * of the search, so another customer's order and a missing one cost the same single query.
   */
  async findCustomerOrder(
    customerId: string,
    ref: { id?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<GqlOrder | null> {
    const term = orderTerm(ref);
    const data = await this.query<{ orders: { nodes: GqlOrder[] } }>(
      `query CustomerOrder($q: String!) { orders(first: 1, query: $q) { nodes { ...OrderFull } } } ${ORDER_FULL}`,
      { q: `customer_id:${searchValue(customerId)} AND ${term}` },
      signal,
    );
    const o = data.orders.nodes[0];
    return o && o.customer?.legacyResourceId === customerId ? this.allLineItems(o, signal) : null;
  }

  /**
   * Id and name of the customer's order with this id or name, or null (same ownership rule as
   * findCustomerOrder): what a return-status lookup needs, for a few query points instead of the
   * whole order (~650: lines, fulfilments, refunds). A shopper's refund-status question probes up to
   * ten orders, which the full query would throttle on a standard shop.
   */
  async findCustomerOrderRef(
    customerId: string,
    ref: { id?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<{ id: string; name: string } | null> {
    const term = orderTerm(ref);
    const data = await this.query<{
      orders: {
        nodes: { legacyResourceId: string; name: string; customer: { legacyResourceId: string } | null }[];
      };
    }>(
      `query CustomerOrderRef($q: String!) { orders(first: 1, query: $q) { nodes { legacyResourceId name customer { legacyResourceId } } } }`,
      { q: `customer_id:${searchValue(customerId)} AND ${term}` },
      signal,
    );
    const o = data.orders.nodes[0];
    return o && o.customer?.legacyResourceId === customerId ? { id: o.legacyResourceId, name: o.name } : null;
  }

  /** Orders with more lines than the first page: the remaining lines, page by page (mixed carts are split per line). */
  private async allLineItems(o: GqlOrder, signal?: AbortSignal): Promise<GqlOrder> {
    let page = o.lineItems.pageInfo;
    const nodes = [...o.lineItems.nodes];
    for (let i = 0; page?.hasNextPage && page.endCursor && i < 20; i += 1) {
      const data = await this.query<{
        order: {
          lineItems: { nodes: GqlLineItem[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        } | null;
      }>(
        `query MoreLines($id: ID!, $after: String!) { order(id: $id) {
          lineItems(first: 50, after: $after) { nodes { ${LINE_FULL} } pageInfo { hasNextPage endCursor } } } }`,
        { id: `gid://shopify/Order/${o.legacyResourceId}`, after: page.endCursor },
        signal,
      );
      if (!data.order) break;
      nodes.push(...data.order.lineItems.nodes);
      page = data.order.lineItems.pageInfo;
    }
    return { ...o, lineItems: { nodes, pageInfo: page } };
  }

  /**
   * The returns recorded in Shopify for an order (the admin's and the customer accounts' return
   * requests; needs the read_returns scope). Null when the order does not exist.
   */
  async orderReturns(id: string, signal?: AbortSignal): Promise<GqlReturn[] | null> {
    // Requested cost ≈ 130 points (connections: 2 + first × node): a refund-status question probes
    // several orders, each with this query. 3 returns of 10 lines each cover nearly every order;
    // more are not read.
    const data = await this.query<{ order: { returns: { nodes: GqlReturn[] } } | null }>(
      `query OrderReturns($id: ID!) { order(id: $id) { returns(first: 3) { nodes {
        id name status
        returnLineItems(first: 10) { nodes { ... on ReturnLineItem { quantity fulfillmentLineItem { lineItem { id } } } } }
        refunds(first: 2) { nodes { createdAt totalRefundedSet { shopMoney { amount currencyCode } } } }
      } } } }`,
      { id: `gid://shopify/Order/${id}` },
      signal,
    );
    return data.order ? data.order.returns.nodes : null;
  }

  async getOrder(id: string, signal?: AbortSignal): Promise<GqlOrder | null> {
    const data = await this.query<{ order: GqlOrder | null }>(
      `query GetOrder($id: ID!) { order(id: $id) { ...OrderFull } } ${ORDER_FULL}`,
      { id: `gid://shopify/Order/${id}` },
      signal,
    );
    return data.order ? this.allLineItems(data.order, signal) : null;
  }
}

/** For a THROTTLED answer: wait until the bucket holds the requested cost again. */
export function throttleDelay(res: HttpResponse): { retryInMs: number } | undefined {
  if (res.status !== 200 && res.status !== 429) return undefined;
  let body: {
    errors?: { extensions?: { code?: string } }[];
    extensions?: {
      cost?: {
        requestedQueryCost?: number;
        throttleStatus?: { currentlyAvailable: number; restoreRate: number };
      };
    };
  };
  try {
    body = JSON.parse(res.text);
  } catch {
    return undefined;
  }
  if (!body.errors?.some((e) => e.extensions?.code === 'THROTTLED')) return undefined;
  const cost = body.extensions?.cost;
  const t = cost?.throttleStatus;
  if (!t || !cost?.requestedQueryCost || !t.restoreRate) return { retryInMs: 1000 };
  const missing = Math.max(0, cost.requestedQueryCost - t.currentlyAvailable);
  return { retryInMs: Math.ceil((missing / t.restoreRate) * 1000) + 50 };
}
