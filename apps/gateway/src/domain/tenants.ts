// Per-tenant channel configuration. Secrets are references ({ env: "NAME" }) resolved once at start;
// a missing variable fails fast with its name. `{ value }` is for demo/test fixtures only.
import { z } from 'zod';

const secret = z.union([z.object({ env: z.string().min(1) }), z.object({ value: z.string().min(1) })]);
type SecretRef = z.infer<typeof secret>;

const language = z.enum(['ko', 'pl', 'en']);

const tenantSchema = z.object({
  /** The brand's name, as shoppers know it (the demo page's title). */
  name: z.string().trim().min(1).max(100).optional(),
  /** Default reply language for holding texts when the message gives no hint. */
  language: language.default('en'),
  channels: z.object({
    webchat: z.object({ allowedOrigins: z.array(z.string()).default(['*']) }).optional(),
    sms: z
      .object({
        accountSid: z.string().regex(/^AC[0-9a-zA-Z]{32}$/, 'Twilio AccountSid (AC + 32 chars)'),
        authToken: secret,
        from: z.string().optional(),
        messagingServiceSid: z.string().optional(),
        apiBaseUrl: z.url().default('https://api.twilio.com'),
      })
      .refine((s) => s.from || s.messagingServiceSid, 'from or messagingServiceSid is required')
      .optional(),
    whatsapp: z
      .object({
        phoneNumberId: z.string().min(1),
        appSecret: secret,
        verifyToken: secret,
        accessToken: secret,
        graphBaseUrl: z.url().default('https://graph.facebook.com'),
        graphVersion: z.string().default('v21.0'),
        /** Approved template for replies outside the 24 h window (one body parameter: the text). */
        template: z.object({ name: z.string(), language: z.string() }).optional(),
      })
      .optional(),
    email: z
      .object({
        address: z.string().min(3),
        fromName: z.string().optional(),
        sendgridInboundSecret: secret.optional(),
        mailgunSigningKey: secret.optional(),
        outbound: z.discriminatedUnion('provider', [
          z.object({
            provider: z.literal('sendgrid'),
            apiKey: secret,
            apiBaseUrl: z.url().default('https://api.sendgrid.com'),
          }),
          z.object({
            provider: z.literal('mailgun'),
            domain: z.string(),
            apiKey: secret,
            apiBaseUrl: z.url().default('https://api.mailgun.net'),
          }),
        ]),
      })
      .optional(),
    kakao: z.object({ botId: z.string().min(1), urlSecret: secret.optional() }).optional(),
    naver: z
      .object({
        authorization: secret,
        apiBaseUrl: z.url().default('https://gw.talk.naver.com'),
        urlSecret: secret.optional(),
      })
      .optional(),
  }),
});

export const tenantsSchema = z.record(
  z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'tenant id: lowercase letters, digits, dashes'),
  tenantSchema,
);

type Resolve<T> = T extends SecretRef
  ? string
  : T extends (infer U)[]
    ? Resolve<U>[]
    : T extends object
      ? { [K in keyof T]: Resolve<T[K]> }
      : T;

type RawTenant = z.output<typeof tenantSchema>;
export type Tenant = Resolve<RawTenant> & { id: string };
export type Language = z.infer<typeof language>;
export type Tenants = ReadonlyMap<string, Tenant>;

export class TenantsConfigError extends Error {
  override name = 'TenantsConfigError';
}

function isSecretRef(v: unknown): v is SecretRef {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'env' || keys[0] === 'value');
}

function resolveSecrets(
  value: unknown,
  env: Record<string, string | undefined>,
  path: string,
  missing: string[],
): unknown {
  if (isSecretRef(value)) {
    if ('value' in value) return value.value;
    const v = env[value.env];
    if (!v) missing.push(`${value.env} (for ${path})`);
    return v ?? '';
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveSecrets(v, env, `${path}[${i}]`, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveSecrets(v, env, `${path}.${k}`, missing)]),
    );
  }
  return value;
}

/** Validates the tenants document and resolves every secret reference from `env`. */
export function loadTenants(raw: unknown, env: Record<string, string | undefined> = process.env): Tenants {
  const parsed = tenantsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new TenantsConfigError(`gateway tenants: invalid configuration:\n${issues}`);
  }
  const missing: string[] = [];
  const out = new Map<string, Tenant>();
  for (const [id, t] of Object.entries(parsed.data)) {
    out.set(id, { ...(resolveSecrets(t, env, id, missing) as Resolve<RawTenant>), id });
  }
  if (missing.length)
    throw new TenantsConfigError(
      `gateway tenants: secret variables not set:\n${missing.map((m) => `  - ${m}`).join('\n')}`,
    );
  return out;
}
