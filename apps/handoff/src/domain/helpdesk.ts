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
}
