// Returns providers over real gRPC against the Loop and AfterShip fakes: portal links, return and
// refund status, provider listing, rate limits honoured, and the circuit breaker on an outage.
import { waitFor } from '@boomerang/kit/testing';
import { OrderReturnStatus } from '@boomerang/proto/boomerang/commerce/v1/order';
import {
  ProviderKind,
  RefundState,
  Resolution,
  ReturnState,
} from '@boomerang/proto/boomerang/commerce/v1/returns';
import { status as grpcStatus } from '@grpc/grpc-js';
import { type Harness, rpc, startHarness, status } from './__tests__/harness';
import { mapAfterShipReturn } from './adapters/aftership';
import { mapLoopReturn } from './adapters/loop';

let h: Harness;
const s: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ breakerResetMs: 400 });
  const who: [string, string][] = [
    ['demo-ko', 'minji.kim@example.kr'],
    ['demo-pl', 'zofia.wojcik@example.pl'],
    ['demo-en', 'emma.carter@example.com'],
    ['demo-en-other', 'emma.carter@example.com'],
    ['demo-en-badkey', 'emma.carter@example.com'],
    ['demo-ko-legacy', 'minji.kim@example.kr'],
    ['no-provider', 'emma.carter@example.com'],
  ];
  for (const [tenant, email] of who) s[tenant] = await h.signInByEmail(tenant, email);
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.loop.setFaults({});
  h.aftership.setFaults({});
});

const link = (
  tenantId: string,
  orderId: string,
  choice: { resolution?: Resolution; lineItemIds?: string[] } = {},
) =>
  rpc(h.returns, h.returns.getPortalLink, {
    tenantId,
    sessionId: s[tenantId]!,
    orderId,
    lineItemIds: choice.lineItemIds ?? [],
    resolution: choice.resolution ?? Resolution.RESOLUTION_REFUND,
  });
const returnStatus = (tenantId: string, orderId: string) =>
  rpc(h.returns, h.returns.getReturnStatus, { tenantId, sessionId: s[tenantId]!, orderId });
const getOrder = async (tenantId: string, orderRef: string) =>
  (await rpc(h.orders, h.orders.getOrder, { tenantId, sessionId: s[tenantId]!, orderRef })).order!;
const loopCalls = () => h.loop.requests.filter((r) => r.path.startsWith('/api/v1/')).length;

it('lists which provider each store has connected', async () => {
  const kinds = async (tenantId: string) =>
    (await rpc(h.returns, h.returns.listProviders, { tenantId })).providers
      .filter((p) => p.connected)
      .map((p) => p.kind);
  expect(await kinds('demo-ko')).toEqual([ProviderKind.PROVIDER_KIND_AFTERSHIP]);
  expect(await kinds('demo-pl')).toEqual([ProviderKind.PROVIDER_KIND_LOOP]);
  expect(await kinds('demo-en-other')).toEqual([ProviderKind.PROVIDER_KIND_OTHER]);
  expect(await kinds('no-provider')).toEqual([]);
  const all = await rpc(h.returns, h.returns.listProviders, { tenantId: 'demo-pl' });
  expect(JSON.stringify(all)).not.toContain('loop_demo_pl_key');
});

