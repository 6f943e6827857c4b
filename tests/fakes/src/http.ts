// Shared plumbing for the SaaS fakes: an express app that keeps the raw body (vendors sign raw
// bytes), records every request, and can inject latency, 429s and 5xx on demand.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  body: unknown;
  at: number;
}

export interface FaultPlan {
  /** Added to every response, ms. */
  latencyMs?: number;
  /** The next N requests (matching `pathPrefix`, if set) answer 429 with Retry-After. */
  rateLimitNext?: number;
  retryAfterSeconds?: number;
  /** The next N requests answer 503 (or `status`). */
  failNext?: number;
  failStatus?: number;
  /** Every request answers `failStatus` until cleared (outage). */
  down?: boolean;
  pathPrefix?: string;
}

export interface FakeServer {
  /** Base URL, e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  app: Express;
  requests: RecordedRequest[];
  faults: FaultPlan;
  /** Replace the fault plan (e.g. `{ down: true }`), `{}` clears it. */
  setFaults(plan: FaultPlan): void;
  close(): Promise<void>;
}

declare module 'express-serve-static-core' {
  interface Request {
    rawBody?: Buffer;
  }
}

/** Creates the express app with raw-body capture, recording and fault injection in front of `routes`. */
export function createFakeApp(options: { limit?: string } = {}): {
  app: Express;
  requests: RecordedRequest[];
  faults: { current: FaultPlan };
} {
  const app = express();
  const requests: RecordedRequest[] = [];
  const faults = { current: {} as FaultPlan };
  const keepRaw = (req: Request, _res: Response, buf: Buffer) => {
    req.rawBody = Buffer.from(buf);
  };
  const limit = options.limit ?? '5mb';
  app.use(express.json({ limit, verify: keepRaw, type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ limit, extended: false, verify: keepRaw }));
  app.use(express.raw({ limit, type: () => true, verify: keepRaw }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    requests.push({
      method: req.method,
      path: req.path,
      query: { ...req.query },
      headers: { ...req.headers },
      rawBody: req.rawBody ?? Buffer.alloc(0),
      body: req.body,
      at: Date.now(),
    });
    const plan = faults.current;
    if (plan.pathPrefix && !req.path.startsWith(plan.pathPrefix)) return next();
    const go = () => {
      if (plan.down)
        return res.status(plan.failStatus ?? 503).json({ error: 'service unavailable (fake outage)' });
      if (plan.rateLimitNext && plan.rateLimitNext > 0) {
        plan.rateLimitNext -= 1;
        res.setHeader('Retry-After', String(plan.retryAfterSeconds ?? 1));
        return res.status(429).json({ error: 'rate limited (fake)' });
      }
      if (plan.failNext && plan.failNext > 0) {
        plan.failNext -= 1;
        return res.status(plan.failStatus ?? 503).json({ error: 'server error (fake)' });
      }
      next();
    };
    if (plan.latencyMs) setTimeout(go, plan.latencyMs);
    else go();
  });
  return { app, requests, faults };
}

/** Listens on `port` (0 = free port) on 127.0.0.1. */
export async function listen(
  built: ReturnType<typeof createFakeApp>,
  port = 0,
  host = '127.0.0.1',
): Promise<FakeServer> {
  const server = http.createServer(built.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject); // e.g. EADDRINUSE: fail the caller instead of crashing the process
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    app: built.app,
    requests: built.requests,
    get faults() {
      return built.faults.current;
    },
    setFaults(plan: FaultPlan) {
      built.faults.current = { ...plan };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
