import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type AfterShipFake, startFake as startAfterShip } from './aftership';
import { type LoopFake, startFake as startLoop } from './loop';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const PL = JSON.parse(readFileSync(path.join(FIXTURES, 'commerce-wisla-outdoor-pl.json'), 'utf8'));
const KO = JSON.parse(readFileSync(path.join(FIXTURES, 'commerce-seoul-threads-ko.json'), 'utf8'));

let loop: LoopFake;
let aftership: AfterShipFake;
beforeAll(async () => {
  [loop, aftership] = await Promise.all([startLoop({ fixtures: [PL] }), startAfterShip({ fixtures: [KO] })]);
});
afterAll(async () => {
  await Promise.all([loop.close(), aftership.close()]);
});

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary vendor JSON
const json = async (res: Response): Promise<any> => res.json();

describe('Loop fake', () => {
  const get = (p: string, key = PL.loop.apiKey) =>
    fetch(`${loop.url}/api/v1${p}`, { headers: { 'x-authorization': key } });

  it('needs X-Authorization and answers 429 past the per-minute limit', async () => {
    expect((await get('/warehouse/return/list', 'bad')).status).toBe(401);
    loop.setRateLimit(2);
    await get('/warehouse/return/list');
    await get('/warehouse/return/list');
    const limited = await get('/warehouse/return/list');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    loop.setRateLimit(300);
  });

  it('paginates the detailed returns list with absolute nextPageUrl links', async () => {
    const ids: number[] = [];
    let next: string | null = `${loop.url}/api/v1/warehouse/return/list?paginate=true&pageSize=3`;
    while (next) {
      const page = await json(await fetch(next, { headers: { 'x-authorization': PL.loop.apiKey } }));
      ids.push(...page.returns.map((r: { id: number }) => r.id));
      next = page.nextPageUrl;
    }
    expect(ids.sort()).toEqual(PL.returns.loop.map((r: { id: number }) => r.id).sort());
  });

  it('creates deep links only for a matching order name and zip/e-mail', async () => {
    const post = (body: unknown) =>
      fetch(`${loop.url}/api/v1/order/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-authorization': PL.loop.apiKey },
        body: JSON.stringify(body),
      });
    expect((await json(await post({ name: '#2001', zip: '30-001' }))).url).toMatch(
      /^https:\/\/wisla-outdoor\.loopreturns\.com\/#\/link\//,
    );
    expect((await post({ name: '#2001', zip: 'zofia.wojcik@example.pl' })).status).toBe(200);
    expect((await post({ name: '#2001', zip: '99-999' })).status).toBe(404);
    expect((await post({ name: '#2001' })).status).toBe(422);
    // Every link is its own: two orders (or the same one twice) never share a link.
    const urls = await Promise.all(
      [
        { name: '#2001', zip: '30-001' },
        { name: '#2002', zip: '30-001' },
        { name: '#2001', zip: '30-001' },
      ].map(async (b) => (await json(await post(b))).url as string),
    );
    expect(new Set(urls).size).toBe(3);
  });
});

describe('stand-in portal pages (demos)', () => {
  it('links to a page of the fake that shows the order the link opened (Loop, AfterShip)', async () => {
    const [l, a] = await Promise.all([
      startLoop({ fixtures: [PL], portalBaseUrl: 'self' }),
      startAfterShip({ fixtures: [KO], portalBaseUrl: 'self' }),
    ]);
    try {
      const loopLink = await json(
        await fetch(`${l.url}/api/v1/order/link`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-authorization': PL.loop.apiKey },
          body: JSON.stringify({ name: '#2002', zip: '30-001' }),
        }),
      );
      expect(loopLink.url.startsWith(`${l.url}/portal/link/`)).toBe(true);
      const page = await fetch(loopLink.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Order #2002');
      const asLink = await json(
        await fetch(`${a.url}/returns/2026-01/returns/link`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'as-api-key': KO.aftership.apiKey },
          body: JSON.stringify({ order_number: '1001', customer_email: 'minji.kim@example.kr' }),
        }),
      );
      const koPage = await (await fetch(asLink.data.url)).text();
      expect(koPage).toContain('Order #1001');
      expect(koPage).toContain('AfterShip');
      expect((await fetch(`${a.url}/portal/link/nope`)).status).toBe(404);
    } finally {
      await Promise.all([l.close(), a.close()]);
    }
  });
});

describe('AfterShip fake', () => {
  const base = () => `${aftership.url}/returns/2026-01`;
  it('wraps answers in meta/data and filters returns by order name', async () => {
    const r = await json(
      await fetch(`${base()}/returns?order_name=%231007`, { headers: { 'as-api-key': KO.aftership.apiKey } }),
    );
    expect(r.meta.code).toBe(20000);
    expect(r.data.returns).toHaveLength(1);
    expect(r.data.returns[0]).toMatchObject({
      approval_status: 'done',
      refunded_total: { amount: '59000', currency: 'KRW' },
    });
    const missing = await fetch(`${base()}/returns/nope`, { headers: { 'as-api-key': KO.aftership.apiKey } });
    expect(missing.status).toBe(404);
    expect((await json(missing)).meta).toMatchObject({ code: 40400, type: 'NotFound' });
    expect((await fetch(`${base()}/returns`, { headers: { 'as-api-key': 'bad' } })).status).toBe(401);
  });

  it('offers POST /returns/link from 2026-01 only', async () => {
    const post = (version: string) =>
      fetch(`${aftership.url}/returns/${version}/returns/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'as-api-key': KO.aftership.apiKey },
        body: JSON.stringify({ order_number: '1001', customer_email: 'minji.kim@example.kr' }),
      });
    const ok = await post('2026-01');
    expect(ok.status).toBe(201);
    expect((await json(ok)).data.url).toMatch(/^https:\/\/returns\.seoul-threads\.kr\//);
    expect((await post('2025-04')).status).toBe(404);
  });

  it('answers 429 with ratelimit headers past 10 requests per second', async () => {
    aftership.setRateLimit(1);
    const h = { headers: { 'as-api-key': KO.aftership.apiKey } };
    await fetch(`${base()}/returns`, h);
    const limited = await fetch(`${base()}/returns`, h);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-limit')).toBe('1');
    expect(limited.headers.get('retry-after')).not.toBeNull();
    aftership.setRateLimit(10);
  });
});
