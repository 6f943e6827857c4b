// A stand-in for a returns portal page (Loop / AfterShip), for demos: with `portalBaseUrl` set, the
// fakes' deep links point here instead of the vendor's (unreachable) portal domain, and the page
// shows which order the link opened, so a demo click lands somewhere that says what would happen.
import { randomUUID } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { ShopState } from './shopify';
import type { FixtureOrder } from './shopify-fixtures';

interface PortalLink {
  shop: ShopState;
  order: FixtureOrder;
}

export interface Portal {
  /** A new deep link for one order (a fresh id each time, as the vendors issue them). */
  link(shop: ShopState, order: FixtureOrder, vendorUrl: (id: string) => string): string;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function mountPortal(app: Express, vendor: string, portalBaseUrl: () => string | undefined): Portal {
  const links = new Map<string, PortalLink>();
  app.get('/portal/link/:id', (req: Request, res: Response) => {
    const l = links.get(String(req.params.id));
    if (!l) {
      res.status(404).type('text/plain').send('This return link is unknown or has expired.');
      return;
    }
    const shopName = l.shop.fixture.shop.name ?? l.shop.fixture.shop.domain;
    const items = l.order.lineItems
      .map(
        (i) =>
          `<li>${escapeHtml(i.title)}${i.variantTitle ? ` (${escapeHtml(i.variantTitle)})` : ''} × ${i.quantity}</li>`,
      )
      .join('');
    res
      .type('text/html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>${escapeHtml(shopName)} returns</title>` +
          `<main style="font-family:system-ui;max-width:32rem;margin:3rem auto">` +
          `<p style="color:#666">${escapeHtml(vendor)} returns portal (demo stand-in)</p>` +
          `<h1>${escapeHtml(shopName)}</h1><h2>Order ${escapeHtml(l.order.name)}</h2><ul>${items}</ul>` +
          `<p>In production this link opens the brand's ${escapeHtml(vendor)} portal with this order already looked up.</p></main>`,
      );
  });
  return {
    link(shop, order, vendorUrl) {
      const id = randomUUID();
      links.set(id, { shop, order });
      const base = portalBaseUrl();
      return base ? `${base.replace(/\/$/, '')}/portal/link/${id}` : vendorUrl(id);
    },
  };
}
