import { NotFound } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { Request } from 'express';
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
  const tenant = ctx.tenants.get(String(req.params.tenant));
  if (!tenant) throw new NotFound('unknown tenant');
  return tenant;
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
  const base = ctx.settings.publicBaseUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
  return `${base}${req.originalUrl}`;
}
