// Outgoing HTTP for one external system and one tenant: a timeout per attempt, retries with
// exponential backoff that honour Retry-After / ratelimit-reset (or a caller-computed delay), and an
// opossum circuit breaker around the whole call. Only UNAVAILABLE-type failures count against the
// breaker; a 4xx answer is returned to the caller to interpret (credentials, not found, …).
import { Unavailable } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import CircuitBreaker from 'opossum';

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * Looks at a response before it is returned: `{ retryInMs }` retries it (e.g. a GraphQL THROTTLED
   * answer with HTTP 200), `undefined` uses the default rules (429/5xx retried).
   */
  inspect?: (res: HttpResponse) => { retryInMs: number } | undefined;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  json<T = unknown>(): T;
}

export interface ResilienceOptions {
  timeoutMs: number;
  maxAttempts: number;
  maxRetryAfterMs: number;
  breakerResetMs: number;
  breakerVolumeThreshold: number;
  breakerErrorThresholdPercentage: number;
}

export interface ResilientHttp {
  request(req: HttpRequest): Promise<HttpResponse>;
  /** "closed" | "open" | "half-open" */
  state(): string;
  shutdown(): void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new Unavailable('request cancelled'));
      },
      { once: true },
    );
  });

/** Milliseconds to wait from Retry-After (seconds or HTTP date) or ratelimit-reset (unix seconds). */
export function retryAfterMs(
  headers: { get(name: string): string | null },
  now = Date.now(),
): number | undefined {
  const ra = headers.get('retry-after');
  if (ra) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset && Number.isFinite(Number(reset))) {
    const v = Number(reset);
    return Math.max(0, v > 1e9 ? v * 1000 - now : v * 1000);
  }
  return undefined;
}

export function createResilientHttp(options: {
  name: string;
  fetch: FetchLike;
  resilience: ResilienceOptions;
  logger: Logger;
}): ResilientHttp {
  const { name, resilience: r, logger } = options;

  async function attempt(req: HttpRequest): Promise<HttpResponse> {
    let lastHint: number | undefined;
    /** The last answer was rate limiting (429 or a throttling verdict), not an outage. */
    let lastThrottled = false;
    for (let i = 1; ; i += 1) {
      const signals = [AbortSignal.timeout(r.timeoutMs)];
      if (req.signal) signals.push(req.signal);
      let res: HttpResponse | undefined;
      let waitMs: number | undefined;
      try {
        const raw = await options.fetch(req.url, {
          method: req.method,
          headers: {
            accept: 'application/json',
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...req.headers,
          },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: AbortSignal.any(signals),
        });
        const text = await raw.text();
        res = {
          status: raw.status,
          headers: raw.headers,
          text,
          json: <T>() => {
            try {
              return JSON.parse(text) as T;
            } catch {
              throw new Unavailable(`${name} answered with invalid JSON`);
            }
          },
        };
      } catch (err) {
        if (req.signal?.aborted) throw new Unavailable(`${name}: request cancelled`, { cause: err });
        lastThrottled = false;
        logger.warn(
          { provider: name, attempt: i, err: (err as Error).name },
          'request failed (network or timeout)',
        );
      }
      if (res) {
        const verdict = req.inspect?.(res);
        lastThrottled = Boolean(verdict) || res.status === 429;
        if (verdict) waitMs = verdict.retryInMs;
        else if (res.status === 429 || res.status >= 500) waitMs = retryAfterMs(res.headers);
        else return res;
        if (waitMs === undefined) waitMs = -1;
        logger.warn({ provider: name, attempt: i, status: res.status }, 'retriable answer');
      }
      const backoff = Math.min(2000, 100 * 2 ** (i - 1)) * (0.5 + Math.random() / 2);
      const wait = waitMs !== undefined && waitMs >= 0 ? waitMs : backoff;
      lastHint = wait;
      if (i >= r.maxAttempts) break;
      if (wait > r.maxRetryAfterMs) {
        throw rateLimited(
          new Unavailable(`${name} is rate limiting; try again later`, {
            retryAfterSeconds: Math.ceil(wait / 1000),
          }),
        );
      }
      await sleep(wait, req.signal);
    }
    const exhausted = new Unavailable(`${name} is unavailable; try again later`, {
      retryAfterSeconds: lastHint !== undefined ? Math.max(1, Math.ceil(lastHint / 1000)) : undefined,
    });
    throw lastThrottled ? rateLimited(exhausted) : exhausted;
  }

  const breaker = new CircuitBreaker((req: HttpRequest) => attempt(req), {
    timeout: false,
    resetTimeout: r.breakerResetMs,
    volumeThreshold: r.breakerVolumeThreshold,
    errorThresholdPercentage: r.breakerErrorThresholdPercentage,
    rollingCountTimeout: 10_000,
    // Errors that say nothing about the remote's health (our own bugs, 4xx mapping) don't trip it, and
    // neither does rate limiting: the remote is up and says when to come back; an open circuit would
    // turn away every other shopper of the store (QA: a burst of refund-status probes opened it).
    errorFilter: (err: unknown) => !(err instanceof Unavailable) || RATE_LIMITED.has(err),
  });
  breaker.on('open', () => logger.warn({ provider: name }, 'circuit opened'));
  breaker.on('halfOpen', () => logger.info({ provider: name }, 'circuit half-open'));
  breaker.on('close', () => logger.info({ provider: name }, 'circuit closed'));

  return {
    async request(req) {
      try {
        return (await breaker.fire(req)) as HttpResponse;
      } catch (err) {
        if ((err as { code?: string }).code === 'EOPENBREAKER') {
          throw new Unavailable(`${name} is temporarily unavailable; try again later`, {
            retryAfterSeconds: Math.ceil(r.breakerResetMs / 1000),
          });
        }
        throw err;
      }
    },
    state: () => (breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed'),
    shutdown: () => breaker.shutdown(),
  };
}

/** Unavailable errors that are rate limiting: they don't count against the circuit breaker. */
const RATE_LIMITED = new WeakSet<object>();
function rateLimited<E extends object>(err: E): E {
  RATE_LIMITED.add(err);
  return err;
}
