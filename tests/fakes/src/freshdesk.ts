// Freshdesk fake: POST /api/v2/tickets (numeric status/priority/source), GET /api/v2/tickets/:id, the
// ticket search (`query="tag:'x'"`), notes (POST /api/v2/tickets/:id/notes; `incoming: true` with the
// requester's `user_id` shows as the customer's message) listed by GET /api/v2/tickets/:id/conversations, basic "{api_key}:X" auth, vendor-shaped 400 "Validation
// failed" / 401 / 429 (Retry-After, X-RateLimit-*) bodies. See tests/fakes/docs/helpdesks.md.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { createFakeApp, type FakeServer, listen } from './http';

export interface FreshdeskFixtures {
  apiKey?: string;
  /** Requests per minute of the plan (default 50, the smallest paid plan's ticket-create budget). */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Where `resolve()` POSTs the automation rule's webhook, with this shared-secret header. */
  webhook?: { url: string; secret: string; header?: string };
}

export interface FreshdeskTicket {
  id: number;
  subject: string;
  description: string;
  description_text: string;
  status: number;
  priority: number;
  source: number;
  requester_id: number;
  email: string | null;
  phone: string | null;
  name: string | null;
  unique_external_id: string | null;
  tags: string[];
  type: string | null;
  group_id: number | null;
  custom_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** A conversation entry (reply or note) as GET /api/v2/tickets/:id/conversations returns it. */
export interface FreshdeskConversation {
  id: number;
  body: string;
  body_text: string;
  incoming: boolean;
  private: boolean;
  user_id: number;
  /** 0 reply, 2 note. */
  source: number;
  ticket_id: number;
  support_email: string | null;
  to_emails: string[];
  attachments: unknown[];
  created_at: string;
  updated_at: string;
}

/** The id of the API user (the agent the key belongs to): the default author of notes. */
export const FRESHDESK_API_USER_ID = 1;

export interface FreshdeskFake extends FakeServer {
  tickets: FreshdeskTicket[];
  conversations: FreshdeskConversation[];
  control: { dropCreateResponses: number };
  resolve(id: number): Promise<{ status: number } | undefined>;
}

export const FRESHDESK_DEFAULTS = { apiKey: 'freshdesk-test-key' };

const ticketSchema = z.object({
  email: z.email().optional(),
  requester_id: z.number().int().optional(),
  phone: z.string().min(1).optional(),
  name: z.string().optional(),
  unique_external_id: z.string().optional(),
  subject: z.string().min(1),
  description: z.string().min(1),
  status: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).optional(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  source: z
    .union([z.literal(1), z.literal(2), z.literal(3), z.literal(7), z.literal(9), z.literal(10)])
    .optional(),
  tags: z.array(z.string()).optional(),
  type: z.string().optional(),
  group_id: z.number().optional(),
  custom_fields: z.record(z.string(), z.unknown()).optional(),
});

const updateSchema = z
  .object({
    priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    status: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).optional(),
    tags: z.array(z.string()).optional(),
  })
  .strict();

/** Freshdesk's 400: "Validation failed" with one error per field (missing_field / invalid_value). */
function validationFailed(res: Response, issues: z.ZodError['issues']) {
  return res.status(400).json({
    description: 'Validation failed',
    errors: issues.map((issue) => ({
      field: String(issue.path[0] ?? 'base'),
      message: issue.message,
      code: issue.code === 'invalid_type' && issue.input === undefined ? 'missing_field' : 'invalid_value',
    })),
  });
}

const noteSchema = z.object({
  body: z.string().min(1),
  incoming: z.boolean().optional(),
  private: z.boolean().optional(),
  user_id: z.number().int().optional(),
  notify_emails: z.array(z.email()).optional(),
});

