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
  r.get('/widget.js', (_req: Request, res: Response) => {
    res.type('application/javascript').setHeader('cache-control', 'public, max-age=300');
    res.send(files.js);
  });
  r.get('/widget.css', (_req: Request, res: Response) => {
    res.type('text/css').setHeader('cache-control', 'public, max-age=300');
    res.send(files.css);
  });
  r.get('/demo/:tenant', (req: Request, res: Response) => {
    const tenant = tenantOr404(ctx, req);
    res
      .type('html')
      .send(
        files.demo
          .replace(/\{\{tenant\}\}/g, escapeHtml(tenant.id))
          .replace(/\{\{lang\}\}/g, tenant.language),
      );
  });
  return r;
}
