// Tenant configuration of the demo store for every service, derived from the brands and the fakes'
// addresses. The launcher uses it, and so can the e2e suite (as JSON for the services' env vars).
import type { CommerceFixture } from '@boomerang/fakes/shopify-fixtures';
import { BRANDS, type DemoBrand } from './brands';
import {
  type ChannelSecrets,
  completeDemoSecrets,
  type DemoChannel,
  type DemoSecrets,
  supportAddress,
  twilioAccountSid,
} from './channels';
import { loadFixture } from './fixtures';

export interface DemoFakeUrls {
  /** Shopify Admin API fake base URL (http://127.0.0.1:port). */
  shopifyUrl: string;
  /** Loop fake base URL (without /api/v1). */
  loopUrl: string;
  /** AfterShip fake base URL. */
  aftershipUrl: string;
  /**
   * SendGrid fake base URL: when set, the e-mail channel is on (inbound by SendGrid Inbound Parse or
   * Mailgun, replies and one-time codes out through the fake).
   */
  mailUrl?: string;
  /** Twilio Messages API fake: when set, SMS is on. */
  twilioUrl?: string;
  /** WhatsApp Graph API fake: when set, WhatsApp is on. */
  whatsappUrl?: string;
  /** Naver TalkTalk send API fake: when set, Naver TalkTalk is on. */
  naverUrl?: string;
  /**
   * Kakao needs no vendor URL (a late reply goes to the callback URL of the skill request), so it is on
   * unless this is false.
   */
  kakao?: boolean;
  /**
   * When set, a brand with a plain portal URL ("other") links to the Shopify fake's stand-in page
   * (`<url>/pages/returns?order=…&email=…`) instead of its real, unreachable domain: demo clicks land.
   */
  standInPortalUrl?: string;
}

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
  /** The channels configured in the gateway (and routed to the desk) per tenant. */
  channels: Record<string, DemoChannel[]>;
  /** The credentials in gatewayTenants (and accepted by the fakes). */
  secrets: DemoSecrets;
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
      portalUrlTemplate: `${fakes.standInPortalUrl.replace(/\/$/, '')}/pages/returns/${encodeURIComponent(fixture.shop.domain)}?order={order_number}&email={email}&type={resolution}&lines={line_items}`,
    };
  return { kind: 'other', portalUrlTemplate: r.portalUrlTemplate };
}

/**
 * Every service's tenant configuration for `brands` against the fakes at `fakes`. `secrets` are the
 * install's channel credentials (the launcher keeps them in <BOOMERANG_HOME>/secrets.json); without
 * them fresh ones are made (returned as `secrets`).
 */
export function demoConfig(
  fakes: DemoFakeUrls,
  brands: readonly DemoBrand[] = BRANDS,
  secrets: DemoSecrets = completeDemoSecrets(undefined, brands).secrets,
): DemoConfig {
  const fixtures = brands.map(loadFixture);
  const commerceTenants: Record<string, unknown> = {};
  const gatewayTenants: Record<string, unknown> = {};
  const routing: DemoRouting[] = [];
  const timeZones: Record<string, string> = {};
  const channels: Record<string, DemoChannel[]> = {};
  brands.forEach((brand, i) => {
    const fixture = fixtures[i]!;
    const s = secrets.channels[brand.tenantId];
    if (!s) throw new Error(`demo store: no channel secrets for ${brand.tenantId}`);
    commerceTenants[brand.tenantId] = {
      shopify: {
        shopDomain: fixture.shop.domain,
        accessToken: fixture.shop.accessToken,
        webhookSecret: fixture.shop.webhookSecret,
        apiVersion: '2025-01',
        baseUrl: fakes.shopifyUrl,
      },
      returns: returnsConfig(brand, fixture, fakes),
      displayName: brand.name,
    };
    const gw = fakeVendorChannels({
      brand,
      addresses: {
        smsNumber: brand.channels.smsNumber,
        whatsappPhoneNumberId: brand.channels.whatsappPhoneNumberId,
        kakaoBotId: brand.channels.kakaoBotId,
        supportEmail: supportAddress(fixture.shop.domain),
      },
      secrets: s,
      sendgridApiKey: secrets.sendgridApiKey,
      fakes,
      webchatOrigins: ['*'],
    });
    gatewayTenants[brand.tenantId] = { name: brand.name, language: brand.language, channels: gw };
    channels[brand.tenantId] = Object.keys(gw) as DemoChannel[];
    for (const channel of channels[brand.tenantId]!)
      routing.push({
        tenantId: brand.tenantId,
        channel,
        destination: 'DESTINATION_DESK',
        messages: { [brand.language]: brand.handoffMessage },
      });
    timeZones[brand.tenantId] = brand.timeZone;
  });
  return { brands, fixtures, commerceTenants, gatewayTenants, routing, timeZones, channels, secrets };
}

/**
 * A brand's gateway channels against the local vendor fakes with the install's credentials: each
 * channel whose fake runs (and, when `declared` is given, that the brand declared). E-mail is on
 * whenever the mail fake runs: one-time sign-in codes are e-mailed on every channel.
 */
export function fakeVendorChannels(o: {
  brand: { tenantId: string; name: string; language: string };
  addresses: { smsNumber: string; whatsappPhoneNumberId: string; kakaoBotId: string; supportEmail: string };
  secrets: ChannelSecrets;
  sendgridApiKey: string;
  fakes: DemoFakeUrls;
  declared?: ReadonlySet<DemoChannel>;
  /** Web chat on, with these allowed origins (undefined: off). */
  webchatOrigins?: string[];
}): Record<string, unknown> {
  const { brand, addresses: addr, secrets: s, fakes } = o;
  const on = (c: DemoChannel) => !o.declared || o.declared.has(c);
  const value = (v: string) => ({ value: v });
  const gw: Record<string, unknown> = {};
  if (o.webchatOrigins) gw.webchat = { allowedOrigins: o.webchatOrigins };
  if (on('sms') && fakes.twilioUrl)
    gw.sms = {
      accountSid: twilioAccountSid(brand),
      authToken: value(s.twilioAuthToken),
      from: addr.smsNumber,
      apiBaseUrl: fakes.twilioUrl,
    };
  if (on('whatsapp') && fakes.whatsappUrl)
    gw.whatsapp = {
      phoneNumberId: addr.whatsappPhoneNumberId,
      appSecret: value(s.whatsappAppSecret),
      verifyToken: value(s.whatsappVerifyToken),
      accessToken: value(s.whatsappAccessToken),
      graphBaseUrl: fakes.whatsappUrl,
      // Replies outside the 24 h customer-service window (e.g. a person's answer a day later).
      template: { name: 'support_follow_up', language: brand.language },
    };
  // Shoppers write to the support mailbox; replies and sign-in codes go out through SendGrid.
  if (fakes.mailUrl)
    gw.email = {
      address: addr.supportEmail,
      fromName: brand.name,
      sendgridInboundSecret: value(s.sendgridInboundSecret),
      mailgunSigningKey: value(s.mailgunSigningKey),
      outbound: { provider: 'sendgrid', apiKey: value(o.sendgridApiKey), apiBaseUrl: fakes.mailUrl },
    };
  if (on('kakao') && fakes.kakao !== false)
    gw.kakao = { botId: addr.kakaoBotId, urlSecret: value(s.kakaoUrlSecret) };
  if (on('naver') && fakes.naverUrl)
    gw.naver = {
      authorization: value(s.naverAuthorization),
      apiBaseUrl: fakes.naverUrl,
      urlSecret: value(s.naverUrlSecret),
    };
  return gw;
}
