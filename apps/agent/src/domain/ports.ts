/** What the skill needs from the other services. gRPC adapters live in src/adapters/. */
import type { Order } from '@boomerang/proto/boomerang/commerce/v1/order';
import type { Channel } from '@boomerang/proto/boomerang/events/v1/channel';

export type { Order };

export interface KnowledgeCitation {
  title: string;
  url: string;
  section: string;
  quote: string;
}

export interface KnowledgeAnswer {
  found: boolean;
  answer: string;
  citations: KnowledgeCitation[];
  confidence: number;
  language: string;
}

export interface KnowledgePort {
  answer(tenantId: string, question: string, locale: string): Promise<KnowledgeAnswer>;
  /** Number of policy documents the tenant has uploaded (checklist: "policy content"). */
  documentCount(tenantId: string): Promise<number>;
  /**
   * Periods (days) stated in the policy documents' sentences about returns, with the sentence; some
   * are the shopper's return window, others how long the shop takes (see `isShopperWindow`).
   */
  statedReturnWindows(tenantId: string): Promise<{ days: number; quote: string; businessDays?: boolean }[]>;
  /** The languages of the tenant's documents (one per document): the brand's language, when a message has none. */
  documentLanguages?(tenantId: string): Promise<string[]>;
}

export interface LineDecision {
  lineItemId: string;
  eligible: boolean;
  deadline: string;
  reasonCodes: string[];
  explanation: string;
  resolutions: ('refund' | 'exchange' | 'store_credit')[];
  /** Units that can still be returned (eligible lines; absent = all of them). */
  returnableQuantity?: number;
  /** Sentences the shopper must meet ("only if the hygiene liner is intact"), in their language. */
  conditions?: string[];
  /** Last day for an exchange (YYYY-MM-DD) when the exchange window differs from `deadline`. */
  exchangeDeadline?: string;
  /** Day (YYYY-MM-DD) the line's open return was requested, when one is in progress. */
  returnRequestedOn?: string;
}

export interface EligibilityPort {
  check(tenantId: string, order: Order, now: Date, locale: string): Promise<LineDecision[]>;
  /** The window length (days) of the tenant's current eligibility policy, if it states one. */
  policyWindowDays(tenantId: string): Promise<number | undefined>;
  /**
   * Every window length (days) the tenant's policy sets: for returns (main, international, overrides)
   * and for exchanges (the exchange window, overrides').
   */
  policyWindows?(tenantId: string): Promise<{ returns: number[]; exchanges: number[] }>;
  /** The IANA time zone of the tenant's eligibility policy (deadlines count in it), if it states one. */
  policyTimeZone?(tenantId: string): Promise<string | undefined>;
}

export interface SignInStart {
  challengeId?: string;
  sessionId?: string;
  customerId?: string;
  maskedDestination?: string;
  /** Preview sign-ins only: the code that was not sent. */
  previewCode?: string;
}

export interface Profile {
  customerId: string;
  email: string;
  phone: string;
  name: string;
}

export type ReturnStateName =
  | 'none'
  | 'requested'
  | 'in_transit'
  | 'received'
  | 'closed'
  | 'rejected'
  | 'cancelled'
  | 'unknown';
export type RefundStateName = 'none' | 'pending' | 'issued' | 'failed' | 'unknown';

export interface ReturnStatusInfo {
  returnId: string;
  state: ReturnStateName;
  refundState: RefundStateName;
  /** "59000 KRW" as the store gave it (shown as is when it can't be read as an amount). */
  refundAmount?: string;
  updatedAt?: Date;
}

export interface CommercePort {
  startSignInWithToken(tenantId: string, conversationId: string, token: string): Promise<SignInStart>;
  startSignInWithCode(
    tenantId: string,
    conversationId: string,
    identifier: string,
    channel: string,
    options?: { preview?: boolean },
  ): Promise<SignInStart>;
  completeSignIn(
    tenantId: string,
    challengeId: string,
    code: string,
  ): Promise<{ sessionId: string; customerId: string }>;
  getProfile(tenantId: string, sessionId: string): Promise<Profile>;
  listOrders(tenantId: string, sessionId: string, pageSize: number): Promise<Order[]>;
  /** NotFound for an unknown order and for another customer's order alike. */
  getOrder(tenantId: string, sessionId: string, orderRef: string): Promise<Order>;
  getPortalLink(
    tenantId: string,
    sessionId: string,
    orderId: string,
    lineItemIds: string[],
    resolution: 'refund' | 'exchange',
  ): Promise<{ url: string; provider: string }>;
  getReturnStatus(tenantId: string, sessionId: string, orderId: string): Promise<ReturnStatusInfo[]>;
  /** Connected returns providers; `customerHub` false when sign-in is not available for the tenant. */
  listProviders(tenantId: string): Promise<{ kind: string; connected: boolean; detail: string }[]>;
}

export interface HandoffTicket {
  destination: string;
  ticketRef: string;
  message: string;
  /** The reference as the shopper reads it ("A1B2C3D4", "#1042"); falls back to `ticketRef`. */
  ticketLabel?: string;
}

export interface HandoffPort {
  handoff(req: {
    tenantId: string;
    conversationId: string;
    attempt: number;
    reason: string;
    transcript: { role: string; text: string; at: Date }[];
    customer?: Profile;
    channel: string;
    language: string;
    urgent: boolean;
    /** Channel address of the shopper, for progress notices. */
    recipient: string;
    /**
     * The ticket's subject in the conversation's language, for the brand's team (`reason` stays the
     * stable machine-readable code).
     */
    subject: string;
  }): Promise<HandoffTicket>;
  testHandoff(
    tenantId: string,
    channel: string,
  ): Promise<{ ok: boolean; destination: string; ticketRef: string; error: string }>;
  /** The configured destination for a channel, when the handoff service can tell; undefined = unknown. */
  routing(
    tenantId: string,
    channel: string,
  ): Promise<{ configured: boolean; destination: string } | undefined>;
  /**
   * A message received while the conversation is handed off, for its open ticket (idempotent per
   * message id). Resolves to the handoff service's outcome ("appended", "duplicate", "no_ticket", …).
   */
  forward(msg: ForwardedMessage): Promise<string>;
}

export interface ForwardedMessage {
  tenantId: string;
  conversationId: string;
  channel: Channel;
  messageId: string;
  text: string;
  postback: string;
  sender: string;
  receivedAt: Date;
  /** Read as a dispute or threat: the open ticket goes to urgent priority. */
  urgent?: boolean;
}

export interface Ports {
  knowledge: KnowledgePort;
  eligibility: EligibilityPort;
  commerce: CommercePort;
  handoff: HandoffPort;
}

export const CHANNEL_NAMES: Record<number, string> = {
  0: 'unspecified',
  1: 'webchat',
  2: 'sms',
  3: 'whatsapp',
  4: 'email',
  5: 'kakao',
  6: 'naver',
};

export function channelName(c: Channel): string {
  return CHANNEL_NAMES[c] ?? 'unspecified';
}
