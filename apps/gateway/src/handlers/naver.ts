import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { safeEqual } from '../domain/crypto';
import { holdingText } from '../domain/holding';
import { normalizeNaver } from '../domain/inbound/naver';
import { renderNaver } from '../domain/render/naver';
import { ingest } from '../ingest';
import { channelOr404, type HandlerContext, parseJson, rawBody, tenantOr404 } from './context';
import { ingestAndWait } from './sync';

/** POST /v1/naver/:tenant (router mounted at /v1/naver) — TalkTalk chatbot webhook; `send` is answered inline within the deadline. */
export function naverRoutes(ctx: HandlerContext): Router {
  const r = Router();
  r.post('/:tenant', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    const naver = channelOr404(tenant, 'naver');
    if (naver.urlSecret && !safeEqual(String(req.query.key ?? ''), naver.urlSecret))
      throw new PermissionDenied('webhook URL key does not match');
    const parsed = parseJson(rawBody(req));
    if (parsed === undefined) throw new InvalidArgument('body is not JSON');
    const n = normalizeNaver(parsed);
    if ('ignored' in n) {
      res.status(200).end();
      return;
    }
    if (n.postback === 'event:open') {
      await ingest(ctx.ingest, tenant, n);
      res.status(200).end(); // a greeting, if any, goes through the send API
      return;
    }
    const outcome = await ingestAndWait(ctx, tenant, n);
    res.type('application/json;charset=UTF-8');
    if (outcome.reply) res.send(JSON.stringify({ event: 'send', ...renderNaver(outcome.reply) }));
    else
      res.send(
        JSON.stringify({
          event: 'send',
          textContent: { text: holdingText(outcome.language, tenant.language) },
        }),
      );
  });
  return r;
}
