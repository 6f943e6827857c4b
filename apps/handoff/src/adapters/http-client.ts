// The helpdesk adapters' HTTP client: JSON over fetch with a timeout, vendor errors mapped to domain
// errors in one place, and bounded retries that honour Retry-After. A create that failed in a way
// that may have reached the vendor (5xx, timeout, dropped connection) is retried only after looking
// the ticket up by our key, so a retry never makes a second ticket.
import { DomainError, FailedPrecondition, InvalidArgument, Unavailable } from '@boomerang/kit/errors';

export type FetchLike = typeof fetch;

export interface HttpOptions {
  fetch?: FetchLike;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Attempts per operation including the first (default 4). */
  maxAttempts?: number;
  /** Longest Retry-After we wait inside a call (default 5 s); longer ones fail fast as "retry later". */
  maxRetryWaitMs?: number;
  initialBackoffMs?: number;
}

/** Failure that may or may not have been applied by the vendor (lookup before retrying a create). */
export class MaybeApplied extends Unavailable {
  readonly maybeApplied = true;
}

/** The vendor answered 404: the account (subdomain) is wrong, or the ticket addressed is gone. */
export class VendorNotFound extends FailedPrecondition {}

export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

export class HelpdeskHttp {
  private readonly f: FetchLike;
  constructor(
    readonly vendor: string,
    private readonly baseUrl: string,
    private readonly authorization: string,
    private readonly o: HttpOptions = {},
  ) {
    this.f = o.fetch ?? fetch;
  }

  /** One request; non-2xx becomes a domain error (see `toError`). */
  async send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<JsonResponse> {
    const timeout = AbortSignal.timeout(this.o.timeoutMs ?? 10_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.f(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: combined,
      });
    } catch (err) {
      if (signal?.aborted) throw new Unavailable(`${this.vendor}: the call was cancelled`, { cause: err });
      throw new MaybeApplied(
        `${this.vendor} did not answer (${(err as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed'}); retry later`,
        { cause: err },
      );
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    if (res.status >= 200 && res.status < 300)
      return { status: res.status, body: parsed, headers: res.headers };
    throw this.toError(res.status, res.headers, parsed);
  }

  /** Runs `op` with bounded retries for retriable errors, honouring Retry-After. */
  async withRetries<T>(
    op: (attempt: number, previous: DomainError | undefined) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const max = this.o.maxAttempts ?? 4;
    let previous: DomainError | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await op(attempt, previous);
      } catch (err) {
        if (!(err instanceof DomainError) || !err.retriable || attempt >= max || signal?.aborted) throw err;
        const waitMs =
          err.retryAfterSeconds !== undefined
            ? err.retryAfterSeconds * 1000
            : (this.o.initialBackoffMs ?? 200) * 2 ** (attempt - 1);
        if (waitMs > (this.o.maxRetryWaitMs ?? 5000)) throw err;
        previous = err;
        await sleep(waitMs, signal);
      }
    }
  }

  private toError(status: number, headers: Headers, body: unknown): DomainError {
    const detail = summarise(body);
    if (status === 401 || status === 403) {
      return new FailedPrecondition(
        `${this.vendor} rejected the credentials (HTTP ${status}${detail ? `: ${detail}` : ''}); check the account, email and API token in the handoff settings`,
        { field: 'routing.credential_ref' },
      );
    }
    if (status === 404)
      return new VendorNotFound(
        `${this.vendor} answered 404 for ${this.baseUrl}; check the account (subdomain) in the handoff settings`,
        { field: 'routing.account' },
      );
    if (status === 400 || status === 422)
      return new InvalidArgument(
        `${this.vendor} rejected the request (HTTP ${status}${detail ? `: ${detail}` : ''})`,
      );
    if (status === 429) {
      const retryAfter = parseRetryAfter(headers.get('retry-after'));
      return new Unavailable(`${this.vendor} rate limit reached; retry after ${retryAfter} s`, {
        retryAfterSeconds: retryAfter,
      });
    }
    if (status >= 500) {
      const ra = headers.get('retry-after');
      return new MaybeApplied(
        `${this.vendor} is unavailable (HTTP ${status}); retry later`,
        ra ? { retryAfterSeconds: parseRetryAfter(ra) } : {},
      );
    }
    return new FailedPrecondition(`${this.vendor} answered HTTP ${status}${detail ? `: ${detail}` : ''}`);
  }
}

/** Text compared across vendors' renderings: whitespace runs collapsed, trimmed. */
export function sameText(a: string | null | undefined, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  return norm(a ?? '') === norm(b);
}

/** Plain text as vendor HTML (escaped, line breaks kept). */
export function textToHtml(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p>${esc.replace(/\r?\n/g, '<br>')}</p>`;
}

/**
 * How many of `items` are ours (`mine`); when the vendor holds more than we recorded as added, an
 * earlier uncertain try was applied: the newest of them is its reference.
 */
export function alreadyThere<T>(
  items: T[],
  mine: (item: T) => boolean,
  recorded: number,
  ref: (item: T) => string | number,
): string | undefined {
  const hits = items.filter(mine);
  return hits.length > recorded ? String(ref(hits[hits.length - 1]!)) : undefined;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

function parseRetryAfter(v: string | null): number {
  if (!v) return 1;
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : 1;
}

function summarise(body: unknown): string {
  if (body === undefined || body === null) return '';
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Runs a call on one existing ticket: a 404 there most likely means the ticket is gone (deleted,
 * merged, or the account is wrong), which the error then says instead of only "check the account".
 */
export async function onTicket<T>(vendor: string, ticketRef: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (!(err instanceof VendorNotFound)) throw err;
    throw new FailedPrecondition(
      `${vendor} has no ticket ${ticketRef} (HTTP 404): it was deleted or merged, or the account in the handoff settings is wrong`,
      { field: 'ticket_ref', cause: err },
    );
  }
}

/**
 * The create loop shared by the adapters: look up by key first when an earlier attempt may have
 * reached the vendor (or this one did: 5xx/timeout), else create; retry within bounds.
 */
export async function createOnce(
  http: HelpdeskHttp,
  ops: {
    find: (signal?: AbortSignal) => Promise<string | undefined>;
    create: (signal?: AbortSignal) => Promise<string>;
  },
  options: { lookupFirst: boolean; signal?: AbortSignal },
): Promise<{ ref: string }> {
  let mayExist = options.lookupFirst;
  const ref = await http.withRetries(async (_attempt, previous) => {
    if (previous instanceof MaybeApplied) mayExist = true;
    if (mayExist) {
      const found = await ops.find(options.signal);
      if (found) return found;
    }
    return ops.create(options.signal);
  }, options.signal);
  return { ref };
}
