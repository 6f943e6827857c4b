import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Request, type Response, Router } from 'express';
import { escapeHtml } from '../domain/render/email';
import { type HandlerContext, tenantOr404 } from './context';

const PUBLIC_DIR = path.resolve(__dirname, '..', '..', 'public');

/** The embeddable widget (plain JS/CSS, no build step) and a demo page per tenant. */
export function staticRoutes(ctx: HandlerContext): Router {
  const r = Router();
  const files = {
    js: readFileSync(path.join(PUBLIC_DIR, 'widget.js'), 'utf8'),
    css: readFileSync(path.join(PUBLIC_DIR, 'widget.css'), 'utf8'),
    demo: readFileSync(path.join(PUBLIC_DIR, 'demo.html'), 'utf8'),
  };
  // Constant files: the ETag is computed once (the app generates none), so a cached copy costs a 304.
  const asset = (body: string, type: string) => {
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return (req: Request, res: Response) => {
      res.type(type).setHeader('cache-control', 'public, max-age=300');
      res.setHeader('etag', etag);
      if (req.fresh) res.status(304).end();
      else res.send(body);
    };
  };
  r.get('/widget.js', asset(files.js, 'application/javascript'));
  r.get('/widget.css', asset(files.css, 'text/css'));
  r.get('/demo/:tenant', (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    res.type('html').send(
      files.demo
        .replace(/\{\{name\}\}/g, escapeHtml(tenant.name ?? tenant.id))
        .replace(/\{\{tenant\}\}/g, escapeHtml(tenant.id))
        .replace(/\{\{lang\}\}/g, tenant.language),
    );
  });
  return r;
}
