// Outgoing vendor calls: a deadline per attempt, retries with backoff for 429/5xx/network errors
// (honouring Retry-After up to a cap), then a typed error whose message names the reason.
import { FailedPrecondition, Unavailable } from '@boomerang/kit/errors';

export type FetchLike = typeof fetch;

export interface SendOptions {
  fetch: FetchLike;
  attempts?: number;
  timeoutMs?: number;
  backoffMs?: number;
  maxRetryAfterMs?: number;
  /** What is being called, for error messages ("twilio messages"). */
  what: string;
}

export interface VendorResponse {
  status: number;
  text: string;
  headers: Headers;
  json<T = any>(): T | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendWithRetry(url: string, init: RequestInit, o: SendOptions): Promise<VendorResponse> {
  const attempts = o.attempts ?? 3;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let waitMs = (o.backoffMs ?? 200) * 2 ** (attempt - 1);
    try {
      const res = await o.fetch(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs ?? 5000) });
      const text = await res.text();
      const response: VendorResponse = {
        status: res.status,
        text,
        headers: res.headers,
        json: () => {
          try {
            return text ? JSON.parse(text) : undefined;
          } catch {
            return undefined;
          }
        },
      };
      if (res.status < 400) return response;
      last = `${o.what}: HTTP ${res.status} ${text.slice(0, 300)}`;
      if (res.status !== 429 && res.status < 500) throw new FailedPrecondition(last);
      const retryAfter = Number(res.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0)
        waitMs = Math.min(retryAfter * 1000, o.maxRetryAfterMs ?? 2000);
    } catch (err) {
      if (err instanceof FailedPrecondition) throw err;
      last = `${o.what}: ${(err as Error).message}`;
    }
    if (attempt < attempts) await sleep(waitMs);
  }
  throw new Unavailable(`${last} (after ${attempts} attempts)`);
}
