// Shopify Admin API fake: GraphQL (`POST /admin/api/{version}/graphql.json`) over the subset of the
// real schema in shopify-schema.ts, with cost-based throttling (extensions.cost + THROTTLED) and
// webhooks signed like Shopify (base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256).
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  buildSchema,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  graphql,
  Kind,
  parse,
  type SelectionSetNode,
  type ValueNode,
  validate,
} from 'graphql';
import { createFakeApp, type FakeServer, listen } from './http';
import { escapeHtml } from './portal';
import {
  base64Hmac,
  type CommerceFixture,
  type FixtureCustomer,
  type FixtureLineItem,
  type FixtureOrder,
  fixtureList,
  fixtureTime,
  postWebhook,
} from './shopify-fixtures';
import { SHOPIFY_SDL } from './shopify-schema';

const schema = buildSchema(SHOPIFY_SDL);

export const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const legacy = (id: string) => {
  const m = /^gid:\/\/shopify\/\w+\/(.+)$/.exec(id);
  return m ? m[1]! : id;
};

/** A shop's live state: the fixture with times resolved, mutable by tests (deliveries, refunds…). */
export interface ShopState {
  fixture: CommerceFixture;
  bucket: { available: number; max: number; restoreRate: number; at: number };
}

export interface ShopifyFake extends FakeServer {
  /** Shop state by domain (tests change orders and then send a webhook). */
  shop(domain: string): ShopState;
  /** Replaces the GraphQL cost bucket of a shop (throttling tests). */
  setThrottle(
    domain: string,
    t: { maximumAvailable: number; restoreRate: number; currentlyAvailable?: number },
  ): void;
  /** Posts a webhook signed with the shop's secret, as Shopify does. */
  sendWebhook(options: {
    domain: string;
    url: string;
    topic: string;
    payload: unknown;
    webhookId?: string;
    secret?: string;
    triggeredAt?: string;
  }): Promise<{ status: number; body: string; webhookId: string; raw: string; hmac: string }>;
  /** The REST-shaped webhook body Shopify sends for an order (orders/* topics). */
  orderPayload(domain: string, orderId: string): Record<string, unknown>;
}

function resolveTimes(f: CommerceFixture, now: number): CommerceFixture {
  const copy = structuredClone(f);
  const t = (v: string | undefined) => fixtureTime(v, now) ?? undefined;
  for (const o of copy.orders) {
    o.createdAt = t(o.createdAt)!;
    o.updatedAt = t(o.updatedAt) ?? o.createdAt;
    o.cancelledAt = t(o.cancelledAt);
    for (const fl of o.fulfillments ?? []) {
      fl.createdAt = t(fl.createdAt)!;
      fl.deliveredAt = t(fl.deliveredAt);
      fl.inTransitAt = t(fl.inTransitAt);
    }
    for (const r of o.refunds ?? []) r.createdAt = t(r.createdAt)!;
  }
  for (const r of copy.returns?.loop ?? []) {
    r.createdAt = t(r.createdAt)!;
    r.updatedAt = t(r.updatedAt) ?? r.createdAt;
  }
  for (const r of copy.returns?.aftership ?? []) {
    r.createdAt = t(r.createdAt)!;
    r.refundedAt = t(r.refundedAt);
  }
  return copy;
}

export function loadShops(fixtures: unknown, now = Date.now()): Map<string, ShopState> {
  const shops = new Map<string, ShopState>();
  for (const f of fixtureList(fixtures)) {
    const max = f.shop.throttle?.maximumAvailable ?? 2000;
    shops.set(f.shop.domain, {
      fixture: resolveTimes(f, now),
      bucket: { available: max, max, restoreRate: f.shop.throttle?.restoreRate ?? 100, at: now },
    });
  }
  return shops;
}

// ---- connections ---------------------------------------------------------------------------------

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

