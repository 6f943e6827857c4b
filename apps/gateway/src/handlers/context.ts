import { NotFound } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { Request, Response } from 'express';
import type { GatewayStore } from '../adapters/store';
import type { RateLimiter } from '../domain/rate-limit';
import type { ReplyHub } from '../domain/reply-hub';
import type { Tenant, Tenants } from '../domain/tenants';
import type { IngestDeps } from '../ingest';

export interface Settings {
  /** Public base URL the vendors call (Twilio signs the full URL), e.g. https://chat.example.com */
  publicBaseUrl?: string;
  /** HMAC key for web chat conversation tokens. */
  webchatSecret: string;
  /** How long Kakao/Naver requests wait for the agent before a holding answer (< 5000). */
  syncDeadlineMs: number;
  maxBodyBytes: number;
  rateLimit: { perMinute: number; burst: number };
}

export interface HandlerContext {
  tenants: Tenants;
  store: GatewayStore;
  hub: ReplyHub;
  limiter: RateLimiter;
  ingest: IngestDeps;
  logger: Logger;
  settings: Settings;
  now: () => number;
}

export function tenantOr404(ctx: HandlerContext, req: Request): Tenant {
  return tenantByIdOr404(ctx, String(req.params.tenant));
}

export function tenantByIdOr404(ctx: HandlerContext, id: string): Tenant {
  const tenant = ctx.tenants.get(id);
  if (!tenant) throw new NotFound('unknown tenant');
  return tenant;
}

/**
 * A vendor webhook as the handlers see it, independent of the HTTP layer: served by express and by
 * the express-free fast lane (fast-lane.ts) alike.
 */
export interface WebhookRequest {
  tenant: string;
  /** The raw body bytes (signatures are over them). */
  body: Buffer;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** The URL the vendor called (Twilio signs it). */
  url(): string;
}

export interface WebhookAnswer {
  status: number;
  /** Content-Type without charset (utf-8 is added). */
  type: string;
  body: string;
}

/** The mime type of a Content-Type header, lower case, without parameters. */
export function mimeType(contentType: string | undefined): string {
  if (!contentType) return '';
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** Express adapter: the webhook request of an express request (after the raw body parser). */
export function webhookRequest(ctx: HandlerContext, req: Request): WebhookRequest {
  return {
    tenant: String(req.params.tenant),
    body: rawBody(req),
    header: (name) => req.get(name),
    url: () => publicUrl(ctx, req),
  };
}

/** Express adapter: sends a webhook answer. */
export function sendAnswer(res: Response, answer: WebhookAnswer): void {
  res.status(answer.status).type(answer.type).send(answer.body);
}

export function channelOr404<K extends keyof Tenant['channels']>(
  tenant: Tenant,
  channel: K,
): NonNullable<Tenant['channels'][K]> {
  const cfg = tenant.channels[channel];
  if (!cfg) throw new NotFound(`channel ${channel} is not configured for this tenant`);
  return cfg as NonNullable<Tenant['channels'][K]>;
}

export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The URL the vendor called (for URL-signing schemes): configured public base, else the request's. */
export function publicUrl(ctx: HandlerContext, req: Request): string {
  return publicUrlOf(ctx, req.protocol, req.get('host'), req.originalUrl);
}

/** `protocol`: as express derives it (X-Forwarded-Proto trusted, see server.ts 'trust proxy'). */
export function publicUrlOf(
  ctx: HandlerContext,
  protocol: string,
  host: string | undefined,
  originalUrl: string,
): string {
  const base = ctx.settings.publicBaseUrl?.replace(/\/$/, '') ?? `${protocol}://${host}`;
  return `${base}${originalUrl}`;
}
