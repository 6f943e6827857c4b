// Port for external helpdesks (Zendesk, Gorgias, Freshdesk) and the ticket content we send them.
import type { PriorityName } from './model';

export interface HelpdeskTicketInput {
  /** Our idempotency key, stored in the vendor's ticket (external_id or a tag) so retries find it. */
  externalKey: string;
  subject: string;
  /** Plain-text body: reason, customer, and the transcript with timestamps. */
  bodyText: string;
  bodyHtml: string;
  customer: { id: string; email: string; phone: string; name: string };
  priority: PriorityName;
  channel: string;
  language: string;
  tags: string[];
  test: boolean;
}

/** A shopper's message written after the handoff, added to the ticket as the customer's. */
export interface HelpdeskMessageInput {
  ticketRef: string;
  /** Plain text as the shopper wrote it. */
  text: string;
  /**
   * How many messages with exactly this text we already added to this ticket. The lookup after an
   * uncertain failure counts the customer's messages with this text at the vendor: more than this
   * means the earlier try was applied.
   */
  alreadyAdded: number;
}

export interface HelpdeskAdapter {
  readonly vendor: 'zendesk' | 'gorgias' | 'freshdesk';
  /**
   * Creates the ticket exactly once per externalKey: `lookupFirst` (set when an earlier attempt may
   * have reached the vendor) searches by the key before creating. Errors: FailedPrecondition (bad
   * credentials/config), InvalidArgument (rejected content), Unavailable (retriable, maybe retryAfterSeconds).
   */
  createTicket(
    input: HelpdeskTicketInput,
    options: { lookupFirst: boolean; signal?: AbortSignal },
  ): Promise<{ ref: string }>;
  /**
   * Adds a customer message to an existing ticket (Zendesk: public comment authored by the requester;
   * Gorgias: message from the customer; Freshdesk: incoming public note by the requester). With
   * `lookupFirst` (an earlier try may have been applied) it checks the ticket before adding.
   * Same errors as createTicket.
   */
  addMessage(
    input: HelpdeskMessageInput,
    options: { lookupFirst: boolean; signal?: AbortSignal },
  ): Promise<{ ref: string }>;
  /**
   * The customer disputes or threatens after the handoff: the ticket goes to the vendor's highest
   * priority (Zendesk `urgent`, Freshdesk 4; Gorgias, whose priority field is unverified, the tag
   * `priority-urgent`). Idempotent. Same errors as createTicket.
   */
  escalate(ticketRef: string, signal?: AbortSignal): Promise<void>;
}