const cursorOf = (id: string) => Buffer.from(JSON.stringify({ last_id: id })).toString('base64');
function idOfCursor(cursor: string): string {
  try {
    return String(JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')).last_id);
  } catch {
    throw new GraphQLError('Invalid cursor for current pagination sort.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
}

function connection<T>(all: T[], args: PageArgs, idOf: (t: T) => string) {
  if (args.first == null && args.last == null) {
    throw new GraphQLError('you must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  }
  if ((args.first ?? 0) > 250 || (args.last ?? 0) > 250) {
    throw new GraphQLError('The first and last arguments must not exceed 250.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  let list = args.reverse ? [...all].reverse() : all;
  if (args.after) {
    const id = idOfCursor(args.after);
    const i = list.findIndex((t) => idOf(t) === id);
    list = i >= 0 ? list.slice(i + 1) : [];
  }
  if (args.before) {
    const id = idOfCursor(args.before);
    const i = list.findIndex((t) => idOf(t) === id);
    list = i >= 0 ? list.slice(0, i) : list;
  }
  const before = list.length;
  let page = list;
  if (args.first != null) page = page.slice(0, args.first);
  if (args.last != null) page = page.slice(Math.max(0, page.length - args.last));
  const edges = page.map((node) => ({ cursor: cursorOf(idOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: args.first != null ? before > page.length : false,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Shopify search syntax subset: `field:value` terms joined by spaces or AND. */
function parseSearch(query: string | null | undefined): [string, string][] {
  if (!query) return [];
  const terms: [string, string][] = [];
  const re = /(\w+):(?:"([^"]*)"|'([^']*)'|(\S+))/g;
  for (let m = re.exec(query); m; m = re.exec(query))
    terms.push([m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '']);
  return terms;
}

/** Shopify's search ignores case; the "#" of the default prefix is optional ("#1001" ~ "1001", "rg1041" ~ "RG1041"). */
const normName = (n: string) => n.trim().replace(/^#/, '').trim().toUpperCase();
const normPhone = (p: string) => p.replace(/[^\d+]/g, '');

/**
 * Order search: `field:value` terms joined by AND (or spaces), a parenthesised group of terms joined
 * by OR matches when any of them does (`customer_id:"1" AND (name:"#RG1041" OR name:"RG1041")`).
 */
function orderMatches(o: FixtureOrder, query: string | null | undefined): boolean {
  const q = query ?? '';
  const groups = [...q.matchAll(/\(([^()]*)\)/g)].map((m) => parseSearch(m[1]));
  const rest = parseSearch(q.replace(/\(([^()]*)\)/g, ' '));
  return orderTermsMatch(o, rest) && groups.every((g) => g.some((t) => orderTermsMatch(o, [t])));
}

function orderTermsMatch(o: FixtureOrder, terms: [string, string][]): boolean {
  return terms.every(([k, v]) => {
    switch (k) {
      case 'name':
        return normName(o.name) === normName(v);
      case 'id':
        return o.id === legacy(v);
      case 'customer_id':
        return o.customerId === legacy(v);
      case 'email':
        return (o.email ?? '').toLowerCase() === v.toLowerCase();
      case 'status':
        return true;
      default:
        return true;
    }
  });
}

function customerMatches(c: FixtureCustomer, terms: [string, string][]): boolean {
  return terms.every(([k, v]) => {
    if (k === 'email') return (c.email ?? '').toLowerCase() === v.toLowerCase();
    if (k === 'phone') return Boolean(c.phone) && normPhone(c.phone!) === normPhone(v);
    if (k === 'id') return c.id === legacy(v);
    return true;
  });
}

// ---- resolvers -----------------------------------------------------------------------------------

function money(amount: string | number, currency: string) {
  const m = { amount: typeof amount === 'number' ? amount.toFixed(2) : amount, currencyCode: currency };
  return { shopMoney: m, presentmentMoney: m };
}

function sortOrders(list: FixtureOrder[], sortKey: string | null | undefined): FixtureOrder[] {
  const key = sortKey ?? 'ID';
  const by = (o: FixtureOrder): string | number =>
    key === 'CREATED_AT' || key === 'PROCESSED_AT'
      ? o.createdAt
      : key === 'UPDATED_AT'
        ? (o.updatedAt ?? o.createdAt)
        : Number(o.id) || o.id;
  return [...list].sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0));
}

/** shopify.dev "GraphQL Admin API rate limits": a single query may cost at most 1000 points. */
const SINGLE_QUERY_MAX_COST = 1000;

/** The scopes a fixture's token has when it does not say. */
const DEFAULT_SCOPES = ['read_orders', 'read_customers', 'read_products', 'read_returns'];

function buildRoot(state: ShopState) {
  const f = state.fixture;
  const currency = f.shop.currency;
  const requireScope = (scope: string, field: string) => {
    if ((f.shop.scopes ?? DEFAULT_SCOPES).includes(scope)) return;
    throw new GraphQLError(`Access denied for ${field} field. Required access: \`${scope}\` access scope.`, {
      extensions: { code: 'ACCESS_DENIED', requiredAccess: `\`${scope}\` access scope.` },
    });
  };
  const products = new Map(f.products.map((p) => [p.id, p]));
  const productNode = (id: string) => {
    const p = products.get(id);
    if (!p) return null;
    return {
      id: gid('Product', p.id),
      legacyResourceId: p.id,
      title: p.title,
      productType: p.productType,
      tags: p.tags,
      collections: (args: PageArgs) =>
        connection(
          (p.collections ?? []).map((h) => ({ id: gid('Collection', h), handle: h, title: h })),
          args,
          (c) => c.handle,
        ),
    };
  };
  const lineNode = (o: FixtureOrder, li: FixtureLineItem) => {
    const refunded = (o.refunds ?? [])
      .flatMap((r) => r.lines)
      .filter((l) => l.lineItemId === li.id)
      .reduce((s, l) => s + l.quantity, 0);
    return {
      id: gid('LineItem', li.id),
      title: li.title,
      name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
      sku: li.sku ?? null,
      variantTitle: li.variantTitle ?? null,
      quantity: li.quantity,
      currentQuantity: Math.max(0, li.quantity - refunded),
      refundableQuantity: Math.max(0, li.quantity - refunded),
      isGiftCard: Boolean(li.giftCard),
      product: () => productNode(li.productId),
      originalUnitPriceSet: money(li.price, currency),
    };
  };
  const customerNode = (c: FixtureCustomer): Record<string, unknown> => ({
    id: gid('Customer', c.id),
    legacyResourceId: c.id,
    firstName: c.firstName ?? null,
    lastName: c.lastName ?? null,
    displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || '',
    email: c.email ?? null,
    phone: c.phone ?? null,
    locale: c.locale ?? f.locale ?? 'en',
    numberOfOrders: String(f.orders.filter((o) => o.customerId === c.id).length),
    orders: (args: PageArgs & { sortKey?: string; query?: string }) =>
      connection(
        sortOrders(
          f.orders.filter((o) => o.customerId === c.id && orderMatches(o, args.query)),
          args.sortKey,
        ).map(orderNode),
        args,
        (n) => n.legacyResourceId,
      ),
  });
  const orderNode = (o: FixtureOrder) => {
    const lines = new Map(o.lineItems.map((li) => [li.id, li]));
    const refundNode = (r: NonNullable<FixtureOrder['refunds']>[number]) => ({
      id: gid('Refund', r.id),
      legacyResourceId: r.id,
      createdAt: r.createdAt,
      note: null,
      totalRefundedSet: money(r.amount, currency),
      refundLineItems: (args2: PageArgs) =>
        connection(
          r.lines.map((l) => ({ lineItem: lineNode(o, lines.get(l.lineItemId)!), quantity: l.quantity })),
          args2,
          (n) => legacy(n.lineItem.id),
        ),
    });
    const total = o.lineItems.reduce((s, li) => s + Number(li.price) * li.quantity, 0);
    return {
      id: gid('Order', o.id),
      legacyResourceId: o.id,
      name: o.name,
      email: o.email ?? null,
      phone: null,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt ?? o.createdAt,
      processedAt: o.createdAt,
      cancelledAt: o.cancelledAt ?? null,
      cancelReason: o.cancelledAt ? (o.cancelReason ?? 'CUSTOMER') : null,
      closedAt: null,
      test: false,
      tags: o.tags ?? [],
      currencyCode: currency,
      displayFinancialStatus: o.displayFinancialStatus,
      displayFulfillmentStatus: o.displayFulfillmentStatus,
      customer: () => {
        const c = f.customers.find((x) => x.id === o.customerId);
        return c ? customerNode(c) : null;
      },
      shippingAddress: o.shippingAddress
        ? {
            city: o.shippingAddress.city ?? null,
            zip: o.shippingAddress.zip ?? null,
            country: null,
            countryCodeV2: o.shippingAddress.countryCode,
          }
        : null,
      totalPriceSet: money(total, currency),
      lineItems: (args: PageArgs) =>
        connection(
          o.lineItems.map((li) => lineNode(o, li)),
          args,
          (n) => legacy(n.id),
        ),
      fulfillments: (args: { first?: number }) =>
        (o.fulfillments ?? []).slice(0, args.first ?? 250).map((fl, i) => ({
          id: gid('Fulfillment', fl.id),
          legacyResourceId: fl.id,
          name: `${o.name}-F${i + 1}`,
          createdAt: fl.createdAt,
          updatedAt: fl.deliveredAt ?? fl.createdAt,
          deliveredAt: fl.deliveredAt ?? null,
          inTransitAt: fl.inTransitAt ?? null,
          estimatedDeliveryAt: null,
          status: fl.status ?? 'SUCCESS',
          displayStatus:
            fl.displayStatus ?? (fl.deliveredAt ? 'DELIVERED' : fl.inTransitAt ? 'IN_TRANSIT' : 'FULFILLED'),
          trackingInfo: () =>
            fl.trackingNumber || fl.trackingUrl
              ? [
                  {
                    company: fl.trackingCompany ?? null,
                    number: fl.trackingNumber ?? null,
                    url: fl.trackingUrl ?? null,
                  },
                ]
              : [],
          fulfillmentLineItems: (args: PageArgs) =>
            connection(
              (fl.lineItems ?? o.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity }))).map(
                (x, j) => ({
                  id: gid('FulfillmentLineItem', `${fl.id}${j}`),
                  quantity: x.quantity,
                  lineItem: lineNode(o, lines.get(x.lineItemId)!),
                }),
              ),
              args,
              (n) => legacy(n.id),
            ),
        })),
      returns: (args: PageArgs) => {
        requireScope('read_returns', 'returns');
        return connection(
          (o.shopifyReturns ?? []).map((r, i) => ({
            id: gid('Return', r.id),
            name: `${o.name}-R${i + 1}`,
            status: r.status,
            totalQuantity: r.lines.reduce((s, l) => s + l.quantity, 0),
            returnLineItems: (args2: PageArgs) =>
              connection(
                r.lines.map((l, j) => ({
                  __typename: 'ReturnLineItem',
                  id: gid('ReturnLineItem', `${r.id}${j}`),
                  quantity: l.quantity,
                  fulfillmentLineItem: {
                    id: gid('FulfillmentLineItem', `${r.id}${j}`),
                    quantity: l.quantity,
                    lineItem: lineNode(o, lines.get(l.lineItemId)!),
                  },
                })),
                args2,
                (n) => legacy(n.id),
              ),
            refunds: (args2: PageArgs) =>
              connection(
                (o.refunds ?? []).filter((f) => r.refundIds?.includes(f.id)).map(refundNode),
                args2,
                (n) => n.legacyResourceId,
              ),
          })),
          args,
          (n) => legacy(n.id),
        );
      },
      refunds: (args: { first?: number }) => (o.refunds ?? []).slice(0, args.first ?? 250).map(refundNode),
    };
  };
  return {
    customer: ({ id }: { id: string }) => {
      const c = f.customers.find((x) => x.id === legacy(id));
      return c ? customerNode(c) : null;
    },
    customers: (args: PageArgs & { query?: string }) =>
      connection(
        f.customers.filter((c) => customerMatches(c, parseSearch(args.query))).map(customerNode),
        args,
        (n) => String(n.legacyResourceId),
      ),
    order: ({ id }: { id: string }) => {
      const o = f.orders.find((x) => x.id === legacy(id));
      return o ? orderNode(o) : null;
    },
    orders: (args: PageArgs & { sortKey?: string; query?: string }) =>
      connection(
        sortOrders(
          f.orders.filter((o) => orderMatches(o, args.query)),
          args.sortKey,
        ).map(orderNode),
        args,
        (n) => n.legacyResourceId,
      ),
  };
}

// ---- query cost (shopify.dev "calculated query costs": objects 1, connections 2 + first × node) ----

export function requestedCost(
  doc: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const value = (v: ValueNode): unknown =>
    v.kind === Kind.VARIABLE ? variables[v.name.value] : v.kind === Kind.INT ? Number(v.value) : undefined;
  const selCost = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let total = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) total += fieldCost(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) total += selCost(s.selectionSet);
      else total += selCost(fragments.get(s.name.value)?.selectionSet);
    }
    return total;
  };
  const fieldCost = (field: FieldNode): number => {
    if (!field.selectionSet) return 0;
    const size = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
    const n = size ? Number(value(size.value) ?? 0) : 0;
    if (size) return 2 + n * Math.max(1, selCost(field.selectionSet));
    if (['edges', 'nodes', 'node', 'pageInfo'].includes(field.name.value)) return selCost(field.selectionSet);
    return 1 + selCost(field.selectionSet);
  };
  const op = doc.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  return op && op.kind === Kind.OPERATION_DEFINITION ? Math.max(1, selCost(op.selectionSet)) : 1;
}

// ---- webhook payloads (REST resource shapes) -----------------------------------------------------

function restOrder(state: ShopState, o: FixtureOrder): Record<string, unknown> {
  const currency = state.fixture.shop.currency;
  const ffs: Record<string, string | null> = { FULFILLED: 'fulfilled', PARTIALLY_FULFILLED: 'partial' };
  return {
    id: Number(o.id),
    admin_graphql_api_id: gid('Order', o.id),
    name: o.name,
    order_number: Number(normName(o.name)) || null,
    email: o.email ?? null,
    created_at: o.createdAt,
    updated_at: o.updatedAt ?? o.createdAt,
    cancelled_at: o.cancelledAt ?? null,
    financial_status: o.displayFinancialStatus.toLowerCase(),
    fulfillment_status: ffs[o.displayFulfillmentStatus] ?? null,
    currency,
    customer: { id: Number(o.customerId), admin_graphql_api_id: gid('Customer', o.customerId) },
    line_items: o.lineItems.map((li) => ({
      id: Number(li.id),
      product_id: Number(li.productId),
      title: li.title,
      variant_title: li.variantTitle ?? null,
      sku: li.sku ?? null,
      quantity: li.quantity,
      price: li.price,
    })),
    shipping_address: o.shippingAddress
      ? {
          country_code: o.shippingAddress.countryCode,
          zip: o.shippingAddress.zip ?? null,
          city: o.shippingAddress.city ?? null,
        }
      : null,
  };
}

// ---- server --------------------------------------------------------------------------------------

export async function startFake(options: {
  port?: number;
  fixtures?: unknown;
  now?: number;
}): Promise<ShopifyFake> {
  const shops = loadShops(options.fixtures, options.now);
  const byToken = () => new Map([...shops.values()].map((s) => [s.fixture.shop.accessToken, s]));
  const built = createFakeApp();
  // A stand-in for a brand's own returns page (a plain portal URL, "other"): demos link here.
  built.app.get('/pages/returns/:domain', (req: Request, res: Response) => {
    const s = shops.get(String(req.params.domain));
    const q = req.query as Record<string, string | undefined>;
    if (!s) {
      res.status(404).type('text/plain').send('No such shop.');
      return;
    }
    res
      .type('text/html')
      .send(
        standInPage(s.fixture.shop.name ?? s.fixture.shop.domain, q.order ?? '', q.email ?? '', q.type ?? ''),
      );
  });
  const { app } = built;

  app.post('/admin/api/:version/graphql.json', async (req: Request, res: Response) => {
    const token = req.header('x-shopify-access-token');
    const state = token ? byToken().get(token) : undefined;
    if (!state) {
      res
        .status(401)
        .json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      return;
    }
    const body = (req.body ?? {}) as {
      query?: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    if (typeof body.query !== 'string') {
      res.status(400).json({ errors: { query: 'Required parameter missing or invalid' } });
      return;
    }
    let doc: DocumentNode;
    try {
      doc = parse(body.query);
    } catch (err) {
      res
        .status(200)
        .json({ errors: [{ message: (err as Error).message, extensions: { code: 'PARSE_ERROR' } }] });
      return;
    }
    const invalid = validate(schema, doc);
    if (invalid.length) {
      res.status(200).json({
        errors: invalid.map((e) => ({
          message: e.message,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        })),
      });
      return;
    }
    const variables = body.variables ?? {};
    const cost = requestedCost(doc, variables, body.operationName);
    const b = state.bucket;
    const now = Date.now();
    b.available = Math.min(b.max, b.available + ((now - b.at) / 1000) * b.restoreRate);
    b.at = now;
    const throttleStatus = () => ({
      maximumAvailable: b.max,
      currentlyAvailable: Math.floor(b.available),
      restoreRate: b.restoreRate,
    });
    // Shopify refuses any single query over 1000 points, whatever the bucket holds.
    const maxCost = Math.min(b.max, SINGLE_QUERY_MAX_COST);
    if (cost > maxCost) {
      res.status(200).json({
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${maxCost}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost },
          },
        ],
      });
      return;
    }
    if (cost > b.available) {
      res.status(429).json({
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: {
          cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: throttleStatus() },
        },
      });
      return;
    }
    b.available -= cost;
    const result = await graphql({
      schema,
      source: body.query,
      rootValue: buildRoot(state),
      variableValues: variables,
      operationName: body.operationName,
    });
    res.status(200).json({
      ...result,
      extensions: {
        cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: throttleStatus() },
      },
    });
  });

  const fake = await listen(built, options.port ?? 0);
  const shopOf = (domain: string) => {
    const s = shops.get(domain);
    if (!s) throw new Error(`shopify fake: unknown shop ${domain}`);
    return s;
  };
  return Object.assign(fake, {
    shop: shopOf,
    setThrottle(
      domain: string,
      t: { maximumAvailable: number; restoreRate: number; currentlyAvailable?: number },
    ) {
      const s = shopOf(domain);
      s.bucket = {
        max: t.maximumAvailable,
        restoreRate: t.restoreRate,
        available: t.currentlyAvailable ?? t.maximumAvailable,
        at: Date.now(),
      };
    },
    orderPayload(domain: string, orderId: string) {
      const s = shopOf(domain);
      const o = s.fixture.orders.find((x) => x.id === orderId);
      if (!o) throw new Error(`shopify fake: unknown order ${orderId}`);
      return restOrder(s, o);
    },
    async sendWebhook(o: Parameters<ShopifyFake['sendWebhook']>[0]) {
      const s = shopOf(o.domain);
      const raw = JSON.stringify(o.payload);
      const webhookId = o.webhookId ?? randomUUID();
      const hmac = base64Hmac(o.secret ?? s.fixture.shop.webhookSecret, raw);
      const res = await postWebhook(o.url, raw, {
        'x-shopify-topic': o.topic,
        'x-shopify-hmac-sha256': hmac,
        'x-shopify-shop-domain': o.domain,
        'x-shopify-api-version': '2025-01',
        'x-shopify-webhook-id': webhookId,
        'x-shopify-event-id': randomUUID(),
        'x-shopify-triggered-at': o.triggeredAt ?? new Date().toISOString(),
      });
      return { ...res, webhookId, raw, hmac };
    },
  }) as ShopifyFake;
}

function standInPage(shop: string, order: string, email: string, type: string): string {
  const what = {
    exchange: 'Exchange',
    refund: 'Return for a refund',
    store_credit: 'Return for store credit',
  }[type];
  return (
    `<!doctype html><meta charset="utf-8"><title>${escapeHtml(shop)} returns</title>` +
    `<main style="font-family:system-ui;max-width:32rem;margin:3rem auto">` +
    `<p style="color:#666">The brand's own returns page (demo stand-in)</p>` +
    `<h1>${escapeHtml(shop)}</h1><h2>Order ${escapeHtml(order)}</h2><p>${escapeHtml(email)}</p>` +
    (what ? `<p><strong>${what}</strong></p>` : '') +
    `<p>In production this is the brand's returns page, opened with the order and e-mail filled in.</p></main>`
  );
}
