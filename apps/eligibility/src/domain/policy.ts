// The tenant's return policy as data (schema version 1). Documented in apps/eligibility/README.md.
import { InvalidArgument } from '@boomerang/kit/errors';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { customRuleSchema } from './conditions';

export const RESOLUTIONS = ['REFUND', 'EXCHANGE', 'STORE_CREDIT'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const RESTRICTIONS = ['not_returnable', 'exchange_only', 'store_credit_only'] as const;
export type Restriction = (typeof RESTRICTIONS)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'not a calendar date');

const days = z.number().int().min(0).max(3650);
const label = z.string().trim().min(1).max(200);

/**
 * Conditions a shopper must meet for a return to be accepted, which the system cannot verify
 * (the packaging is unopened, the hygiene liner is intact…): the line stays eligible and the
 * condition is stated, instead of refusing an item the shopper may well be entitled to return.
 */
export const CONDITION_KINDS = [
  'unopened',
  'hygiene_seal_intact',
  'unworn',
  'tags_attached',
  'original_packaging',
  'unused',
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

/** A condition as decisions carry it: a built-in kind's code, or the tenant's code with its own sentences. */
export interface ConditionSpec {
  code: string;
  text?: { en?: string; ko?: string; pl?: string };
}

const sentence = z.string().trim().min(1).max(300);
export const conditionSchema = z.union([
  z.enum(CONDITION_KINDS),
  z
    .object({
      code: z.string().regex(/^[A-Z][A-Z0-9_]{2,47}$/, 'upper-case code like ENGRAVING_NOT_STARTED'),
      text: z
        .object({ en: sentence.optional(), ko: sentence.optional(), pl: sentence.optional() })
        .strict()
        .refine((t) => t.en ?? t.ko ?? t.pl, { message: 'give the sentence in at least one language' }),
    })
    .strict(),
]);
export type ConditionInput = z.output<typeof conditionSchema>;

export function conditionSpec(c: ConditionInput): ConditionSpec {
  return typeof c === 'string' ? { code: c.toUpperCase() } : { code: c.code, text: c.text };
}

const overrideSchema = z
  .object({
    match: z
      .object({
        productType: label.optional(),
        tag: label.optional(),
        collection: label.optional(),
        sku: label.optional(),
      })
      .strict()
      .refine((m) => Object.values(m).filter((v) => v !== undefined).length === 1, {
        message: 'match exactly one of productType, tag, collection, sku',
      }),
    windowDays: days.optional(),
    // The exchange window of matching lines instead of exchangeWindow.days ("electronics: 15 days
    // for returns and exchanges"); never shorter than the line's return window.
    exchangeWindowDays: days.optional(),
    effect: z.enum(RESTRICTIONS).optional(),
    condition: conditionSchema.optional(),
  })
  .strict()
  .refine(
    (o) =>
      o.windowDays !== undefined ||
      o.exchangeWindowDays !== undefined ||
      o.effect !== undefined ||
      o.condition !== undefined,
    { message: 'an override needs windowDays, exchangeWindowDays, effect or condition' },
  )
  .refine((o) => !(o.effect === 'not_returnable' && o.condition !== undefined), {
    message: 'a not_returnable override cannot also set a condition (drop one of them)',
    path: ['condition'],
  });

export const policySchema = z
  .object({
    schemaVersion: z.literal(1),
    timeZone: z.string().refine((tz) => IANAZone.isValidZone(tz), 'not an IANA time zone'),
    storeCountry: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
    returnWindow: z.object({ days, startsAt: z.enum(['delivery', 'fulfillment', 'order']) }).strict(),
    exchangeWindow: z.object({ days }).strict().optional(),
    // Conditions for every returnable line but gift cards ("unopened items only", "with tags
    // attached"): stated on each eligible line; per-product ones go in overrides[].condition.
    returnConditions: z.array(conditionSchema).max(10).default([]),
    overrides: z.array(overrideSchema).max(200).default([]),
    finalSale: z
      .array(z.object({ tag: label, behaviour: z.enum(RESTRICTIONS) }).strict())
      .max(50)
      .default([]),
    giftCards: z.enum(['not_returnable', 'store_credit_only', 'returnable']).default('not_returnable'),
    international: z
      .object({ allowed: z.boolean(), windowDays: days.optional() })
      .strict()
      .default({ allowed: true }),
    holidays: z
      .array(
        z
          .object({ orderedFrom: isoDate, orderedTo: isoDate, returnUntil: isoDate })
          .strict()
          .refine((h) => h.orderedFrom <= h.orderedTo, {
            message: 'orderedFrom is after orderedTo',
            path: ['orderedTo'],
          })
          .refine((h) => h.orderedTo <= h.returnUntil, {
            message: 'returnUntil is before orderedTo',
            path: ['returnUntil'],
          }),
      )
      .max(20)
      .default([]),
    resolutions: z
      .object({
        refund: z.boolean(),
        exchange: z.boolean(),
        storeCredit: z.boolean(),
        storeCreditBonusPercent: z.number().int().min(0).max(100).default(0),
      })
      .strict()
      .refine((r) => r.refund || r.exchange || r.storeCredit, { message: 'allow at least one resolution' }),
    customRules: z.array(customRuleSchema).max(50).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const names = new Set<string>();
    p.customRules.forEach((r, i) => {
      if (names.has(r.name))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate rule name "${r.name}"`,
          path: ['customRules', i, 'name'],
        });
      names.add(r.name);
    });
  });

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

function fieldOf(path: PropertyKey[], prefix: string): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return out;
}

/**
 * Parses and validates a policy document. Throws InvalidArgument naming the first failing field,
 * e.g. `policy_json.returnWindow.days`. Returns the normalised policy (defaults filled in).
 */
export function parsePolicy(json: string, prefix = 'policy_json'): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new InvalidArgument(`${prefix} is not valid JSON`, { field: prefix, cause: err });
  }
  return validatePolicy(raw, prefix);
}

export function validatePolicy(raw: unknown, prefix = 'policy_json'): Policy {
  const result = policySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = fieldOf(issue.path, prefix);
    throw new InvalidArgument(`${field}: ${issue.message}`, { field });
  }
  return result.data;
}

/** Lower-cased, trimmed: tags, product types and collections match case-insensitively. */
export function norm(s: string): string {
  return s.trim().toLowerCase();
}
