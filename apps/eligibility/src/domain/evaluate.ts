// Runs a compiled policy over an order: facts per line item, every rule, one decision per line item.
import type { CompiledPolicy, RuleEvent } from './compile';
import type { Facts } from './conditions';
import { computeFacts } from './facts';
import type { Order } from './order';
import type { ConditionSpec, Resolution } from './policy';

export interface TraceEntry {
  rule: string;
  fired: boolean;
  /** The facts the rule read, with their values. */
  facts: Record<string, unknown>;
  effect?: RuleEvent;
}

export interface Decision {
  lineItemId: string;
  eligible: boolean;
  deadline: string;
  exchangeDeadline: string;
  allowedResolutions: Resolution[];
  reasonCodes: string[];
  returnableQuantity: number;
  storeCreditBonusPercent: number;
  /** Ordered units, units returned or refunded, units in a return still in progress. */
  quantity: number;
  returnedQuantity: number;
  inReturnQuantity: number;
  /** Local date the earliest open return of the line was requested; '' when none. */
  returnRequestedOn: string;
  /** What the shopper must meet for the return to be accepted; empty when not eligible. */
  conditions: ConditionSpec[];
  trace: TraceEntry[];
}

/** Reason codes in a fixed order (most fundamental first); custom codes follow, alphabetically. */
export const REASON_CODES = [
  'ORDER_CANCELLED',
  'ORDER_REFUNDED',
  'NOT_DELIVERED',
  'NOT_FULFILLED',
  'ALREADY_RETURNED',
  'RETURN_IN_PROGRESS',
  'GIFT_CARD',
  'INTERNATIONAL_NOT_ALLOWED',
  'FINAL_SALE',
  'EXCLUDED_CATEGORY',
  'EXCHANGE_ONLY',
  'STORE_CREDIT_ONLY',
  'WINDOW_EXPIRED',
  'RETURN_CONDITION',
] as const;
const RANK = new Map<string, number>(REASON_CODES.map((c, i) => [c, i]));

export function sortReasonCodes(codes: Iterable<string>): string[] {
  return [...new Set(codes)].sort((a, b) => {
    const ra = RANK.get(a) ?? 1000;
    const rb = RANK.get(b) ?? 1000;
    return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
  });
}

function pick(facts: Facts, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = facts[n as keyof Facts];
  return out;
}

export function evaluateOrder(cp: CompiledPolicy, order: Order, now: Date): Decision[] {
  const lines = computeFacts(cp.plan, order, now);
  const bonus = cp.policy.resolutions.storeCreditBonusPercent;
  return lines.map(({ lineItemId, facts, deadline, exchangeDeadline, returnRequestedOn }) => {
    let allowed = cp.baseResolutions.slice();
    const codes: string[] = [];
    const qualifying: string[] = [];
    const conditions: ConditionSpec[] = [];
    const trace: TraceEntry[] = [];
    for (const rule of cp.compiled) {
      const fired = rule.predicate(facts);
      trace.push(
        fired
          ? { rule: rule.name, fired, facts: pick(facts, rule.facts), effect: rule.event }
          : { rule: rule.name, fired, facts: pick(facts, rule.facts) },
      );
      if (!fired) continue;
      const e = rule.event;
      if (e.type === 'note') continue;
      if (e.type === 'flag' || e.type === 'condition') {
        qualifying.push(e.params.reasonCode!);
        const c = e.params.condition;
        if (c && !conditions.some((x) => x.code === c.code)) conditions.push(c);
        continue;
      }
      if (e.params.reasonCode) codes.push(e.params.reasonCode);
      if (e.type === 'deny') allowed = [];
      else if (e.type === 'only') allowed = allowed.filter((r) => e.params.resolutions!.includes(r));
      else allowed = allowed.filter((r) => !e.params.resolutions!.includes(r));
    }
    const eligible = allowed.length > 0;
    return {
      lineItemId,
      eligible,
      deadline,
      exchangeDeadline,
      allowedResolutions: allowed,
      reasonCodes: sortReasonCodes(eligible ? [...codes, ...qualifying] : codes),
      returnableQuantity: eligible ? (facts.remainingQuantity as number) : 0,
      storeCreditBonusPercent: allowed.includes('STORE_CREDIT') ? bonus : 0,
      quantity: facts.quantity as number,
      returnedQuantity: facts.returnedQuantity as number,
      inReturnQuantity: facts.returnInProgressQuantity as number,
      returnRequestedOn,
      conditions: eligible ? conditions : [],
      trace,
    };
  });
}
