// Verified webhook deliveries → refreshed cache + one CommerceEvent each on
// boomerang.commerce.events.v1 (key "<tenant>/<order>"). Deliveries are deduplicated by the vendor's
// delivery id and by a digest of the signed body; a delivery whose processing fails is forgotten
// again so the vendor's retry is processed.
import type { Logger } from '@boomerang/kit/logger';
import type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import { CommerceEvent } from '@boomerang/proto/boomerang/events/v1/commerce';
import type { Orders } from './orders';
import type { Clock, DeliveryLog, Publisher } from './ports';

export const COMMERCE_EVENTS_TOPIC = 'boomerang.commerce.events.v1';

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

export interface WebhooksDeps {
  orders: Orders;
  deliveries: DeliveryLog;
  publisher: Publisher;
  clock: Clock;
  logger: Logger;
}

const SHOPIFY_ORDER_TOPICS: Record<string, string> = {
  'orders/create': 'order.created',
  'orders/updated': 'order.updated',
  'orders/edited': 'order.updated',
  'orders/paid': 'order.paid',
  'orders/cancelled': 'order.cancelled',
  'orders/fulfilled': 'order.fulfilled',
  'orders/partially_fulfilled': 'order.partially_fulfilled',
};

const AFTERSHIP_EVENTS: Record<string, string> = {
  'return.submitted': 'return.created',
  'return.created': 'return.created',
  'return.approved': 'return.approved',
  'return.rejected': 'return.rejected',
  'return.resolved': 'return.closed',
  'return.expired': 'return.expired',
  'return.updated': 'return.updated',
};

type Json = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export class Webhooks {
  constructor(private readonly d: WebhooksDeps) {}

  /** Runs `work` once per delivery: duplicates are acknowledged without effect. */
  private async once(
    tenantId: string,
    source: string,
    keys: string[],
    work: () => Promise<WebhookOutcome>,
  ): Promise<WebhookOutcome> {
    const now = this.d.clock();
    const taken: string[] = [];
    for (const key of keys) {
      if (!(await this.d.deliveries.firstSeen(tenantId, source, key, now))) {
        for (const k of taken) await this.d.deliveries.forget(tenantId, source, k);
        return 'duplicate';
      }
      taken.push(key);
    }
    try {
      return await work();
    } catch (err) {
      for (const k of taken) await this.d.deliveries.forget(tenantId, source, k);
      throw err;
    }
  }

  private async publish(event: CommerceEvent): Promise<void> {
    await this.d.publisher.publish(COMMERCE_EVENTS_TOPIC, [
      {
        key: `${event.tenantId}/${event.orderId}`,
        value: CommerceEvent.encode(event).finish(),
        headers: { 'content-type': 'application/x-protobuf' },
      },
    ]);
  }

  private facts(order: Order | null) {
    return {
      skus: order ? [...new Set(order.lineItems.map((l) => l.sku).filter(Boolean))] : [],
      productTypes: order ? [...new Set(order.lineItems.map((l) => l.productType).filter(Boolean))] : [],
    };
  }

  async shopify(input: {
    tenantId: string;
    topic: string;
    webhookId: string;
    bodyDigest: string;
    triggeredAt?: Date;
    payload: Json;
  }): Promise<WebhookOutcome> {
    const { topic, payload } = input;
    let type = SHOPIFY_ORDER_TOPICS[topic];
    let orderId = type ? str(payload.id) : str(payload.order_id);
    if (topic === 'fulfillments/create') type = 'fulfillment.created';
    if (topic === 'fulfillments/update')
      type = payload.shipment_status === 'delivered' ? 'fulfillment.delivered' : 'fulfillment.updated';
    if (topic === 'fulfillment_events/create')
      type = payload.status === 'delivered' ? 'fulfillment.delivered' : 'fulfillment.event';
    if (topic === 'refunds/create') type = 'refund.created';
    if (!type || !/^\d+$/.test(orderId)) return 'ignored';
    return this.once(
      input.tenantId,
      'shopify',
      [`id:${input.webhookId}`, `body:${input.bodyDigest}`],
      async () => {
        const order = await this.d.orders.refresh(input.tenantId, orderId);
        orderId = order?.id ?? orderId;
        await this.publish({
          eventId: `shopify:${input.webhookId}`,
          tenantId: input.tenantId,
          orderId,
          type,
          occurredAt: input.triggeredAt ?? this.d.clock(),
          source: 'shopify',
          returnReason: '',
          ...this.facts(order),
        });
        this.d.logger.info({ tenantId: input.tenantId, topic, orderId }, 'shopify webhook processed');
        return 'processed';
      },
    );
  }

  async loop(input: { tenantId: string; bodyDigest: string; payload: Json }): Promise<WebhookOutcome> {
    const p = input.payload;
    const trigger = str(p.trigger);
    if (str(p.topic) !== 'return' || !trigger.startsWith('return.')) return 'ignored';
    const orderId = str(p.provider_order_id) || str(p.provider_order_external_id);
    if (!orderId) return 'ignored';
    const lines = (Array.isArray(p.line_items) ? p.line_items : []) as Json[];
    const version = str(p.edited_at) || str(p.updated_at) || str(p.created_at);
    return this.once(
      input.tenantId,
      'loop',
      [`ret:${str(p.id)}:${trigger}:${version}`, `body:${input.bodyDigest}`],
      async () => {
        await this.publish({
          eventId: `loop:${str(p.id)}:${trigger}:${version}`,
          tenantId: input.tenantId,
          orderId,
          type: trigger,
          occurredAt: version ? new Date(version) : this.d.clock(),
          source: 'loop',
          returnReason: str(lines.find((l) => l.return_reason)?.return_reason),
          skus: [...new Set(lines.map((l) => str(l.sku)).filter(Boolean))],
          productTypes: [],
        });
        return 'processed';
      },
    );
  }

  async aftership(input: { tenantId: string; bodyDigest: string; payload: Json }): Promise<WebhookOutcome> {
    const p = input.payload;
    const event = str(p.event);
    const data = (p.data ?? {}) as Json;
    const order = (data.order ?? {}) as Json;
    const orderId = str(order.external_id);
    if (!event.startsWith('return.') || !orderId) return 'ignored';
    const items = (Array.isArray(data.return_items) ? data.return_items : []) as Json[];
    return this.once(
      input.tenantId,
      'aftership',
      [`id:${str(p.id)}`, `body:${input.bodyDigest}`],
      async () => {
        await this.publish({
          eventId: `aftership:${str(p.id)}`,
          tenantId: input.tenantId,
          orderId,
          type: AFTERSHIP_EVENTS[event] ?? event,
          occurredAt: p.created_at ? new Date(str(p.created_at)) : this.d.clock(),
          source: 'aftership',
          returnReason: str(items.find((i) => i.return_reason)?.return_reason),
          skus: [...new Set(items.map((i) => str(i.sku)).filter(Boolean))],
          productTypes: [
            ...new Set(
              items.flatMap((i) =>
                Array.isArray(i.product_categories) ? i.product_categories.map(str) : [],
              ),
            ),
          ],
        });
        return 'processed';
      },
    );
  }
}
