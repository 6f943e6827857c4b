import type * as grpc from '@grpc/grpc-js';

export interface CallContext {
  /** Aborted when the caller cancels or its deadline passes: pass it to outgoing I/O. */
  signal: AbortSignal;
  /** The caller's deadline, if it sent one. */
  deadline?: Date;
  metadata: grpc.Metadata;
}

function contextOf(
  call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>,
): CallContext {
  const controller = new AbortController();
  call.on('cancelled', () => controller.abort(new Error('call cancelled by the client')));
  const d = call.getDeadline();
  const deadline = d instanceof Date ? d : Number.isFinite(d) ? new Date(d as number) : undefined;
  return { signal: controller.signal, deadline, metadata: call.metadata };
}

/**
 * Adapts an async function to the generated `handleUnaryCall` type, so handlers are written as
 * `search: unary(async (req, ctx) => ({ hits }))` and stay typed against the generated interface.
 * Errors are thrown as domain errors; the server maps them (see startGrpcServer).
 */
export function unary<Req, Res>(
  fn: (request: Req, ctx: CallContext) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    fn(call.request, contextOf(call as grpc.ServerUnaryCall<unknown, unknown>)).then(
      (res) => callback(null, res),
      (err: unknown) => callback(err as grpc.ServiceError, null),
    );
  };
}

/** Adapts an async producer to `handleServerStreamingCall`; resolve to end the stream. */
export function serverStream<Req, Res>(
  fn: (request: Req, write: (msg: Res) => void, ctx: CallContext) => Promise<void>,
): grpc.handleServerStreamingCall<Req, Res> {
  return ((call: grpc.ServerWritableStream<Req, Res>) =>
    fn(
      call.request,
      (msg) => call.write(msg),
      contextOf(call as grpc.ServerWritableStream<unknown, unknown>),
    ).then(() => call.end())) as grpc.handleServerStreamingCall<Req, Res>;
}
