// Zendesk Support fake: POST/GET /api/v2/tickets(.json), basic "{email}/token:{api_token}" or Bearer
// auth, the documented request/response shapes, vendor-shaped 401/422/429 bodies, and signed
// "ticket solved" webhooks (X-Zendesk-Webhook-Signature). See tests/fakes/docs/helpdesks.md.
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
  comments: { body: string; public: boolean }[];
  custom_fields: { id: number; value: unknown }[];
  created_at: string;
  updated_at: string;
}

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

const ticketSchema = z.object({
  ticket: z.object({
    subject: z.string().optional(),
    comment: z
      .object({
        body: z.string().min(1).optional(),
        html_body: z.string().min(1).optional(),
        public: z.boolean().optional(),
      })
      .refine((c) => c.body !== undefined || c.html_body !== undefined, {
        message: 'body or html_body is required',
      }),
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

  const view = (t: ZendeskTicket) => {
    const { comments: _c, requester: _r, ...rest } = t;
    return rest;
  };

  app.post(['/api/v2/tickets', '/api/v2/tickets.json'], (req: Request, res: Response) => {
    const parsed = ticketSchema.safeParse(req.body);
    if (!parsed.success) {
      const details: Record<string, { description: string; error: string }[]> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[1] ?? issue.path[0] ?? 'base');
        details[field] ??= [];
        details[field].push({
          description: `${field[0]!.toUpperCase()}${field.slice(1)}: ${issue.message}`,
          error: issue.code === 'invalid_type' && issue.input === undefined ? 'BlankValue' : 'InvalidValue',
        });
      }
      return res
        .status(422)
        .json({ error: 'RecordInvalid', description: 'Record validation errors', details });
    }
    const t = parsed.data.ticket;
    const now = new Date().toISOString();
    const id = nextId++;
    const body = t.comment.body ?? t.comment.html_body ?? '';
    const ticket: ZendeskTicket = {
      id,
      url: `${base}/api/v2/tickets/${id}.json`,
      external_id: t.external_id ?? null,
      subject: t.subject ?? null,
      description: body,
      priority: t.priority ?? null,
      status: t.status === undefined || t.status === 'new' ? (t.assignee_id ? 'open' : 'new') : t.status,
      type: t.type ?? null,
      requester_id: t.requester_id ?? 90000 + id,
      requester: t.requester ?? null,
      tags: [...new Set(t.tags ?? [])],
      comments: [{ body, public: t.comment.public ?? true }],
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

  app.get(['/api/v2/tickets/:id', '/api/v2/tickets/:id.json'], (req: Request, res: Response) => {
    const t = tickets.find((x) => String(x.id) === String(req.params.id).replace(/\.json$/, ''));
    if (!t) return res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
    res.json({ ticket: view(t) });
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
