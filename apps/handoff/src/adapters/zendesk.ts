// Zendesk Support: POST /api/v2/tickets with basic "{email}/token:{api_token}"; our key goes into
// `external_id`, found again with GET /api/v2/tickets?external_id=… (third-party-apis.md §4). Later
// shopper messages are public comments authored by the ticket's requester, added the documented way:
// a ticket update (PUT /api/v2/tickets/{id} with `ticket.comment`); listed by GET …/{id}/comments.
import type { HelpdeskAdapter, HelpdeskTicketInput } from '../domain/helpdesk';
import {
  alreadyThere,
  basic,
  createOnce,
  HelpdeskHttp,
  type HttpOptions,
  onTicket,
  sameText,
} from './http-client';

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
    addMessage(input, options) {
      const path = `/api/v2/tickets/${encodeURIComponent(input.ticketRef)}`;
      let requesterId: number | undefined;
      const requester = async (signal?: AbortSignal) => {
        if (requesterId === undefined) {
          const r = await client.send('GET', `${path}.json`, undefined, signal);
          requesterId = (r.body as { ticket: { requester_id: number } }).ticket.requester_id;
        }
        return requesterId;
      };
      return createOnce(
        client,
        {
          find: async (signal) => {
            const author = await requester(signal);
            const r = await client.send('GET', `${path}/comments.json?sort_order=desc`, undefined, signal);
            const comments = (r.body as { comments?: ZendeskComment[] }).comments ?? [];
            return alreadyThere(
              comments,
              (c) => c.author_id === author && sameText(c.plain_body ?? c.body, input.text),
              input.alreadyAdded,
              (c) => c.id,
            );
          },
          create: async (signal) => {
            const author = await requester(signal);
            const r = await client.send(
              'PUT',
              `${path}.json`,
              { ticket: { comment: { body: input.text, public: true, author_id: author } } },
              signal,
            );
            const audit = (r.body as { audit?: { id: number; events?: { id?: number; type: string }[] } })
              .audit;
            const made = audit?.events?.find((e) => e.type === 'Comment');
            return String(made?.id ?? audit?.id ?? input.ticketRef);
          },
        },
        options,
      );
    },
    escalate(ticketRef, signal) {
      return onTicket(client.vendor, ticketRef, async () => {
        await client.send(
          'PUT',
          `/api/v2/tickets/${encodeURIComponent(ticketRef)}.json`,
          { ticket: { priority: 'urgent' } },
          signal,
        );
      });
    },
  };
}

interface ZendeskComment {
  id: number;
  author_id: number;
  body?: string;
  plain_body?: string;
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
