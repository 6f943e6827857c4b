// Zendesk Support fake: POST/GET /api/v2/tickets(.json), comments added by a ticket update
// (PUT /api/v2/tickets/{id} with `ticket.comment`, the only documented way to add one) and listed with
// GET /api/v2/tickets/{id}/comments, basic "{email}/token:{api_token}" or Bearer auth, the documented
// request/response shapes, vendor-shaped 401/404/422/429 bodies, and signed "ticket solved" webhooks
// (X-Zendesk-Webhook-Signature). See tests/fakes/docs/helpdesks.md.
import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { createFakeApp, type FakeServer, listen } from './http';

export interface ZendeskFixtures {
  email?: string;
  apiToken?: string;
  /** Accepted as `Authorization: Bearer <oauthToken>`. */
  oauthToken?: string;
  /** Requests per window before 429 (Zendesk plans allow roughly 200–700/min). */
  rateLimit?: { limit: number; windowSeconds: number };
  /** Where `solve()` POSTs the trigger's webhook, signed with `signingSecret`. */
  webhook?: { url: string; signingSecret: string };
}

export interface ZendeskTicket {
  id: number;
  url: string;
  external_id: string | null;
  subject: string | null;
  description: string;
  priority: string | null;
  status: string;
  type: string | null;
  requester_id: number;
  requester: { name?: string; email?: string } | null;
  tags: string[];
  comments: ZendeskComment[];
  custom_fields: { id: number; value: unknown }[];
  created_at: string;
  updated_at: string;
}

/** A ticket comment as the Ticket Comments API returns it. */
export interface ZendeskComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: unknown[];
  audit_id: number;
  created_at: string;
}

/** The id of the API user (the agent the token belongs to): the default author of API comments. */
export const ZENDESK_API_USER_ID = 1;

export interface ZendeskFake extends FakeServer {
  tickets: ZendeskTicket[];
  /** The next N successful creates are committed but their connection is dropped before the response. */
  control: { dropCreateResponses: number };
  /** Solves a ticket like an agent in the Zendesk UI; fires the configured webhook. */
  solve(id: number): Promise<{ status: number } | undefined>;
}

export const ZENDESK_DEFAULTS = { email: 'agent@example.com', apiToken: 'zendesk-test-token' };

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;

const commentSchema = z
  .object({
    body: z.string().min(1).optional(),
    html_body: z.string().min(1).optional(),
    public: z.boolean().optional(),
    author_id: z.number().int().optional(),
  })
  .refine((c) => c.body !== undefined || c.html_body !== undefined, {
    message: 'body or html_body is required',
  });

