// The commerce fixture format shared by the Shopify, Loop and AfterShip fakes (and the demo store).
// One file per brand (tenant); see tests/fakes/docs/commerce.md for the documented format.
import { createHmac } from 'node:crypto';

/** ISO-8601 timestamp, or a time relative to when the fake loaded the file: "-3d", "-12h", "-90m", "+2d". */
export type FixtureTime = string;

export interface CommerceFixture {
  tenant: string;
  locale?: string;
  shop: {
    domain: string;
    name?: string;
    accessToken: string;
    webhookSecret: string;
    currency: string;
    /** GraphQL cost bucket (defaults: 2000 points, restoring 100 points/s, like a standard shop). */
    throttle?: { maximumAvailable?: number; restoreRate?: number };
    /**
     * Access scopes of the token (default: read_orders, read_customers, read_products, read_returns).
     * A field whose scope is missing answers ACCESS_DENIED, as Shopify does.
     */
    scopes?: string[];
  };
  customers: FixtureCustomer[];
  products: FixtureProduct[];
  orders: FixtureOrder[];
  returns?: { loop?: FixtureLoopReturn[]; aftership?: FixtureAfterShipReturn[] };
  loop?: { apiKey: string; webhookSecret: string; portalDomain: string };
  aftership?: { apiKey: string; webhookSecret: string; portalDomain: string };
}

export interface FixtureCustomer {
  id: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  locale?: string;
}

export interface FixtureProduct {
  id: string;
  title: string;
  productType: string;
  tags: string[];
  collections?: string[];
}

export interface FixtureLineItem {
  id: string;
  productId: string;
  title: string;
  variantTitle?: string;
  sku?: string;
  quantity: number;
  price: string;
  giftCard?: boolean;
}

export interface FixtureFulfillment {
  id: string;
  createdAt: FixtureTime;
  /** Set when the carrier reported delivery. */
  deliveredAt?: FixtureTime;
  inTransitAt?: FixtureTime;
  status?: 'SUCCESS' | 'CANCELLED' | 'ERROR' | 'FAILURE';
  displayStatus?: string;
  trackingNumber?: string;
  trackingCompany?: string;
  trackingUrl?: string;
  /** Line items and quantities in this shipment (default: every line, full quantity). */
  lineItems?: { lineItemId: string; quantity: number }[];
}

export interface FixtureRefund {
  id: string;
  createdAt: FixtureTime;
  amount: string;
  lines: { lineItemId: string; quantity: number }[];
}

export interface FixtureOrder {
  id: string;
  name: string;
  customerId: string;
  email?: string;
  createdAt: FixtureTime;
  updatedAt?: FixtureTime;
  cancelledAt?: FixtureTime;
  cancelReason?: string;
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  shippingAddress?: { countryCode: string; zip?: string; city?: string };
  tags?: string[];
  lineItems: FixtureLineItem[];
  fulfillments?: FixtureFulfillment[];
  refunds?: FixtureRefund[];
  /** Returns recorded in Shopify itself (the admin's or the Customer Accounts' return requests). */
  shopifyReturns?: FixtureShopifyReturn[];
  /** A note for people reading the fixture ("delivered recently", …); not served. */
  scenario?: string;
}

export interface FixtureShopifyReturn {
  id: string;
  /** Shopify's ReturnStatus: REQUESTED, OPEN, CLOSED, CANCELED, DECLINED. */
  status: 'REQUESTED' | 'OPEN' | 'CLOSED' | 'CANCELED' | 'DECLINED';
  lines: { lineItemId: string; quantity: number }[];
  /** Ids of the order's refunds Shopify links to this return. */
  refundIds?: string[];
}

export interface FixtureLoopReturn {
  id: number;
  orderId: string;
  state: 'open' | 'closed' | 'cancelled' | 'expired' | 'review';
  outcome?: 'refund' | 'exchange' | 'store_credit';
  createdAt: FixtureTime;
  updatedAt?: FixtureTime;
  lineItems: { lineItemId: string; quantity: number; reason?: string }[];
  total: string;
  refunds?: { amount: string; gateway?: string }[];
}

export interface FixtureAfterShipReturn {
  id: string;
  rmaNumber: string;
  orderId: string;
  approvalStatus: 'submitted' | 'approved' | 'done' | 'rejected' | 'expired';
  shippingStatus?: string;
  outcomes?: string[];
  createdAt: FixtureTime;
  refundedAt?: FixtureTime;
  refundedTotal?: string;
  exceptions?: string[];
  items: { lineItemId: string; quantity: number; reason?: string }[];
}

/** Resolves a fixture time against `now` (ms). */
export function fixtureTime(value: FixtureTime | undefined, now: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  const m = /^([+-])(\d+(?:\.\d+)?)([dhm])$/.exec(value);
  if (!m) {
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw new Error(`fixture: bad time "${value}"`);
    return new Date(t).toISOString();
  }
  const unit = m[3] === 'd' ? 86_400_000 : m[3] === 'h' ? 3_600_000 : 60_000;
  const sign = m[1] === '-' ? -1 : 1;
  return new Date(now + sign * Number(m[2]) * unit).toISOString();
}

/** Accepts one fixture or a list (one fake serving several shops/tenants). */
export function fixtureList(fixtures: unknown): CommerceFixture[] {
  if (!fixtures) return [];
  const list = Array.isArray(fixtures) ? fixtures : [fixtures];
  for (const f of list as CommerceFixture[]) {
    if (!f || typeof f !== 'object' || !f.shop?.domain || !Array.isArray(f.orders)) {
      throw new Error('fixture: each file needs shop.domain and orders[] (see docs/commerce.md)');
    }
  }
  return list as CommerceFixture[];
}

/** base64(HMAC-SHA256(secret, raw body)): the scheme Shopify, Loop and AfterShip use for webhooks. */
export function base64Hmac(secret: string, raw: Buffer | string): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}

/** Posts a signed webhook to `url`; returns the receiver's status and body. */
export async function postWebhook(
  url: string,
  raw: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  return { status: res.status, body: await res.text() };
}
