import { InvalidArgument } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { normalizeTwilio, parseForm, verifyTwilio } from '../domain/inbound/twilio';
import { ingest } from '../ingest';
import {
  channelOr404,
  type HandlerContext,
  mimeType,
  sendAnswer,
  tenantByIdOr404,
  type WebhookAnswer,
  type WebhookRequest,
  webhookRequest,
} from './context';

const EMPTY_TWIML: WebhookAnswer = {
  status: 200,
  type: 'text/xml',
  body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
};

/** Twilio inbound SMS webhook: verified, ingested (published) and then answered with empty TwiML. */
export async function twilioSms(ctx: HandlerContext, req: WebhookRequest): Promise<WebhookAnswer> {
  const tenant = tenantByIdOr404(ctx, req.tenant);
  const sms = channelOr404(tenant, 'sms');
  if (mimeType(req.header('content-type')) !== 'application/x-www-form-urlencoded')
    throw new InvalidArgument('expected application/x-www-form-urlencoded');
  const params = parseForm(req.body);
  verifyTwilio(req.url(), params, req.header('x-twilio-signature'), sms.authToken);
  await ingest(ctx.ingest, tenant, normalizeTwilio(params, sms.accountSid));
  return EMPTY_TWIML;
}

/** POST /v1/twilio/:tenant/sms (router mounted at /v1/twilio; also served by the fast lane). */
export function twilioRoutes(ctx: HandlerContext): Router {
  const r = Router();
  r.post('/:tenant/sms', async (req: Request, res: Response) => {
    sendAnswer(res, await twilioSms(ctx, webhookRequest(ctx, req)));
  });
  return r;
}
