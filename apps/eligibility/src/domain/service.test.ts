// The use cases with in-memory fakes of the storage ports.
import { Aborted } from '@boomerang/kit/errors';
import { order, REALISTIC_POLICY } from '../../test/fixtures';
import type { Order } from './order';
import type { PolicyRecord, PolicyStore, RecentOrderStore } from './ports';
import { Eligibility } from './service';

function memoryPolicies(): PolicyStore & { reads: number } {
  const rows = new Map<string, PolicyRecord[]>();
  const store = {
    reads: 0,
    async append(tenantId: string, expected: number, policyJson: string) {
      const list = rows.get(tenantId) ?? [];
      if (list.length !== expected) throw new Aborted('conflict');
      const record = { version: expected + 1, policyJson, createdAt: new Date() };
      rows.set(tenantId, [...list, record]);
      return record;
    },
    async get(tenantId: string, version: number) {
      store.reads++;
      const list = rows.get(tenantId) ?? [];
      return version ? list[version - 1] : list.at(-1);
    },
    async latestVersion(tenantId: string) {
      return rows.get(tenantId)?.length ?? 0;
    },
  };
  return store;
}

const noOrders: RecentOrderStore = {
  remember() {},
  flush: async () => {},
  recent: async () => [] as Order[],
};
const NOW = new Date('2026-05-20T10:00:00Z');
const cart = {
  ...order({
    createdAt: '2026-05-02T08:00:00Z',
    deliveredAt: '2026-05-05T09:00:00Z',
    country: 'PL',
    items: [{ id: 'a', price: '99.00', currency: 'PLN' }],
  }),
  tenantId: '',
};

describe('Eligibility use cases', () => {
  it('compiles each policy version once and with no TTL picks up a version written by another replica at once', async () => {
    const policies = memoryPolicies();
    const service = new Eligibility({ policies, recentOrders: noOrders, latestVersionTtlMs: 0 });
    await service.putPolicy('tenant-a', JSON.stringify(REALISTIC_POLICY), 0);
    const first = await service.compiled('tenant-a', 0);
    const again = await service.compiled('tenant-a', 0);
    expect(again!.compiled).toBe(first!.compiled);
    expect(policies.reads).toBe(1);
    // Another replica publishes version 2 directly in the store.
    await policies.append(
      'tenant-a',
      1,
      JSON.stringify({
        ...REALISTIC_POLICY,
        returnWindow: { days: 7, startsAt: 'delivery' },
        exchangeWindow: undefined,
      }),
    );
    const res = await service.check({
      tenantId: 'tenant-a',
      order: { ...cart, tenantId: 'tenant-a' },
      now: NOW,
      policyVersion: 0,
      locale: 'en',
    });
    expect(res.policyVersion).toBe(2);
    expect(res.decisions[0]).toMatchObject({
      eligible: false,
      reasonCodes: ['WINDOW_EXPIRED'],
      deadline: '2026-05-12',
    });
    expect(res.decisions[0]!.explanation).toBe(
      'This item cannot be returned. The return window ended on May 12, 2026.',
    );
  });

  it('reuses the latest version within the TTL, but a PutPolicy on this replica takes effect at once', async () => {
    const policies = memoryPolicies();
    const service = new Eligibility({ policies, recentOrders: noOrders, latestVersionTtlMs: 60_000 });
    await service.putPolicy('t', JSON.stringify(REALISTIC_POLICY), 0);
    expect(
      (await service.check({ tenantId: 't', order: cart, now: NOW, policyVersion: 0, locale: 'ko' }))
        .policyVersion,
    ).toBe(1);
    await policies.append('t', 1, JSON.stringify(REALISTIC_POLICY)); // elsewhere
    expect(
      (await service.check({ tenantId: 't', order: cart, now: NOW, policyVersion: 0, locale: 'ko' }))
        .policyVersion,
    ).toBe(1);
    await service.putPolicy('t', JSON.stringify(REALISTIC_POLICY), 2); // here
    expect(
      (await service.check({ tenantId: 't', order: cart, now: NOW, policyVersion: 0, locale: 'ko' }))
        .policyVersion,
    ).toBe(3);
  });

  it('simulating a first policy reports every decision as new', async () => {
    const service = new Eligibility({ policies: memoryPolicies(), recentOrders: noOrders });
    const r = await service.simulate({
      tenantId: 'fresh',
      draftPolicyJson: JSON.stringify(REALISTIC_POLICY),
      orders: [cart],
      now: NOW,
      locale: 'pl',
    });
    expect(r).toMatchObject({ basePolicyVersion: 0, evaluated: 1, changed: 1 });
    expect(r.changes[0]!.before).toBeUndefined();
    expect(r.changes[0]!.after.explanation).toContain('Można zgłosić do 4 czerwca 2026');
  });
});
