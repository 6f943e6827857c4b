// CommercePlatform over the Shopify GraphQL client (normalising to the proto shapes).
import type { CommercePlatform } from '../domain/ports';
import type { ShopifyClient } from './shopify';
import { normalizeCustomer, normalizeOrder, normalizeReturns } from './shopify-normalize';

export function shopifyPlatform(tenantId: string, client: ShopifyClient): CommercePlatform {
  return {
    async findCustomer(by, signal) {
      const c = await client.findCustomer(by, signal);
      return c ? normalizeCustomer(c) : null;
    },
    async getCustomer(id, signal) {
      if (!/^\d+$/.test(id)) return null;
      const c = await client.getCustomer(id, signal);
      return c ? normalizeCustomer(c) : null;
    },
    async listCustomerOrders(customerId, first, after, signal) {
      const page = await client.listCustomerOrders(customerId, first, after, signal);
      return {
        orders: page.orders.map((o) => normalizeOrder(tenantId, o)),
        nextCursor: page.hasNextPage ? page.endCursor : null,
      };
    },
    async findCustomerOrder(customerId, ref, signal) {
      const o = await client.findCustomerOrder(customerId, ref, signal);
      return o ? normalizeOrder(tenantId, o) : null;
    },
    async getOrder(id, signal) {
      const o = await client.getOrder(id, signal);
      return o ? normalizeOrder(tenantId, o) : null;
    },
    async findCustomerOrderRef(customerId, ref, signal) {
      return client.findCustomerOrderRef(customerId, ref, signal);
    },
    async orderReturns(orderId, signal) {
      return normalizeReturns((await client.orderReturns(orderId, signal)) ?? []);
    },
  };
}
