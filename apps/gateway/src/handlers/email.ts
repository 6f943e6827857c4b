import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { safeEqual } from '../domain/crypto';
import { normalizeMailgun, normalizeSendgrid, verifyMailgun } from '../domain/inbound/email';
import { ingest } from '../ingest';
import { channelOr404, type HandlerContext, rawBody, tenantOr404 } from './context';

/** Form fields from urlencoded or multipart/form-data bodies (files are ignored). */
export async function formFields(req: Request): Promise<Map<string, string>> {
  const raw = rawBody(req);
  const type = req.get('content-type') ?? '';
  const out = new Map<string, string>();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new InvalidArgument('multipart body could not be parsed');
    }
    for (const [k, v] of form.entries()) if (typeof v === 'string' && !out.has(k)) out.set(k, v);
    return out;
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) if (!out.has(k)) out.set(k, v);
    return out;
  }
  throw new InvalidArgument('expected multipart/form-data or application/x-www-form-urlencoded');
}

/** Mailgun tokens seen recently with the message they signed (a token must not sign another message). */
class TokenMemory {
  private readonly seen = new Map<string, string>();
  check(token: string, messageKey: string): void {
    const prior = this.seen.get(token);
    if (prior !== undefined && prior !== messageKey)
      throw new PermissionDenied('Mailgun token was already used');
    this.seen.set(token, messageKey);
    if (this.seen.size > 50_000) this.seen.delete(this.seen.keys().next().value as string);
  }
}

/** Mounted at /v1/email: SendGrid Inbound Parse and Mailgun routes. */
export function emailRoutes(ctx: HandlerContext): Router {
  const r = Router();
  const tokens = new TokenMemory();
  // SendGrid Inbound Parse has no signature: the URL carries a per-tenant secret.
  r.post('/:tenant/sendgrid/:secret', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    const email = channelOr404(tenant, 'email');
    if (!email.sendgridInboundSecret || !safeEqual(String(req.params.secret), email.sendgridInboundSecret)) {
      throw new PermissionDenied('unknown inbound parse secret');
    }
    await ingest(ctx.ingest, tenant, normalizeSendgrid(await formFields(req)));
    res.status(200).end();
  });
  r.post('/:tenant/mailgun', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    const email = channelOr404(tenant, 'email');
    if (!email.mailgunSigningKey) throw new PermissionDenied('Mailgun is not enabled for this tenant');
    const fields = await formFields(req);
    verifyMailgun(fields, email.mailgunSigningKey, ctx.now());
    const message = normalizeMailgun(fields);
    tokens.check(fields.get('token')!, message.vendorMessageId);
    await ingest(ctx.ingest, tenant, message);
    res.status(200).json({ status: 'accepted' });
  });
  return r;
}