export async function startFake(
  options: { port?: number; fixtures?: FreshdeskFixtures } = {},
): Promise<FreshdeskFake> {
  const fx = options.fixtures ?? {};
  const apiKey = fx.apiKey ?? FRESHDESK_DEFAULTS.apiKey;
  const limit = fx.rateLimit ?? { limit: 50, windowSeconds: 60 };
  const built = createFakeApp();
  const { app } = built;
  const tickets: FreshdeskTicket[] = [];
  const conversations: FreshdeskConversation[] = [];
  let nextConversationId = 9_000_001;
  const control = { dropCreateResponses: 0 };
  let nextId = 501;
  let window = { start: Date.now(), count: 0 };

  app.use('/api/v2', (req: Request, res: Response, next) => {
    const h = req.headers.authorization ?? '';
    const ok = h.startsWith('Basic ') && Buffer.from(h.slice(6), 'base64').toString('utf8') === `${apiKey}:X`;
    if (!ok) {
      return res
        .status(401)
        .json({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
    }
    const now = Date.now();
    if (now - window.start >= limit.windowSeconds * 1000) window = { start: now, count: 0 };
    window.count += 1;
    res.setHeader('X-RateLimit-Total', String(limit.limit));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit.limit - window.count)));
    res.setHeader('X-RateLimit-Used-CurrentRequest', '1');
    if (window.count > limit.limit) {
      const wait = Math.ceil((window.start + limit.windowSeconds * 1000 - now) / 1000);
      res.setHeader('Retry-After', String(Math.max(1, wait)));
      return res.status(429).json({ message: 'You have exceeded the limit of requests per minute.' });
    }
    next();
  });

  app.post('/api/v2/tickets', (req: Request, res: Response) => {
    const parsed = ticketSchema.safeParse(req.body);
    const errors: { field: string; message: string; code: string }[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const missing = issue.code === 'invalid_type' && issue.input === undefined;
        errors.push({
          field: String(issue.path[0] ?? 'base'),
          message: missing ? 'It should be a/an String' : issue.message,
          code: missing ? 'missing_field' : 'invalid_value',
        });
      }
    } else {
      const t = parsed.data;
      if (!t.email && t.requester_id === undefined && !t.phone && !t.unique_external_id) {
        errors.push({
          field: 'requester_id',
          message:
            'Please fill at least 1 of requester_id, phone, email, twitter_id, facebook_id, unique_external_id fields',
          code: 'missing_field',
        });
      }
      if (t.phone && !t.email && !t.name)
        errors.push({ field: 'name', message: "can't be blank", code: 'missing_field' });
    }
    if (errors.length > 0 || !parsed.success)
      return res.status(400).json({ description: 'Validation failed', errors });
    const t = parsed.data;
    const id = nextId++;
    const now = new Date().toISOString();
    const ticket: FreshdeskTicket = {
      id,
      subject: t.subject,
      description: t.description,
      description_text: t.description.replace(/<[^>]*>/g, ''),
      status: t.status ?? 2,
      priority: t.priority ?? 1,
      source: t.source ?? 2,
      requester_id: t.requester_id ?? 80000 + id,
      email: t.email ?? null,
      phone: t.phone ?? null,
      name: t.name ?? null,
      unique_external_id: t.unique_external_id ?? null,
      tags: t.tags ?? [],
      type: t.type ?? null,
      group_id: t.group_id ?? null,
      custom_fields: t.custom_fields ?? {},
      created_at: now,
      updated_at: now,
    };
    tickets.push(ticket);
    if (control.dropCreateResponses > 0) {
      control.dropCreateResponses -= 1;
      req.socket.destroy();
      return;
    }
    res.status(201).json(ticket);
  });

  // Filter search: query="tag:'value'" (the quotes are part of the parameter).
  app.get('/api/v2/search/tickets', (req: Request, res: Response) => {
    const q = typeof req.query.query === 'string' ? req.query.query : '';
    const m = /^"tag:'([^']*)'"$/.exec(q);
    if (!m) {
      return res.status(400).json({
        description: 'Validation failed',
        errors: [{ field: 'query', message: 'Given query is invalid', code: 'invalid_value' }],
      });
    }
    const found = tickets.filter((t) => t.tags.includes(m[1]!));
    res.json({ results: found, total: found.length });
  });

  // Add Note: private (internal) unless `private: false`; `incoming: true` marks it as coming from
  // outside (with the requester's user_id it reads as the customer's message).
  app.post('/api/v2/tickets/:id/notes', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ code: 'access_denied', message: 'Not found' });
    const parsed = noteSchema.safeParse(req.body);
    if (!parsed.success) return validationFailed(res, parsed.error.issues);
    const n = parsed.data;
    const now = new Date().toISOString();
    const note: FreshdeskConversation = {
      id: nextConversationId++,
      body: n.body,
      body_text: n.body
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/<\/p>\s*<p>/gi, '\n')
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
      incoming: n.incoming ?? false,
      private: n.private ?? true,
      user_id: n.user_id ?? FRESHDESK_API_USER_ID,
      source: 2,
      ticket_id: t.id,
      support_email: null,
      to_emails: n.notify_emails ?? [],
      attachments: [],
      created_at: now,
      updated_at: now,
    };
    conversations.push(note);
    t.updated_at = now;
    res.status(201).json(note);
  });

  app.get('/api/v2/tickets/:id/conversations', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ code: 'access_denied', message: 'Not found' });
    res.json(conversations.filter((c) => c.ticket_id === t.id));
  });

  app.get('/api/v2/tickets/:id', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ code: 'access_denied', message: 'Not found' });
    res.json(t);
  });

  // Update a Ticket: priority, status and tags (tags replace the list, as Freshdesk does).
  app.put('/api/v2/tickets/:id', (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === req.params.id);
    if (!t) return res.status(404).json({ code: 'access_denied', message: 'Not found' });
    const parsed = updateSchema.safeParse(req.body);
    if (!parsed.success) return validationFailed(res, parsed.error.issues);
    const u = parsed.data;
    if (u.priority) t.priority = u.priority;
    if (u.status) t.status = u.status;
    if (u.tags) t.tags = [...new Set(u.tags)];
    t.updated_at = new Date().toISOString();
    res.json(t);
  });

  const server = await listen(built, options.port ?? 0);
  const resolve = async (id: number) => {
    const t = tickets.find((x) => x.id === id);
    if (!t) throw new Error(`no Freshdesk ticket ${id}`);
    t.status = 4;
    t.updated_at = new Date().toISOString();
    if (!fx.webhook) return undefined;
    // Automation rule "Trigger webhook", custom JSON body with {{ticket.id}} / {{ticket.status}}.
    const r = await fetch(fx.webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [fx.webhook.header ?? 'x-boomerang-webhook-secret']: fx.webhook.secret,
      },
      body: JSON.stringify({
        ticket_id: String(t.id),
        status: 'Resolved',
        external_id: t.tags.find((x) => x.startsWith('bmr-')) ?? '',
      }),
    });
    return { status: r.status };
  };
  return Object.assign(server, { tickets, conversations, control, resolve });
}
