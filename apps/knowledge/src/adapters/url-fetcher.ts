import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { InvalidArgument } from '@boomerang/kit/errors';
import { Agent, request } from 'undici';

export interface FetchedDocument {
  kind: 'html' | 'text' | 'markdown' | 'pdf';
  body: Buffer;
  finalUrl: string;
}

export interface UrlFetcherOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Allow loopback/private addresses (tests against a local server only). */
  allowPrivate?: boolean;
  maxRedirects?: number;
}

/** True for loopback, private, link-local, CGNAT, multicast and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const v6 = address.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped) return isPrivateAddress(mapped[1]!);
  return v6 === '::1' || v6 === '::' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6);
}

const TYPES: Record<string, FetchedDocument['kind']> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'application/pdf': 'pdf',
};

/**
 * Fetches a document server-side with a size limit, a total time limit, a content-type check and
 * no requests to private addresses: the check runs on the resolved address at connect time, so a
 * DNS answer cannot point the fetch inside the network after validation.
 */
export class UrlFetcher {
  private readonly agent: Agent;

  constructor(private readonly options: UrlFetcherOptions) {
    const allowPrivate = options.allowPrivate ?? false;
    this.agent = new Agent({
      connect: {
        lookup: (hostname, opts, cb) => {
          lookup(hostname, { all: true })
            .then((addrs) => {
              const ok = addrs.filter((a) => allowPrivate || !isPrivateAddress(a.address));
              if (!ok.length)
                throw new InvalidArgument(`url: ${hostname} resolves to a private address`, { field: 'url' });
              const first = ok[0]!;
              // biome-ignore lint/suspicious/noExplicitAny: node's lookup callback overloads
              if ((opts as any)?.all) (cb as any)(null, ok);
              else cb(null, first.address, first.family);
            })
            .catch((err: Error) => cb(err as NodeJS.ErrnoException, '', 4));
        },
      },
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private check(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new InvalidArgument(`url: "${raw.slice(0, 100)}" is not a valid URL`, { field: 'url' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InvalidArgument('url: only http and https URLs are fetched', { field: 'url' });
    if (url.username || url.password)
      throw new InvalidArgument('url: credentials in URLs are not accepted', { field: 'url' });
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (
      !this.options.allowPrivate &&
      (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isPrivateAddress(host)))
    ) {
      throw new InvalidArgument(`url: ${host} is a private address`, { field: 'url' });
    }
    return url;
  }

  async fetch(raw: string, signal?: AbortSignal): Promise<FetchedDocument> {
    let url = this.check(raw);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
    for (let hop = 0; ; hop++) {
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request(url, {
          dispatcher: this.agent,
          method: 'GET',
          signal: abort,
          headers: {
            accept: 'text/html, text/markdown, text/plain, application/pdf;q=0.9',
            'user-agent': 'BoomerangKnowledge/1',
          },
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        });
      } catch (err) {
        if (err instanceof InvalidArgument) throw err;
        if ((err as Error).cause instanceof InvalidArgument) throw (err as Error).cause;
        const why = timeout.aborted
          ? `no answer within ${this.options.timeoutMs} ms`
          : (err as Error).message;
        throw new InvalidArgument(`url: could not fetch ${url.host}: ${why}`, { field: 'url' });
      }
      if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
        await res.body.dump();
        if (hop >= (this.options.maxRedirects ?? 3))
          throw new InvalidArgument('url: too many redirects', { field: 'url' });
        url = this.check(new URL(String(res.headers.location), url).toString());
        continue;
      }
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new InvalidArgument(`url: the server answered HTTP ${res.statusCode}`, { field: 'url' });
      }
      const type = String(res.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      const kind = TYPES[type];
      if (!kind) {
        await res.body.dump();
        throw new InvalidArgument(
          `url: unsupported content type "${type || 'none'}" (HTML, text, markdown or PDF)`,
          { field: 'url' },
        );
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > this.options.maxBytes) {
        await res.body.dump();
        throw new InvalidArgument(
          `url: the document is ${declared} bytes; the limit is ${this.options.maxBytes}`,
          { field: 'url' },
        );
      }
      const parts: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of res.body) {
          size += (chunk as Buffer).length;
          if (size > this.options.maxBytes) {
            res.body.destroy();
            throw new InvalidArgument(
              `url: the document is larger than the limit of ${this.options.maxBytes} bytes`,
              { field: 'url' },
            );
          }
          parts.push(chunk as Buffer);
        }
      } catch (err) {
        if (err instanceof InvalidArgument) throw err;
        throw new InvalidArgument(
          `url: reading ${url.host} failed: ${timeout.aborted ? 'time limit reached' : (err as Error).message}`,
          { field: 'url' },
        );
      }
      return { kind, body: Buffer.concat(parts), finalUrl: url.toString() };
    }
  }
}
