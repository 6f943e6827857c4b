// The express-free hot path for the highest-volume vendor webhooks (Twilio SMS, WhatsApp Cloud).
// Express' per-request machinery (router, request/response decoration, body-parser) costs ~0.2 ms
// of CPU per request — bench/gateway measured it at five times a plain node:http handler, and more
// than verifying, deduplicating and publishing the message together. These routes run the very same
// handler functions (twilioSms, whatsappWebhook) and error mapper (errorAnswer) as the express
// routes; the lane only replaces the HTTP plumbing. Anything it does not fully understand — another
// method, a non-canonical path (case, trailing slash, percent-encoding), a compressed body — goes to
// the express app unchanged, so behaviour is identical either way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { HandlerContext, WebhookAnswer, WebhookRequest } from './context';
import { publicUrlOf } from './context';
import { errorAnswer } from './errors';
import { twilioSms } from './twilio';
import { whatsappWebhook } from './whatsapp';

export type HttpListener = (req: IncomingMessage, res: ServerResponse) => void;

interface Route {
  pattern: RegExp;
  handle: (ctx: HandlerContext, req: WebhookRequest) => Promise<WebhookAnswer>;
}

const TENANT = '([A-Za-z0-9_.~-]+)';
const ROUTES: Route[] = [
  { pattern: new RegExp(`^/v1/twilio/${TENANT}/sms$`), handle: twilioSms },
  { pattern: new RegExp(`^/v1/whatsapp/${TENANT}$`), handle: whatsappWebhook },
];

/** Serves the fast-lane routes itself and hands every other request to `fallback` (the express app). */
export function withFastLane(ctx: HandlerContext, fallback: HttpListener): HttpListener {
  return (req, res) => {
    if (req.method !== 'POST') return fallback(req, res);
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    for (const route of ROUTES) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const encoding = req.headers['content-encoding'];
      // body-parser inflates gzip/deflate bodies: leave those to it.
      if (encoding && encoding.toLowerCase() !== 'identity') return fallback(req, res);
      void serve(ctx, route, m[1]!, path, req, res);
      return;
    }
    fallback(req, res);
  };
}

async function serve(
  ctx: HandlerContext,
  route: Route,
  tenant: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const body = await readBody(req, ctx.settings.maxBodyBytes);
    const answer = await route.handle(ctx, {
      tenant,
      body,
      header: (name) => header(req, name),
      url: () => publicUrlOf(ctx, protocol(req), req.headers.host, req.url ?? ''),
    });
    write(res, answer.status, answer.type, answer.body);
  } catch (err) {
    const answer = errorAnswer(err, ctx.logger, path);
    if (answer.retryAfterSeconds) res.setHeader('Retry-After', String(answer.retryAfterSeconds));
    write(res, answer.status, 'application/json', JSON.stringify(answer.body));
  }
}

function write(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** As express derives req.protocol with 'trust proxy' on (server.ts): X-Forwarded-Proto first. */
function protocol(req: IncomingMessage): string {
  const forwarded = header(req, 'x-forwarded-proto');
  if (!forwarded) return (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const comma = forwarded.indexOf(',');
  return (comma === -1 ? forwarded : forwarded.slice(0, comma)).trim();
}

/** An error shaped like body-parser's, so errorAnswer maps it the same way (413 / 400). */
function bodyError(status: number, type: string): Error {
  return Object.assign(new Error(type), { status, type });
}

/**
 * The raw body, at most `limit` bytes (as body-parser's raw(): a declared or actual larger body
 * is read off and answered 413 once it ended; a broken upload is a 400).
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    let tooLarge = declared !== undefined && Number(declared) > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      settle(() =>
        tooLarge
          ? reject(bodyError(413, 'entity.too.large'))
          : resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)),
      ),
    );
    req.on('error', () => settle(() => reject(bodyError(400, 'request.aborted'))));
    req.on('close', () => {
      if (!req.complete) settle(() => reject(bodyError(400, 'request.aborted')));
    });
  });
}
