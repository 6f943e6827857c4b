// Wire tests: the real gRPC server on port 0 (PGlite), called through the kit client.
import { checkHealth, createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { silentLogger } from '@boomerang/kit/logger';
import { createMetrics, type Metrics } from '@boomerang/kit/metrics';
import { openTestSql } from '@boomerang/kit/sql';
import { uniqueName } from '@boomerang/kit/testing';
import { Resolution } from '@boomerang/proto/boomerang/commerce/v1/returns';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { order, REALISTIC_POLICY } from '../test/fixtures';
import { createServer, type EligibilityServer } from './server';

const NOW = new Date('2026-05-20T10:00:00Z');
const polish = (tenantId: string, id = 'gid://shopify/Order/5001') => ({
  ...order({
    id,
    createdAt: '2026-05-02T08:00:00Z',
    deliveredAt: '2026-05-05T09:00:00Z',
    country: 'PL',
    items: [
      { id: 'sukienka', title: 'Sukienka lniana', price: '199.00', currency: 'PLN' },
      { id: 'koszula', tags: ['final-sale'], price: '89.00', currency: 'PLN' },
      { id: 'spodnie', tags: ['Wyprzedaz'], price: '129.00', currency: 'PLN' },
    ],
  }),
  tenantId,
});
const withTenant = (o: ReturnType<typeof order>, tenantId: string) => ({ ...o, tenantId });

describe('EligibilityService over gRPC', () => {
  let db: Awaited<ReturnType<typeof openTestSql>>;
  let server: EligibilityServer;
  let client: PromiseClient<EligibilityServiceClient>;
  let address: string;
  let metrics: Metrics;

  beforeAll(async () => {
    db = await openTestSql(process.env.DATABASE_URL);
    metrics = createMetrics('eligibility', { defaultMetrics: false });
    server = createServer({ sql: db.sql, logger: silentLogger(), metrics, clock: () => NOW });
    const { grpcPort } = await server.start({ grpcPort: 0, host: '127.0.0.1' });
    address = `127.0.0.1:${grpcPort}`;
    client = createClient(EligibilityServiceClient, address, { deadlineMs: 10_000 });
  });
  afterAll(async () => {
    client?.close();
    await server?.stop();
    await db?.drop();
  });

  it('reports SERVING on grpc.health.v1', async () => {
    expect(await checkHealth(address, 'boomerang.eligibility.v1.EligibilityService')).toBe('SERVING');
    expect(await checkHealth(address, '')).toBe('SERVING');
  });

  it('versions policies, refuses stale writes and invalid policies, and keeps old versions readable', async () => {
    const tenant = uniqueName('sklep');
    await expect(client.getPolicy({ tenantId: tenant, version: 0 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await client.putPolicy({
        tenantId: tenant,
        policyJson: JSON.stringify(REALISTIC_POLICY),
        expectedVersion: 0,
      }),
    ).toEqual({ version: 1 });
    const v2 = { ...REALISTIC_POLICY, returnWindow: { days: 14, startsAt: 'delivery' } };
    await expect(
      client.putPolicy({ tenantId: tenant, policyJson: JSON.stringify(v2), expectedVersion: 0 }),
    ).rejects.toMatchObject({
      code: 'ABORTED',
    });
    expect(
      await client.putPolicy({ tenantId: tenant, policyJson: JSON.stringify(v2), expectedVersion: 1 }),
    ).toEqual({ version: 2 });

    const bad = { ...REALISTIC_POLICY, returnWindow: { days: -3, startsAt: 'delivery' } };
    await expect(
      client.putPolicy({ tenantId: tenant, policyJson: JSON.stringify(bad), expectedVersion: 2 }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'policy_json.returnWindow.days',
    });
    const latest = await client.getPolicy({ tenantId: tenant, version: 0 });
    expect(latest.version).toBe(2); // nothing stored by the invalid attempt
    expect(JSON.parse(latest.policyJson).returnWindow.days).toBe(14);
    expect(latest.createdAt).toBeInstanceOf(Date);
    expect(
      JSON.parse((await client.getPolicy({ tenantId: tenant, version: 1 })).policyJson).returnWindow.days,
    ).toBe(30);
    await expect(client.getPolicy({ tenantId: tenant, version: 7 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('checks a mixed cart per line item, with reasons, trace and a Korean explanation', async () => {
    const tenant = uniqueName('shop');
    await client.putPolicy({
      tenantId: tenant,
      policyJson: JSON.stringify(REALISTIC_POLICY),
      expectedVersion: 0,
    });
    const res = await client.check({
      tenantId: tenant,
      order: withTenant(polish(tenant), tenant),
      now: NOW,
      policyVersion: 0,
      locale: 'ko-KR',
    });
    expect(res.policyVersion).toBe(1);
    const [dress, shirt, trousers] = res.decisions;
    expect(dress).toMatchObject({
      lineItemId: 'sukienka',
      eligible: true,
      deadline: '2026-06-04',
      exchangeDeadline: '2026-07-04',
      returnableQuantity: 1,
      storeCreditBonusPercent: 10,
      allowedResolutions: [
        Resolution.RESOLUTION_REFUND,
        Resolution.RESOLUTION_EXCHANGE,
        Resolution.RESOLUTION_STORE_CREDIT,
      ],
    });
    expect(dress!.explanation).toContain('2026년 6월 4일까지 신청 가능: 환불, 적립금(+10% 보너스).');
    expect(shirt).toMatchObject({ eligible: false, reasonCodes: ['FINAL_SALE'], allowedResolutions: [] });
    expect(shirt!.explanation).toBe('이 상품은 반품할 수 없습니다. 최종 세일 상품입니다.');
    expect(trousers).toMatchObject({
      eligible: true,
      reasonCodes: ['FINAL_SALE'],
      allowedResolutions: [Resolution.RESOLUTION_EXCHANGE],
    });
    const fired = shirt!.trace.find((t) => t.rule === 'final-sale:final-sale')!;
    expect(fired.fired).toBe(true);
    expect(JSON.parse(fired.factsJson)).toEqual({ tags: ['final-sale'] });
    const window = dress!.trace.find((t) => t.rule === 'return-window')!;
    expect(window.fired).toBe(false);
    expect(JSON.parse(window.factsJson)).toEqual({ daysPastReturnDeadline: -15 });

    const exported = await metrics.registry.metrics();
    expect(exported).toMatch(
      /boomerang_eligibility_decisions_total\{eligible="false",reason="FINAL_SALE",service="eligibility"\} [1-9]/,
    );
    expect(exported).toMatch(
      /boomerang_rpc_duration_seconds_count\{service="boomerang.eligibility.v1.EligibilityService",method="Check",code="OK"\} [1-9]/,
    );
  });

  it('records and honours the policy version used', async () => {
    const tenant = uniqueName('shop');
    await client.putPolicy({
      tenantId: tenant,
      policyJson: JSON.stringify(REALISTIC_POLICY),
      expectedVersion: 0,
    });
    const strict = {
      ...REALISTIC_POLICY,
      returnWindow: { days: 7, startsAt: 'delivery' },
      exchangeWindow: undefined,
    };
    await client.putPolicy({ tenantId: tenant, policyJson: JSON.stringify(strict), expectedVersion: 1 });
    const o = withTenant(polish(tenant), tenant);
    const latest = await client.check({
      tenantId: tenant,
      order: o,
      now: NOW,
      policyVersion: 0,
      locale: 'pl',
    });
    expect(latest.policyVersion).toBe(2);
    expect(latest.decisions[0]).toMatchObject({
      eligible: false,
      deadline: '2026-05-12',
      reasonCodes: ['WINDOW_EXPIRED'],
    });
    expect(latest.decisions[0]!.explanation).toBe(
      'Tego produktu nie można zwrócić. Termin na zwrot minął 12 maja 2026.',
    );
    const pinned = await client.check({
      tenantId: tenant,
      order: o,
      now: NOW,
      policyVersion: 1,
      locale: 'en',
    });
    expect(pinned.policyVersion).toBe(1);
    expect(pinned.decisions[0]).toMatchObject({ eligible: true, deadline: '2026-06-04' });
    await expect(
      client.check({ tenantId: tenant, order: o, now: NOW, policyVersion: 3, locale: 'en' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad requests with the failing field', async () => {
    const tenant = uniqueName('shop');
    const unknown = uniqueName('unknown');
    await expect(
      client.check({ tenantId: unknown, order: polish(unknown), now: NOW, policyVersion: 0, locale: 'en' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await client.putPolicy({
      tenantId: tenant,
      policyJson: JSON.stringify(REALISTIC_POLICY),
      expectedVersion: 0,
    });
    const zero = polish(tenant);
    zero.lineItems[1]!.quantity = 0;
    await expect(
      client.check({ tenantId: tenant, order: zero, now: NOW, policyVersion: 0, locale: 'en' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'order.line_items[1].quantity',
    });
    await expect(
      client.check({ tenantId: tenant, order: undefined, now: NOW, policyVersion: 0, locale: 'en' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'order',
    });
    await expect(
      client.check({
        tenantId: tenant,
        order: withTenant(polish(tenant), 'someone-else'),
        now: NOW,
        policyVersion: 0,
        locale: 'en',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'order.tenant_id',
    });
    await expect(
      client.putPolicy({ tenantId: '', policyJson: '{}', expectedVersion: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'tenant_id' });
    await expect(
      client.simulate({
        tenantId: tenant,
        draftPolicyJson: '{"schemaVersion":2}',
        orders: [],
        now: NOW,
        locale: 'en',
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'draft_policy_json.schemaVersion',
    });
  });

  it('simulates a draft against given orders and against the orders Check has seen', async () => {
    const tenant = uniqueName('shop');
    await client.putPolicy({
      tenantId: tenant,
      policyJson: JSON.stringify(REALISTIC_POLICY),
      expectedVersion: 0,
    });
    const draft = JSON.stringify({
      ...REALISTIC_POLICY,
      finalSale: [],
      returnWindow: { days: 30, startsAt: 'delivery' },
    });
    const given = await client.simulate({
      tenantId: tenant,
      draftPolicyJson: draft,
      orders: [polish(tenant)],
      now: NOW,
      locale: 'pl',
    });
    expect(given).toMatchObject({ basePolicyVersion: 1, orders: 1, evaluated: 3, changed: 2 });
    const shirt = given.changes.find((c) => c.lineItemId === 'koszula')!;
    expect(shirt.before).toMatchObject({ eligible: false, reasonCodes: ['FINAL_SALE'] });
    expect(shirt.after).toMatchObject({ eligible: true, reasonCodes: [] });
    expect(shirt.after!.explanation).toBe(
      'Można zgłosić do 4 czerwca 2026: zwrot pieniędzy, bon sklepowy (+10% bonusu). Można zgłosić do 4 lipca 2026: wymiana.',
    );

    // Nothing seen yet → nothing evaluated; then two orders go through Check.
    expect(
      await client.simulate({ tenantId: tenant, draftPolicyJson: draft, orders: [], now: NOW, locale: 'en' }),
    ).toMatchObject({ orders: 0, evaluated: 0 });
    await client.check({
      tenantId: tenant,
      order: polish(tenant, 'o-1'),
      now: NOW,
      policyVersion: 0,
      locale: 'en',
    });
    await client.check({
      tenantId: tenant,
      order: polish(tenant, 'o-2'),
      now: NOW,
      policyVersion: 0,
      locale: 'en',
    });
    const stored = await client.simulate({
      tenantId: tenant,
      draftPolicyJson: draft,
      orders: [],
      now: NOW,
      locale: 'en',
    });
    expect(stored).toMatchObject({ orders: 2, evaluated: 6, changed: 4 });
    expect(new Set(stored.changes.map((c) => c.orderId))).toEqual(new Set(['o-1', 'o-2']));
  });
  it('sends returns in progress and conditions over the wire, per line, in Korean and Polish', async () => {
    const tenant = uniqueName('seoul');
    const p = {
      schemaVersion: 1,
      timeZone: 'Asia/Seoul',
      storeCountry: 'KR',
      returnWindow: { days: 14, startsAt: 'delivery' },
      overrides: [{ match: { tag: 'hygiene' }, condition: 'unopened' }],
      finalSale: [{ tag: 'final-sale', behaviour: 'not_returnable' }],
      resolutions: { refund: true, exchange: true, storeCredit: false },
    };
    await client.putPolicy({ tenantId: tenant, policyJson: JSON.stringify(p), expectedVersion: 0 });
    const o = withTenant(
      order({
        createdAt: '2026-05-10T08:00:00Z',
        deliveredAt: '2026-05-12T09:00:00Z',
        items: [
          { id: 'shirt', title: '린넨 셔츠' },
          { id: 'denim', title: '데님 팬츠' },
          { id: 'underwear', title: '언더웨어 세트', tags: ['hygiene'], quantity: 2 },
        ],
        returns: [
          { requestedAt: '2026-05-18T16:00:00Z', lines: [{ lineItemId: 'denim', quantity: 1 }] },
          { requestedAt: '2026-05-18T16:00:00Z', lines: [{ lineItemId: 'underwear', quantity: 1 }] },
        ],
      }),
      tenant,
    );
    const ko = await client.check({ tenantId: tenant, order: o, now: NOW, policyVersion: 0, locale: 'ko' });
    const [shirt, denim, underwear] = ko.decisions;
    expect(shirt).toMatchObject({
      eligible: true,
      reasonCodes: [],
      inReturnQuantity: 0,
      returnRequestedOn: '',
    });
    expect(denim).toMatchObject({
      eligible: false,
      allowedResolutions: [],
      reasonCodes: ['RETURN_IN_PROGRESS'],
      inReturnQuantity: 1,
      returnRequestedOn: '2026-05-19',
      explanation:
        '이 상품은 이미 반품이 진행 중입니다(2026년 5월 19일 신청). 반품을 새로 신청할 수 없습니다.',
    });
    expect(underwear).toMatchObject({
      eligible: true,
      returnableQuantity: 1,
      inReturnQuantity: 1,
      reasonCodes: ['RETURN_IN_PROGRESS', 'RETURN_CONDITION'],
      conditions: [{ code: 'UNOPENED', text: '포장을 개봉하지 않은 경우에만 반품할 수 있습니다.' }],
    });
    expect(underwear!.explanation).toContain('2개 중 1개는 이미 반품이 진행 중입니다');
    const pl = await client.check({ tenantId: tenant, order: o, now: NOW, policyVersion: 0, locale: 'pl' });
    expect(pl.decisions[2]!.conditions).toEqual([
      { code: 'UNOPENED', text: 'Zwrot możliwy tylko wtedy, gdy opakowanie nie zostało otwarte.' },
    ]);
  });
});
