// Orders over real gRPC against the Shopify GraphQL fake: sign-in first, pagination, normalisation,
// strict ownership, caching, cost-based throttling and outages.

import { FinancialStatus, FulfillmentStatus, type Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import { status as grpcStatus } from '@grpc/grpc-js';
import { EN, type Harness, KO, PL, rpc, startHarness, status } from './__tests__/harness';

// Orders named with the shop's own prefix / suffix (Shopify: Settings → Checkout → Order ID format).
const PREFIXED = ['RG1041', 'KR-1042', '#1043-A'];
const base = (EN.orders as { id: string; name: string }[]).find((o) => o.name === '#3001')!;
EN.orders.push(
  ...PREFIXED.map((name, i) => ({ ...structuredClone(base), id: `42049900000${41 + i}`, name })),
);

let h: Harness;
let ko: string;
let koOther: string;
let pl: string;
let en: string;
beforeAll(async () => {
  h = await startHarness();
  [ko, koOther, pl, en] = await Promise.all([
    h.signInByEmail('demo-ko', 'minji.kim@example.kr'),
    h.signInByEmail('demo-ko', 'seojun.park@example.kr'),
    h.signInByEmail('demo-pl', 'zofia.wojcik@example.pl'),
    h.signInByEmail('demo-en', 'emma.carter@example.com'),
  ]);
});
afterAll(async () => {
  await h.close();
});
afterEach(() => h.shopify.setFaults({}));

const graphqlCalls = () => h.shopify.requests.filter((r) => r.path.endsWith('/graphql.json'));
const getOrder = (tenantId: string, sessionId: string, orderRef: string) =>
  rpc(h.orders, h.orders.getOrder, { tenantId, sessionId, orderRef });
const list = (tenantId: string, sessionId: string, pageSize: number, pageToken = '') =>
  rpc(h.orders, h.orders.listOrders, { tenantId, sessionId, pageSize, pageToken });

it('reads no order data before sign-in', async () => {
  const before = graphqlCalls().length;
  expect((await status(list('demo-ko', '', 5))).code).toBe(grpcStatus.UNAUTHENTICATED);
  expect((await status(getOrder('demo-ko', 'forged-session', '#1001'))).code).toBe(
    grpcStatus.UNAUTHENTICATED,
  );
  expect(graphqlCalls().length).toBe(before);
});

it('pages through all of the customer’s orders, newest first, and none of anyone else’s', async () => {
  const seen: Order[] = [];
  let token = '';
  let pages = 0;
  do {
    const page = await list('demo-pl', pl, 4, token);
    expect(page.orders.length).toBeLessThanOrEqual(4);
    seen.push(...page.orders);
    token = page.nextPageToken;
    pages += 1;
  } while (token && pages < 10);
  const mine = (PL.orders as { id: string; customerId: string }[])
    .filter((o) => o.customerId === '7101')
    .map((o) => o.id);
  expect(pages).toBe(3);
  expect(seen.map((o) => o.id).sort()).toEqual(mine.sort());
  expect(new Set(seen.map((o) => o.id)).size).toBe(seen.length);
  expect(seen.every((o) => o.customerId === '7101')).toBe(true);
  const created = seen.map((o) => o.createdAt!.getTime());
  expect(created).toEqual([...created].sort((a, b) => b - a));
});

it('returns a delivered order normalised for eligibility, by name, number or id', async () => {
  const byName = (await getOrder('demo-ko', ko, '#1001')).order!;
  const byNumber = (await getOrder('demo-ko', ko, '1001')).order!;
  const byId = (await getOrder('demo-ko', ko, KO.orders[0].id)).order!;
  expect(byNumber.id).toBe(byName.id);
  expect(byId.id).toBe(byName.id);
  expect(byName).toMatchObject({
    tenantId: 'demo-ko',
    name: '#1001',
    customerId: '7001',
    financialStatus: FinancialStatus.FINANCIAL_STATUS_PAID,
    fulfillmentStatus: FulfillmentStatus.FULFILLMENT_STATUS_FULFILLED,
    shippingAddress: { countryCode: 'KR', zip: '04524', city: '서울' },
  });
  expect(byName.lineItems.map((l) => [l.title, l.productType, l.tags, l.unitPrice?.currencyCode])).toEqual([
    ['린넨 오버핏 셔츠', '셔츠', ['여름', 'linen'], 'KRW'],
    ['와이드 데님 팬츠', '바지', ['denim'], 'KRW'],
  ]);
  expect(byName.lineItems[0]!.collections).toEqual(['summer']);
  const delivered = byName.fulfillments[0]!.deliveredAt!.getTime();
  expect(Date.now() - delivered).toBeGreaterThan(3.9 * 86_400_000);
  expect(Date.now() - delivered).toBeLessThan(4.1 * 86_400_000);
  expect(byName.fulfillments[0]!.lineItemIds.sort()).toEqual(byName.lineItems.map((l) => l.id).sort());
});

it('reports every demo order state: final sale, in transit, unfulfilled, cancelled, partially refunded, international', async () => {
  const o = async (ref: string) => (await getOrder('demo-en', en, ref)).order!;
  expect((await o('#3003')).lineItems[0]!.tags).toContain('final-sale');
  const inTransit = await o('#3004');
  expect(inTransit.fulfillments[0]!.deliveredAt).toBeUndefined();
  expect((await o('#3005')).fulfillmentStatus).toBe(FulfillmentStatus.FULFILLMENT_STATUS_UNFULFILLED);
  const cancelled = await o('#3006');
  expect(cancelled.cancelledAt).toBeDefined();
  expect(cancelled.financialStatus).toBe(FinancialStatus.FINANCIAL_STATUS_VOIDED);
  const refunded = await o('#3007');
  expect(refunded.financialStatus).toBe(FinancialStatus.FINANCIAL_STATUS_PARTIALLY_REFUNDED);
  expect(refunded.lineItems.map((l) => l.returnedQuantity)).toEqual([1, 0]);
  expect(refunded.refunds[0]!.amount).toEqual({ amount: '189.00', currencyCode: 'USD' });
  expect((await o('#3008')).shippingAddress!.countryCode).toBe('CA');
  const old = await o('#3002');
  expect(Date.now() - old.fulfillments[0]!.deliveredAt!.getTime()).toBeGreaterThan(90 * 86_400_000);
});

it('answers another customer’s order exactly like an order that does not exist', async () => {
  // The other customer reads their own order first, so it sits in the cache.
  expect((await getOrder('demo-ko', koOther, '#1010')).order!.customerId).toBe('7002');
  const probe = async (ref: string) => {
    const before = graphqlCalls().length;
    const started = process.hrtime.bigint();
    const s = await status(getOrder('demo-ko', ko, ref));
    return {
      ...s,
      calls: graphqlCalls().length - before,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    };
  };
  const others = await probe('#1010');
  const othersById = await probe(KO.orders[9].id);
  const missing = await probe('#9999');
  const missingId = await probe('5205000009999');
  for (const p of [others, othersById, missing, missingId]) {
    expect(p.code).toBe(grpcStatus.NOT_FOUND);
    expect(p.details).toBe('order not found');
    expect(p.calls).toBe(1);
  }
  // And the Polish shopper cannot reach a Korean order through another tenant.
  const cross = await status(getOrder('demo-pl', pl, KO.orders[0].id));
  expect(cross).toEqual({ code: grpcStatus.NOT_FOUND, details: 'order not found' });
});

it('reads every line of a large mixed cart, beyond the first page of line items', async () => {
  const order = h.shopify.shop(EN.shop.domain).fixture.orders.find((o) => o.name === '#3009')!;
  const template = order.lineItems[0]!;
  for (let i = 0; i < 20; i += 1)
    order.lineItems.push({ ...template, id: `99${String(i).padStart(4, '0')}`, sku: `HP-BULK-${i}` });
  const got = (await getOrder('demo-en', en, '#3009')).order!;
  expect(got.lineItems).toHaveLength(21);
  expect(got.lineItems.at(-1)!.sku).toBe('HP-BULK-19');
  expect(got.lineItems.at(-1)!.productType).toBe('Outerwear');
});

it('finds an order named with the shop’s prefix or suffix, however the shopper writes it, then from the cache', async () => {
  const found = async (ref: string) => (await getOrder('demo-en', en, ref)).order!.name;
  const before = graphqlCalls().length;
  expect(await found('RG1041')).toBe('RG1041');
  expect(await found('KR-1042')).toBe('KR-1042');
  expect(await found('#1043-A')).toBe('#1043-A');
  expect(graphqlCalls().length - before).toBe(3);
  // Shopify's search is asked for the name with and without the "#" (it stores "RG1041", not "#RG1041").
  const queries = graphqlCalls()
    .slice(before)
    .map((r) => JSON.stringify(r.body));
  expect(queries[0]).toContain('name:\\"RG1041\\"');
  // Typed differently ("rg1041", "#KR-1042", "1043-a"): the same orders, now from the cache.
  const cached = graphqlCalls().length;
  expect(await found('rg1041')).toBe('RG1041');
  expect(await found('#KR-1042')).toBe('KR-1042');
  expect(await found('1043-a')).toBe('#1043-A');
  expect(graphqlCalls().length).toBe(cached);
  // A plain number is still its own order, not one with a prefix.
  expect(await found('3001')).toBe('#3001');
  expect((await status(getOrder('demo-en', en, '1041'))).code).toBe(grpcStatus.NOT_FOUND);
});

it('serves a fetched order from the PostgreSQL cache without asking Shopify again', async () => {
  await getOrder('demo-pl', pl, '#2008');
  const before = graphqlCalls().length;
  const again = await getOrder('demo-pl', pl, '#2008');
  expect(again.order!.lineItems[0]!.title).toBe('Buty trekkingowe Beskid');
  expect(graphqlCalls().length).toBe(before);
});

it('waits out Shopify cost throttling (THROTTLED) and still returns the page', async () => {
  h.shopify.setThrottle(EN.shop.domain, { maximumAvailable: 1000, restoreRate: 400, currentlyAvailable: 0 });
  const before = graphqlCalls().length;
  const started = Date.now();
  const page = await list('demo-en', en, 3);
  expect(page.orders).toHaveLength(3);
  expect(page.nextPageToken).not.toBe('');
  const calls = graphqlCalls().length - before;
  expect(calls).toBe(2);
  // The retry waited for the bucket (requested cost / restore rate), not a blind fixed delay.
  expect(Date.now() - started).toBeGreaterThan(150);
  h.shopify.setThrottle(EN.shop.domain, { maximumAvailable: 100_000, restoreRate: 10_000 });
});

it('turns a Shopify outage into UNAVAILABLE, and lists cached orders meanwhile', async () => {
  await getOrder('demo-ko', ko, '#1002');
  h.shopify.setFaults({ down: true });
  const s = await status(getOrder('demo-ko', ko, '#1003'));
  expect(s.code).toBe(grpcStatus.UNAVAILABLE);
  const cached = await list('demo-ko', ko, 5);
  expect(cached.orders.map((o) => o.name)).toEqual(expect.arrayContaining(['#1001', '#1002']));
  expect(cached.orders.every((o) => o.customerId === '7001')).toBe(true);
});

it('rejects a negative page size and page tokens issued to someone else or made up', async () => {
  expect((await status(list('demo-ko', ko, -1))).code).toBe(grpcStatus.INVALID_ARGUMENT);
  const first = await list('demo-ko', ko, 2);
  expect(first.nextPageToken).not.toBe('');
  const stolen = await status(list('demo-ko', koOther, 2, first.nextPageToken));
  expect(stolen.code).toBe(grpcStatus.INVALID_ARGUMENT);
  expect((await status(list('demo-ko', ko, 2, 'garbage'))).code).toBe(grpcStatus.INVALID_ARGUMENT);
});
