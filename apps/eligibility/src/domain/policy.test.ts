import { DomainError } from '@boomerang/kit/errors';
import { REALISTIC_POLICY } from '../../test/fixtures';
import { parsePolicy } from './policy';

function fieldOf(json: unknown): string | undefined {
  try {
    parsePolicy(typeof json === 'string' ? json : JSON.stringify(json));
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('INVALID_ARGUMENT');
    return (err as DomainError).field;
  }
  return undefined;
}

describe('policy validation', () => {
  it('accepts the documented realistic policy and fills defaults', () => {
    const p = parsePolicy(
      JSON.stringify({ ...REALISTIC_POLICY, customRules: undefined, holidays: undefined }),
    );
    expect(p.customRules).toEqual([]);
    expect(p.holidays).toEqual([]);
    expect(p.giftCards).toBe('not_returnable');
  });

  it.each([
    ['not JSON', '{"schemaVersion":1,', 'policy_json'],
    ['unknown time zone', { ...REALISTIC_POLICY, timeZone: 'Europe/Warszawa' }, 'policy_json.timeZone'],
    [
      'negative window',
      { ...REALISTIC_POLICY, returnWindow: { days: -1, startsAt: 'delivery' } },
      'policy_json.returnWindow.days',
    ],
    [
      'unknown window start',
      { ...REALISTIC_POLICY, returnWindow: { days: 30, startsAt: 'payment' } },
      'policy_json.returnWindow.startsAt',
    ],
    ['lower-case country', { ...REALISTIC_POLICY, storeCountry: 'pl' }, 'policy_json.storeCountry'],
    [
      'override matching two things',
      { ...REALISTIC_POLICY, overrides: [{ match: { tag: 'a', sku: 'b' }, windowDays: 3 }] },
      'policy_json.overrides[0].match',
    ],
    [
      'override without effect',
      { ...REALISTIC_POLICY, overrides: [{ match: { tag: '신상' } }] },
      'policy_json.overrides[0]',
    ],
    [
      'holiday ending before it starts',
      {
        ...REALISTIC_POLICY,
        holidays: [{ orderedFrom: '2026-12-24', orderedTo: '2026-11-15', returnUntil: '2027-01-31' }],
      },
      'policy_json.holidays[0].orderedTo',
    ],
    [
      'impossible date',
      {
        ...REALISTIC_POLICY,
        holidays: [{ orderedFrom: '2026-02-30', orderedTo: '2026-03-01', returnUntil: '2027-01-31' }],
      },
      'policy_json.holidays[0].orderedFrom',
    ],
    [
      'no resolution',
      { ...REALISTIC_POLICY, resolutions: { refund: false, exchange: false, storeCredit: false } },
      'policy_json.resolutions',
    ],
    ['unknown top-level key', { ...REALISTIC_POLICY, windowDays: 30 }, 'policy_json'],
    [
      'custom rule on an undocumented fact',
      {
        ...REALISTIC_POLICY,
        customRules: [
          {
            name: 'x',
            conditions: { all: [{ fact: 'customerEmail', operator: 'equal', value: 'a' }] },
            event: { type: 'deny', params: { reasonCode: 'NOPE_X' } },
          },
        ],
      },
      'policy_json.customRules[0].conditions.all[0].fact',
    ],
    [
      'custom rule with an undocumented operator',
      {
        ...REALISTIC_POLICY,
        customRules: [
          {
            name: 'x',
            conditions: { any: [{ not: { fact: 'tags', operator: 'regex', value: '.*' } }] },
            event: { type: 'deny', params: { reasonCode: 'NOPE_X' } },
          },
        ],
      },
      'policy_json.customRules[0].conditions.any[0].not.operator',
    ],
    [
      'custom rule using a fact path (json-rules-engine feature not allowed here)',
      {
        ...REALISTIC_POLICY,
        customRules: [
          {
            name: 'x',
            conditions: { all: [{ fact: 'tags', operator: 'contains', value: 'a', path: '$.x' }] },
            event: { type: 'deny', params: { reasonCode: 'NOPE_X' } },
          },
        ],
      },
      'policy_json.customRules[0].conditions.all[0].path',
    ],
    [
      'numeric operator on a text fact',
      {
        ...REALISTIC_POLICY,
        customRules: [
          {
            name: 'x',
            conditions: { all: [{ fact: 'productType', operator: 'greaterThan', value: 3 }] },
            event: { type: 'deny', params: { reasonCode: 'NOPE_X' } },
          },
        ],
      },
      'policy_json.customRules[0].conditions.all[0].operator',
    ],
    [
      'restricting rule without resolutions',
      {
        ...REALISTIC_POLICY,
        customRules: [
          {
            name: 'x',
            conditions: { all: [{ fact: 'giftCard', operator: 'equal', value: true }] },
            event: { type: 'only', params: { reasonCode: 'NOPE_X' } },
          },
        ],
      },
      'policy_json.customRules[0].event.params.resolutions',
    ],
    [
      'duplicate custom rule names',
      {
        ...REALISTIC_POLICY,
        customRules: [REALISTIC_POLICY.customRules![0], REALISTIC_POLICY.customRules![0]],
      },
      'policy_json.customRules[1].name',
    ],
  ])('rejects %s, naming the field', (_what, json, field) => {
    expect(fieldOf(json)).toBe(field);
  });
});
