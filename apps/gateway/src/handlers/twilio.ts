import { InvalidArgument } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { normalizeTwilio, parseForm, verifyTwilio } from '../domain/inbound/twilio';
import { ingest } from '../ingest';
import { channelOr404, type HandlerContext, publicUrl, rawBody, tenantOr404 } from './context';

/** POST /v1/twilio/:tenant/sms — Twilio inbound SMS webhook; answers empty TwiML once published. */
export function twilioRoutes(ctx: HandlerContext): Router {
  const r = Router();
  r.post('/v1/twilio/:tenant/sms', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    const sms = channelOr404(tenant, 'sms');
    if (!req.is('application/x-www-form-urlencoded'))
      throw new InvalidArgument('expected application/x-www-form-urlencoded');
    const params = parseForm(rawBody(req));
    verifyTwilio(publicUrl(ctx, req), params, req.get('x-twilio-signature'), sms.authToken);
    await ingest(ctx.ingest, tenant, normalizeTwilio(params, sms.accountSid));
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
  return r;
}
