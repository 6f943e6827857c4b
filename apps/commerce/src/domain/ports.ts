// The ports the domain talks to. Adapters implement them (Shopify, SQL, the bus, returns providers).
import type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import type { ProviderKind, ReturnStatus } from '@boomerang/proto/boomerang/commerce/v1/returns';

export type Clock = () => Date;

export interface CustomerRecord {
  id: string;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  locale: string;
}

/** The commerce platform (Shopify) for one tenant. */
export interface CommercePlatform {
  findCustomer(by: { email?: string; phone?: string }, signal?: AbortSignal): Promise<CustomerRecord | null>;
  getCustomer(id: string, signal?: AbortSignal): Promise<CustomerRecord | null>;
  listCustomerOrders(
    customerId: string,
    first: number,
    after: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ orders: Order[]; nextCursor: string | null }>;
  /** The order only if it belongs to the customer (one lookup either way). */
  findCustomerOrder(
    customerId: string,
    ref: { id?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<Order | null>;
  getOrder(id: string, signal?: AbortSignal): Promise<Order | null>;
  /** Id and name of the customer's order (null when not theirs or missing), without the rest. */
  findCustomerOrderRef?(
    customerId: string,
    ref: { id?: string; name?: string },
    signal?: AbortSignal,
  ): Promise<{ id: string; name: string } | null>;
  /**
   * Returns recorded in the platform itself (Shopify: the admin's and customer accounts' return
   * requests; the read_returns scope). Used when the brand's returns portal cannot list returns.
   */
  orderReturns?(orderId: string, signal?: AbortSignal): Promise<ReturnStatus[]>;
}

export type CodeChannel = 'email' | 'sms' | 'whatsapp';

export interface CodeMessage {
  tenantId: string;
  conversationId: string;
  channel: CodeChannel;
  recipient: string;
  code: string;
  locale: string;
  /** The brand the code is for (the tenant's display name), named in the message; "" when unset. */
  brand: string;
  expiresAt: Date;
}

/** Delivers one-time codes (outbound channel topic, or a mail/SMS sender). */
export interface CodeSender {
  send(message: CodeMessage): Promise<void>;
}

export interface ChallengeRow {
  id: string;
  tenantId: string;
  conversationId: string;
  customerId: string | null;
  identifierHash: string;
  method: string;
  maskedDestination: string;
  codeHash: string;
  attempts: number;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
}

export interface SessionRow {
  idHash: string;
  tenantId: string;
  conversationId: string;
  customerId: string;
  method: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SignInStore {
  insertChallenge(row: ChallengeRow): Promise<void>;
  getChallenge(tenantId: string, id: string): Promise<ChallengeRow | null>;
  /** Challenges for an identifier created at or after `since`, newest first. */
  recentChallenges(tenantId: string, identifierHash: string, since: Date): Promise<ChallengeRow[]>;
  /** Atomically counts one attempt if the challenge is still open; returns the new count or null. */
  countAttempt(tenantId: string, id: string, now: Date, maxAttempts: number): Promise<number | null>;
  /** Marks consumed if not yet consumed; false when someone else consumed it first (replay). */
  consume(tenantId: string, id: string, now: Date): Promise<boolean>;
  insertSession(row: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | null>;
  /** Records a token id; false when it was used before (replay). */
  useTokenId(tenantId: string, jti: string, expiresAt: Date): Promise<boolean>;
}

export interface OrderCache {
  get(
    tenantId: string,
    customerId: string,
    ref: { id?: string; name?: string },
    freshSince: Date,
  ): Promise<Order | null>;
  put(order: Order, now: Date): Promise<void>;
  /** Orders of a customer from the cache (fallback when the platform is down). */
  listByCustomer(tenantId: string, customerId: string): Promise<Order[]>;
}

/** Deduplicates webhook deliveries: true the first time a key is seen. */
export interface DeliveryLog {
  firstSeen(tenantId: string, source: string, key: string, now: Date): Promise<boolean>;
  forget(tenantId: string, source: string, key: string): Promise<void>;
}

export interface PortalLinkInput {
  order: Order;
  customer: CustomerRecord;
  lineItemIds: string[];
  resolution: number;
}

export interface ReturnsProvider {
  readonly kind: ProviderKind;
  portalLink(input: PortalLinkInput, signal?: AbortSignal): Promise<{ url: string; expiresAt?: Date }>;
  returnStatuses(order: Order, signal?: AbortSignal): Promise<ReturnStatus[]>;
  /** Human-readable connection detail for skill status (never a secret). */
  describe(): string;
}

/** What the domain publishes; structurally the kit's EventBus.publish. */
export interface Publisher {
  publish(
    topic: string,
    records: { key: string; value: Uint8Array; headers?: Record<string, string> }[],
  ): Promise<void>;
}
