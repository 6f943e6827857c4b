// json-rules-engine conditions: the documented facts and operators tenants may use in custom rules,
// their validation, and a compiler that turns a condition tree into a synchronous predicate with
// json-rules-engine's own operator semantics (checked against the library in engine.property.test.ts).
import { z } from 'zod';

/** Facts computed per line item (see facts.ts) — the only facts rules may reference. */
export const FACT_TYPES = {
  daysSinceStart: 'number?',
  daysPastReturnDeadline: 'number?',
  daysPastExchangeDeadline: 'number?',
  returnWindowDays: 'number',
  exchangeWindowDays: 'number',
  orderAgeDays: 'number',
  productType: 'string',
  tags: 'string[]',
  collections: 'string[]',
  sku: 'string',
  unitPrice: 'number',
  currency: 'string',
  giftCard: 'boolean',
  destinationCountry: 'string',
  storeCountry: 'string',
  international: 'boolean',
  orderCancelled: 'boolean',
  orderRefunded: 'boolean',
  delivered: 'boolean',
  fulfilled: 'boolean',
  quantity: 'number',
  returnedQuantity: 'number',
  returnInProgressQuantity: 'number',
  remainingQuantity: 'number',
} as const;
export type FactName = keyof typeof FACT_TYPES;
export const FACT_NAMES = Object.keys(FACT_TYPES) as FactName[];

export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

export type Scalar = string | number | boolean;
export interface LeafCondition {
  fact: FactName;
  operator: OperatorName;
  value: Scalar | Scalar[];
}
export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export type TopCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

const MAX_DEPTH = 6;
const MAX_LEAVES = 64;

type Issue = { path: (string | number)[]; message: string };

function checkCondition(
  c: unknown,
  path: (string | number)[],
  depth: number,
  count: { leaves: number },
): Issue | undefined {
  const fail = (message: string, at: (string | number)[] = path): Issue => ({ path: at, message });
  if (depth > MAX_DEPTH) return fail(`conditions nest deeper than ${MAX_DEPTH}`);
  if (!c || typeof c !== 'object' || Array.isArray(c)) return fail('expected a condition object');
  const o = c as Record<string, unknown>;
  const keys = Object.keys(o);
  for (const boolOp of ['all', 'any'] as const) {
    if (!(boolOp in o)) continue;
    if (keys.length !== 1) return fail(`"${boolOp}" must be the only key`);
    const list = o[boolOp];
    if (!Array.isArray(list) || list.length === 0 || list.length > 32)
      return fail('expected 1 to 32 conditions', [...path, boolOp]);
    for (let i = 0; i < list.length; i++) {
      const issue = checkCondition(list[i], [...path, boolOp, i], depth + 1, count);
      if (issue) return issue;
    }
    return undefined;
  }
  if ('not' in o) {
    if (keys.length !== 1) return fail('"not" must be the only key');
    return checkCondition(o.not, [...path, 'not'], depth + 1, count);
  }
  for (const k of keys) {
    if (k !== 'fact' && k !== 'operator' && k !== 'value')
      return fail(`"${k}" is not allowed (only fact, operator, value)`, [...path, k]);
  }
  count.leaves += 1;
  if (count.leaves > MAX_LEAVES) return fail(`more than ${MAX_LEAVES} conditions`);
  if (typeof o.fact !== 'string' || !(o.fact in FACT_TYPES))
    return fail(`unknown fact; allowed: ${FACT_NAMES.join(', ')}`, [...path, 'fact']);
  if (typeof o.operator !== 'string' || !(OPERATORS as readonly string[]).includes(o.operator))
    return fail(`unknown operator; allowed: ${OPERATORS.join(', ')}`, [...path, 'operator']);
  const v = o.value;
  const scalar = (x: unknown) =>
    typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
  const type = FACT_TYPES[o.fact as FactName];
  const op = o.operator as OperatorName;
  const vpath = [...path, 'value'];
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(v) || v.length === 0 || v.length > 500 || !v.every(scalar))
      return fail(`${op} needs a non-empty list of values`, vpath);
  } else if (!scalar(v)) return fail('expected a string, number or boolean', vpath);
  if ((op === 'contains' || op === 'doesNotContain') && type !== 'string[]')
    return fail(`${op} works on list facts (tags, collections)`, [...path, 'operator']);
  if (op.startsWith('lessThan') || op.startsWith('greaterThan')) {
    if (!type.startsWith('number')) return fail(`${op} works on number facts`, [...path, 'operator']);
    if (typeof v !== 'number') return fail('expected a number', vpath);
  }
  return undefined;
}

