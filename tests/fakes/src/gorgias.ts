// Gorgias fake: POST/GET /api/tickets with basic "{email}:{api_key}" auth, at least one message per
// ticket, later messages with POST /api/tickets/{id}/messages (listed with GET …/messages), tags as
// [{name}], cursor-paged lists, the documented 40 requests / 20 s limit for API-key
// integrations (429 + Retry-after + X-Gorgias-Account-Api-Call-Limit). See tests/fakes/docs/helpdesks.md.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { createFakeApp, type FakeServer, listen } from './http';

export interface GorgiasFixtures {
  email?: string;
  apiKey?: string;
  /** Default: 40 requests per 20 s (API-key integrations, per the Gorgias limits page). */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Where `close()` POSTs the HTTP integration's request, with this shared-secret header. */
  webhook?: { url: string; secret: string; header?: string };
}

const messageSchema = z
  .object({
    channel: z.string().min(1),
    via: z.string().min(1),
    from_agent: z.boolean().optional(),
    sender: z.union([z.object({ email: z.email() }), z.object({ id: z.number() })]),
    body_text: z.string().optional(),
    body_html: z.string().optional(),
    subject: z.string().optional(),
    source: z.unknown().optional(),
    receiver: z.union([z.object({ email: z.email() }), z.object({ id: z.number() })]).optional(),
    external_id: z.string().optional(),
  })
  .refine((m) => (m.body_text ?? '') !== '' || (m.body_html ?? '') !== '', {
    message: 'body_text or body_html is required',
  });

const updateSchema = z
  .object({
    tags: z.array(z.object({ name: z.string().min(1) })).optional(),
    status: z.enum(['open', 'closed']).optional(),
  })
  .strict();

