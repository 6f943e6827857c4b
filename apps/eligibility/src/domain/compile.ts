// A policy version compiled once into json-rules-engine rules (the inspectable, serialisable form)
// plus, for each rule, a synchronous predicate with the library's operator semantics. The library's
// own Engine runs the very same rules in tests and in the benchmark (see engine.property.test.ts);
// the predicates exist because Engine.run is promise-based and does ~8k runs/s with 12 rules.
import type { RuleProperties } from 'json-rules-engine';
import { compileCondition, type FactName, factsOf, type Predicate, type TopCondition } from './conditions';
import { type FactPlan, planFacts } from './facts';
import {
  type ConditionSpec,
  conditionSpec,
  norm,
  type Policy,
  RESOLUTIONS,
  type Resolution,
  type Restriction,
} from './policy';

/**
 * deny / only / remove restrict the resolutions; `note` only documents (window overrides); `flag`
 * and `condition` qualify an eligible item with a reason code (and a condition the shopper must
 * meet) without changing what is allowed, and are dropped when the item ends up not eligible.
 */
export type EffectType = 'deny' | 'only' | 'remove' | 'note' | 'flag' | 'condition';
export interface RuleEvent {
  type: EffectType;
  params: { reasonCode?: string; resolutions?: Resolution[]; detail?: string; condition?: ConditionSpec };
}

export interface CompiledRule {
  name: string;
  priority: number;
  conditions: TopCondition;
  event: RuleEvent;
  predicate: Predicate;
  facts: FactName[];
}

export interface CompiledPolicy {
  policy: Policy;
  plan: FactPlan;
  /** json-rules-engine rule definitions, in evaluation order (priority, then definition order). */
  rules: (RuleProperties & { name: string; priority: number; event: RuleEvent })[];
  compiled: CompiledRule[];
  baseResolutions: Resolution[];
}

const P_ORDER = 100;
const P_ITEM = 90;
const P_TAGS = 80;
const P_NOTE = 60;
const P_WINDOW = 50;

function restrictionEvent(r: Restriction, reasonCode: string): RuleEvent {
  if (r === 'not_returnable') return { type: 'deny', params: { reasonCode } };
  return {
    type: 'only',
    params: { reasonCode, resolutions: [r === 'exchange_only' ? 'EXCHANGE' : 'STORE_CREDIT'] },
  };
}

const OVERRIDE_CODE: Record<Restriction, string> = {
  not_returnable: 'EXCLUDED_CATEGORY',
  exchange_only: 'EXCHANGE_ONLY',
  store_credit_only: 'STORE_CREDIT_ONLY',
};

