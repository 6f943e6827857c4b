import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { safeEqual } from '../domain/crypto';
import { normalizeWhatsApp, verifyWhatsApp } from '../domain/inbound/whatsapp';
import { ingest } from '../ingest';
import {
  channelOr404,
  type HandlerContext,
  parseJson,
  sendAnswer,
  tenantByIdOr404,
  tenantOr404,
  type WebhookAnswer,
  type WebhookRequest,
  webhookRequest,
} from './context';

const RECEIVED: WebhookAnswer = { status: 200, type: 'text/plain', body: 'EVENT_RECEIVED' };

/** WhatsApp Cloud API webhook: signature over the raw body, then every message is ingested. */
export async function whatsappWebhook(ctx: HandlerContext, req: WebhookRequest): Promise<WebhookAnswer> {
  const tenant = tenantByIdOr404(ctx, req.tenant);
  const wa = channelOr404(tenant, 'whatsapp');
  verifyWhatsApp(req.body, req.header('x-hub-signature-256'), wa.appSecret);
  const parsed = parseJson(req.body);
  if (parsed === undefined) throw new InvalidArgument('body is not JSON');
  for (const message of normalizeWhatsApp(parsed, wa.phoneNumberId))
    await ingest(ctx.ingest, tenant, message);
  return RECEIVED;
}

/** Mounted at /v1/whatsapp: GET verify-token handshake, POST Cloud API webhook (also in the fast lane). */
export function whatsappRoutes(ctx: HandlerContext): Router {
  const r = Router();
  // Verification handshake: echo hub.challenge when hub.verify_token matches.
  r.get('/:tenant', (req: Request, res: Response) => {
    const wa = channelOr404(tenantOr404(ctx, req), 'whatsapp');
    const q = req.query as Record<string, string | undefined>;
    if (q['hub.mode'] !== 'subscribe' || !q['hub.challenge'])
      throw new InvalidArgument('hub.mode=subscribe and hub.challenge are required');
    if (!safeEqual(String(q['hub.verify_token'] ?? ''), wa.verifyToken))
      throw new PermissionDenied('hub.verify_token does not match');
    res.type('text/plain').send(String(q['hub.challenge']));
  });
  r.post('/:tenant', async (req: Request, res: Response) => {
    sendAnswer(res, await whatsappWebhook(ctx, webhookRequest(ctx, req)));
  });
  return r;
}
