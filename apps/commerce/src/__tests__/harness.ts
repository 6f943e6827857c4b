// Test harness: the real commerce server on port 0 (gRPC + HTTP) against the Shopify, Loop and
// AfterShip fakes seeded with the three demo brand fixtures, a real database (PostgreSQL when
// DATABASE_URL is set, else PGlite) and a real bus (Kafka when KAFKA_BROKERS is set, else in-process).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type AfterShipFake, startFake as startAfterShip } from '@boomerang/fakes/aftership';
import { type LoopFake, startFake as startLoop } from '@boomerang/fakes/loop';
import { type ShopifyFake, startFake as startShopify } from '@boomerang/fakes/shopify';
import { type BusMessage, createBus, type EventBus, TOPICS } from '@boomerang/kit/bus';
import { createLogger } from '@boomerang/kit/logger';
import { createMetrics } from '@boomerang/kit/metrics';
import { openTestSql } from '@boomerang/kit/sql';
import { kafkaBrokers, uniqueName, waitFor } from '@boomerang/kit/testing';
import { CustomerHubServiceClient, SignInMethod } from '@boomerang/proto/boomerang/commerce/v1/customer_hub';
import { OrderServiceClient } from '@boomerang/proto/boomerang/commerce/v1/orders';
import { ReturnsServiceClient } from '@boomerang/proto/boomerang/commerce/v1/returns';
import { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import * as grpc from '@grpc/grpc-js';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { type CommerceServer, createServer } from '../server';
import { parseTenants } from '../tenants';

export const FIXTURES_DIR = path.resolve(__dirname, '../../../../tests/fakes/fixtures');
export const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), 'utf8'));
export const KO = fixture('commerce-seoul-threads-ko.json');
export const PL = fixture('commerce-wisla-outdoor-pl.json');
export const EN = fixture('commerce-harbor-pine-en.json');

export const HS256_SECRET_KO = 'seoul-threads-storefront-secret-0123456789';

type Unary<Req, Res> = (
  req: Req,
  md: grpc.Metadata,
  opts: Partial<grpc.CallOptions>,
  cb: (err: grpc.ServiceError | null, res: Res) => void,
) => unknown;

