// POST /webhooks/{shopify|loop|aftership}/:tenant — raw bytes kept for the signature (each vendor's
// own scheme, constant time), size-limited, rate-limited per tenant, deduplicated in the domain.
import { toHttpStatus } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { sha256Hex, verifyBase64Hmac } from '../domain/crypto';
import type { Webhooks } from '../domain/webhooks';
import type { Tenants } from '../tenants';

export const WEBHOOK_BODY_LIMIT = '512kb';
/** Shopify retries for 4 h; anything much older than that is refused as stale. */
export const MAX_WEBHOOK_AGE_MS = 48 * 3600_000;

/** Token bucket per key: `rate` per second, `burst` at most. */
function rateLimiter(rate: number, burst: number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key: string): boolean => {
    const now = Date.now();
    const b = buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
}

export function webhookRouter(deps: {
  webhooks: Webhooks;
  tenants: Tenants;
  logger: Logger;
  clock: () => Date;
  rate?: number;
  burst?: number;
  /** Metrics hook: one call per delivery with its outcome. */
  count?: (source: string, outcome: string) => void;
}): Router {
  const router = express.Router();
  const log = deps.logger.child({ component: 'webhooks' });
  const allow = rateLimiter(deps.rate ?? 50, deps.burst ?? 200);
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });

  const reject = (res: Response, status: number, error: string) => {
    const source = String(res.req.path.split('/')[1] ?? 'unknown');
    deps.count?.(source, status === 429 ? 'rate_limited' : 'rejected');
    return res.status(status).json({ error });
  };

  const guard = (source: string) => (req: Request, res: Response, next: NextFunction) => {
    const tenant = String(req.params.tenant);
    if (!deps.tenants.has(tenant)) return reject(res, 404, 'unknown tenant');
    if (!allow(`${source}:${tenant}`)) {
      res.setHeader('Retry-After', '1');
      return reject(res, 429, 'too many webhook deliveries');
    }
    next();
  };

  const parse = (req: Request): Record<string, unknown> | undefined => {
    try {
      const v = JSON.parse((req.body as Buffer).toString('utf8'));
      return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  };

  const run = async (res: Response, source: string, tenant: string, work: () => Promise<string>) => {
    try {
      const outcome = await work();
      log.info({ source, tenant, outcome }, 'webhook accepted');
      deps.count?.(source, outcome);
      res.status(200).json({ outcome });
    } catch (err) {
      const mapped = toHttpStatus(err);
      deps.count?.(source, 'failed');
      if (mapped.unexpected) log.error({ err, source, tenant }, 'webhook processing failed');
      else log.warn({ source, tenant, code: mapped.code }, 'webhook processing failed');
      // 5xx makes the vendor retry later; the delivery was forgotten so the retry is processed.
      res
        .status(mapped.status >= 500 ? mapped.status : 503)
        .json({ error: mapped.unexpected ? 'internal error' : mapped.message });
    }
  };

  router.post('/shopify/:tenant', guard('shopify'), raw, async (req: Request, res: Response) => {
    const tenant = String(req.params.tenant);
    const cfg = deps.tenants.get(tenant)?.shopify;
    if (!cfg) return reject(res, 404, 'shopify is not connected for this tenant');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyBase64Hmac(cfg.webhookSecret, body, req.header('x-shopify-hmac-sha256'))) {
      log.warn({ tenant, source: 'shopify' }, 'webhook signature rejected');
      return reject(res, 401, 'invalid signature');
    }
    const webhookId = req.header('x-shopify-webhook-id');
    const topic = req.header('x-shopify-topic');
    if (!webhookId || !topic) return reject(res, 400, 'missing X-Shopify-Webhook-Id or X-Shopify-Topic');
    const shop = req.header('x-shopify-shop-domain');
    if (shop && shop !== cfg.shopDomain) return reject(res, 401, 'shop domain does not match this tenant');
    const triggered = req.header('x-shopify-triggered-at');
    const triggeredAt = triggered && !Number.isNaN(Date.parse(triggered)) ? new Date(triggered) : undefined;
    if (triggeredAt && deps.clock().getTime() - triggeredAt.getTime() > MAX_WEBHOOK_AGE_MS)
      return reject(res, 410, 'stale delivery');
    const payload = parse(req);
    if (!payload) return reject(res, 400, 'body is not a JSON object');
    await run(res, 'shopify', tenant, () =>
      deps.webhooks.shopify({
        tenantId: tenant,
        topic,
        webhookId,
        bodyDigest: sha256Hex(body),
        triggeredAt,
        payload,
      }),
    );
  });

  router.post('/loop/:tenant', guard('loop'), raw, async (req: Request, res: Response) => {
    const tenant = String(req.params.tenant);
    const r = deps.tenants.get(tenant)?.returns;
    if (r?.kind !== 'loop' || !r.webhookSecret)
      return reject(res, 404, 'loop webhooks are not configured for this tenant');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyBase64Hmac(r.webhookSecret, body, req.header('x-loop-signature'))) {
      log.warn({ tenant, source: 'loop' }, 'webhook signature rejected');
      return reject(res, 401, 'invalid signature');
    }
    const payload = parse(req);
    if (!payload) return reject(res, 400, 'body is not a JSON object');
    await run(res, 'loop', tenant, () =>
      deps.webhooks.loop({ tenantId: tenant, bodyDigest: sha256Hex(body), payload }),
    );
  });

  router.post('/aftership/:tenant', guard('aftership'), raw, async (req: Request, res: Response) => {
    const tenant = String(req.params.tenant);
    const r = deps.tenants.get(tenant)?.returns;
    if (r?.kind !== 'aftership' || !r.webhookSecret)
      return reject(res, 404, 'aftership webhooks are not configured for this tenant');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Organizations created before 2022-10-25 sign with am-webhook-signature: "hmac-sha256=<base64>".
    const legacy = req.header('am-webhook-signature')?.replace(/^hmac-sha256=/, '');
    if (!verifyBase64Hmac(r.webhookSecret, body, req.header('as-signature-hmac-sha256') ?? legacy)) {
      log.warn({ tenant, source: 'aftership' }, 'webhook signature rejected');
      return reject(res, 401, 'invalid signature');
    }
    const payload = parse(req);
    if (!payload) return reject(res, 400, 'body is not a JSON object');
    await run(res, 'aftership', tenant, () =>
      deps.webhooks.aftership({ tenantId: tenant, bodyDigest: sha256Hex(body), payload }),
    );
  });

  return router;
}
