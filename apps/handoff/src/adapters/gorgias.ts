// Gorgias: POST /api/tickets (at least one message) with basic "{email}:{api_key}". No verified
// priority field, so urgency travels as a tag ("priority-high"); our key is `external_id`, found again
// with GET /api/tickets?external_id=… (third-party-apis.md §4).
import type { HelpdeskAdapter, HelpdeskTicketInput } from '../domain/helpdesk';
import { basic, createOnce, HelpdeskHttp, type HttpOptions } from './http-client';

export interface GorgiasConfig {
  baseUrl: string;
  email: string;
  apiKey: string;
}

export function gorgiasBaseUrl(account: string): string {
  return `https://${account}.gorgias.com`;
}

export function createGorgiasAdapter(cfg: GorgiasConfig, http: HttpOptions = {}): HelpdeskAdapter {
  const client = new HelpdeskHttp('Gorgias', cfg.baseUrl, basic(cfg.email, cfg.apiKey), http);
  return {
    vendor: 'gorgias',
    createTicket(input: HelpdeskTicketInput, options) {
      return createOnce(
        client,
        {
          find: async (signal) => {
            const r = await client.send(
              'GET',
              `/api/tickets?external_id=${encodeURIComponent(input.externalKey)}`,
              undefined,
              signal,
            );
            const t = (r.body as { data?: { id: number; external_id?: string | null }[] }).data?.find(
              (x) => x.external_id === input.externalKey,
            );
            return t ? String(t.id) : undefined;
          },
          create: async (signal) => {
            const r = await client.send('POST', '/api/tickets', body(input, cfg.email), signal);
            return String((r.body as { id: number }).id);
          },
        },
        options,
      );
    },
  };
}

function body(input: HelpdeskTicketInput, agentEmail: string) {
  const fromCustomer = input.customer.email !== '';
  return {
    ...(fromCustomer
      ? { customer: { email: input.customer.email, name: input.customer.name || input.customer.email } }
      : {}),
    messages: [
      {
        channel: 'api',
        via: 'api',
        // Without a customer email the handoff note is posted by the API user.
        from_agent: !fromCustomer,
        sender: { email: fromCustomer ? input.customer.email : agentEmail },
        subject: input.subject,
        body_text: input.bodyText,
        body_html: input.bodyHtml,
      },
    ],
    channel: 'api',
    via: 'api',
    subject: input.subject,
    status: 'open',
    tags: [...input.tags, `priority-${input.priority.toLowerCase()}`].map((name) => ({ name })),
    external_id: input.externalKey,
    meta: {
      boomerang: {
        channel: input.channel,
        language: input.language,
        customer_id: input.customer.id,
        test: input.test,
      },
    },
  };
}
