// Gorgias: POST /api/tickets (at least one message) with basic "{email}:{api_key}". No verified
// priority field, so urgency travels as a tag ("priority-high"); our key is `external_id`, found again
// with GET /api/tickets?external_id=… (third-party-apis.md §4). Later shopper messages are customer
// messages added with POST /api/tickets/{id}/messages (listed by GET …/{id}/messages).
import type { HelpdeskAdapter, HelpdeskTicketInput } from '../domain/helpdesk';
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

export interface GorgiasConfig {
  baseUrl: string;
  email: string;
  apiKey: string;
}

export function gorgiasBaseUrl(account: string): string {
  return `https://${account}.gorgias.com`;
}

/** Gorgias' priority field is unverified: urgency travels as this tag. */
export const URGENT_TAG = 'priority-urgent';

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
    addMessage(input, options) {
      const path = `/api/tickets/${encodeURIComponent(input.ticketRef)}`;
      let customer: { email?: string | null } | null | undefined;
      const ticketCustomer = async (signal?: AbortSignal) => {
        if (customer === undefined) {
          const r = await client.send('GET', path, undefined, signal);
          customer = (r.body as { customer?: { email?: string | null } | null }).customer ?? null;
        }
        return customer?.email ? customer.email : undefined;
      };
      // A ticket without a customer (the shopper gave no email) gets the text as an internal note.
      const noteText = `Shopper wrote after the handoff:\n${input.text}`;
      return createOnce(
        client,
        {
          find: async (signal) => {
            const email = await ticketCustomer(signal);
            const r = await client.send('GET', `${path}/messages`, undefined, signal);
            const messages = (r.body as { data?: GorgiasMessage[] }).data ?? [];
            return alreadyThere(
              messages,
              (m) =>
                email
                  ? !m.from_agent && sameText(m.body_text, input.text)
                  : m.channel === 'internal-note' && sameText(m.body_text, noteText),
              input.alreadyAdded,
              (m) => m.id,
            );
          },
          create: async (signal) => {
            const email = await ticketCustomer(signal);
            const message = email
              ? {
                  channel: 'api',
                  via: 'api',
                  from_agent: false,
                  sender: { email },
                  body_text: input.text,
                  body_html: textToHtml(input.text),
                }
              : {
                  channel: 'internal-note',
                  via: 'api',
                  from_agent: true,
                  sender: { email: cfg.email },
                  body_text: noteText,
                  body_html: textToHtml(noteText),
                };
            const r = await client.send('POST', `${path}/messages`, message, signal);
            return String((r.body as { id: number }).id);
          },
        },
        options,
      );
    },
    escalate(ticketRef, signal) {
      return onTicket(client.vendor, ticketRef, async () => {
        // PUT replaces the tag list: the ticket's tags are read first and kept.
        const path = `/api/tickets/${encodeURIComponent(ticketRef)}`;
        const r = await client.send('GET', path, undefined, signal);
        const tags = ((r.body as { tags?: { name: string }[] }).tags ?? []).map((t) => t.name);
        if (tags.includes(URGENT_TAG)) return;
        await client.send('PUT', path, { tags: [...tags, URGENT_TAG].map((name) => ({ name })) }, signal);
      });
    },
  };
}

interface GorgiasMessage {
  id: number;
  channel?: string;
  from_agent?: boolean;
  body_text?: string | null;
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
