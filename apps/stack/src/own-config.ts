// Tenant configuration for the brands of a brands file, the same way demoConfig() does it for the
// demo brands: the commerce tenant (a real shop through the Admin API with its "env:" token, or the
// brand's fixture served by the Shopify fake; its returns provider), the gateway tenant (web chat and
// the messaging channels against the local vendor fakes, with the install's generated credentials)
// and the analytics time zone. Nothing is seeded: documents, the eligibility policy, handoff and
// turning channels on are the brand's steps through the admin CLI (src/admin.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { CommerceFixture } from '@boomerang/fakes/shopify-fixtures';
import type { OwnBrand } from './brands-file';
import { ownChannels } from './brands-file';
import { type DemoChannel, type DemoSecrets, supportAddress } from './demo/channels';
import { type DemoFakeUrls, fakeVendorChannels } from './demo/config';

export interface OwnConfig {
  brands: readonly OwnBrand[];
  /** The fixtures the Shopify (and Loop / AfterShip) fakes serve: one per fixture brand. */
  fixtures: CommerceFixture[];
  commerceTenants: Record<string, unknown>;
  gatewayTenants: Record<string, unknown>;
  timeZones: Record<string, string>;
  /** The channels configured in the gateway per tenant (what the brand declared, plus e-mail: see below). */
  channels: Record<string, DemoChannel[]>;
  /** Per tenant: the channel identifiers shoppers write to. */
  addresses: Record<string, OwnAddresses>;
}

export interface OwnAddresses {
  smsNumber: string;
  whatsappPhoneNumberId: string;
  kakaoBotId: string;
  supportEmail: string;
  /** The fixture's first customer (who to sign in as), when the shop is a fixture. */
  shopper?: { email: string; phone: string };
}

