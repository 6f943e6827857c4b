// One suite for the SQL adapters, run on PGlite and on real PostgreSQL (stores.*.test.ts).

import path from 'node:path';
import { DomainError } from '@boomerang/kit/errors';
import { migrate, type Sql } from '@boomerang/kit/sql';
import { uniqueName, waitFor } from '@boomerang/kit/testing';
import { sqlPolicyStore } from '../src/adapters/sql-policy-store';
import { sqlRecentOrders } from '../src/adapters/sql-recent-orders';
import { order } from './fixtures';

export function storeContract(open: () => Promise<{ sql: Sql; drop: () => Promise<void> }>): void {
  let db: { sql: Sql; drop: () => Promise<void> };
  // One database per suite (a PGlite instance takes seconds to boot); tests isolate by tenant id.
  beforeAll(async () => {
    db = await open();
    await migrate(db.sql, { app: 'eligibility', migrations: path.resolve(__dirname, '../migrations') });
  });
  afterAll(() => db.drop());
  const t = (name: string) => uniqueName(name);

  it('appends versions and keeps old ones readable', async () => {
    const store = sqlPolicyStore(db.sql);
    const krakow = t('sklep-krakow');
    expect(await store.latestVersion(krakow)).toBe(0);
    expect((await store.append(krakow, 0, '{"v":"first"}')).version).toBe(1);
    expect((await store.append(krakow, 1, '{"v":"second"}')).version).toBe(2);
    expect(await store.latestVersion(krakow)).toBe(2);
    expect((await store.get(krakow, 0))?.policyJson).toBe('{"v":"second"}');
    expect((await store.get(krakow, 1))?.policyJson).toBe('{"v":"first"}');
    expect(await store.get(krakow, 3)).toBeUndefined();
    expect(await store.get(t('서울-편집샵'), 0)).toBeUndefined(); // tenants are isolated
  });

  it('refuses a stale expected_version with ABORTED and stores nothing', async () => {
    const store = sqlPolicyStore(db.sql);
    const t1 = t('t1');
    await store.append(t1, 0, '{"v":1}');
    const err = await store.append(t1, 0, '{"v":"stale"}').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('ABORTED');
    await expect(store.append(t1, 5, '{"v":"future"}')).rejects.toMatchObject({ code: 'ABORTED' });
    expect(await store.latestVersion(t1)).toBe(1);
    expect((await store.get(t1, 0))?.policyJson).toBe('{"v":1}');
  });

  it('lets exactly one of several concurrent writers win', async () => {
    const store = sqlPolicyStore(db.sql);
    const race = t('race');
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => store.append(race, 0, `{"writer":${i}}`)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ABORTED' });
    expect(await store.latestVersion(race)).toBe(1);
  });

  it('keeps the most recent orders per tenant, bounded, without personal data', async () => {
    const recent = sqlRecentOrders(db.sql, { limitPerTenant: 3, flushIntervalMs: 60_000 });
    const sklep = t('sklep');
    const other = t('다른-상점');
    const t0 = Date.parse('2026-05-01T00:00:00Z');
    for (let i = 1; i <= 5; i++) {
      const o = order({
        id: `o-${i}`,
        createdAt: '2026-04-28T00:00:00Z',
        items: [{ id: `li-${i}`, title: 'Sukienka lniana' }],
      });
      recent.remember(sklep, o, new Date(t0 + i * 60_000));
      if (i % 2) await recent.flush(); // some in separate batches, some together
    }
    // Seeing o-2 again refreshes it.
    recent.remember(
      sklep,
      order({ id: 'o-2', createdAt: '2026-04-28T00:00:00Z', items: [{ id: 'li-2' }] }),
      new Date(t0 + 10 * 60_000),
    );
    recent.remember(
      other,
      order({ id: 'o-9', createdAt: '2026-04-28T00:00:00Z', items: [{ id: 'x' }] }),
      new Date(t0),
    );
    const kept = await recent.recent(sklep, 10);
    expect(kept.map((o) => o.id)).toEqual(['o-2', 'o-5', 'o-4']);
    expect(kept[1]!.email).toBe('');
    expect(kept[1]!.lineItems[0]!.title).toBe('');
    expect(kept[1]!.shippingAddress?.countryCode).toBe('KR');
    expect(kept[1]!.createdAt).toEqual(new Date('2026-04-28T00:00:00Z'));
    expect((await recent.recent(other, 10)).map((o) => o.id)).toEqual(['o-9']);
  });

  it('flushes queued orders on its own, without a read', async () => {
    const recent = sqlRecentOrders(db.sql, { limitPerTenant: 10, flushIntervalMs: 20 });
    const shop = t('shop');
    recent.remember(
      shop,
      order({ id: 'o-1', createdAt: '2026-04-28T00:00:00Z', items: [{ id: 'a' }] }),
      new Date(),
    );
    await waitFor(async () => {
      const { rows } = await db.sql.query('SELECT 1 FROM eligibility_recent_orders WHERE tenant_id = $1', [
        shop,
      ]);
      return rows.length === 1;
    });
  });
}
