// Zendesk Support: POST /api/v2/tickets with basic "{email}/token:{api_token}"; our key goes into
// `external_id`, found again with GET /api/v2/tickets?external_id=… (third-party-apis.md §4).
import type { HelpdeskAdapter, HelpdeskTicketInput } from '../domain/helpdesk';
import { basic, createOnce, HelpdeskHttp, type HttpOptions } from './http-client';

export interface ZendeskConfig {
  baseUrl: string;
  email: string;
  apiToken: string;
}

export function zendeskBaseUrl(account: string): string {
  return `https://${account}.zendesk.com`;
}

export function createZendeskAdapter(cfg: ZendeskConfig, http: HttpOptions = {}): HelpdeskAdapter {
  const client = new HelpdeskHttp('Zendesk', cfg.baseUrl, basic(`${cfg.email}/token`, cfg.apiToken), http);
  return {
    vendor: 'zendesk',
    createTicket(input: HelpdeskTicketInput, options) {
      return createOnce(
        client,
        {
          find: async (signal) => {
            const r = await client.send(
              'GET',
              `/api/v2/tickets.json?external_id=${encodeURIComponent(input.externalKey)}`,
              undefined,
              signal,
            );
            const t = (r.body as { tickets?: { id: number }[] }).tickets?.[0];
            return t ? String(t.id) : undefined;
          },
          create: async (signal) => {
            const r = await client.send('POST', '/api/v2/tickets.json', { ticket: body(input) }, signal);
            return String((r.body as { ticket: { id: number } }).ticket.id);
          },
        },
        options,
      );
    },
  };
}

function body(input: HelpdeskTicketInput) {
  return {
    subject: input.subject,
    // An internal note: the transcript is for the agents, not mailed back to the shopper.
    comment: { body: input.bodyText, public: false },
    ...(input.customer.email
      ? { requester: { name: input.customer.name || input.customer.email, email: input.customer.email } }
      : {}),
    priority: input.priority.toLowerCase(),
    type: 'question',
    tags: input.tags,
    external_id: input.externalKey,
  };
}
