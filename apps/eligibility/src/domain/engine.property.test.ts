// The compiled predicates must fire exactly the rules json-rules-engine itself fires on the same
// rule definitions and facts: the library is the oracle for the rule semantics.
import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { policyArb, scenarioArb } from '../../test/arbitraries';
import { order, REALISTIC_POLICY } from '../../test/fixtures';
import { compilePolicy } from './compile';
import { computeFacts } from './facts';
import { validatePolicy } from './policy';

async function libraryFired(engine: Engine, facts: Record<string, unknown>): Promise<string[]> {
  const { results } = await engine.run({ ...facts });
  return results.map((r) => r.name).sort();
}

describe('compiled rules vs json-rules-engine', () => {
  it('fire the same rules for random policies and orders', async () => {
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, scenarioArb, async (policy, { order, now }) => {
        const cp = compilePolicy(policy);
        const engine = new Engine(cp.rules, { allowUndefinedFacts: false });
        for (const line of computeFacts(cp.plan, order, now)) {
          const ours = cp.compiled
            .filter((r) => r.predicate(line.facts))
            .map((r) => r.name)
            .sort();
          fired += ours.length;
          expect(ours).toEqual(await libraryFired(engine, line.facts));
        }
      }),
      { numRuns: 250 },
    );
    expect(fired).toBeGreaterThan(100);
  });

  it('the realistic policy compiles to more than ten rules that json-rules-engine accepts', async () => {
    const cp = compilePolicy(validatePolicy(REALISTIC_POLICY));
    expect(cp.rules.length).toBeGreaterThanOrEqual(10);
    const engine = new Engine(cp.rules);
    const facts = computeFacts(
      cp.plan,
      order({
        createdAt: '2026-05-02T08:00:00Z',
        deliveredAt: '2026-05-05T09:00:00Z',
        country: 'US',
        items: [{ id: 'a', tags: ['Wyprzedaz'], price: '5', currency: 'PLN' }],
      }),
      new Date('2026-06-20T00:00:00Z'),
    );
    expect(await libraryFired(engine, facts[0]!.facts)).toEqual([
      'custom:low-value-items',
      'custom:no-returns-outside-eu',
      'final-sale:wyprzedaz',
      'return-window',
    ]);
  });
});
