// A brands file (`BOOMERANG_BRANDS=brands.json npm start`): the brands a user runs the stack with,
// instead of (or next to) the demo store. Each brand declares its tenant id, languages, time zone and
// store country; its Shopify store (a real shop with the Admin API token as "env:VAR", or a fixture
// file the Shopify fake serves); its returns provider (Loop, AfterShip or a plain portal URL);
// storefront sign-in; and the channels the gateway configures. Validated with zod: every problem is
// reported with the field it is about (`brands[0].returns.urlTemplate: …`). The stack configures
// commerce and gateway tenants from it exactly as for the demo brands; documents, the eligibility
// policy, handoff and turning channels on are the brand's own steps (`dist/admin.js`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommerceFixture } from '@boomerang/fakes/shopify-fixtures';
import { z } from 'zod';
import { DEMO_CHANNELS, type DemoChannel } from './demo/channels';

/** The languages Boomerang's replies are written in (the gateway's and the agent's). */
export const LANGUAGES = ['ko', 'pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a portal URL template may contain (apps/commerce README, `returns.kind: other`). */
export const PORTAL_PLACEHOLDERS = [
  'order_number',
  'order_name',
  'order_id',
  'email',
  'zip',
  'phone',
  'resolution',
  'line_items',
] as const;

/** Currencies and countries the Shopify fake's GraphQL schema knows (tests/fakes/src/shopify-schema.ts). */
const FAKE_CURRENCIES = ['KRW', 'PLN', 'USD', 'EUR', 'GBP', 'JPY', 'CAD'] as const;
const FAKE_COUNTRIES = ['KR', 'PL', 'US', 'DE', 'GB', 'JP', 'CA', 'FR'] as const;

const ENV_REF = /^env:[A-Za-z_][A-Za-z0-9_]*$/;
const envRef = (what: string) =>
  z
    .string()
    .regex(
      ENV_REF,
      `write the ${what} as "env:VARIABLE_NAME" and export that variable, so the brands file holds no secret`,
    );

const tenantId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'lowercase letters, digits and dashes, starting with a letter or digit (at most 63), e.g. "acme-pl"',
  );

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}, 'not an IANA time zone (e.g. "Europe/Warsaw", "Asia/Seoul", "America/New_York")');

const shopifyFixture = z.strictObject({
  /** A commerce fixture (tests/fakes/docs/commerce.md), relative to the brands file. */
  fixture: z.string().min(1),
});

const shopifyReal = z.strictObject({
  shopDomain: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'the shop\'s myshopify domain, e.g. "acme.myshopify.com"'),
  accessToken: envRef('Admin API access token'),
  /** Verifies Shopify webhooks; without it a random one is used (webhooks cannot reach a laptop anyway). */
  webhookSecret: envRef('webhook signing secret').optional(),
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'an Admin API version such as "2025-01"')
    .optional(),
});

