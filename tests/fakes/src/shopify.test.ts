import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type ShopifyFake, startFake } from './shopify';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const KO = JSON.parse(readFileSync(path.join(FIXTURES, 'commerce-seoul-threads-ko.json'), 'utf8'));
const PL = JSON.parse(readFileSync(path.join(FIXTURES, 'commerce-wisla-outdoor-pl.json'), 'utf8'));

let fake: ShopifyFake;
beforeAll(async () => {
  fake = await startFake({ fixtures: [KO, PL] });
});
afterAll(() => fake.close());

const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${fake.url}/admin/api/2025-01/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary GraphQL JSON
  return { status: res.status, body: (await res.json()) as any };
};

it('refuses a missing or unknown access token like Shopify', async () => {
  const r = await gql('nope', '{ orders(first: 1) { nodes { id } } }');
  expect(r.status).toBe(401);
  expect(r.body.errors).toMatch(/Invalid API key or access token/);
});

it('serves each shop only its own data and validates queries against the schema', async () => {
  const ko = await gql(KO.shop.accessToken, '{ orders(first: 50) { nodes { name currencyCode } } }');
  expect(ko.body.data.orders.nodes).toHaveLength(KO.orders.length);
  expect(new Set(ko.body.data.orders.nodes.map((o: { currencyCode: string }) => o.currencyCode))).toEqual(
    new Set(['KRW']),
  );
  const bad = await gql(KO.shop.accessToken, '{ orders(first: 1) { nodes { notAField } } }');
  expect(bad.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('pages a customer’s orders with cursors and reports the query cost', async () => {
  const q = `query($id: ID!, $after: String) { customer(id: $id) { orders(first: 4, after: $after, sortKey: CREATED_AT, reverse: true) {
    nodes { name } pageInfo { hasNextPage endCursor } } } }`;
  const names: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 5; i += 1) {
    const r = await gql(PL.shop.accessToken, q, { id: 'gid://shopify/Customer/7101', after });
    expect(r.body.extensions.cost.throttleStatus.maximumAvailable).toBe(2000);
    const c = r.body.data.customer.orders;
    names.push(...c.nodes.map((n: { name: string }) => n.name));
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  expect(names).toHaveLength(9);
  expect(names).not.toContain('#2010');
  expect(names[0]).toBe('#2005'); // the newest order (placed 1 day ago)
});

it('throttles by query cost with THROTTLED and the bucket state', async () => {
  fake.setThrottle(KO.shop.domain, { maximumAvailable: 100, restoreRate: 10, currentlyAvailable: 5 });
  const r = await gql(
    KO.shop.accessToken,
    '{ orders(first: 10) { nodes { name lineItems(first: 5) { nodes { title } } } } }',
  );
  expect(r.status).toBe(429);
  expect(r.body.errors[0].extensions.code).toBe('THROTTLED');
  expect(r.body.extensions.cost.requestedQueryCost).toBeGreaterThan(
    r.body.extensions.cost.throttleStatus.currentlyAvailable,
  );
  fake.setThrottle(KO.shop.domain, { maximumAvailable: 2000, restoreRate: 100 });
});

it('signs webhooks with base64 HMAC-SHA256 of the raw body', async () => {
  let seen: { headers: http.IncomingHttpHeaders; raw: string } | undefined;
  const receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      seen = { headers: req.headers, raw };
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const payload = fake.orderPayload(KO.shop.domain, KO.orders[0].id);
  await fake.sendWebhook({ domain: KO.shop.domain, url, topic: 'orders/updated', payload });
  receiver.close();
  expect(seen!.headers['x-shopify-topic']).toBe('orders/updated');
  expect(seen!.headers['x-shopify-hmac-sha256']).toBe(
    createHmac('sha256', KO.shop.webhookSecret).update(seen!.raw).digest('base64'),
  );
  expect(JSON.parse(seen!.raw)).toMatchObject({
    id: Number(KO.orders[0].id),
    name: '#1001',
    financial_status: 'paid',
  });
});

it('runs standalone through the CLI', async () => {
  const cli = path.resolve(__dirname, '../dist/cli.js');
  const child = spawn(process.execPath, [
    cli,
    'shopify',
    '--fixtures',
    path.join(FIXTURES, 'commerce-harbor-pine-en.json'),
    '--port',
    '0',
  ]);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening on (http:\/\/\S+)/.exec(String(d));
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`cli exited ${code}`)));
  });
  const res = await fetch(`${url}/admin/api/2025-01/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_demo_en_0001' },
    body: JSON.stringify({
      query: '{ customers(first: 5, query: "email:emma.carter@example.com") { nodes { firstName } } }',
    }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test reads arbitrary GraphQL JSON
  expect(((await res.json()) as any).data.customers.nodes).toEqual([{ firstName: 'Emma' }]);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
});