it('creates a Loop deep link for the shopper’s order (name + zip)', async () => {
  const r = await link('demo-pl', '#2001');
  expect(r.provider).toBe(ProviderKind.PROVIDER_KIND_LOOP);
  expect(r.url).toMatch(/^https:\/\/wisla-outdoor\.loopreturns\.com\/#\/link\/[0-9a-f-]{36}$/);
  const call = h.loop.requests.filter((q) => q.path === '/api/v1/order/link').at(-1)!;
  expect(call.headers['x-authorization']).toBe('loop_demo_pl_key');
  expect(call.body).toEqual({ name: '#2001', zip: '30-001' });
});

it('creates a Loop deep link looked up by e-mail when the shop is set up that way', async () => {
  const r = await link('demo-en', '#3001');
  expect(r.url).toMatch(/^https:\/\/returns\.harborandpine\.com\/#\/link\//);
  expect(h.loop.requests.filter((q) => q.path === '/api/v1/order/link').at(-1)!.body).toEqual({
    name: '#3001',
    zip: 'emma.carter@example.com',
  });
});

it('creates an AfterShip returns-page link (POST /returns/link, 2026-01)', async () => {
  const r = await link('demo-ko', '#1001');
  expect(r.provider).toBe(ProviderKind.PROVIDER_KIND_AFTERSHIP);
  expect(r.url).toMatch(/^https:\/\/returns\.seoul-threads\.kr\/returns\/link\//);
  const call = h.aftership.requests.filter((q) => q.path === '/returns/2026-01/returns/link').at(-1)!;
  expect(call.body).toEqual({
    order_number: '1001',
    customer_email: 'minji.kim@example.kr',
    postal_code: '04524',
  });
});

it('falls back to the portal template on AfterShip versions without the link API, and fills "other" templates', async () => {
  expect((await link('demo-ko-legacy', '#1003')).url).toBe(
    'https://returns.seoul-threads.kr/?order=1003&email=minji.kim%40example.kr',
  );
  const other = await link('demo-en-other', '#3001');
  expect(other).toMatchObject({
    provider: ProviderKind.PROVIDER_KIND_OTHER,
    url: 'https://returns.harborandpine.com/start?order=3001&email=emma.carter%40example.com&type=refund&lines=',
  });
  // What the shopper chose goes into the link, so "Start exchange" opens the exchange form.
  const exchange = await link('demo-en-other', '#3001', {
    resolution: Resolution.RESOLUTION_EXCHANGE,
    lineItemIds: ['140011', '140012'],
  });
  expect(exchange.url).toBe(
    'https://returns.harborandpine.com/start?order=3001&email=emma.carter%40example.com&type=exchange&lines=140011%2C140012',
  );
  // A line that is not the order's is refused, not put into a link.
  const stray = await status(
    link('demo-en-other', '#3001', { resolution: Resolution.RESOLUTION_EXCHANGE, lineItemIds: ['999'] }),
  );
  expect(stray).toEqual({
    code: grpcStatus.INVALID_ARGUMENT,
    details: expect.stringContaining('line_item_ids'),
  });
  expect((await status(returnStatus('demo-en-other', '#3001'))).code).toBe(grpcStatus.FAILED_PRECONDITION);
});

it('never links or reports another customer’s order', async () => {
  const before = loopCalls();
  expect(await status(link('demo-pl', '#2010'))).toEqual({
    code: grpcStatus.NOT_FOUND,
    details: 'order not found',
  });
  expect(await status(returnStatus('demo-pl', '#2010'))).toEqual({
    code: grpcStatus.NOT_FOUND,
    details: 'order not found',
  });
  expect(loopCalls()).toBe(before);
});

it('reports Loop return and refund states with amounts', async () => {
  const open = (await returnStatus('demo-pl', '#2001')).returns;
  expect(open).toHaveLength(1);
  expect(open[0]).toMatchObject({
    state: ReturnState.RETURN_STATE_REQUESTED,
    refundState: RefundState.REFUND_STATE_PENDING,
    resolution: Resolution.RESOLUTION_REFUND,
  });
  const closed = (await returnStatus('demo-pl', '#2007')).returns[0]!;
  expect(closed).toMatchObject({
    state: ReturnState.RETURN_STATE_CLOSED,
    refundState: RefundState.REFUND_STATE_ISSUED,
    refundAmount: { amount: '349.00', currencyCode: 'PLN' },
  });
  const exchange = (await returnStatus('demo-pl', '#2009')).returns[0]!;
  expect(exchange).toMatchObject({
    resolution: Resolution.RESOLUTION_EXCHANGE,
    refundState: RefundState.REFUND_STATE_NONE,
  });
  expect((await returnStatus('demo-pl', '#2002')).returns[0]!.state).toBe(ReturnState.RETURN_STATE_CANCELLED);
  expect((await returnStatus('demo-pl', '#2004')).returns).toEqual([]);
});

it('reports AfterShip return and refund states, including a failed refund', async () => {
  const inTransit = (await returnStatus('demo-ko', '#1001')).returns[0]!;
  expect(inTransit).toMatchObject({
    state: ReturnState.RETURN_STATE_IN_TRANSIT,
    refundState: RefundState.REFUND_STATE_PENDING,
  });
  const done = (await returnStatus('demo-ko', '#1007')).returns[0]!;
  expect(done).toMatchObject({
    state: ReturnState.RETURN_STATE_CLOSED,
    refundState: RefundState.REFUND_STATE_ISSUED,
    refundAmount: { amount: '59000', currencyCode: 'KRW' },
  });
  const failed = (await returnStatus('demo-ko', '#1009')).returns[0]!;
  expect(failed).toMatchObject({
    state: ReturnState.RETURN_STATE_RECEIVED,
    refundState: RefundState.REFUND_STATE_FAILED,
  });
  expect((await returnStatus('demo-ko', '#1002')).returns[0]!.state).toBe(ReturnState.RETURN_STATE_REJECTED);
});

it('honours Retry-After on a 429 and succeeds on the retry', async () => {
  h.aftership.setFaults({ rateLimitNext: 1, retryAfterSeconds: 1 });
  const before = h.aftership.requests.length;
  const started = Date.now();
  const r = await returnStatus('demo-ko', '#1007');
  expect(r.returns).toHaveLength(1);
  expect(h.aftership.requests.length - before).toBe(2);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
});

it('a provider that keeps rate limiting answers UNAVAILABLE with when to retry, but never opens the circuit', async () => {
  // Retry-After beyond what a shopper can wait (2.5 s here): the call gives up at once, each time.
  h.aftership.setFaults({ rateLimitNext: 20, retryAfterSeconds: 30 });
  for (let i = 0; i < 6; i += 1) {
    const r = await status(returnStatus('demo-ko', '#1007'));
    expect(r.code).toBe(grpcStatus.UNAVAILABLE);
    expect(r.details).toMatch(/rate limiting/);
  }
  // Other shoppers of the store are not turned away as if it were down.
  expect(h.server.breakerStates()['aftership:demo-ko']).toBe('closed');
  h.aftership.setFaults({});
  expect((await returnStatus('demo-ko', '#1007')).returns).toHaveLength(1);
});

it('maps a refused API key to FAILED_PRECONDITION and no provider to FAILED_PRECONDITION', async () => {
  const bad = await status(link('demo-en-badkey', '#3001'));
  expect(bad.code).toBe(grpcStatus.FAILED_PRECONDITION);
  expect(bad.details).toMatch(/API key/);
  expect((await status(link('no-provider', '#3001'))).code).toBe(grpcStatus.FAILED_PRECONDITION);
  expect(h.server.breakerStates()['loop:demo-en-badkey']).toBe('closed');
});

it('opens the breaker during a provider outage, fails fast, and recovers when the provider is back', async () => {
  h.loop.setFaults({ down: true });
  for (let i = 0; i < 4; i += 1) {
    const r = await status(returnStatus('demo-en', '#3001'));
    expect(r.code).toBe(grpcStatus.UNAVAILABLE);
  }
  expect(h.server.breakerStates()['loop:demo-en']).toBe('open');
  const before = loopCalls();
  const fast = await status(returnStatus('demo-en', '#3001'));
  expect(fast.code).toBe(grpcStatus.UNAVAILABLE);
  expect(fast.details).toMatch(/temporarily unavailable/);
  expect(loopCalls()).toBe(before);
  // Another tenant on the same provider is not affected by this tenant's breaker.
  expect(h.server.breakerStates()['loop:demo-pl']).toBe('closed');
  h.loop.setFaults({});
  const back = await waitFor(
    async () => {
      try {
        return await returnStatus('demo-en', '#3001');
      } catch {
        return undefined;
      }
    },
    { timeoutMs: 5000, intervalMs: 100 },
  );
  expect(back.returns[0]!.refundState).toBe(RefundState.REFUND_STATE_PENDING);
  expect(h.server.breakerStates()['loop:demo-en']).toBe('closed');
});

describe('GetOrder carries the returns already started, so eligibility does not offer them again', () => {
  const DAY = 86_400_000;
  const ago = (d: Date | undefined) => (Date.now() - d!.getTime()) / DAY;

  it('Loop: an open return and one under review are open, per line and quantity, with the date asked', async () => {
    const o2001 = await getOrder('demo-pl', '#2001');
    expect(o2001.returns).toHaveLength(1);
    expect(o2001.returns[0]).toMatchObject({
      id: '71001',
      status: OrderReturnStatus.ORDER_RETURN_STATUS_OPEN,
      source: 'loop',
      lines: [{ lineItemId: '160012', quantity: 1 }],
    });
    expect(ago(o2001.returns[0]!.requestedAt)).toBeCloseTo(2, 0);
    const review = (await getOrder('demo-pl', '#2009')).returns[0]!;
    expect(review.status).toBe(OrderReturnStatus.ORDER_RETURN_STATUS_OPEN);
    expect(review.lines).toEqual([{ lineItemId: '160091', quantity: 1 }]);
  });

  it('Loop: a closed (refunded) return is completed and a cancelled one declined', async () => {
    expect((await getOrder('demo-pl', '#2007')).returns.map((r) => r.status)).toEqual([
      OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED,
    ]);
    expect((await getOrder('demo-pl', '#2002')).returns.map((r) => r.status)).toEqual([
      OrderReturnStatus.ORDER_RETURN_STATUS_DECLINED,
    ]);
    expect((await getOrder('demo-pl', '#2004')).returns).toEqual([]);
  });

  it('AfterShip: approved in transit and received with a failed refund are open; done is completed; rejected declined', async () => {
    const o1001 = await getOrder('demo-ko', '#1001');
    expect(o1001.returns).toEqual([
      expect.objectContaining({
        id: 'ret_ko_0001',
        status: OrderReturnStatus.ORDER_RETURN_STATUS_OPEN,
        source: 'aftership',
        lines: [{ lineItemId: '150012', quantity: 1 }],
      }),
    ]);
    expect(ago(o1001.returns[0]!.requestedAt)).toBeCloseTo(2, 0);
    const status = async (ref: string) => (await getOrder('demo-ko', ref)).returns.map((r) => r.status);
    expect(await status('#1009')).toEqual([OrderReturnStatus.ORDER_RETURN_STATUS_OPEN]);
    expect(await status('#1007')).toEqual([OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED]);
    expect(await status('#1002')).toEqual([OrderReturnStatus.ORDER_RETURN_STATUS_DECLINED]);
  });

  it('a plain portal: the returns recorded in Shopify itself (requested/open, closed, declined); never added to Loop’s', async () => {
    expect((await getOrder('demo-en-other', '#3001')).returns).toEqual([]);
    const shop = h.shopify.shop('harbor-pine.myshopify.com');
    const o3001 = shop.fixture.orders.find((o) => o.name === '#3001')!;
    // Without returns in Shopify a plain portal still can't tell (its own records may differ).
    expect((await status(returnStatus('demo-en-other', '#3001'))).code).toBe(grpcStatus.FAILED_PRECONDITION);
    o3001.shopifyReturns = [
      { id: '9001', status: 'REQUESTED', lines: [{ lineItemId: '140011', quantity: 1 }] },
      { id: '9002', status: 'DECLINED', lines: [{ lineItemId: '140012', quantity: 1 }] },
      { id: '9003', status: 'CLOSED', lines: [{ lineItemId: '140012', quantity: 1 }], refundIds: ['r-9003'] },
    ];
    o3001.refunds = [
      {
        id: 'r-9003',
        createdAt: '2025-03-01T10:00:00Z',
        amount: '128.00',
        lines: [{ lineItemId: '140012', quantity: 1 }],
      },
    ];
    try {
      // Refund status from Shopify: the states, and the refund Shopify links to the closed return.
      const statuses = (await returnStatus('demo-en-other', '#3001')).returns;
      expect(statuses.map((r) => [r.returnId, r.state, r.refundState, r.refundAmount, r.lines])).toEqual([
        [
          '9001',
          ReturnState.RETURN_STATE_REQUESTED,
          RefundState.REFUND_STATE_NONE,
          undefined,
          [{ lineItemId: '140011', quantity: 1 }],
        ],
        [
          '9002',
          ReturnState.RETURN_STATE_REJECTED,
          RefundState.REFUND_STATE_NONE,
          undefined,
          [{ lineItemId: '140012', quantity: 1 }],
        ],
        [
          '9003',
          ReturnState.RETURN_STATE_CLOSED,
          RefundState.REFUND_STATE_ISSUED,
          { amount: '128.00', currencyCode: 'USD' },
          [{ lineItemId: '140012', quantity: 1 }],
        ],
      ]);
      expect(statuses[2]!.updatedAt).toEqual(new Date('2025-03-01T10:00:00Z'));
      // Another customer's order stays NOT_FOUND, Shopify returns or not.
      expect((await status(returnStatus('demo-en-other', '#3010'))).code).toBe(grpcStatus.NOT_FOUND);
      const o = await getOrder('demo-en-other', '#3001');
      expect(o.returns.map((r) => [r.id, r.status, r.source, r.lines])).toEqual([
        [
          '9001',
          OrderReturnStatus.ORDER_RETURN_STATUS_OPEN,
          'shopify',
          [{ lineItemId: '140011', quantity: 1 }],
        ],
        [
          '9002',
          OrderReturnStatus.ORDER_RETURN_STATUS_DECLINED,
          'shopify',
          [{ lineItemId: '140012', quantity: 1 }],
        ],
        [
          '9003',
          OrderReturnStatus.ORDER_RETURN_STATUS_COMPLETED,
          'shopify',
          [{ lineItemId: '140012', quantity: 1 }],
        ],
      ]);
      // The same shop behind Loop: Loop's returns only (Loop writes its returns into Shopify too).
      expect((await getOrder('demo-en', '#3001')).returns.every((r) => r.source === 'loop')).toBe(true);
      // A token without read_returns: the order is still served, without returns, and the log says why.
      shop.fixture.shop.scopes = ['read_orders', 'read_customers', 'read_products'];
      const denied = await getOrder('demo-en-other', '#3001');
      expect([denied.name, denied.returns]).toEqual(['#3001', []]);
      expect(h.logs.join('\n')).toContain('read_returns');
    } finally {
      o3001.shopifyReturns = undefined;
      o3001.refunds = undefined;
      shop.fixture.shop.scopes = undefined;
    }
  });

  it('ListOrders carries no returns (GetOrder does)', async () => {
    const list = await rpc(h.orders, h.orders.listOrders, {
      tenantId: 'demo-pl',
      sessionId: s['demo-pl']!,
      pageSize: 10,
      pageToken: '',
    });
    expect(list.orders.every((o) => o.returns.length === 0)).toBe(true);
  });

  it('a returns provider outage does not hide the order: it is served without its returns', async () => {
    h.aftership.setFaults({ down: true });
    const started = Date.now();
    const o = await getOrder('demo-ko', '#1001');
    expect(o.name).toBe('#1001');
    expect(o.lineItems).toHaveLength(2);
    expect(o.returns).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(h.logs.join('\n')).toContain('returns provider unavailable');
  });
});

it('counts units per line whether the provider lists a line once per unit or once with a quantity', () => {
  const perUnit = mapLoopReturn({
    id: 1,
    state: 'open',
    created_at: '2026-03-02T10:00:00Z',
    line_items: [{ provider_line_item_id: 11 }, { provider_line_item_id: 11 }, { provider_line_item_id: 12 }],
  });
  expect(perUnit.lines).toEqual([
    { lineItemId: '11', quantity: 2 },
    { lineItemId: '12', quantity: 1 },
  ]);
  expect(perUnit.requestedAt).toEqual(new Date('2026-03-02T10:00:00Z'));
  const withQty = mapAfterShipReturn({
    id: 'r',
    created_at: '2026-03-02T10:00:00Z',
    return_items: [
      { external_order_item_id: '11', intended_return_quantity: 3 },
      { external_order_item_id: '' },
    ],
  });
  expect(withQty.lines).toEqual([{ lineItemId: '11', quantity: 3 }]);
});

// Last: its many successful calls would dilute the breaker tests' error rate within their 10 s window.
it('probing every recent order for a return fits a standard Shopify bucket (light lookups, not whole orders)', async () => {
  // What the agent does for "where is my refund?": up to 10 orders, 3 at a time. A standard shop:
  // 2000 points, 100 restored per second. Whole-order reads (~650 points each) throttled here.
  for (const [tenant, domain] of [
    ['demo-en', 'harbor-pine.myshopify.com'],
    ['demo-en-other', 'harbor-pine.myshopify.com'],
  ] as const) {
    h.shopify.setThrottle(domain, { maximumAvailable: 2000, restoreRate: 100, currentlyAvailable: 2000 });
    const orders = ['#3001', '#3002', '#3003', '#3004', '#3005', '#3006', '#3007', '#3008', '#3009'];
    const failed: string[] = [];
    for (let i = 0; i < orders.length; i += 3)
      await Promise.all(
        orders.slice(i, i + 3).map(async (o) => {
          try {
            await returnStatus(tenant, o);
          } catch (err) {
            // A plain portal with no Shopify return for the order says it can't tell: not a failure here.
            if ((err as { code?: number }).code !== grpcStatus.FAILED_PRECONDITION) failed.push(o);
          }
        }),
      );
    expect({ tenant, failed }).toEqual({ tenant, failed: [] });
  }
  h.shopify.setThrottle('harbor-pine.myshopify.com', { maximumAvailable: 100_000, restoreRate: 10_000 });
});
