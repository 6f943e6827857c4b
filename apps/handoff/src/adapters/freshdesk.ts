// Freshdesk: POST /api/v2/tickets with basic "{api_key}:X", numeric priority (1..4) and status (2 Open).
// Tickets have no external id, so our key is a tag, found again with the filter search
// GET /api/v2/search/tickets?query="tag:'…'" (third-party-apis.md §4). Later shopper messages are
// incoming public notes by the requester (POST /api/v2/tickets/{id}/notes with `incoming: true`,
// `user_id` = requester), which Freshdesk shows as the customer's; listed by GET …/{id}/conversations.
import type { HelpdeskAdapter, HelpdeskTicketInput } from '../domain/helpdesk';
import type { PriorityName } from '../domain/model';
import {
  alreadyThere,
  basic,
  createOnce,
  HelpdeskHttp,
  type HttpOptions,
  onTicket,
  sameText,
  textToHtml,
} from './http-client';

export interface FreshdeskConfig {
  baseUrl: string;
  apiKey: string;
}

export function freshdeskBaseUrl(account: string): string {
  return `https://${account}.freshdesk.com`;
}

const PRIORITY: Record<PriorityName, number> = { LOW: 1, NORMAL: 2, HIGH: 3, URGENT: 4 };
// Source: 1 Email, 2 Portal, 3 Phone, 7 Chat.
const SOURCE: Record<string, number> = { email: 1, sms: 3, whatsapp: 7, webchat: 7, kakao: 7, naver: 7 };

export function createFreshdeskAdapter(cfg: FreshdeskConfig, http: HttpOptions = {}): HelpdeskAdapter {
  const client = new HelpdeskHttp('Freshdesk', cfg.baseUrl, basic(cfg.apiKey, 'X'), http);
  return {
    vendor: 'freshdesk',
    createTicket(input: HelpdeskTicketInput, options) {
      return createOnce(
        client,
        {
          find: async (signal) => {
            const q = encodeURIComponent(`"tag:'${input.externalKey}'"`);
            const r = await client.send('GET', `/api/v2/search/tickets?query=${q}`, undefined, signal);
            const t = (r.body as { results?: { id: number }[] }).results?.[0];
            return t ? String(t.id) : undefined;
          },
          create: async (signal) => {
            const r = await client.send('POST', '/api/v2/tickets', body(input), signal);
            return String((r.body as { id: number }).id);
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
          const r = await client.send('GET', path, undefined, signal);
          requesterId = (r.body as { requester_id: number }).requester_id;
        }
        return requesterId;
      };
      return createOnce(
        client,
        {
          find: async (signal) => {
            const user = await requester(signal);
            const r = await client.send('GET', `${path}/conversations`, undefined, signal);
            const items = Array.isArray(r.body) ? (r.body as FreshdeskConversation[]) : [];
            return alreadyThere(
              items,
              (c) => c.incoming && c.user_id === user && sameText(c.body_text, input.text),
              input.alreadyAdded,
              (c) => c.id,
            );
          },
          create: async (signal) => {
            const user = await requester(signal);
            const r = await client.send(
              'POST',
              `${path}/notes`,
              { body: textToHtml(input.text), incoming: true, private: false, user_id: user },
              signal,
            );
            return String((r.body as { id: number }).id);
          },
        },
        options,
      );
    },
    escalate(ticketRef, signal) {
      return onTicket(client.vendor, ticketRef, async () => {
        await client.send('PUT', `/api/v2/tickets/${encodeURIComponent(ticketRef)}`, { priority: 4 }, signal);
      });
    },
  };
}

interface FreshdeskConversation {
  id: number;
  incoming: boolean;
  user_id: number;
  body_text?: string | null;
}

function body(input: HelpdeskTicketInput) {
  const c = input.customer;
  const requester = c.email
    ? { email: c.email, ...(c.name ? { name: c.name } : {}) }
    : c.phone
      ? { phone: c.phone, name: c.name || c.phone }
      : { unique_external_id: c.id || input.externalKey, name: c.name || c.id || 'Shopper' };
  return {
    ...requester,
    subject: input.subject,
    description: input.bodyHtml,
    status: 2,
    priority: PRIORITY[input.priority],
    source: SOURCE[input.channel] ?? 2,
    tags: [...input.tags, input.externalKey],
  };
}
