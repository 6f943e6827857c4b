// Per-tenant configuration: the Shopify shop, webhook secrets, the identity-token verifier and the
// returns provider with its credentials. Read once at start from COMMERCE_TENANTS_JSON or the file
// at COMMERCE_TENANTS_FILE. Any secret may be written as "env:VAR_NAME" so the file itself holds no
// secret (Kubernetes Secrets → env); a missing variable fails start-up naming it.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const secret = z.string().min(1);

const shopify = z.object({
  shopDomain: z.string().min(1),
  accessToken: secret,
  webhookSecret: secret,
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .default('2025-01'),
  /** Override of https://{shopDomain} (the fakes). */
  baseUrl: z.url().optional(),
});

const identity = z
  .object({
    issuer: z.string().min(1),
    audience: z.string().min(1),
    hs256Secret: secret.optional(),
    jwksUrl: z.url().optional(),
    /** Inline JWKS ({ keys: [...] }) for RS256/ES256 public keys. */
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
    /** Claim holding the Shopify customer id (default "sub"). */
    customerClaim: z.string().default('sub'),
    /** Longest accepted token lifetime (exp - iat), seconds. */
    maxLifetimeSeconds: z.number().int().positive().default(3600),
  })
  .refine((v) => v.hs256Secret || v.jwksUrl || v.jwks, {
    message: 'one of hs256Secret, jwksUrl or jwks is required',
  });

const resilience = z
  .object({
    timeoutMs: z.number().int().positive().default(5000),
    maxAttempts: z.number().int().min(1).max(6).default(3),
    /** Longest Retry-After honoured inside one call; longer waits fail as UNAVAILABLE with the hint. */
    maxRetryAfterMs: z.number().int().nonnegative().default(5000),
    breakerResetMs: z.number().int().positive().default(30_000),
    breakerVolumeThreshold: z.number().int().positive().default(5),
    breakerErrorThresholdPercentage: z.number().int().min(1).max(100).default(50),
  })
  .default({
    timeoutMs: 5000,
    maxAttempts: 3,
    maxRetryAfterMs: 5000,
    breakerResetMs: 30_000,
    breakerVolumeThreshold: 5,
    breakerErrorThresholdPercentage: 50,
  });

const returns = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('loop'),
    apiKey: secret,
    webhookSecret: secret.optional(),
    baseUrl: z.url().default('https://api.loopreturns.com/api/v1'),
    /** What the shop's Loop portal looks orders up by. */
    lookup: z.enum(['zip', 'email', 'phone']).default('zip'),
  }),
  z.object({
    kind: z.literal('aftership'),
    apiKey: secret,
    webhookSecret: secret.optional(),
    apiVersion: z.string().default('2026-01'),
    baseUrl: z.url().default('https://api.aftership.com'),
    /** Returns page used when the API version has no POST /returns/link, e.g. "https://returns.brand.com/?order={order_number}". */
    portalUrlTemplate: z.string().optional(),
  }),
  z.object({
    kind: z.literal('other'),
    /** e.g. "https://returns.brand.com/start?order={order_number}&email={email}&zip={zip}" */
    portalUrlTemplate: z.string().min(1),
  }),
]);

export const tenantSchema = z.object({
  /** The brand as shoppers know it ("Różany Flakon"): named in the sign-in code's subject and text. */
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(100)
    // It goes into an e-mail subject: no line breaks or other control characters.
    .regex(/^[^\p{Cc}]+$/u, 'no control characters')
    .optional(),
  shopify: shopify.optional(),
  identity: identity.optional(),
  returns: returns.optional(),
  resilience,
  /** Session lifetime, seconds (default 2 h). */
  sessionTtlSeconds: z.number().int().positive().default(7200),
});

export const tenantsSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/), tenantSchema);

export type TenantConfig = z.output<typeof tenantSchema>;
export type Tenants = ReadonlyMap<string, TenantConfig>;
export type ReturnsConfig = NonNullable<TenantConfig['returns']>;

/** Replaces "env:NAME" strings with the variable's value, throwing with the path when it is unset. */
function resolveEnvRefs(value: unknown, env: Record<string, string | undefined>, path: string): unknown {
  if (typeof value === 'string' && value.startsWith('env:')) {
    const name = value.slice(4);
    const v = env[name];
    if (!v) throw new Error(`tenants config: ${path} refers to ${name}, which is not set`);
    return v;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvRefs(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveEnvRefs(v, env, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}

export function parseTenants(input: unknown, env: Record<string, string | undefined> = process.env): Tenants {
  const resolved = resolveEnvRefs(input, env, '');
  const parsed = tenantsSchema.safeParse(resolved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`tenants config is invalid:\n${lines.join('\n')}`);
  }
  return new Map(Object.entries(parsed.data));
}

/** Reads the tenants from COMMERCE_TENANTS_JSON or COMMERCE_TENANTS_FILE. */
export function loadTenants(options: { json?: string; file?: string }, env = process.env): Tenants {
  const text = options.json ?? (options.file ? readFileSync(options.file, 'utf8') : undefined);
  if (!text) throw new Error('commerce: set COMMERCE_TENANTS_JSON or COMMERCE_TENANTS_FILE');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`tenants config is not valid JSON: ${(err as Error).message}`);
  }
  return parseTenants(raw, env);
}
