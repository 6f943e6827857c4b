import {
  Aborted,
  fromGrpcCode,
  InvalidArgument,
  isRetriable,
  NotFound,
  toGrpcStatus,
  toHttpStatus,
  Unavailable,
} from './errors';

describe('domain errors', () => {
  it('map to gRPC and HTTP status in one place, keeping the field that failed', () => {
    const err = new InvalidArgument('quantity must be positive', { field: 'order.line_items[0].quantity' });
    expect(toGrpcStatus(err)).toMatchObject({
      status: 3,
      code: 'INVALID_ARGUMENT',
      field: 'order.line_items[0].quantity',
    });
    expect(toHttpStatus(err)).toMatchObject({ status: 400, message: 'quantity must be positive' });
    expect(toHttpStatus(new NotFound('no such order')).status).toBe(404);
    expect(toGrpcStatus(new Aborted('stale version')).status).toBe(10);
    expect(toHttpStatus(new Unavailable('shopify down')).status).toBe(503);
  });

  it('never expose unknown errors: generic INTERNAL message, flagged for logging', () => {
    const mapped = toGrpcStatus(
      new TypeError("Cannot read properties of undefined (reading 'x') at /srv/app.js:12"),
    );
    expect(mapped).toEqual({ status: 13, code: 'INTERNAL', message: 'internal error', unexpected: true });
    expect(toHttpStatus('a string thrown').status).toBe(500);
  });

  it('carry retriability as a property, not a message match', () => {
    expect(isRetriable(new Unavailable('timeout'))).toBe(true);
    expect(isRetriable(new Unavailable('not connected', { retriable: false }))).toBe(false);
    expect(isRetriable(new InvalidArgument('bad'))).toBe(false);
    expect(isRetriable(new Error('ECONNRESET'))).toBe(false);
  });

  it('round-trip through gRPC codes on the client side', () => {
    for (const err of [new InvalidArgument('x'), new NotFound('y'), new Aborted('z'), new Unavailable('w')]) {
      const back = fromGrpcCode(toGrpcStatus(err).status, err.message);
      expect(back.code).toBe(err.code);
      expect(back.retriable).toBe(err.retriable);
    }
  });
});
