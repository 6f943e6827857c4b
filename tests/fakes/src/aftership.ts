// AfterShip Returns API fake (https://api.aftership.com/returns/{version}): `as-api-key` auth,
// `{meta, data}` envelopes, 10 requests/s per organization (429 + ratelimit-* and retry-after),
// returns listed by order name/email with page/limit, `POST /returns/link` (2026-01 and later only),
// and webhooks signed like AfterShip (`as-signature-hmac-sha256`: base64 HMAC-SHA256 of the raw body).
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';
import { mountPortal } from './portal';
import { loadShops, type ShopState } from './shopify';
import { base64Hmac, type FixtureAfterShipReturn, postWebhook } from './shopify-fixtures';

export const AFTERSHIP_VERSIONS = ['2024-07', '2024-10', '2025-01', '2025-04', '2025-07', '2026-01'];

export interface AfterShipFake extends FakeServer {
  shop(domain: string): ShopState;
  returnResource(domain: string, returnId: string): Record<string, unknown>;
  sendWebhook(options: {
    domain: string;
    url: string;
    event: string;
    returnId: string;
    secret?: string;
    id?: string;
  }): Promise<{ status: number; body: string; raw: string; signature: string; id: string }>;
  /** Requests allowed per second and organization (default 10, as documented). */
  setRateLimit(perSecond: number): void;
}

const envelope = (code: number, type: string, message: string, data: unknown) => ({
  meta: { code, type, message },
  data,
});

