// What the domain needs from storage; implemented over SQL in src/adapters.
import type { Order } from './order';

export interface PolicyRecord {
  version: number;
  policyJson: string;
  createdAt: Date;
}

export interface PolicyStore {
  /** Appends version expectedVersion + 1; throws Aborted when the latest version is not expectedVersion. */
  append(tenantId: string, expectedVersion: number, policyJson: string): Promise<PolicyRecord>;
  /** A stored version, or the latest when version is 0. */
  get(tenantId: string, version: number): Promise<PolicyRecord | undefined>;
  /** The latest version, 0 when the tenant has none. */
  latestVersion(tenantId: string): Promise<number>;
}

export interface RecentOrderStore {
  /** Keeps (or refreshes) an order for Simulate, best effort and written behind; bounded per tenant. */
  remember(tenantId: string, order: Order, seenAt: Date): void;
  /** Writes what remember() has queued. */
  flush(): Promise<void>;
  /** Most recently seen first (includes everything remembered before the call). */
  recent(tenantId: string, limit: number): Promise<Order[]>;
}