const digits = (tenant: string, what: string, n: number) =>
  BigInt(`0x${createHash('sha256').update(`${what}:${tenant}`).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(n, '0')
    .slice(-n);

/** The channel identifiers of a brand: what it declared, else stable ones derived from its tenant id. */
export function ownAddresses(brand: OwnBrand): OwnAddresses {
  const c = brand.channels;
  const domain =
    brand.shopify.kind === 'fixture' ? brand.shopify.fixture.shop.domain : brand.shopify.shopDomain;
  const first =
    brand.shopify.kind === 'fixture' ? brand.shopify.fixture.customers.find((x) => x.email) : undefined;
  return {
    smsNumber: c.sms?.number ?? `+1555${digits(brand.tenantId, 'sms', 7)}`,
    whatsappPhoneNumberId: c.whatsapp?.phoneNumberId ?? `1065${digits(brand.tenantId, 'whatsapp', 11)}`,
    kakaoBotId:
      c.kakao?.botId ?? createHash('sha256').update(`kakao:${brand.tenantId}`).digest('hex').slice(0, 24),
    supportEmail: c.email?.address ?? supportAddress(domain),
    shopper: first ? { email: first.email!, phone: first.phone ?? '' } : undefined,
  };
}

/** Loop / AfterShip sections for a fixture shop without them: the local fakes' keys (not secrets). */
function withProviderKeys(brand: OwnBrand, fixture: CommerceFixture): CommerceFixture {
  const t = brand.tenantId;
  const r = brand.returns;
  const copy = { ...fixture };
  if (r.provider === 'loop' && !copy.loop)
    copy.loop = {
      apiKey: `loop_local_${t}`,
      webhookSecret: `loop-local-webhook-${t}`,
      portalDomain: `${t}.loopreturns.com`,
    };
  if (r.provider === 'aftership' && !copy.aftership)
    copy.aftership = {
      apiKey: `asat_local_${t}`,
      webhookSecret: `aftership-local-webhook-${t}`,
      portalDomain: `returns.${t}.example`,
    };
  return copy;
}

export function ownConfig(fakes: DemoFakeUrls, brands: readonly OwnBrand[], secrets: DemoSecrets): OwnConfig {
  const out: OwnConfig = {
    brands,
    fixtures: [],
    commerceTenants: {},
    gatewayTenants: {},
    timeZones: {},
    channels: {},
    addresses: {},
  };
  for (const brand of brands) {
    const t = brand.tenantId;
    const s = secrets.channels[t];
    if (!s) throw new Error(`brands file: no channel secrets for ${t}`);
    const fixture =
      brand.shopify.kind === 'fixture' ? withProviderKeys(brand, brand.shopify.fixture) : undefined;
    if (fixture) out.fixtures.push(fixture);

    // Commerce: the store, the returns provider and sign-in.
    const shopify = fixture
      ? {
          shopDomain: fixture.shop.domain,
          accessToken: fixture.shop.accessToken,
          webhookSecret: fixture.shop.webhookSecret,
          apiVersion: '2025-01',
          baseUrl: fakes.shopifyUrl,
        }
      : {
          shopDomain: (brand.shopify as { shopDomain: string }).shopDomain,
          accessToken: (brand.shopify as { accessToken: string }).accessToken,
          // Shopify webhooks cannot reach a laptop: a random secret keeps the schema satisfied.
          webhookSecret:
            (brand.shopify as { webhookSecret?: string }).webhookSecret ?? randomBytes(16).toString('hex'),
          apiVersion: (brand.shopify as { apiVersion?: string }).apiVersion ?? '2025-01',
        };
    const r = brand.returns;
    const returns =
      r.provider === 'portal'
        ? { kind: 'other', portalUrlTemplate: r.urlTemplate }
        : r.provider === 'loop'
          ? fixture
            ? {
                kind: 'loop',
                apiKey: fixture.loop!.apiKey,
                webhookSecret: fixture.loop!.webhookSecret,
                baseUrl: `${fakes.loopUrl}/api/v1`,
                lookup: r.lookup,
              }
            : { kind: 'loop', apiKey: r.apiKey, webhookSecret: r.webhookSecret, lookup: r.lookup }
          : fixture
            ? {
                kind: 'aftership',
                apiKey: fixture.aftership!.apiKey,
                webhookSecret: fixture.aftership!.webhookSecret,
                apiVersion: r.apiVersion ?? '2026-01',
                baseUrl: fakes.aftershipUrl,
                portalUrlTemplate: r.portalUrlTemplate,
              }
            : {
                kind: 'aftership',
                apiKey: r.apiKey,
                webhookSecret: r.webhookSecret,
                apiVersion: r.apiVersion ?? '2026-01',
                portalUrlTemplate: r.portalUrlTemplate,
              };
    const id = brand.signIn?.identityToken;
    out.commerceTenants[t] = {
      shopify,
      returns,
      // The sign-in code message names the brand.
      displayName: brand.name,
      ...(id ? { identity: id } : {}),
      ...(brand.signIn?.sessionTtlSeconds ? { sessionTtlSeconds: brand.signIn.sessionTtlSeconds } : {}),
    };

    // Gateway: the declared channels, against the local vendor fakes with the install's credentials.
    // E-mail is always configured when the mail fake runs: one-time sign-in codes are e-mailed on every
    // channel (the agent answers e-mails only once the brand turns the e-mail channel on).
    const addr = ownAddresses(brand);
    out.addresses[t] = addr;
    const declared = new Set(ownChannels(brand));
    const gw = fakeVendorChannels({
      brand,
      addresses: addr,
      secrets: s,
      sendgridApiKey: secrets.sendgridApiKey,
      fakes,
      declared,
      webchatOrigins: declared.has('webchat') ? (brand.channels.webchat?.allowedOrigins ?? ['*']) : undefined,
    });
    out.gatewayTenants[t] = { name: brand.name, language: brand.language, channels: gw };
    // What the brand declared (and the gateway has): the channels it turns on.
    out.channels[t] = ownChannels(brand).filter((c) => c in gw);
    out.timeZones[t] = brand.timeZone;
  }
  return out;
}
