import fc from 'fast-check';
import { policyArb, scenarioArb } from '../../test/arbitraries';
import { compilePolicy } from './compile';
import { evaluateOrder } from './evaluate';
import { referenceEvaluate } from './reference';

describe('compiled engine vs the independent reference evaluator', () => {
  it('agree on every line item for random policies, orders, time zones and instants', () => {
    let eligible = 0;
    let partlyInReturn = 0;
    let total = 0;
    const codes = new Set<string>();
    fc.assert(
      fc.property(policyArb, scenarioArb, (policy, { order, now }) => {
        const engine = evaluateOrder(compilePolicy(policy), order, now).map(({ trace: _t, ...d }) => d);
        const ref = referenceEvaluate(policy, order, now);
        expect(engine).toEqual(ref);
        for (const d of ref) {
          if (d.eligible && d.inReturnQuantity > 0) partlyInReturn++;
          total++;
          if (d.eligible) eligible++;
          for (const c of d.reasonCodes) codes.add(c);
        }
      }),
      { numRuns: 1000 },
    );
    // The generators must exercise both outcomes and the interesting reasons, or the property is vacuous.
    expect(partlyInReturn).toBeGreaterThan(0);
    expect(eligible / total).toBeGreaterThan(0.1);
    expect(eligible / total).toBeLessThan(0.9);
    for (const c of [
      'WINDOW_EXPIRED',
      'NOT_DELIVERED',
      'FINAL_SALE',
      'GIFT_CARD',
      'ALREADY_RETURNED',
      'INTERNATIONAL_NOT_ALLOWED',
      'EXCLUDED_CATEGORY',
      'RETURN_IN_PROGRESS',
      'RETURN_CONDITION',
    ]) {
      expect(codes).toContain(c);
    }
  });

  it('deadlines hold exactly at the boundary: eligible on the deadline date, expired the day after', () => {
    fc.assert(
      fc.property(policyArb, scenarioArb, (policy, { order, now }) => {
        const cp = compilePolicy(policy);
        for (const d of evaluateOrder(cp, order, now)) {
          const past = d.trace.find((t) => t.rule === 'return-window')!.facts.daysPastReturnDeadline;
          if (d.deadline === '') expect(past).toBeNull();
          else
            expect(past === null || (past as number) > 0).toBe(
              d.reasonCodes.includes('WINDOW_EXPIRED') && (past as number) > 0,
            );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a cart is split, not refused', () => {
  it("a line item's decision does not depend on the other line items of the order", () => {
    fc.assert(
      fc.property(
        policyArb,
        scenarioArb,
        fc.integer({ min: 0, max: 3 }),
        (policy, { order, now }, pickIndex) => {
          const cp = compilePolicy(policy);
          const full = evaluateOrder(cp, order, now);
          const keep = order.lineItems[pickIndex % order.lineItems.length]!;
          const alone = {
            ...order,
            lineItems: [keep],
            fulfillments: order.fulfillments
              .map((f) => ({ ...f, lineItemIds: f.lineItemIds.filter((id) => id === keep.id) }))
              .filter((f) => f.lineItemIds.length > 0),
            refunds: order.refunds.map((r) => ({
              ...r,
              lines: r.lines.filter((l) => l.lineItemId === keep.id),
            })),
            returns: order.returns.map((r) => ({
              ...r,
              lines: r.lines.filter((l) => l.lineItemId === keep.id),
            })),
          };
          const [single] = evaluateOrder(cp, alone, now);
          expect(single).toEqual(full.find((d) => d.lineItemId === keep.id));
        },
      ),
      { numRuns: 300 },
    );
  });
});