export async function startFake(options: {
  port?: number;
  fixtures?: unknown;
  now?: number;
  /**
   * Deep links point at a stand-in portal page served by this fake instead of the vendor's domain
   * (demos): the base URL the browser reaches this fake at, or 'self' for its own listening URL.
   */
  portalBaseUrl?: string;
}): Promise<AfterShipFake> {
  const shops = loadShops(options.fixtures, options.now);
  const byKey = () =>
    new Map(
      [...shops.values()].filter((s) => s.fixture.aftership).map((s) => [s.fixture.aftership!.apiKey, s]),
    );
  const built = createFakeApp();
  const { app } = built;
  let self = '';
  const portal = mountPortal(app, 'AfterShip', () =>
    options.portalBaseUrl === 'self' ? self : options.portalBaseUrl,
  );
  let perSecond = 10;
  const windows = new Map<string, { start: number; count: number }>();

  const resource = (s: ShopState, r: FixtureAfterShipReturn): Record<string, unknown> => {
    const f = s.fixture;
    const o = f.orders.find((x) => x.id === r.orderId);
    const c = o && f.customers.find((x) => x.id === o.customerId);
    const currency = f.shop.currency;
    const m = (amount: string | number) => ({
      amount: typeof amount === 'number' ? amount.toFixed(2) : amount,
      currency,
    });
    const items = r.items.map((it) => {
      const li = o?.lineItems.find((x) => x.id === it.lineItemId);
      const p = li && f.products.find((x) => x.id === li.productId);
      return {
        external_order_item_id: it.lineItemId,
        sku: li?.sku ?? null,
        product_title: li?.title ?? null,
        intended_return_quantity: it.quantity,
        return_reason: it.reason ?? null,
        refund_quantity: r.refundedAt ? it.quantity : 0,
        received_quantity:
          ['received', 'delivered'].includes(r.shippingStatus ?? '') || r.approvalStatus === 'done'
            ? it.quantity
            : 0,
        product_tags: p?.tags ?? [],
        product_categories: p ? [p.productType] : [],
        unit_display_price: m(li?.price ?? '0.00'),
      };
    });
    const total = r.items.reduce((sum, it) => {
      const li = o?.lineItems.find((x) => x.id === it.lineItemId);
      return sum + Number(li?.price ?? 0) * it.quantity;
    }, 0);
    return {
      id: r.id,
      rma_number: r.rmaNumber,
      contact_email: o?.email ?? c?.email ?? null,
      filed_by: 'shopper',
      approval_status: r.approvalStatus,
      approved_at: ['approved', 'done'].includes(r.approvalStatus) ? r.createdAt : null,
      rejected_at: r.approvalStatus === 'rejected' ? r.createdAt : null,
      resolved_at: r.approvalStatus === 'done' ? (r.refundedAt ?? r.createdAt) : null,
      refunded_at: r.refundedAt ?? null,
      expired_at: r.approvalStatus === 'expired' ? r.createdAt : null,
      auto_refunded: false,
      refund_destination: 'original_payment',
      refunded_total: r.refundedTotal ? m(r.refundedTotal) : null,
      estimated_refund_total: m(total),
      return_total_including_tax: m(total),
      outcomes: r.outcomes ?? ['refund'],
      shipping_status: r.shippingStatus ?? 'no_label',
      exceptions: r.exceptions ?? [],
      order: {
        external_id: r.orderId,
        order_number: o?.name.replace(/^#/, '') ?? null,
        order_name: o?.name ?? null,
        customer: { emails: [c?.email].filter(Boolean), locale: c?.locale ?? f.locale ?? 'en' },
        country_region: o?.shippingAddress?.countryCode ?? null,
        store: { platform: 'shopify', external_id: f.shop.domain },
        placed_at: o?.createdAt ?? null,
      },
      return_items: items,
      shipments: [],
      refunds: r.refundedAt
        ? [
            {
              destination: 'original_payment',
              external_id: `${r.id}-refund`,
              total: m(r.refundedTotal ?? total),
              items: [],
              transactions: [],
            },
          ]
        : [],
      created_at: r.createdAt,
    };
  };

  app.use('/returns/:version', (req: Request, res: Response, next) => {
    const version = String(req.params.version);
    if (!AFTERSHIP_VERSIONS.includes(version)) {
      res.status(404).json(envelope(40400, 'NotFound', `API version ${version} not found`, null));
      return;
    }
    const key = req.header('as-api-key');
    const state = key ? byKey().get(key) : undefined;
    if (!state) {
      res.status(401).json(envelope(40100, 'Unauthorized', 'Invalid API key.', null));
      return;
    }
    const now = Date.now();
    const w = windows.get(key!) ?? { start: now, count: 0 };
    if (now - w.start >= 1000) Object.assign(w, { start: now, count: 0 });
    w.count += 1;
    windows.set(key!, w);
    const reset = Math.ceil((w.start + 1000) / 1000);
    res.setHeader('ratelimit-limit', String(perSecond));
    res.setHeader('ratelimit-remaining', String(Math.max(0, perSecond - w.count)));
    res.setHeader('ratelimit-reset', String(reset));
    if (w.count > perSecond) {
      res.setHeader('retry-after', String(Math.max(1, reset - Math.floor(now / 1000))));
      res
        .status(429)
        .json(envelope(42900, 'TooManyRequests', 'You have exceeded the API call rate limit.', null));
      return;
    }
    res.locals.shop = state;
    res.locals.version = version;
    next();
  });

  app.get('/returns/:version/returns', (req: Request, res: Response) => {
    const s = res.locals.shop as ShopState;
    const q = req.query as Record<string, string | undefined>;
    const page = Math.min(200, Math.max(1, Number(q.page ?? 1)));
    const limit = Math.min(50, Math.max(1, Number(q.limit ?? 10)));
    const all = (s.fixture.returns?.aftership ?? [])
      .map((r) => resource(s, r))
      .filter((r) => {
        const order = r.order as { order_name: string | null; customer: { emails: string[] } };
        if (q.order_name && order.order_name !== q.order_name) return false;
        if (
          q.customer_email &&
          !order.customer.emails.some((e) => e.toLowerCase() === q.customer_email!.toLowerCase())
        )
          return false;
        if (q.approval_status && r.approval_status !== q.approval_status) return false;
        return true;
      });
    const slice = all.slice((page - 1) * limit, page * limit);
    res.json(
      envelope(20000, 'OK', 'Everything worked as expected', {
        returns: slice,
        pagination: { total: all.length, page, limit, has_next_page: page * limit < all.length },
      }),
    );
  });

  app.get('/returns/:version/returns/:id', (req: Request, res: Response) => {
    const s = res.locals.shop as ShopState;
    const r = (s.fixture.returns?.aftership ?? []).find((x) => x.id === req.params.id);
    if (!r) {
      res.status(404).json(envelope(40400, 'NotFound', 'Return not found', null));
      return;
    }
    res.json(envelope(20000, 'OK', 'Everything worked as expected', resource(s, r)));
  });

  app.post('/returns/:version/returns/link', (req: Request, res: Response) => {
    const s = res.locals.shop as ShopState;
    if ((res.locals.version as string) < '2026-01') {
      res.status(404).json(envelope(40400, 'NotFound', 'The requested resource was not found.', null));
      return;
    }
    const b = (req.body ?? {}) as { order_number?: string; customer_email?: string; postal_code?: string };
    if (!b.order_number) {
      res.status(422).json({
        meta: {
          code: 42200,
          type: 'UnprocessableEntity',
          message: 'The request was unable to be followed.',
          errors: [{ path: 'order_number', info: 'is required' }],
        },
        data: null,
      });
      return;
    }
    const norm = (v: string) => v.replace(/^#/, '').trim().toLowerCase();
    const o = s.fixture.orders.find((x) => norm(x.name) === norm(b.order_number!));
    const c = o && s.fixture.customers.find((x) => x.id === o.customerId);
    const emailOk =
      !b.customer_email ||
      [o?.email, c?.email].some((e) => e && e.toLowerCase() === b.customer_email!.toLowerCase());
    const zipOk = !b.postal_code || norm(o?.shippingAddress?.zip ?? '') === norm(b.postal_code);
    if (!o || !emailOk || !zipOk) {
      res.status(404).json(envelope(40400, 'NotFound', 'Order not found', null));
      return;
    }
    const url = portal.link(
      s,
      o,
      (token) => `https://${s.fixture.aftership!.portalDomain}/returns/link/${token}`,
    );
    res
      .status(201)
      .json(envelope(20100, 'Created', 'The request was successful and a resource was created.', { url }));
  });

  const fake = await listen(built, options.port ?? 0);
  self = fake.url;
  const shopOf = (domain: string) => {
    const s = shops.get(domain);
    if (!s?.fixture.aftership) throw new Error(`aftership fake: unknown shop ${domain}`);
    return s;
  };
  return Object.assign(fake, {
    shop: shopOf,
    setRateLimit(n: number) {
      perSecond = n;
      windows.clear();
    },
    returnResource(domain: string, returnId: string) {
      const s = shopOf(domain);
      const r = s.fixture.returns?.aftership?.find((x) => x.id === returnId);
      if (!r) throw new Error(`aftership fake: unknown return ${returnId}`);
      return resource(s, r);
    },
    async sendWebhook(o: Parameters<AfterShipFake['sendWebhook']>[0]) {
      const s = shopOf(o.domain);
      const r = s.fixture.returns?.aftership?.find((x) => x.id === o.returnId);
      if (!r) throw new Error(`aftership fake: unknown return ${o.returnId}`);
      const id = o.id ?? randomUUID();
      const data = resource(s, r);
      const raw = JSON.stringify({
        id,
        created_at: new Date().toISOString(),
        event: o.event,
        modified: { approval_status: data.approval_status },
        data,
      });
      const signature = base64Hmac(o.secret ?? s.fixture.aftership!.webhookSecret, raw);
      const res = await postWebhook(o.url, raw, { 'as-signature-hmac-sha256': signature });
      return { ...res, raw, signature, id };
    },
  }) as AfterShipFake;
}
