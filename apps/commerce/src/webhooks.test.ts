// Commerce webhooks over real HTTP: signed deliveries from the fakes refresh the cache and publish
// one CommerceEvent each; forged, tampered, replayed, stale and oversized deliveries are refused.

import { createHmac } from 'node:crypto';
import { waitFor } from '@boomerang/kit/testing';
import { CommerceEvent } from '@boomerang/proto/boomerang/events/v1/commerce';
import { EN, type Harness, KO, PL, rpc, startHarness } from './__tests__/harness';

let h: Harness;
let ko: string;
beforeAll(async () => {
  h = await startHarness();
  ko = await h.signInByEmail('demo-ko', 'minji.kim@example.kr');
});
afterAll(async () => {
  await h.close();
});
afterEach(() => h.shopify.setFaults({}));

const decoded = () => h.events.map((m) => ({ key: m.key, ...CommerceEvent.decode(m.value) }));
const eventsFor = (orderId: string) => decoded().filter((e) => e.orderId === orderId);
const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${h.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
const b64 = (secret: string, raw: string | Buffer) =>
  createHmac('sha256', secret).update(raw).digest('base64');

describe('Shopify', () => {
  const url = () => `${h.httpUrl}/webhooks/shopify/demo-ko`;
  const inTransit = KO.orders[3]; // #1004, shipped, not delivered

  it('refreshes the cached order and publishes the change when a shipment is delivered', async () => {
    const before = (
      await rpc(h.orders, h.orders.getOrder, { tenantId: 'demo-ko', sessionId: ko, orderRef: '#1004' })
    ).order!;
    expect(before.fulfillments[0]!.deliveredAt).toBeUndefined();
    // The carrier delivers; Shopify sends fulfillments/update.
    const fulfillment = h.shopify.shop(KO.shop.domain).fixture.orders.find((o) => o.id === inTransit.id)!
      .fulfillments![0]!;
    fulfillment.deliveredAt = new Date().toISOString();
    const res = await h.shopify.sendWebhook({
      domain: KO.shop.domain,
      url: url(),
      topic: 'fulfillments/update',
      payload: {
        id: Number(fulfillment.id),
        order_id: Number(inTransit.id),
        status: 'success',
        shipment_status: 'delivered',
      },
    });
    expect(res.status).toBe(200);
    const [event] = await waitFor(() =>
      eventsFor(inTransit.id).length ? eventsFor(inTransit.id) : undefined,
    );
    expect(event).toMatchObject({
      key: `demo-ko/${inTransit.id}`,
      eventId: `shopify:${res.webhookId}`,
      tenantId: 'demo-ko',
      type: 'fulfillment.delivered',
      source: 'shopify',
      skus: ['ST-LIN-M-IV'],
      productTypes: ['셔츠'],
    });
    const calls = h.shopify.requests.length;
    const after = (
      await rpc(h.orders, h.orders.getOrder, { tenantId: 'demo-ko', sessionId: ko, orderRef: '#1004' })
    ).order!;
    expect(after.fulfillments[0]!.deliveredAt).toBeDefined();
    expect(h.shopify.requests.length).toBe(calls);
  });

  it('acknowledges a redelivery (same X-Shopify-Webhook-Id) without a second event', async () => {
    const payload = h.shopify.orderPayload(KO.shop.domain, KO.orders[0].id);
    const first = await h.shopify.sendWebhook({
      domain: KO.shop.domain,
      url: url(),
      topic: 'orders/updated',
      payload,
    });
    expect(first.status).toBe(200);
    const again = await h.shopify.sendWebhook({
      domain: KO.shop.domain,
      url: url(),
      topic: 'orders/updated',
      payload,
      webhookId: first.webhookId,
    });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ outcome: 'duplicate' });
    // The same signed body replayed under a fresh id is a duplicate too.
    const replay = await post('/webhooks/shopify/demo-ko', first.raw, {
      'x-shopify-hmac-sha256': first.hmac,
      'x-shopify-topic': 'orders/updated',
      'x-shopify-webhook-id': 'attacker-chosen-id',
      'x-shopify-shop-domain': KO.shop.domain,
    });
    expect(await replay.json()).toEqual({ outcome: 'duplicate' });
    await waitFor(() => eventsFor(KO.orders[0].id).length >= 1);
    expect(eventsFor(KO.orders[0].id).filter((e) => e.type === 'order.updated')).toHaveLength(1);
  });

  it('refuses forged, tampered, unsigned and wrong-shop deliveries and publishes nothing', async () => {
    const payload = h.shopify.orderPayload(KO.shop.domain, KO.orders[1].id);
    const forged = await h.shopify.sendWebhook({
      domain: KO.shop.domain,
      url: url(),
      topic: 'orders/updated',
      payload,
      secret: 'not-the-secret',
    });
    expect(forged.status).toBe(401);
    const raw = JSON.stringify(payload);
    const hmac = b64(KO.shop.webhookSecret, raw);
    const headers = {
      'x-shopify-topic': 'orders/updated',
      'x-shopify-webhook-id': 'w-1',
      'x-shopify-shop-domain': KO.shop.domain,
    };
    const tampered = await post('/webhooks/shopify/demo-ko', raw.replace('"#1002"', '"#1003"'), {
      ...headers,
      'x-shopify-hmac-sha256': hmac,
    });
    expect(tampered.status).toBe(401);
    expect((await post('/webhooks/shopify/demo-ko', raw, headers)).status).toBe(401);
    // Hex instead of base64 is not Shopify's scheme.
    const hex = createHmac('sha256', KO.shop.webhookSecret).update(raw).digest('hex');
    expect(
      (await post('/webhooks/shopify/demo-ko', raw, { ...headers, 'x-shopify-hmac-sha256': hex })).status,
    ).toBe(401);
    // Signed with another tenant's secret, posted to this tenant.
    expect(
      (
        await post('/webhooks/shopify/demo-ko', raw, {
          ...headers,
          'x-shopify-hmac-sha256': b64(PL.shop.webhookSecret, raw),
        })
      ).status,
    ).toBe(401);
    const wrongShop = await post('/webhooks/shopify/demo-ko', raw, {
      ...headers,
      'x-shopify-hmac-sha256': hmac,
      'x-shopify-shop-domain': 'evil.myshopify.com',
    });
    expect(wrongShop.status).toBe(401);
    expect(eventsFor(KO.orders[1].id)).toHaveLength(0);
  });

  it('refuses stale, oversized and unknown-tenant deliveries', async () => {
    const payload = h.shopify.orderPayload(KO.shop.domain, KO.orders[1].id);
    const stale = await h.shopify.sendWebhook({
      domain: KO.shop.domain,
      url: url(),
      topic: 'orders/updated',
      payload,
      triggeredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    expect(stale.status).toBe(410);
    const big = JSON.stringify({ id: 1, note: 'x'.repeat(600 * 1024) });
    expect(
      (
        await post('/webhooks/shopify/demo-ko', big, {
          'x-shopify-hmac-sha256': b64(KO.shop.webhookSecret, big),
        })
      ).status,
    ).toBe(413);
    expect((await post('/webhooks/shopify/nope', '{}', {})).status).toBe(404);
  });

  it('asks Shopify to retry (503) when the order cannot be refreshed, and processes the retry', async () => {
    const order = EN.orders[6];
    h.shopify.setFaults({ down: true });
    const payload = { id: Number(order.refunds[0].id), order_id: Number(order.id), refund_line_items: [] };
    const first = await h.shopify.sendWebhook({
      domain: EN.shop.domain,
      url: `${h.httpUrl}/webhooks/shopify/demo-en`,
      topic: 'refunds/create',
      payload,
    });
    expect(first.status).toBe(503);
    h.shopify.setFaults({});
    const retry = await h.shopify.sendWebhook({
      domain: EN.shop.domain,
      url: `${h.httpUrl}/webhooks/shopify/demo-en`,
      topic: 'refunds/create',
      payload,
      webhookId: first.webhookId,
    });
    expect(retry.status).toBe(200);
    const [event] = await waitFor(() => (eventsFor(order.id).length ? eventsFor(order.id) : undefined));
    expect(event).toMatchObject({ type: 'refund.created', tenantId: 'demo-en', source: 'shopify' });
  });
});

describe('Loop', () => {
  it('publishes a signed return webhook (PHP-escaped JSON) and refuses a forged one', async () => {
    const url = `${h.httpUrl}/webhooks/loop/demo-pl`;
    const ok = await h.loop.sendWebhook({
      domain: PL.shop.domain,
      url,
      trigger: 'return.closed',
      returnId: 71007,
    });
    expect(ok.status).toBe(200);
    const orderId = PL.orders[6].id;
    const [event] = await waitFor(() => (eventsFor(orderId).length ? eventsFor(orderId) : undefined));
    expect(event).toMatchObject({
      type: 'return.closed',
      source: 'loop',
      returnReason: 'Kolor inny niż na zdjęciu',
      skus: ['WO-KUR-M-GR'],
    });
    const again = await h.loop.sendWebhook({
      domain: PL.shop.domain,
      url,
      trigger: 'return.closed',
      returnId: 71007,
    });
    expect(JSON.parse(again.body)).toEqual({ outcome: 'duplicate' });
    const forged = await h.loop.sendWebhook({
      domain: PL.shop.domain,
      url,
      trigger: 'return.updated',
      returnId: 71001,
      secret: 'guess',
    });
    expect(forged.status).toBe(401);
    expect(eventsFor(PL.orders[0].id)).toHaveLength(0);
    // Loop serialises like PHP (escaped slashes): the signature covers those raw bytes, not a re-encoding.
    const raw = `{"topic":"return","trigger":"return.updated","id":71001,"edited_at":"2026-01-01 10:00:00","provider_order_id":"${PL.orders[0].id}","line_items":[],"label_url":"https:\\/\\/labels.example\\/71001.pdf"}`;
    expect(raw).toContain('\\/');
    const escaped = await post('/webhooks/loop/demo-pl', raw, {
      'x-loop-signature': b64(PL.loop.webhookSecret, raw),
    });
    expect(escaped.status).toBe(200);
    const reencoded = JSON.stringify(JSON.parse(raw));
    expect(
      (
        await post('/webhooks/loop/demo-pl', reencoded, {
          'x-loop-signature': b64(PL.loop.webhookSecret, raw),
        })
      ).status,
    ).toBe(401);
  });
});

describe('AfterShip', () => {
  it('publishes a signed return webhook with the Korean reason, accepts the legacy header, refuses forgeries', async () => {
    const url = `${h.httpUrl}/webhooks/aftership/demo-ko`;
    const ok = await h.aftership.sendWebhook({
      domain: KO.shop.domain,
      url,
      event: 'return.approved',
      returnId: 'ret_ko_0009',
    });
    expect(ok.status).toBe(200);
    const orderId = KO.orders[8].id;
    const [event] = await waitFor(() => (eventsFor(orderId).length ? eventsFor(orderId) : undefined));
    expect(event).toMatchObject({
      type: 'return.approved',
      source: 'aftership',
      returnReason: '불량품이에요',
      productTypes: ['셔츠'],
    });
    const replay = await post('/webhooks/aftership/demo-ko', ok.raw, {
      'as-signature-hmac-sha256': ok.signature,
    });
    expect(await replay.json()).toEqual({ outcome: 'duplicate' });
    const legacyBody = JSON.stringify({
      id: 'legacy-1',
      event: 'return.resolved',
      created_at: new Date().toISOString(),
      data: { order: { external_id: KO.orders[6].id }, return_items: [] },
    });
    const legacy = await post('/webhooks/aftership/demo-ko', legacyBody, {
      'am-webhook-signature': `hmac-sha256=${b64(KO.aftership.webhookSecret, legacyBody)}`,
    });
    expect(legacy.status).toBe(200);
    await waitFor(() => eventsFor(KO.orders[6].id).some((e) => e.type === 'return.closed'));
    const forged = await h.aftership.sendWebhook({
      domain: KO.shop.domain,
      url,
      event: 'return.approved',
      returnId: 'ret_ko_0001',
      secret: 'guess',
    });
    expect(forged.status).toBe(401);
    expect(eventsFor(KO.orders[0].id).filter((e) => e.source === 'aftership')).toHaveLength(0);
  });
});

describe('metrics', () => {
  it('counts deliveries by source and outcome on /metrics', async () => {
    const text = await (await fetch(`${h.httpUrl}/metrics`)).text();
    expect(text).toMatch(
      /boomerang_commerce_webhooks_total\{[^}]*source="shopify"[^}]*outcome="processed"[^}]*\} [1-9]/,
    );
    expect(text).toMatch(
      /boomerang_commerce_webhooks_total\{[^}]*source="shopify"[^}]*outcome="rejected"[^}]*\} [1-9]/,
    );
  });
});