function conditionIssues(c: unknown, top: boolean): Issue[] {
  if (top && c && typeof c === 'object' && !('all' in c || 'any' in c || 'not' in c)) {
    return [{ path: [], message: 'top-level conditions must be "all", "any" or "not"' }];
  }
  const issue = checkCondition(c, [], 1, { leaves: 0 });
  return issue ? [issue] : [];
}

const ruleName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, at most 63');

export const customRuleSchema = z
  .object({
    name: ruleName,
    priority: z.number().int().min(1).max(100).default(10),
    conditions: z.unknown().superRefine((c, ctx) => {
      for (const i of conditionIssues(c, true))
        ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
    }),
    event: z
      .object({
        type: z.enum(['deny', 'only', 'remove']),
        params: z
          .object({
            reasonCode: z.string().regex(/^[A-Z][A-Z0-9_]{2,47}$/, 'upper-case code like NO_RETURNS_ON_SALE'),
            resolutions: z
              .array(z.enum(['REFUND', 'EXCHANGE', 'STORE_CREDIT']))
              .min(1)
              .optional(),
          })
          .strict(),
      })
      .strict()
      .refine((e) => e.type === 'deny' || e.params.resolutions !== undefined, {
        message: '"only" and "remove" need params.resolutions',
        path: ['params', 'resolutions'],
      }),
  })
  .strict()
  .transform((r) => ({ ...r, conditions: r.conditions as TopCondition }));
export type CustomRule = z.output<typeof customRuleSchema>;

// ---- compilation to predicates, json-rules-engine semantics (engine-default-operators.js) ----

export type Facts = Record<FactName, unknown>;
export type Predicate = (facts: Facts) => boolean;

const isNumeric = (a: unknown) => Number.parseFloat(a as string).toString() !== 'NaN';

function compileLeaf(c: LeafCondition): Predicate {
  const f = c.fact;
  const v = c.value as never;
  switch (c.operator) {
    case 'equal':
      return (x) => x[f] === v;
    case 'notEqual':
      return (x) => x[f] !== v;
    case 'in': {
      const list = c.value as unknown[];
      return (x) => list.indexOf(x[f]) > -1;
    }
    case 'notIn': {
      const list = c.value as unknown[];
      return (x) => list.indexOf(x[f]) === -1;
    }
    case 'contains':
      return (x) => Array.isArray(x[f]) && (x[f] as unknown[]).indexOf(v) > -1;
    case 'doesNotContain':
      return (x) => Array.isArray(x[f]) && (x[f] as unknown[]).indexOf(v) === -1;
    case 'lessThan':
      return (x) => isNumeric(x[f]) && (x[f] as number) < v;
    case 'lessThanInclusive':
      return (x) => isNumeric(x[f]) && (x[f] as number) <= v;
    case 'greaterThan':
      return (x) => isNumeric(x[f]) && (x[f] as number) > v;
    case 'greaterThanInclusive':
      return (x) => isNumeric(x[f]) && (x[f] as number) >= v;
  }
}

export function compileCondition(c: Condition): Predicate {
  if ('all' in c) {
    const parts = c.all.map(compileCondition);
    return (x) => {
      for (const p of parts) if (!p(x)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compileCondition);
    return (x) => {
      for (const p of parts) if (p(x)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (x) => !inner(x);
  }
  return compileLeaf(c);
}

/** The facts a condition reads, in first-use order (for the rule trace). */
export function factsOf(c: Condition, out: FactName[] = []): FactName[] {
  if ('all' in c) for (const x of c.all) factsOf(x, out);
  else if ('any' in c) for (const x of c.any) factsOf(x, out);
  else if ('not' in c) factsOf(c.not, out);
  else if (!out.includes(c.fact)) out.push(c.fact);
  return out;
}
