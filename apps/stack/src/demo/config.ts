// Tenant configuration of the demo store for every service, derived from the brands and the fakes'
// addresses. The launcher uses it, and so can the e2e suite (as JSON for the services' env vars).
import type { CommerceFixture } from '@boomerang/fakes/shopify-fixtures';
import { BRANDS, type DemoBrand } from './brands';
import { loadFixture } from './fixtures';

export interface DemoFakeUrls {
  /** Shopify Admin API fake base URL (http://127.0.0.1:port). */
  shopifyUrl: string;
  /** Loop fake base URL (without /api/v1). */
  loopUrl: string;
  /** AfterShip fake base URL. */
  aftershipUrl: string;
  /** SendGrid fake base URL: when set, one-time codes are also e-mailed (to the fake's outbox). */
  mailUrl?: string;
  /**
   * When set, a brand with a plain portal URL ("other") links to the Shopify fake's stand-in page
   * (`<url>/pages/returns?order=…&email=…`) instead of its real, unreachable domain: demo clicks land.
   */
  standInPortalUrl?: string;
}

/** The SendGrid API key the demo's mail fake accepts. */
export const DEMO_SENDGRID_KEY = 'SG.boomerang-demo-key';

/** Plain JSON of handoff.v1.Routing (Routing.fromJSON / HANDOFF_ROUTING_FILE accept it). */
export interface DemoRouting {
  tenantId: string;
  channel: string;
  destination: 'DESTINATION_DESK';
  messages: Record<string, string>;
}

export interface DemoConfig {
  brands: readonly DemoBrand[];
  fixtures: CommerceFixture[];
  /** COMMERCE_TENANTS_JSON document (apps/commerce tenants schema). */
  commerceTenants: Record<string, unknown>;
  /** GATEWAY_TENANTS document (apps/gateway tenants schema). */
  gatewayTenants: Record<string, unknown>;
  /** Handoff routing per tenant and channel: the built-in desk. */
  routing: DemoRouting[];
  /** ANALYTICS_TENANT_TIME_ZONES as a map. */
  timeZones: Record<string, string>;
}

function returnsConfig(
  brand: DemoBrand,
  fixture: CommerceFixture,
  fakes: DemoFakeUrls,
): Record<string, unknown> {
  const r = brand.returns;
  if (r.kind === 'aftership') {
    if (!fixture.aftership) throw new Error(`demo store: ${brand.fixture} has no aftership section`);
    return {
      kind: 'aftership',
      apiKey: fixture.aftership.apiKey,
      webhookSecret: fixture.aftership.webhookSecret,
      apiVersion: '2026-01',
      baseUrl: fakes.aftershipUrl,
    };
  }
  if (r.kind === 'loop') {
    if (!fixture.loop) throw new Error(`demo store: ${brand.fixture} has no loop section`);
    return {
      kind: 'loop',
      apiKey: fixture.loop.apiKey,
      webhookSecret: fixture.loop.webhookSecret,
      baseUrl: `${fakes.loopUrl}/api/v1`,
      lookup: r.lookup,
    };
  }
  if (fakes.standInPortalUrl)
    return {
      kind: 'other',
      portalUrlTemplate: `${fakes.standInPortalUrl.replace(/\/$/, '')}/pages/returns/${encodeURIComponent(fixture.shop.domain)}?order={order_number}&email={email}`,
    };
  return { kind: 'other', portalUrlTemplate: r.portalUrlTemplate };
}

export function demoConfig(fakes: DemoFakeUrls, brands: readonly DemoBrand[] = BRANDS): DemoConfig {
  const fixtures = brands.map(loadFixture);
  const commerceTenants: Record<string, unknown> = {};
  const gatewayTenants: Record<string, unknown> = {};
  const routing: DemoRouting[] = [];
  const timeZones: Record<string, string> = {};
  brands.forEach((brand, i) => {
    const fixture = fixtures[i]!;
    commerceTenants[brand.tenantId] = {
      shopify: {
        shopDomain: fixture.shop.domain,
        accessToken: fixture.shop.accessToken,
        webhookSecret: fixture.shop.webhookSecret,
        apiVersion: '2025-01',
        baseUrl: fakes.shopifyUrl,
      },
      returns: returnsConfig(brand, fixture, fakes),
    };
    const domain = fixture.shop.domain.replace(/\.myshopify\.com$/, '');
    gatewayTenants[brand.tenantId] = {
      language: brand.language,
      channels: {
        webchat: { allowedOrigins: ['*'] },
        // Sign-in codes go out by e-mail: to the SendGrid fake's outbox in the demo.
        ...(fakes.mailUrl && {
          email: {
            address: `support@${domain}.example`,
            fromName: brand.name,
            outbound: {
              provider: 'sendgrid',
              apiKey: { value: DEMO_SENDGRID_KEY },
              apiBaseUrl: fakes.mailUrl,
            },
          },
        }),
      },
    };
    routing.push({
      tenantId: brand.tenantId,
      channel: 'webchat',
      destination: 'DESTINATION_DESK',
      messages: { [brand.language]: brand.handoffMessage },
    });
    timeZones[brand.tenantId] = brand.timeZone;
  });
  return { brands, fixtures, commerceTenants, gatewayTenants, routing, timeZones };
}
