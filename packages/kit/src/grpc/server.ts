import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatusMap } from 'grpc-health-check';
import type { Logger } from 'pino';
import { toGrpcStatus } from '../errors';
import type { Metrics } from '../metrics';

export interface ServiceBinding {
  // biome-ignore lint/suspicious/noExplicitAny: definitions are generated and heterogeneous
  definition: grpc.ServiceDefinition<any>;
  implementation: grpc.UntypedServiceImplementation;
}

export interface StartGrpcServerOptions {
  services: ServiceBinding[];
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  logger: Logger;
  metrics?: Metrics;
  /** Start SERVING at once (default). Services that warm up (index rebuilds) pass false and call setServing later. */
  serving?: boolean;
  /** Largest request accepted, bytes (default 16 MiB: PDFs come through KnowledgeService). */
  maxReceiveMessageLength?: number;
}

export interface RunningGrpcServer {
  port: number;
  server: grpc.Server;
  health: HealthImplementation;
  /** Flips grpc.health.v1 for the whole server and for every registered service. */
  setServing(serving: boolean): void;
  /** Stops accepting calls, waits for in-flight calls up to `graceMs`, then forces. */
  shutdown(graceMs?: number): Promise<void>;
}

/** The fully qualified service name ("boomerang.knowledge.v1.KnowledgeService") of a definition. */
// biome-ignore lint/suspicious/noExplicitAny: see ServiceBinding
export function serviceNameOf(definition: grpc.ServiceDefinition<any>): string {
  const first = Object.values(definition)[0] as grpc.MethodDefinition<unknown, unknown> | undefined;
  if (!first) throw new Error('service definition has no methods');
  return first.path.split('/')[1]!;
}

function toServiceError(err: unknown, logger: Logger, method: string): Partial<grpc.StatusObject> {
  const mapped = toGrpcStatus(err);
  const metadata = new grpc.Metadata();
  if (mapped.field) metadata.set('x-error-field', mapped.field);
  if (mapped.retryAfterSeconds !== undefined) metadata.set('retry-after', String(mapped.retryAfterSeconds));
  if (mapped.unexpected) logger.error({ err, method }, 'unexpected error in handler');
  else logger.debug({ code: mapped.code, method, msg: mapped.message }, 'request rejected');
  return { code: mapped.status, details: mapped.message, metadata };
}

function codeName(code: number): string {
  return grpc.status[code] ?? String(code);
}

/**
 * Wraps every method so that (1) any thrown or passed error becomes a proper gRPC status through the
 * one mapper, never a stack trace, and (2) timings land in the RPC histogram.
 */
function instrument(
  binding: ServiceBinding,
  logger: Logger,
  metrics?: Metrics,
): grpc.UntypedServiceImplementation {
  const service = serviceNameOf(binding.definition);
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [name, def] of Object.entries(binding.definition) as [
    string,
    grpc.MethodDefinition<unknown, unknown>,
  ][]) {
    const impl = binding.implementation[name] as ((...args: unknown[]) => unknown) | undefined;
    if (!impl) throw new Error(`${service}: no implementation for ${name}`);
    const method = def.path.split('/')[2] ?? name; // the proto name ("Check"), as dashboards know it
    const observe = (started: bigint, code: number) =>
      metrics?.rpcDuration.observe(
        { service, method, code: codeName(code) },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    if (!def.responseStream) {
      wrapped[name] = (call: unknown, callback: grpc.sendUnaryData<unknown>) => {
        const started = process.hrtime.bigint();
        const done: grpc.sendUnaryData<unknown> = (err, value, trailer, flags) => {
          if (err) {
            const status = toServiceError(err, logger, `${service}/${name}`);
            observe(started, status.code ?? grpc.status.INTERNAL);
            callback(status, null);
          } else {
            observe(started, grpc.status.OK);
            callback(null, value, trailer, flags);
          }
        };
        try {
          const result = impl.call(binding.implementation, call, done);
          if (result instanceof Promise) result.catch((err: unknown) => done(err as grpc.ServiceError, null));
        } catch (err) {
          done(err as grpc.ServiceError, null);
        }
      };
    } else {
      wrapped[name] = (call: grpc.ServerWritableStream<unknown, unknown>) => {
        const started = process.hrtime.bigint();
        const fail = (err: unknown) => {
          const status = toServiceError(err, logger, `${service}/${name}`);
          observe(started, status.code ?? grpc.status.INTERNAL);
          call.destroy(Object.assign(new Error(status.details), status));
        };
        try {
          const result = impl.call(binding.implementation, call);
          if (result instanceof Promise) result.then(() => observe(started, grpc.status.OK), fail);
        } catch (err) {
          fail(err);
        }
      };
    }
  }
  return wrapped;
}

export async function startGrpcServer(options: StartGrpcServerOptions): Promise<RunningGrpcServer> {
  const logger = options.logger.child({ component: 'grpc' });
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxReceiveMessageLength ?? 16 * 1024 * 1024,
  });
  const names = options.services.map((s) => serviceNameOf(s.definition));
  // "" and each service name = readiness (flipped by setServing); "liveness" stays SERVING while the
  // process answers at all, so a warming-up or draining pod is taken out of rotation, not killed.
  const initial: ServingStatusMap = { '': 'NOT_SERVING', liveness: 'SERVING' };
  for (const n of names) initial[n] = 'NOT_SERVING';
  const health = new HealthImplementation(initial);
  health.addToServer(server);
  for (const binding of options.services) {
    server.addService(binding.definition, instrument(binding, logger, options.metrics));
  }
  const host = options.host ?? '0.0.0.0';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  const setServing = (serving: boolean) => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    for (const n of names) health.setStatus(n, status);
  };
  if (options.serving ?? true) setServing(true);
  logger.info({ port, services: names }, 'gRPC server listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (graceMs = 10_000) => {
    stopping ??= new Promise<void>((resolve) => {
      setServing(false);
      const timer = setTimeout(() => {
        logger.warn('in-flight calls did not finish in time; forcing shutdown');
        server.forceShutdown();
        resolve();
      }, graceMs);
      timer.unref();
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return stopping;
  };
  return { port, server, health, setServing, shutdown };
}
