import { InvalidArgument, PermissionDenied } from '@boomerang/kit/errors';
import { type Request, type Response, Router } from 'express';
import { safeEqual } from '../domain/crypto';
import { holdingText } from '../domain/holding';
import { normalizeKakao } from '../domain/inbound/kakao';
import { renderKakao } from '../domain/render/kakao';
import { channelOr404, type HandlerContext, parseJson, rawBody, tenantOr404 } from './context';
import { ingestAndWait } from './sync';

/** POST /v1/kakao/:tenant/skill (router mounted at /v1/kakao) — Open Builder skill; answers within the deadline (< 5 s). */
export function kakaoRoutes(ctx: HandlerContext): Router {
  const r = Router();
  r.post('/:tenant/skill', async (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    const kakao = channelOr404(tenant, 'kakao');
    if (kakao.urlSecret && !safeEqual(String(req.query.key ?? ''), kakao.urlSecret))
      throw new PermissionDenied('skill URL key does not match');
    const raw = rawBody(req);
    const parsed = parseJson(raw);
    if (parsed === undefined) throw new InvalidArgument('body is not JSON');
    const n = normalizeKakao(parsed, kakao.botId, req.get('x-request-id'), raw);
    const outcome = await ingestAndWait(ctx, tenant, n, n.callbackUrl ?? '');
    if (outcome.reply) {
      res.json(renderKakao(outcome.reply));
      return;
    }
    const text = holdingText(outcome.language, tenant.language);
    // With a callback URL (a resent request's fresh one too: it replaced the stored one) the real
    // answer follows through it; without one only the holding text is shown.
    if (n.callbackUrl) res.json({ version: '2.0', useCallback: true, data: { text } });
    else res.json({ version: '2.0', template: { outputs: [{ simpleText: { text } }] } });
  });
  return r;
}
