// Loop Returns API fake (https://api.loopreturns.com/api/v1): `X-Authorization` API keys, 300
// requests/min per key (then 429), deep links (`POST /order/link`), return details and the
// paginated detailed returns list, and webhooks signed like Loop (`X-Loop-Signature`: base64
// HMAC-SHA256 of the raw body, JSON serialised PHP-style with escaped slashes).
import type { Request, Response } from 'express';
import { createFakeApp, type FakeServer, listen } from './http';
import { mountPortal } from './portal';
import { loadShops, type ShopState } from './shopify';
import { base64Hmac, type FixtureLoopReturn, postWebhook } from './shopify-fixtures';

export interface LoopFake extends FakeServer {
  shop(domain: string): ShopState;
  /** Return details JSON (the API shape) for a fixture return. */
  returnDetails(domain: string, returnId: number): Record<string, unknown>;
  sendWebhook(options: {
    domain: string;
    url: string;
    trigger: 'return.created' | 'return.updated' | 'return.closed';
    returnId: number;
    secret?: string;
  }): Promise<{ status: number; body: string; raw: string; signature: string }>;
  /** Requests allowed per minute and key (default 300, as documented). */
  setRateLimit(perMinute: number): void;
}

/** Loop's webhook bodies are PHP json_encode output: slashes escaped, no newlines. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

export async function startFake(options: {
  port?: number;
  fixtures?: unknown;
  now?: number;
  /**
   * Deep links point at a stand-in portal page served by this fake instead of the vendor's domain
   * (demos): the base URL the browser reaches this fake at, or 'self' for its own listening URL.
   */
  portalBaseUrl?: string;
}): Promise<LoopFake> {
  const shops = loadShops(options.fixtures, options.now);
  const byKey = () =>
    new Map([...shops.values()].filter((s) => s.fixture.loop).map((s) => [s.fixture.loop!.apiKey, s]));
  const built = createFakeApp();
  const { app } = built;
  let self = '';
  const portal = mountPortal(app, 'Loop', () =>
    options.portalBaseUrl === 'self' ? self : options.portalBaseUrl,
  );
  let perMinute = 300;
  const windows = new Map<string, { start: number; count: number }>();

  const details = (s: ShopState, r: FixtureLoopReturn): Record<string, unknown> => {
    const f = s.fixture;
    const o = f.orders.find((x) => x.id === r.orderId);
    const currency = f.shop.currency;
    const refunds = (r.refunds ?? []).map((x, i) => ({
      gateway: x.gateway ?? 'shopify_payments',
      amount: x.amount,
      currency,
      provider_refund_id: `${r.id}${i}`,
      provider: 'shopify',
    }));
    return {
      id: r.id,
      created_at: r.createdAt,
      updated_at: r.updatedAt ?? r.createdAt,
      edited_at: r.updatedAt ?? r.createdAt,
      order_id: 900000 + Number(r.orderId.slice(-4)),
      order_name: o?.name ?? null,
      order_number: o ? o.name.replace(/^#/, '') : null,
      provider_order_id: r.orderId,
      provider_order_number: o ? o.name.replace(/^#/, '') : null,
      customer: o?.email ?? null,
      state: r.state,
      currency,
      outcome: r.outcome ?? 'refund',
      total: r.total,
      return_total: r.total,
      return_product_total: r.total,
      return_discount_total: '0.00',
      return_tax_total: '0.00',
      return_credit_total: r.outcome === 'store_credit' ? r.total : '0.00',
      exchange: r.outcome === 'exchange' ? {} : null,
      refund: refunds.reduce((sum, x) => sum + Number(x.amount), 0).toFixed(2),
      refunds,
      line_items: r.lineItems.map((l) => {
        const li = o?.lineItems.find((x) => x.id === l.lineItemId);
        return {
          line_item_id: Number(`${r.id}${l.lineItemId.slice(-2)}`),
          provider_line_item_id: l.lineItemId,
          sku: li?.sku ?? null,
          title: li?.title ?? null,
          quantity: l.quantity,
          return_reason: l.reason ?? null,
        };
      }),
    };
  };

  app.use('/api/v1', (req: Request, res: Response, next) => {
    const key = req.header('x-authorization');
    const state = key ? byKey().get(key) : undefined;
    if (!state) {
      res.status(401).json({ message: 'Unauthenticated.' });
      return;
    }
    const now = Date.now();
    const w = windows.get(key!) ?? { start: now, count: 0 };
    if (now - w.start >= 60_000) Object.assign(w, { start: now, count: 0 });
    w.count += 1;
    windows.set(key!, w);
    if (w.count > perMinute) {
      res.setHeader('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)));
      res.status(429).json({ message: 'Too Many Attempts.' });
      return;
    }
    res.locals.shop = state;
    next();
  });

  app.post('/api/v1/order/link', (req: Request, res: Response) => {
    const s = res.locals.shop as ShopState;
    const { name, zip } = (req.body ?? {}) as { name?: string; zip?: string };
    if (!name || !zip) {
      res.status(422).json({
        message: 'The name and zip fields are required.',
        errors: { name: ['required'], zip: ['required'] },
      });
      return;
    }
    const norm = (v: string) => v.replace(/^#/, '').trim().toLowerCase();
    const o = s.fixture.orders.find((x) => norm(x.name) === norm(name));
    const c = o && s.fixture.customers.find((x) => x.id === o.customerId);
    const lookups = [o?.shippingAddress?.zip, o?.email, c?.email, c?.phone]
      .filter(Boolean)
      .map((v) => norm(String(v)));
    if (!o || !lookups.includes(norm(zip))) {
      res.status(404).json({ message: 'Order not found.' });
      return;
    }
    // A fresh uuid per link (it used to be the hex of the shop domain's first 16 bytes: one link for all).
    const url = portal.link(s, o, (uuid) => `https://${s.fixture.loop!.portalDomain}/#/link/${uuid}`);
    res.status(200).json({ url });
  });

  app.get('/api/v1/warehouse/return/details', (req: Request, res: Response) => {
    const s = res.locals.shop as ShopState;
    const all = s.fixture.returns?.loop ?? [];
    const q = req.query as Record<string, string | undefined>;
    if (q.return_id) {
      const r = all.find((x) => String(x.id) === q.return_id);
      if (!r) {
        res.status(404).json({ message: 'Return not found.' });
        return;
      }
      res.json(details(s, r));
      return;
    }
    const orders = s.fixture.orders;
    const norm = (v: string) => v.replace(/^#/, '').trim();
    const match = all.filter((r) => {
      const o = orders.find((x) => x.id === r.orderId);
      if (q.order_name) return o !== undefined && norm(o.name) === norm(q.order_name);
      if (q.order_id) return String(900000 + Number(r.orderId.slice(-4))) === q.order_id;
      return false;
    });
    if (!q.order_name && !q.order_id) {
      res.status(422).json({ message: 'One of return_id, order_id or order_name is required.' });
      return;
    }
    res.json(match.map((r) => details(s, r)));
  });

  app.get('/api/v1/warehouse/return/list', (req: Request, res: Response) => {
    const s = res.locals.shop as ShopState;
    const q = req.query as Record<string, string | undefined>;
    const field = q.filter === 'updated_at' ? 'updatedAt' : 'createdAt';
    const from = q.from ? Date.parse(q.from.replace(' ', 'T') + 'Z') : -Infinity;
    const to = q.to ? Date.parse(q.to.replace(' ', 'T') + 'Z') : Infinity;
    const list = (s.fixture.returns?.loop ?? [])
      .filter(
        (r) =>
          (!q.state || r.state === q.state) &&
          Date.parse(r[field] ?? r.createdAt) >= from &&
          Date.parse(r[field] ?? r.createdAt) <= to,
      )
      .sort((a, b) => a.id - b.id)
      .map((r) => details(s, r));
    if (q.paginate !== 'true') {
      res.json(list);
      return;
    }
    const size = Math.min(750, Math.max(1, Number(q.pageSize ?? 100)));
    const start = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) : 0;
    const page = list.slice(start, start + size);
    const base = `${req.protocol}://${req.get('host')}${req.baseUrl}${req.path}`;
    const link = (offset: number) => {
      const u = new URLSearchParams({
        ...(q as Record<string, string>),
        cursor: Buffer.from(String(offset)).toString('base64url'),
      });
      return `${base}?${u.toString()}`;
    };
    res.json({
      returns: page,
      nextPageUrl: start + size < list.length ? link(start + size) : null,
      previousPageUrl: start > 0 ? link(Math.max(0, start - size)) : null,
    });
  });

  const fake = await listen(built, options.port ?? 0);
  self = fake.url;
  const shopOf = (domain: string) => {
    const s = shops.get(domain);
    if (!s?.fixture.loop) throw new Error(`loop fake: unknown shop ${domain}`);
    return s;
  };
  return Object.assign(fake, {
    shop: shopOf,
    setRateLimit(n: number) {
      perMinute = n;
      windows.clear();
    },
    returnDetails(domain: string, returnId: number) {
      const s = shopOf(domain);
      const r = s.fixture.returns?.loop?.find((x) => x.id === returnId);
      if (!r) throw new Error(`loop fake: unknown return ${returnId}`);
      return details(s, r);
    },
    async sendWebhook(o: Parameters<LoopFake['sendWebhook']>[0]) {
      const s = shopOf(o.domain);
      const r = s.fixture.returns?.loop?.find((x) => x.id === o.returnId);
      if (!r) throw new Error(`loop fake: unknown return ${o.returnId}`);
      const d = details(s, r);
      const payload = {
        topic: 'return',
        trigger: o.trigger,
        shop_id: 4242,
        ...d,
        provider_order_external_id: r.orderId,
      };
      const raw = phpJson(payload);
      const signature = base64Hmac(o.secret ?? s.fixture.loop!.webhookSecret, raw);
      const res = await postWebhook(o.url, raw, { 'x-loop-signature': signature });
      return { ...res, raw, signature };
    },
  }) as LoopFake;
}