// Update: every field optional; a `comment` adds one comment (public unless `public: false`).
const updateSchema = z.object({
  ticket: z.object({
    comment: commentSchema.optional(),
    status: z.enum(STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    tags: z.array(z.string()).optional(),
    subject: z.string().optional(),
  }),
});

const ticketSchema = z.object({
  ticket: z.object({
    subject: z.string().optional(),
    comment: commentSchema,
    requester: z
      .object({ name: z.string().optional(), email: z.email(), locale_id: z.number().optional() })
      .optional(),
    requester_id: z.number().int().optional(),
    priority: z.enum(PRIORITIES).optional(),
    type: z.enum(['problem', 'incident', 'question', 'task']).optional(),
    status: z.enum(STATUSES).optional(),
    tags: z.array(z.string()).optional(),
    external_id: z.string().optional(),
    custom_fields: z.array(z.object({ id: z.number(), value: z.unknown() })).optional(),
    group_id: z.number().optional(),
    assignee_id: z.number().optional(),
  }),
});

export async function startFake(
  options: { port?: number; fixtures?: ZendeskFixtures } = {},
): Promise<ZendeskFake> {
  const fx = options.fixtures ?? {};
  const email = fx.email ?? ZENDESK_DEFAULTS.email;
  const apiToken = fx.apiToken ?? ZENDESK_DEFAULTS.apiToken;
  const built = createFakeApp();
  const { app } = built;
  const tickets: ZendeskTicket[] = [];
  const control = { dropCreateResponses: 0 };
  let nextId = 1001;
  let nextCommentId = 3_000_001;
  let nextAuditId = 60_001;
  let window = { start: Date.now(), count: 0 };
  let base = '';

  const authorised = (req: Request): boolean => {
    const h = req.headers.authorization ?? '';
    if (fx.oauthToken && h === `Bearer ${fx.oauthToken}`) return true;
    if (!h.startsWith('Basic ')) return false;
    return Buffer.from(h.slice(6), 'base64').toString('utf8') === `${email}/token:${apiToken}`;
  };

  // Auth, then the account's rate limit (Zendesk answers 429 with Retry-After in seconds).
  app.use('/api/v2', (req: Request, res: Response, next) => {
    if (!authorised(req)) return res.status(401).json({ error: "Couldn't authenticate you" });
    if (fx.rateLimit) {
      const now = Date.now();
      if (now - window.start >= fx.rateLimit.windowSeconds * 1000) window = { start: now, count: 0 };
      window.count += 1;
      res.setHeader('X-Rate-Limit', String(fx.rateLimit.limit));
      res.setHeader('X-Rate-Limit-Remaining', String(Math.max(0, fx.rateLimit.limit - window.count)));
      if (window.count > fx.rateLimit.limit) {
        const wait = Math.ceil((window.start + fx.rateLimit.windowSeconds * 1000 - now) / 1000);
        res.setHeader('Retry-After', String(Math.max(1, wait)));
        return res.status(429).json({
          error: 'APIRateLimitExceeded',
          description: 'Number of allowed API requests per minute exceeded',
        });
      }
    }
    next();
  });

  const invalid = (res: Response, issues: z.ZodError['issues']) => {
    const details: Record<string, { description: string; error: string }[]> = {};
    for (const issue of issues) {
      const field = String(issue.path[1] ?? issue.path[0] ?? 'base');
      details[field] ??= [];
      details[field].push({
        description: `${field[0]!.toUpperCase()}${field.slice(1)}: ${issue.message}`,
        error: issue.code === 'invalid_type' && issue.input === undefined ? 'BlankValue' : 'InvalidValue',
      });
    }
    return res.status(422).json({ error: 'RecordInvalid', description: 'Record validation errors', details });
  };

  const comment = (
    c: z.infer<typeof commentSchema>,
    defaultAuthor: number,
    auditId: number,
    at: string,
  ): ZendeskComment => {
    const body = c.body ?? (c.html_body ?? '').replace(/<[^>]*>/g, '');
    const esc = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      id: nextCommentId++,
      type: 'Comment',
      author_id: c.author_id ?? defaultAuthor,
      body,
      html_body: c.html_body ?? `<div class="zd-comment"><p>${esc.replace(/\n/g, '<br>')}</p></div>`,
      plain_body: body,
      public: c.public ?? true,
      attachments: [],
      audit_id: auditId,
      created_at: at,
    };
  };

  const findTicket = (raw: string) => tickets.find((x) => String(x.id) === raw.replace(/\.json$/, ''));

  const view = (t: ZendeskTicket) => {
    const { comments: _c, requester: _r, ...rest } = t;
    return rest;
  };

  app.post(['/api/v2/tickets', '/api/v2/tickets.json'], (req: Request, res: Response) => {
    const parsed = ticketSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    const t = parsed.data.ticket;
    const now = new Date().toISOString();
    const id = nextId++;
    const requesterId = t.requester_id ?? 90000 + id;
    // The first comment of a ticket created through the API is the requester's (the description).
    const first = comment(t.comment, requesterId, 50000 + id, now);
    const body = first.body;
    const ticket: ZendeskTicket = {
      id,
      url: `${base}/api/v2/tickets/${id}.json`,
      external_id: t.external_id ?? null,
      subject: t.subject ?? null,
      description: body,
      priority: t.priority ?? null,
      status: t.status === undefined || t.status === 'new' ? (t.assignee_id ? 'open' : 'new') : t.status,
      type: t.type ?? null,
      requester_id: requesterId,
      requester: t.requester ?? null,
      tags: [...new Set(t.tags ?? [])],
      comments: [first],
      custom_fields: t.custom_fields ?? [],
      created_at: now,
      updated_at: now,
    };
    tickets.push(ticket);
    if (control.dropCreateResponses > 0) {
      control.dropCreateResponses -= 1;
      req.socket.destroy();
      return;
    }
    res.status(201).json({
      ticket: view(ticket),
      audit: {
        id: 50000 + id,
        ticket_id: id,
        created_at: now,
        author_id: 1,
        events: [{ type: 'Create', field_name: 'status', value: ticket.status }],
      },
    });
  });

  app.get(['/api/v2/tickets', '/api/v2/tickets.json'], (req: Request, res: Response) => {
    const ext = typeof req.query.external_id === 'string' ? req.query.external_id : undefined;
    const found = tickets.filter((t) => ext === undefined || t.external_id === ext).map(view);
    res.json({ tickets: found, next_page: null, previous_page: null, count: found.length });
  });

  app.get(
    ['/api/v2/tickets/:id/comments', '/api/v2/tickets/:id/comments.json'],
    (req: Request, res: Response) => {
      const t = findTicket(String(req.params.id));
      if (!t) return res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
      res.json({ comments: t.comments, next_page: null, previous_page: null, count: t.comments.length });
    },
  );

  app.get(['/api/v2/tickets/:id', '/api/v2/tickets/:id.json'], (req: Request, res: Response) => {
    const t = findTicket(String(req.params.id));
    if (!t) return res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
    res.json({ ticket: view(t) });
  });

  // Update Ticket: the way to add a comment. A comment defaults to the API user as author and to
  // public; an end user's comment on a solved ticket reopens it; closed tickets can't be updated.
  app.put(['/api/v2/tickets/:id', '/api/v2/tickets/:id.json'], (req: Request, res: Response) => {
    const t = findTicket(String(req.params.id));
    if (!t) return res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
    const parsed = updateSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error.issues);
    if (t.status === 'closed') {
      return res.status(422).json({
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: {
          status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }],
        },
      });
    }
    const u = parsed.data.ticket;
    const now = new Date().toISOString();
    const auditId = nextAuditId++;
    const events: Record<string, unknown>[] = [];
    if (u.comment) {
      const c = comment(u.comment, ZENDESK_API_USER_ID, auditId, now);
      t.comments.push(c);
      events.push({ ...c, audit_id: undefined });
      if (c.author_id === t.requester_id && t.status === 'solved' && !u.status) t.status = 'open';
    }
    if (u.status) t.status = u.status;
    if (u.priority) t.priority = u.priority;
    if (u.tags) t.tags = [...new Set(u.tags)];
    if (u.subject !== undefined) t.subject = u.subject;
    t.updated_at = now;
    res.status(200).json({
      ticket: view(t),
      audit: { id: auditId, ticket_id: t.id, created_at: now, author_id: ZENDESK_API_USER_ID, events },
    });
  });

  const server = await listen(built, options.port ?? 0);
  base = server.url;

  const solve = async (id: number) => {
    const t = tickets.find((x) => x.id === id);
    if (!t) throw new Error(`no Zendesk ticket ${id}`);
    t.status = 'solved';
    t.updated_at = new Date().toISOString();
    if (!fx.webhook) return undefined;
    // Payload as configured in the trigger's JSON body with placeholders {{ticket.id}} etc.
    const body = JSON.stringify({
      ticket_id: String(t.id),
      status: t.status,
      external_id: t.external_id ?? '',
    });
    const timestamp = new Date().toISOString();
    const signature = createHmac('sha256', fx.webhook.signingSecret)
      .update(timestamp + body)
      .digest('base64');
    const r = await fetch(fx.webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-id': '01HZFAKEWEBHOOK',
        'x-zendesk-webhook-signature': signature,
        'x-zendesk-webhook-signature-timestamp': timestamp,
      },
      body,
    });
    return { status: r.status };
  };

  return Object.assign(server, { tickets, control, solve });
}