/** The json-rules-engine rules for a policy (pure data). */
export function policyRules(p: Policy): CompiledPolicy['rules'] {
  const rules: CompiledPolicy['rules'] = [];
  const add = (name: string, priority: number, conditions: TopCondition, event: RuleEvent) =>
    rules.push({ name, priority, conditions, event });
  add(
    'order-cancelled',
    P_ORDER,
    { all: [{ fact: 'orderCancelled', operator: 'equal', value: true }] },
    {
      type: 'deny',
      params: { reasonCode: 'ORDER_CANCELLED' },
    },
  );
  add(
    'order-refunded',
    P_ORDER,
    { all: [{ fact: 'orderRefunded', operator: 'equal', value: true }] },
    {
      type: 'deny',
      params: { reasonCode: 'ORDER_REFUNDED' },
    },
  );
  if (p.returnWindow.startsAt === 'delivery') {
    add(
      'not-delivered',
      P_ITEM,
      { all: [{ fact: 'delivered', operator: 'equal', value: false }] },
      {
        type: 'deny',
        params: { reasonCode: 'NOT_DELIVERED' },
      },
    );
  } else if (p.returnWindow.startsAt === 'fulfillment') {
    add(
      'not-fulfilled',
      P_ITEM,
      { all: [{ fact: 'fulfilled', operator: 'equal', value: false }] },
      {
        type: 'deny',
        params: { reasonCode: 'NOT_FULFILLED' },
      },
    );
  }
  add(
    'already-returned',
    P_ITEM,
    {
      all: [
        { fact: 'remainingQuantity', operator: 'lessThanInclusive', value: 0 },
        { fact: 'returnInProgressQuantity', operator: 'lessThanInclusive', value: 0 },
      ],
    },
    { type: 'deny', params: { reasonCode: 'ALREADY_RETURNED' } },
  );
  add(
    'return-in-progress',
    P_ITEM,
    {
      all: [
        { fact: 'remainingQuantity', operator: 'lessThanInclusive', value: 0 },
        { fact: 'returnInProgressQuantity', operator: 'greaterThan', value: 0 },
      ],
    },
    { type: 'deny', params: { reasonCode: 'RETURN_IN_PROGRESS' } },
  );
  // Some units are still left: the item stays eligible for those, and says why not for the rest.
  add(
    'already-returned-partly',
    P_ITEM,
    {
      all: [
        { fact: 'returnedQuantity', operator: 'greaterThan', value: 0 },
        { fact: 'remainingQuantity', operator: 'greaterThan', value: 0 },
      ],
    },
    { type: 'flag', params: { reasonCode: 'ALREADY_RETURNED' } },
  );
  add(
    'return-in-progress-partly',
    P_ITEM,
    {
      all: [
        { fact: 'returnInProgressQuantity', operator: 'greaterThan', value: 0 },
        { fact: 'remainingQuantity', operator: 'greaterThan', value: 0 },
      ],
    },
    { type: 'flag', params: { reasonCode: 'RETURN_IN_PROGRESS' } },
  );
  if (p.giftCards !== 'returnable') {
    add(
      'gift-card',
      P_ITEM,
      { all: [{ fact: 'giftCard', operator: 'equal', value: true }] },
      restrictionEvent(p.giftCards, 'GIFT_CARD'),
    );
  }
  if (!p.international.allowed) {
    add(
      'international-not-allowed',
      P_ITEM,
      { all: [{ fact: 'international', operator: 'equal', value: true }] },
      {
        type: 'deny',
        params: { reasonCode: 'INTERNATIONAL_NOT_ALLOWED' },
      },
    );
  }
  p.finalSale.forEach((f) => {
    add(
      `final-sale:${norm(f.tag)}`,
      P_TAGS,
      { all: [{ fact: 'tags', operator: 'contains', value: norm(f.tag) }] },
      restrictionEvent(f.behaviour, 'FINAL_SALE'),
    );
  });
  p.returnConditions.forEach((c, i) => {
    const spec = conditionSpec(c);
    add(
      `return-condition-${i + 1}:${spec.code}`,
      P_TAGS,
      { all: [{ fact: 'giftCard', operator: 'equal', value: false }] },
      { type: 'condition', params: { reasonCode: 'RETURN_CONDITION', condition: spec } },
    );
  });
  p.overrides.forEach((o, i) => {
    const [kind, raw] = Object.entries(o.match).find(([, v]) => v !== undefined) as [string, string];
    const value = kind === 'sku' ? raw : norm(raw);
    const cond: TopCondition =
      kind === 'productType'
        ? { all: [{ fact: 'productType', operator: 'equal', value }] }
        : kind === 'sku'
          ? { all: [{ fact: 'sku', operator: 'equal', value }] }
          : { all: [{ fact: kind === 'tag' ? 'tags' : 'collections', operator: 'contains', value }] };
    const name = `override-${i + 1}:${kind}=${value}`;
    if (o.effect) add(name, P_TAGS, cond, restrictionEvent(o.effect, OVERRIDE_CODE[o.effect]));
    if (o.condition)
      add(`${name}:condition`, P_TAGS, cond, {
        type: 'condition',
        params: { reasonCode: 'RETURN_CONDITION', condition: conditionSpec(o.condition) },
      });
    if (o.windowDays !== undefined)
      add(`${name}:window`, P_NOTE, cond, {
        type: 'note',
        params: { detail: `window ${o.windowDays} days` },
      });
  });
  add(
    'return-window',
    P_WINDOW,
    { all: [{ fact: 'daysPastReturnDeadline', operator: 'greaterThan', value: 0 }] },
    {
      type: 'remove',
      params: { reasonCode: 'WINDOW_EXPIRED', resolutions: ['REFUND', 'STORE_CREDIT'] },
    },
  );
  add(
    'exchange-window',
    P_WINDOW,
    { all: [{ fact: 'daysPastExchangeDeadline', operator: 'greaterThan', value: 0 }] },
    {
      type: 'remove',
      params: { reasonCode: 'WINDOW_EXPIRED', resolutions: ['EXCHANGE'] },
    },
  );
  for (const r of p.customRules) add(`custom:${r.name}`, r.priority, r.conditions, r.event);
  // json-rules-engine evaluates higher priorities first; keep definition order within a priority.
  return rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.priority - a.r.priority || a.i - b.i)
    .map((x) => x.r);
}

export function compilePolicy(policy: Policy): CompiledPolicy {
  const rules = policyRules(policy);
  const r = policy.resolutions;
  return {
    policy,
    plan: planFacts(policy),
    rules,
    compiled: rules.map((rule) => ({
      name: rule.name,
      priority: rule.priority,
      conditions: rule.conditions as TopCondition,
      event: rule.event,
      predicate: compileCondition(rule.conditions as TopCondition),
      facts: factsOf(rule.conditions as TopCondition),
    })),
    baseResolutions: RESOLUTIONS.filter((x) =>
      x === 'REFUND' ? r.refund : x === 'EXCHANGE' ? r.exchange : r.storeCredit,
    ),
  };
}
