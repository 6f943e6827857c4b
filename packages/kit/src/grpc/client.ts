import * as grpc from '@grpc/grpc-js';
import { fromGrpcCode } from '../errors';

export interface ClientOptions {
  /** Deadline applied to every call that does not set one (default 5 s). */
  deadlineMs?: number;
  /** Attempts for retriable codes (UNAVAILABLE, RESOURCE_EXHAUSTED), including the first; default 4. */
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface CallOptions {
  deadlineMs?: number;
  metadata?: grpc.Metadata;
  signal?: AbortSignal;
}

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;
type UnaryMethod<Req, Res> = (
  req: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: Callback<Res>,
) => grpc.ClientUnaryCall;

type PromiseMethod<F> =
  F extends UnaryMethod<infer Req, infer Res> ? (req: Req, options?: CallOptions) => Promise<Res> : never;

/** The unary methods of a generated client, as promise-returning functions throwing domain errors. */
// biome-ignore lint/suspicious/noExplicitAny: structural match on any request/response types
type AnyUnary = UnaryMethod<any, any>;
export type PromiseClient<C> = {
  [K in keyof C as C[K] extends AnyUnary ? (K extends keyof grpc.Client ? never : K) : never]: PromiseMethod<
    C[K]
  >;
} & { readonly raw: C; close(): void };

/** A ts-proto generated client class (its service definition is untyped: constructors differ). */
type GeneratedClientCtor<C> = (new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: Partial<grpc.ChannelOptions>,
) => C) & { service: grpc.ServiceDefinition };

function serviceConfig(serviceName: string, o: Required<ClientOptions>): string {
  return JSON.stringify({
    methodConfig: [
      {
        name: [{ service: serviceName }],
        retryPolicy: {
          maxAttempts: Math.max(2, Math.min(o.maxAttempts, 5)),
          initialBackoff: `${o.initialBackoffMs / 1000}s`,
          maxBackoff: `${o.maxBackoffMs / 1000}s`,
          backoffMultiplier: 2,
          retryableStatusCodes: ['UNAVAILABLE', 'RESOURCE_EXHAUSTED'],
        },
      },
    ],
  });
}

/**
 * Creates a client for a generated service with a default deadline on every call and retries with
 * exponential backoff for retriable status codes (gRPC service-config retry policy, done by
 * grpc-js in the channel, not in handlers). Errors come back as domain errors (kit/errors).
 */
export function createClient<C extends grpc.Client>(
  Ctor: GeneratedClientCtor<C>,
  address: string,
  options: ClientOptions = {},
): PromiseClient<C> {
  const o: Required<ClientOptions> = {
    deadlineMs: options.deadlineMs ?? 5000,
    maxAttempts: options.maxAttempts ?? 4,
    initialBackoffMs: options.initialBackoffMs ?? 50,
    maxBackoffMs: options.maxBackoffMs ?? 1000,
  };
  const first = Object.values(Ctor.service)[0] as grpc.MethodDefinition<unknown, unknown>;
  const serviceName = first.path.split('/')[1]!;
  const raw = new Ctor(address, grpc.credentials.createInsecure(), {
    'grpc.service_config': serviceConfig(serviceName, o),
    'grpc.enable_retries': 1,
    'grpc.keepalive_time_ms': 30_000,
  });
  const out: Record<string, unknown> = { raw, close: () => raw.close() };
  for (const [name, def] of Object.entries(Ctor.service) as [
    string,
    grpc.MethodDefinition<unknown, unknown>,
  ][]) {
    if (def.requestStream || def.responseStream) continue;
    const method = (raw as unknown as Record<string, UnaryMethod<unknown, unknown>>)[name]!.bind(raw);
    out[name] = (req: unknown, call: CallOptions = {}) =>
      new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + (call.deadlineMs ?? o.deadlineMs));
        const c = method(req, call.metadata ?? new grpc.Metadata(), { deadline }, (err, res) => {
          call.signal?.removeEventListener('abort', onAbort);
          if (err) {
            const e = fromGrpcCode(err.code, err.details || err.message);
            const field = err.metadata?.get('x-error-field')[0];
            if (field) Object.assign(e, { field: String(field) });
            // Rate limits say when to try again (the server's `retry-after`): callers tell people.
            const retryAfter = Number(err.metadata?.get('retry-after')[0]);
            if (Number.isFinite(retryAfter) && retryAfter >= 0)
              Object.assign(e, { retryAfterSeconds: retryAfter });
            reject(e);
          } else resolve(res);
        });
        const onAbort = () => c.cancel();
        call.signal?.addEventListener('abort', onAbort, { once: true });
      });
  }
  return out as PromiseClient<C>;
}
