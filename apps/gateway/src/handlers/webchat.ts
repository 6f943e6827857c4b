import { randomUUID } from 'node:crypto';
import { InvalidArgument } from '@boomerang/kit/errors';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { renderWebchat } from '../domain/render/webchat';
import { issueConversationToken, verifyConversationToken } from '../domain/webchat-token';
import { ingest } from '../ingest';
import { channelOr404, type HandlerContext, tenantOr404 } from './context';

const messageBody = z
  .object({
    text: z.string().max(2000).default(''),
    clientMessageId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, _ or -')
      .optional(),
    postback: z.string().max(256).optional(),
    identityToken: z.string().max(4096).optional(),
    locale: z.string().max(16).optional(),
    conversationToken: z.string().max(1024).optional(),
  })
  .refine((b) => b.text.trim() || b.postback, { message: 'text or postback is required', path: ['text'] });

function bearer(req: Request): string | undefined {
  const h = req.get('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}

/** Mounted at /v1/webchat: conversation tokens, messages (REST) and replies (SSE). */
export function webchatRoutes(ctx: HandlerContext): Router {
  const r = Router();
  const json = express.json({ limit: '16kb', type: () => true });

  // CORS for the embeddable widget, per tenant.
  r.use('/:tenant', (req: Request, res: Response, next: NextFunction) => {
    const tenant = ctx.tenants.get(String(req.params.tenant));
    const origin = req.get('origin');
    const allowed = tenant?.channels.webchat?.allowedOrigins ?? [];
    if (origin && (allowed.includes('*') || allowed.includes(origin))) {
      res.setHeader('Access-Control-Allow-Origin', allowed.includes('*') ? '*' : origin);
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, last-event-id');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  });

  r.post('/:tenant/conversations', (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    channelOr404(tenant, 'webchat');
    const { token, claims } = issueConversationToken(ctx.settings.webchatSecret, tenant.id, ctx.now());
    res
      .status(201)
      .json({ conversationId: claims.c, token, expiresAt: new Date(claims.exp * 1000).toISOString() });
  });

  r.post('/:tenant/messages', json, async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    channelOr404(tenant, 'webchat');
    const parsed = messageBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InvalidArgument(`${issue.path.join('.') || 'body'}: ${issue.message}`, {
        field: issue.path.join('.'),
      });
    }
    const b = parsed.data;
    const claims = verifyConversationToken(
      ctx.settings.webchatSecret,
      bearer(req) ?? b.conversationToken,
      tenant.id,
      ctx.now(),
    );
    const result = await ingest(ctx.ingest, tenant, {
      channel: Channel.CHANNEL_WEBCHAT,
      vendorMessageId: `${claims.c}:${b.clientMessageId ?? randomUUID()}`,
      // The conversation is the sender on web chat (no phone or address until the shopper signs in).
      sender: claims.c,
      conversationId: claims.c,
      text: b.text.trim(),
      postback: b.postback,
      identityToken: b.identityToken,
      localeHint: b.locale,
    });
    res.status(202).json({
      messageId: result.message.messageId,
      conversationId: claims.c,
      duplicate: result.outcome === 'duplicate',
    });
  });

  // Server-Sent Events: replies of this conversation, replaying what a reconnecting client missed.
  r.get('/:tenant/events', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    channelOr404(tenant, 'webchat');
    const claims = verifyConversationToken(
      ctx.settings.webchatSecret,
      bearer(req) ?? String(req.query.token ?? ''),
      tenant.id,
      ctx.now(),
    );
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const sent = new Set<string>();
    const send = (id: string, body: string) => {
      if (sent.has(id)) return;
      sent.add(id);
      res.write(`id: ${id}\nevent: reply\ndata: ${body}\n\n`);
    };
    const unlisten = ctx.hub.listen(tenant.id, claims.c, (m) =>
      send(m.messageId, JSON.stringify(renderWebchat(m))),
    );
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      unlisten();
    });
    const last =
      req.get('last-event-id') ??
      (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
    for (const missed of await ctx.store.webchatRepliesAfter(tenant.id, claims.c, last)) {
      if (missed.messageId !== last) send(missed.messageId, missed.body);
    }
  });
  return r;
}