const portalTemplate = z
  .string()
  .regex(
    /^https?:\/\/[^\s/]+/,
    'an http(s) URL of the brand\'s returns page, e.g. "https://shop.example/returns?order={order_number}"',
  )
  .superRefine((url, ctx) => {
    const used = [...url.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
    const unknown = used.filter((p) => !(PORTAL_PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; use ${PORTAL_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`,
      });
    else if (!used.some((p) => p.startsWith('order_')))
      ctx.addIssue({
        code: 'custom',
        message: 'must contain the order: {order_number}, {order_name} or {order_id}',
      });
  });

const returns = z.discriminatedUnion(
  'provider',
  [
    z.strictObject({ provider: z.literal('portal'), urlTemplate: portalTemplate }),
    z.strictObject({
      provider: z.literal('loop'),
      lookup: z.enum(['zip', 'email', 'phone']).default('zip'),
      apiKey: envRef('Loop API key').optional(),
      webhookSecret: envRef('Loop webhook secret').optional(),
    }),
    z.strictObject({
      provider: z.literal('aftership'),
      apiKey: envRef('AfterShip Returns API key').optional(),
      webhookSecret: envRef('AfterShip webhook secret').optional(),
      apiVersion: z.string().optional(),
      portalUrlTemplate: portalTemplate.optional(),
    }),
  ],
  { error: () => 'provider is "portal", "loop" or "aftership"' },
);

const identityToken = z
  .strictObject({
    issuer: z.string().min(1),
    audience: z.string().min(1),
    hs256Secret: envRef('HS256 secret').optional(),
    jwksUrl: z.url().optional(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
    customerClaim: z.string().optional(),
    maxLifetimeSeconds: z.number().int().positive().optional(),
  })
  .refine((v) => [v.hs256Secret, v.jwksUrl, v.jwks].filter(Boolean).length === 1, {
    message: 'give exactly one of hs256Secret (as "env:VAR"), jwksUrl or jwks',
  });

const signIn = z.strictObject({
  /** Storefront JWTs: a shopper signed in on the shop is signed in on the chat too. */
  identityToken: identityToken.optional(),
  /** How long a sign-in lasts, seconds (default 7200). */
  sessionTtlSeconds: z.number().int().min(60).max(86_400).optional(),
});

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, e.g. "+48221234567"');
const channelSettings = z.strictObject({
  webchat: z.strictObject({ allowedOrigins: z.array(z.string().min(1)).min(1).optional() }).optional(),
  sms: z.strictObject({ number: e164.optional() }).optional(),
  whatsapp: z
    .strictObject({
      phoneNumberId: z
        .string()
        .regex(/^\d{6,20}$/)
        .optional(),
    })
    .optional(),
  email: z.strictObject({ address: z.email().optional() }).optional(),
  kakao: z.strictObject({ botId: z.string().min(1).optional() }).optional(),
  naver: z.strictObject({}).optional(),
});
const channels = z.union(
  [
    z.array(z.enum(DEMO_CHANNELS, { error: () => `a channel is one of ${DEMO_CHANNELS.join(', ')}` })).min(1),
    channelSettings,
  ],
  {
    error: () =>
      `a list of channels (${DEMO_CHANNELS.join(', ')}) or an object { "webchat": { "allowedOrigins": [...] }, "sms": { "number": "+48…" }, … }`,
  },
);

const brand = z.strictObject({
  tenantId,
  name: z.string().trim().min(1).max(100),
  /** The brand's languages, the main one first (the gateway's default, the greeting's). */
  languages: z
    .array(z.enum(LANGUAGES, { error: () => `Boomerang answers in ${LANGUAGES.join(', ')}` }))
    .min(1)
    .refine((l) => new Set(l).size === l.length, 'a language is listed twice'),
  timeZone,
  storeCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code in capitals, e.g. "PL", "KR", "US"'),
  shopify: z.union([shopifyFixture, shopifyReal], {
    error: () =>
      'either { "fixture": "orders.json" } (sample orders the Shopify fake serves) or { "shopDomain": "acme.myshopify.com", "accessToken": "env:ACME_SHOPIFY_TOKEN" }',
  }),
  returns,
  signIn: signIn.optional(),
  channels: channels.default(['webchat']),
  /** The chat channels' greeting (UpdateChannel's intro message); default: one in the main language. */
  greeting: z.string().trim().min(1).max(500).optional(),
  /** What shoppers are told after a handoff, in the main language; default: the handoff service's. */
  handoffMessage: z.string().trim().min(1).max(500).optional(),
});

export const brandsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Also run the three demo brands (default false: only the brands below). */
  includeDemoBrands: z.boolean().default(false),
  brands: z.array(brand).min(1, 'declare at least one brand'),
});

export type BrandDeclaration = z.output<typeof brand>;
export type ChannelSettings = z.output<typeof channelSettings>;

/** A brand from the brands file, ready for the launcher. */
export interface OwnBrand extends Omit<BrandDeclaration, 'channels' | 'shopify'> {
  /** The main language (languages[0]). */
  language: Language;
  /** Each configured channel's settings (an array in the file means defaults for each). */
  channels: ChannelSettings;
  shopify:
    | { kind: 'fixture'; file: string; fixture: CommerceFixture }
    | { kind: 'shop'; shopDomain: string; accessToken: string; webhookSecret?: string; apiVersion?: string };
}

export interface BrandsFile {
  file: string;
  includeDemoBrands: boolean;
  brands: OwnBrand[];
}

/** A brands file that cannot be used: the message names the file and every bad field. */
export class BrandsFileError extends Error {
  override name = 'BrandsFileError';
  constructor(
    readonly file: string,
    readonly problems: { field: string; message: string }[],
  ) {
    super(
      `brands file ${file} is not valid:\n${problems.map((p) => `  - ${p.field ? `${p.field}: ` : ''}${p.message}`).join('\n')}`,
    );
  }
}

/** `brands[0].returns.urlTemplate` from a zod path. */
export function fieldPath(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

type Issue = z.core.$ZodIssue;

/**
 * A union's issue, replaced by the issues of the one alternative the input was meant for (the only
 * one whose shape and keys it has: a list of channels vs. an object, a shop domain vs. a fixture), so
 * the field inside is named.
 */
function expandUnions(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((i) => {
    if (i.code !== 'invalid_union' || !i.errors?.length) return [i];
    const meant = i.errors.filter(
      (branch) =>
        !branch.some((e) => (e.code === 'invalid_type' || e.code === 'unrecognized_keys') && !e.path.length),
    );
    if (meant.length !== 1) return [i];
    return expandUnions(meant[0]!.map((e) => ({ ...e, path: [...i.path, ...e.path] })));
  });
}

function zodProblems(error: z.ZodError, prefix = ''): { field: string; message: string }[] {
  return expandUnions(error.issues).map((i) => {
    const at = fieldPath(i.path);
    const field = prefix ? (at ? `${prefix}${at.startsWith('[') ? '' : '.'}${at}` : prefix) : at;
    if (i.code === 'unrecognized_keys')
      return {
        field,
        message: `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} (a typo?)`,
      };
    if (i.code === 'invalid_type' && /received undefined/.test(i.message))
      return { field, message: 'is required' };
    return { field, message: i.message };
  });
}

// ---- the fixture a brand's Shopify fake serves ---------------------------------------------------

const fixtureTime = z
  .string()
  .refine(
    (t) => /^[+-]\d+(?:\.\d+)?[dhm]$/.test(t) || !Number.isNaN(Date.parse(t)),
    'an ISO-8601 time or one relative to the start, e.g. "-4d", "-12h", "+2d"',
  );
const fixtureSchema = z.looseObject({
  tenant: z.string().optional(),
  locale: z.string().optional(),
  shop: z.looseObject({
    domain: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'a shop domain, e.g. "glina.myshopify.com"'),
    name: z.string().optional(),
    accessToken: z.string().min(1).optional(),
    webhookSecret: z.string().min(1).optional(),
    currency: z.enum(FAKE_CURRENCIES, {
      error: () => `the Shopify fake serves ${FAKE_CURRENCIES.join(', ')}`,
    }),
  }),
  customers: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        email: z.email().optional(),
        phone: e164.optional(),
      }),
    )
    .min(1),
  products: z.array(
    z.looseObject({
      id: z.string().min(1),
      title: z.string().min(1),
      productType: z.string(),
      tags: z.array(z.string()),
    }),
  ),
  orders: z.array(
    z.looseObject({
      id: z.string().regex(/^\d+$/, 'digits (Shopify order ids are numbers)'),
      // Shopify order names may carry the shop's prefix / suffix ("#RG1041", "KR-1041", "#1041-A").
      name: z
        .string()
        .max(40)
        .regex(
          /^#?[\p{L}\p{N}-]*\d[\p{L}\p{N}-]*$/u,
          'the order number customers see: an optional "#", letters, digits and "-", at least one digit (e.g. "#1001", "#RG1041")',
        ),
      customerId: z.string().min(1),
      createdAt: fixtureTime,
      displayFinancialStatus: z.string().min(1),
      displayFulfillmentStatus: z.string().min(1),
      shippingAddress: z
        .looseObject({
          countryCode: z.enum(FAKE_COUNTRIES, {
            error: () => `the Shopify fake serves ${FAKE_COUNTRIES.join(', ')}`,
          }),
        })
        .optional(),
      lineItems: z
        .array(
          z.looseObject({
            id: z.string().min(1),
            productId: z.string().min(1),
            title: z.string().min(1),
            quantity: z.number().int().positive(),
            price: z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string, e.g. "59.00"'),
          }),
        )
        .min(1),
      fulfillments: z
        .array(
          z.looseObject({
            id: z.string().min(1),
            createdAt: fixtureTime,
            deliveredAt: fixtureTime.optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/** Reads and checks a brand's fixture; what it refers to (customers, products) must exist. */
function loadOwnFixture(
  file: string,
  field: string,
  tenant: string,
): { fixture?: CommerceFixture; problems: { field: string; message: string }[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return {
      problems: [
        {
          field,
          message:
            e.code === 'ENOENT'
              ? `no such file: ${file}`
              : `${file} is not valid JSON: ${(err as Error).message}`,
        },
      ],
    };
  }
  const parsed = fixtureSchema.safeParse(raw);
  const where = `${field} (${path.basename(file)})`;
  if (!parsed.success) return { problems: zodProblems(parsed.error, where) };
  const f = parsed.data;
  const problems: { field: string; message: string }[] = [];
  if (f.tenant && f.tenant !== tenant)
    problems.push({
      field: `${where}.tenant`,
      message: `is "${f.tenant}", the brand is "${tenant}" (leave it out or make them equal)`,
    });
  const customers = new Set(f.customers.map((c) => c.id));
  const products = new Set(f.products.map((p) => p.id));
  const names = new Set<string>();
  f.orders.forEach((o, i) => {
    if (!customers.has(o.customerId))
      problems.push({
        field: `${where}.orders[${i}].customerId`,
        message: `"${o.customerId}" is not in customers`,
      });
    if (names.has(o.name))
      problems.push({ field: `${where}.orders[${i}].name`, message: `"${o.name}" is used twice` });
    names.add(o.name);
    o.lineItems.forEach((l, j) => {
      if (!products.has(l.productId))
        problems.push({
          field: `${where}.orders[${i}].lineItems[${j}].productId`,
          message: `"${l.productId}" is not in products`,
        });
    });
  });
  if (problems.length) return { problems };
  // The fake and commerce share a token; a fixture written for the stack need not invent one.
  const fixture = {
    ...(f as unknown as CommerceFixture),
    tenant,
    shop: {
      ...(f.shop as unknown as CommerceFixture['shop']),
      accessToken: f.shop.accessToken ?? `shpat_local_${tenant}`,
      webhookSecret: f.shop.webhookSecret ?? `local-webhook-secret-${tenant}`,
    },
  };
  return { fixture, problems: [] };
}

/**
 * Reads, validates and resolves a brands file. Paths inside it are relative to the file; `env:`
 * references must name variables set in `env`. Throws BrandsFileError naming every bad field.
 */
export function loadBrandsFile(
  file: string,
  env: Record<string, string | undefined> = process.env,
  reservedTenants: readonly string[] = [],
): BrandsFile {
  const abs = path.resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new BrandsFileError(abs, [
      {
        field: '',
        message: e.code === 'ENOENT' ? 'no such file' : `not valid JSON: ${(err as Error).message}`,
      },
    ]);
  }
  // The file's frame first, then each brand on its own: one brand's mistake does not hide another's
  // (nor the problems in its fixture), so a single start names every one.
  const frame = brandsFileSchema.extend({
    brands: z.array(z.unknown()).min(1, 'declare at least one brand'),
  });
  const parsed = frame.safeParse(raw);
  if (!parsed.success) throw new BrandsFileError(abs, zodProblems(parsed.error));
  const problems: { field: string; message: string }[] = [];
  const dir = path.dirname(abs);
  const seen = new Map<string, number>();
  const brands: OwnBrand[] = [];
  parsed.data.brands.forEach((input, i) => {
    const at = `brands[${i}]`;
    const one = brand.safeParse(input);
    if (!one.success) {
      problems.push(...zodProblems(one.error, at));
      return;
    }
    const b = one.data;
    if (seen.has(b.tenantId))
      problems.push({
        field: `${at}.tenantId`,
        message: `"${b.tenantId}" is also brands[${seen.get(b.tenantId)}]'s`,
      });
    seen.set(b.tenantId, i);
    if (parsed.data.includeDemoBrands && reservedTenants.includes(b.tenantId))
      problems.push({
        field: `${at}.tenantId`,
        message: `"${b.tenantId}" is a demo brand's (includeDemoBrands is on): choose another id`,
      });
    // Every env: reference must be set now, not at the first shopper's message.
    const refs = (value: unknown, field: string): void => {
      if (typeof value === 'string' && ENV_REF.test(value)) {
        if (!env[value.slice(4)])
          problems.push({
            field,
            message: `refers to ${value.slice(4)}, which is not set in the environment`,
          });
      } else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) refs(v, `${field}.${k}`);
    };
    refs(b.shopify, `${at}.shopify`);
    refs(b.returns, `${at}.returns`);
    refs(b.signIn, `${at}.signIn`);

    let shopify: OwnBrand['shopify'] | undefined;
    if ('fixture' in b.shopify) {
      const loaded = loadOwnFixture(
        path.resolve(dir, b.shopify.fixture),
        `${at}.shopify.fixture`,
        b.tenantId,
      );
      problems.push(...loaded.problems);
      if (loaded.fixture)
        shopify = { kind: 'fixture', file: path.resolve(dir, b.shopify.fixture), fixture: loaded.fixture };
      // The local Loop / AfterShip fake serves a fixture shop: a real vendor would not know its orders.
      const r = b.returns;
      if (r.provider !== 'portal' && (r.apiKey || r.webhookSecret))
        problems.push({
          field: `${at}.returns.apiKey`,
          message: `with a fixture shop the local ${r.provider === 'loop' ? 'Loop' : 'AfterShip'} fake serves the returns: leave apiKey / webhookSecret out (or connect a real shop)`,
        });
    } else {
      shopify = { kind: 'shop', ...b.shopify };
      const r = b.returns;
      if (r.provider !== 'portal' && !r.apiKey)
        problems.push({
          field: `${at}.returns.apiKey`,
          message: `a real shop needs the ${r.provider === 'loop' ? 'Loop' : 'AfterShip Returns'} API key, as "env:VARIABLE_NAME"`,
        });
    }
    const channelsOf: ChannelSettings = Array.isArray(b.channels)
      ? Object.fromEntries(b.channels.map((c) => [c, {}]))
      : b.channels;
    if (!Object.keys(channelsOf).length)
      problems.push({ field: `${at}.channels`, message: 'turn on at least one channel, e.g. ["webchat"]' });
    if (shopify)
      brands.push({
        ...b,
        language: b.languages[0]!,
        channels: channelsOf,
        shopify,
      });
  });
  if (problems.length) throw new BrandsFileError(abs, problems);
  return { file: abs, includeDemoBrands: parsed.data.includeDemoBrands, brands };
}

/** The brand's configured channels, in the order they are printed and turned on. */
export function ownChannels(brand: Pick<OwnBrand, 'channels'>): DemoChannel[] {
  return DEMO_CHANNELS.filter((c) => brand.channels[c] !== undefined);
}