const ticketSchema = z.object({
  customer: z.object({ email: z.email(), name: z.string().optional() }).optional(),
  messages: z.array(messageSchema).min(1, 'A ticket must have at least one message.'),
  channel: z.string().optional(),
  via: z.string().optional(),
  subject: z.string().optional(),
  status: z.enum(['open', 'closed']).optional(),
  tags: z.array(z.object({ name: z.string().min(1) })).optional(),
  assignee_team: z.object({ id: z.number() }).nullable().optional(),
  external_id: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export interface GorgiasTicket {
  id: number;
  uri: string;
  external_id: string | null;
  status: 'open' | 'closed';
  channel: string;
  via: string;
  subject: string | null;
  customer: { id: number; email: string; name: string | null } | null;
  messages: (z.infer<typeof messageSchema> & { id: number; ticket_id: number; created_datetime: string })[];
  tags: { id: number; name: string }[];
  meta: Record<string, unknown> | null;
  created_datetime: string;
  updated_datetime: string;
}

export interface GorgiasFake extends FakeServer {
  tickets: GorgiasTicket[];
  control: { dropCreateResponses: number };
  /** Closes a ticket like an agent in Gorgias; fires the configured HTTP integration. */
  closeTicket(id: number): Promise<{ status: number } | undefined>;
}

export const GORGIAS_DEFAULTS = { email: 'agent@example.com', apiKey: 'gorgias-test-key' };

export async function startFake(
  options: { port?: number; fixtures?: GorgiasFixtures } = {},
): Promise<GorgiasFake> {
  const fx = options.fixtures ?? {};
  const email = fx.email ?? GORGIAS_DEFAULTS.email;
  const apiKey = fx.apiKey ?? GORGIAS_DEFAULTS.apiKey;
  const limit = fx.rateLimit ?? { limit: 40, windowSeconds: 20 };
  const built = createFakeApp();
  const { app } = built;
  const tickets: GorgiasTicket[] = [];
  const control = { dropCreateResponses: 0 };
  let nextId = 7001;
  let tagId = 1;
  let window = { start: Date.now(), count: 0 };

  app.use('/api', (req: Request, res: Response, next) => {
    const h = req.headers.authorization ?? '';
    const ok =
      h.startsWith('Basic ') && Buffer.from(h.slice(6), 'base64').toString('utf8') === `${email}:${apiKey}`;
    if (!ok) return res.status(401).json({ error: { msg: 'Unauthorized: invalid API credentials.' } });
    const now = Date.now();
    if (now - window.start >= limit.windowSeconds * 1000) window = { start: now, count: 0 };
    window.count += 1;
    res.setHeader(
      'X-Gorgias-Account-Api-Call-Limit',
      `${Math.min(window.count, limit.limit)}/${limit.limit}`,
    );
    if (window.count > limit.limit) {
      const wait = Math.ceil((window.start + limit.windowSeconds * 1000 - now) / 1000);
      res.setHeader('Retry-after', String(Math.max(1, wait)));
      return res.status(429).json({ error: { msg: 'Too many requests. Please retry later.' } });
    }
    next();
  });

  const view = (t: GorgiasTicket) => t;

  const invalid = (res: Response, issues: z.ZodError['issues']) => {
    const data: Record<string, string[]> = {};
    for (const issue of issues) {
      const field = issue.path.map(String).join('.') || '_schema';
      data[field] ??= [];
      data[field].push(
        issue.code === 'invalid_type' && issue.input === undefined
          ? 'Missing data for required field.'
          : issue.message,
      );
    }
    return res.status(400).json({ error: { msg: 'Invalid request', data } });
  };

  app.post('/api/tickets', (req: Request, res: Response) => {
    const parsed = ticketSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const t = parsed.data;
    const id = nextId++;
    const now = new Date().toISOString();
    const ticket: GorgiasTicket = {
      id,
      uri: `/api/tickets/${id}/`,
      external_id: t.external_id ?? null,
      status: t.status ?? 'open',
      channel: t.channel ?? t.messages[0]!.channel,
      via: t.via ?? t.messages[0]!.via,
      subject: t.subject ?? t.messages[0]!.subject ?? null,
      customer: t.customer
        ? { id: 30000 + id, email: t.customer.email, name: t.customer.name ?? null }
        : null,
      messages: t.messages.map((m, i) => ({ ...m, id: id * 100 + i, ticket_id: id, created_datetime: now })),
      tags: (t.tags ?? []).map((x) => ({ id: tagId++, name: x.name })),
      meta: t.meta ?? null,
      created_datetime: now,
      updated_datetime: now,
    };
    tickets.push(ticket);
    if (control.dropCreateResponses > 0) {
      control.dropCreateResponses -= 1;
      req.socket.destroy();
      return;
    }
    res.status(201).json(view(ticket));
  });

  app.get('/api/tickets', (req: Request, res: Response) => {
    const ext = typeof req.query.external_id === 'string' ? req.query.external_id : undefined;
    const found = tickets.filter((t) => ext === undefined || t.external_id === ext).map(view);
    res.json({ data: found, meta: { next_cursor: null, prev_cursor: null } });
  });

  // Create message: a customer's (from_agent false) or an agent's message on an existing ticket.
  app.post('/api/tickets/:id/messages', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ error: { msg: 'Resource not found.' } });
    const parsed = messageSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const now = new Date().toISOString();
    const message = {
      ...parsed.data,
      id: t.id * 100 + t.messages.length,
      ticket_id: t.id,
      created_datetime: now,
    };
    t.messages.push(message);
    t.updated_datetime = now;
    res.status(201).json(message);
  });

  app.get('/api/tickets/:id/messages', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ error: { msg: 'Resource not found.' } });
    res.json({ data: t.messages, meta: { next_cursor: null, prev_cursor: null } });
  });

  app.get('/api/tickets/:id', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ error: { msg: 'Resource not found.' } });
    res.json(view(t));
  });

  // Update a ticket: tags (the list is replaced, as Gorgias does) and status.
  app.put('/api/tickets/:id', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ error: { msg: 'Resource not found.' } });
    const parsed = updateSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const u = parsed.data;
    if (u.tags)
      t.tags = u.tags.map((x) => t.tags.find((o) => o.name === x.name) ?? { id: tagId++, name: x.name });
    if (u.status) t.status = u.status;
    t.updated_datetime = new Date().toISOString();
    res.json(view(t));
  });

  const server = await listen(built, options.port ?? 0);
  const closeTicket = async (id: number) => {
    const t = tickets.find((x) => x.id === id);
    if (!t) throw new Error(`no Gorgias ticket ${id}`);
    t.status = 'closed';
    t.updated_datetime = new Date().toISOString();
    if (!fx.webhook) return undefined;
    // HTTP integration body as configured with {{ticket.id}} / {{ticket.status}} variables.
    const r = await fetch(fx.webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [fx.webhook.header ?? 'x-boomerang-webhook-secret']: fx.webhook.secret,
      },
      body: JSON.stringify({ ticket_id: String(t.id), status: t.status, external_id: t.external_id ?? '' }),
    });
    return { status: r.status };
  };
  return Object.assign(server, { tickets, control, closeTicket });
}
