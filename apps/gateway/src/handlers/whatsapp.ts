import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { safeEqual } from '../domain/crypto';
import { normalizeWhatsApp, verifyWhatsApp } from '../domain/inbound/whatsapp';
import { ingest } from '../ingest';
import { channelOr404, type HandlerContext, parseJson, rawBody, tenantOr404 } from './context';

export function whatsappRoutes(ctx: HandlerContext): Router {
  const r = Router();
  // Verification handshake: echo hub.challenge when hub.verify_token matches.
  r.get('/v1/whatsapp/:tenant', (req: Request, res: Response) => {
    const wa = channelOr404(tenantOr404(ctx, req), 'whatsapp');
    const q = req.query as Record<string, string | undefined>;
    if (q['hub.mode'] !== 'subscribe' || !q['hub.challenge'])
      throw new InvalidArgument('hub.mode=subscribe and hub.challenge are required');
    if (!safeEqual(String(q['hub.verify_token'] ?? ''), wa.verifyToken))
      throw new PermissionDenied('hub.verify_token does not match');
    res.type('text/plain').send(String(q['hub.challenge']));
  });
  r.post('/v1/whatsapp/:tenant', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    const wa = channelOr404(tenant, 'whatsapp');
    const raw = rawBody(req);
    verifyWhatsApp(raw, req.get('x-hub-signature-256'), wa.appSecret);
    const parsed = parseJson(raw);
    if (parsed === undefined) throw new InvalidArgument('body is not JSON');
    for (const message of normalizeWhatsApp(parsed, wa.phoneNumberId))
      await ingest(ctx.ingest, tenant, message);
    res.status(200).type('text/plain').send('EVENT_RECEIVED');
  });
  return r;
}