/** Calls a unary method of a generated client; rejects with the gRPC ServiceError (code, details). */
export function rpc<Req, Res>(client: grpc.Client, method: Unary<Req, Res>, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(client, req, new grpc.Metadata(), { deadline: new Date(Date.now() + 15_000) }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

/** The gRPC status of a failed call (or throws if it succeeded). */
export async function status(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as grpc.ServiceError;
    return { code: e.code, details: e.details };
  }
  throw new Error('expected the call to fail');
}

export interface Harness {
  server: CommerceServer;
  shopify: ShopifyFake;
  loop: LoopFake;
  aftership: AfterShipFake;
  bus: EventBus;
  hub: CustomerHubServiceClient;
  orders: OrderServiceClient;
  returns: ReturnsServiceClient;
  httpUrl: string;
  /** Every message published on the outbound / commerce topics (read back from the bus). */
  outbound: OutboundMessage[];
  events: BusMessage[];
  logs: string[];
  /** Moves the service clock. */
  advance(ms: number): void;
  now(): Date;
  rsaKey: KeyLike;
  sql: Awaited<ReturnType<typeof openTestSql>>['sql'];
  /** Signs in by e-mail code end to end and returns the session id. */
  signInByEmail(tenantId: string, email: string, conversationId?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(options: { breakerResetMs?: number } = {}): Promise<Harness> {
  const [shopify, loop, aftership] = await Promise.all([
    startShopify({ fixtures: [KO, PL, EN] }),
    startLoop({ fixtures: [KO, PL, EN] }),
    startAfterShip({ fixtures: [KO, PL, EN] }),
  ]);
  // A roomy cost bucket by default, so call counts are deterministic; throttling tests shrink it.
  for (const f of [KO, PL, EN])
    shopify.setThrottle(f.shop.domain, { maximumAvailable: 100_000, restoreRate: 10_000 });
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'wisla-1', alg: 'RS256', use: 'sig' };
  // The storefront's JWKS endpoint (for tenants configured with jwksUrl).
  const jwksServer = http.createServer((req, res) => {
    res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  const resilience = {
    timeoutMs: 2000,
    maxAttempts: 3,
    maxRetryAfterMs: 2500,
    breakerResetMs: options.breakerResetMs ?? 400,
    breakerVolumeThreshold: 4,
    breakerErrorThresholdPercentage: 50,
  };
  const shop = (f: typeof KO) => ({
    shopDomain: f.shop.domain,
    accessToken: f.shop.accessToken,
    webhookSecret: f.shop.webhookSecret,
    apiVersion: '2025-01',
    baseUrl: shopify.url,
  });
  const tenants = parseTenants({
    'demo-ko': {
      displayName: '서울 스레드',
      shopify: shop(KO),
      identity: {
        issuer: 'https://seoul-threads.kr',
        audience: 'boomerang:demo-ko',
        hs256Secret: HS256_SECRET_KO,
      },
      returns: {
        kind: 'aftership',
        apiKey: KO.aftership.apiKey,
        webhookSecret: KO.aftership.webhookSecret,
        apiVersion: '2026-01',
        baseUrl: aftership.url,
      },
      resilience,
    },
    'demo-pl-remote': {
      shopify: shop(PL),
      identity: { issuer: 'https://wisla-outdoor.pl', audience: 'boomerang:demo-pl', jwksUrl },
      resilience,
    },
    'demo-pl': {
      displayName: 'Wisła Outdoor',
      shopify: shop(PL),
      identity: { issuer: 'https://wisla-outdoor.pl', audience: 'boomerang:demo-pl', jwks: { keys: [jwk] } },
      returns: {
        kind: 'loop',
        apiKey: PL.loop.apiKey,
        webhookSecret: PL.loop.webhookSecret,
        baseUrl: `${loop.url}/api/v1`,
        lookup: 'zip',
      },
      resilience,
    },
    'demo-en': {
      displayName: 'Harbor & Pine',
      shopify: shop(EN),
      returns: {
        kind: 'loop',
        apiKey: EN.loop.apiKey,
        webhookSecret: EN.loop.webhookSecret,
        baseUrl: `${loop.url}/api/v1`,
        lookup: 'email',
      },
      resilience,
    },
    'demo-en-other': {
      shopify: shop(EN),
      returns: {
        kind: 'other',
        portalUrlTemplate:
          'https://returns.harborandpine.com/start?order={order_number}&email={email}&type={resolution}&lines={line_items}',
      },
      resilience,
    },
    'demo-en-badkey': {
      shopify: shop(EN),
      returns: { kind: 'loop', apiKey: 'loop_wrong_key', baseUrl: `${loop.url}/api/v1` },
      resilience,
    },
    'demo-ko-legacy': {
      shopify: shop(KO),
      returns: {
        kind: 'aftership',
        apiKey: KO.aftership.apiKey,
        apiVersion: '2025-04',
        baseUrl: aftership.url,
        portalUrlTemplate: 'https://returns.seoul-threads.kr/?order={order_number}&email={email}',
      },
      resilience,
    },
    'no-provider': { shopify: shop(EN), resilience },
  });

  const { sql, drop } = await openTestSql(process.env.DATABASE_URL);
  const logs: string[] = [];
  const logger = createLogger({
    service: 'commerce-test',
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const brokers = process.env.KAFKA_BROKERS ? kafkaBrokers(process.env.KAFKA_BROKERS) : undefined;
  const bus = createBus({ brokers, clientId: 'commerce-test', logger, namespace: uniqueName('commerce') });
  await bus.ensureTopics([TOPICS.commerceEvents, TOPICS.channelOutbound]);
  const outbound: OutboundMessage[] = [];
  const events: BusMessage[] = [];
  const subs = await Promise.all([
    bus.subscribe(
      { topics: [TOPICS.channelOutbound.name], groupId: uniqueName('out'), fromBeginning: true },
      async (m) => {
        outbound.push(OutboundMessage.decode(m.value));
      },
    ),
    bus.subscribe(
      { topics: [TOPICS.commerceEvents.name], groupId: uniqueName('ev'), fromBeginning: true },
      async (m) => {
        events.push(m);
      },
    ),
  ]);

  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const server = createServer({
    sql,
    bus,
    logger,
    metrics: createMetrics('commerce-test', { defaultMetrics: false }),
    tenants,
    pepper: 'test-pepper-0123456789abcdef',
    clock: now,
  });
  const ports = await server.start({ grpcPort: 0, httpPort: 0, host: '127.0.0.1' });
  const addr = `127.0.0.1:${ports.grpcPort}`;
  const creds = grpc.credentials.createInsecure();
  const hub = new CustomerHubServiceClient(addr, creds);
  const orders = new OrderServiceClient(addr, creds);
  const returns = new ReturnsServiceClient(addr, creds);

  const h: Harness = {
    server,
    shopify,
    loop,
    aftership,
    bus,
    hub,
    orders,
    returns,
    httpUrl: `http://127.0.0.1:${ports.httpPort}`,
    outbound,
    events,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    now,
    rsaKey: privateKey,
    sql,
    async signInByEmail(tenantId, email, conversationId = uniqueName('conv')) {
      const before = outbound.length;
      const start = await rpc(hub, hub.startSignIn, {
        tenantId,
        conversationId,
        method: SignInMethod.SIGN_IN_METHOD_EMAIL_CODE,
        identifier: email,
        identityToken: '',
        channel: 'webchat',
        preview: false,
      });
      const msg = await waitFor(() =>
        outbound.slice(before).find((m) => m.conversationId === conversationId),
      );
      const code = codeIn(msg);
      const done = await rpc(hub, hub.completeSignIn, { tenantId, challengeId: start.challengeId, code });
      return done.session!.id;
    },
    async close() {
      const t0 = Date.now();
      const lap = (what: string) => process.env.HARNESS_TIMING && console.log(what, Date.now() - t0);
      hub.close();
      orders.close();
      returns.close();
      await server.stop();
      lap('server');
      for (const s of subs) await s.stop({ drainMs: 1000 });
      lap('subs');
      await bus.close();
      lap('bus');
      await Promise.all([shopify.close(), loop.close(), aftership.close()]);
      jwksServer.closeAllConnections();
      await new Promise((r) => jwksServer.close(r));
      lap('fakes');
      await drop();
      lap('drop');
    },
  };
  return h;
}

/** The 6-digit code in an outbound sign-in message. */
export function codeIn(msg: OutboundMessage): string {
  const part = msg.parts[0]?.part;
  const text = part?.$case === 'text' ? part.value : '';
  const m = /\b(\d{6})\b/.exec(text);
  if (!m) throw new Error('no code in the outbound message');
  return m[1]!;
}

export function textOf(msg: OutboundMessage): string {
  const part = msg.parts[0]?.part;
  return part?.$case === 'text' ? part.value : '';
}

/** An HS256 storefront token; times are relative to `now` (the service clock), default 5 min lifetime. */
export async function hs256Token(
  claims: Record<string, unknown>,
  opts: { now: Date; secret?: string; expIn?: number; aud?: string; iss?: string; iatAgo?: number },
) {
  const iat = Math.floor(opts.now.getTime() / 1000) - (opts.iatAgo ?? 0);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(opts.iss ?? 'https://seoul-threads.kr')
    .setAudience(opts.aud ?? 'boomerang:demo-ko')
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor(opts.now.getTime() / 1000) + (opts.expIn ?? 300));
  return jwt.sign(new TextEncoder().encode(opts.secret ?? HS256_SECRET_KO));
}
