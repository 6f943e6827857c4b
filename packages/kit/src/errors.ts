// Transport-free domain errors. Handlers throw these; one mapper per edge (gRPC, HTTP) turns them
// into a status. Retriability is a property of the error, never a string match.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface DomainErrorOptions {
  /** Field that failed validation, e.g. "order.line_items[2].quantity". */
  field?: string;
  /** Seconds after which a retry may succeed (rate limits). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  readonly field?: string;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, retriable: boolean, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = retriable;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class InvalidArgument extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('INVALID_ARGUMENT', message, false, options);
  }
}
export class NotFound extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('NOT_FOUND', message, false, options);
  }
}
export class AlreadyExists extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('ALREADY_EXISTS', message, false, options);
  }
}
export class FailedPrecondition extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('FAILED_PRECONDITION', message, false, options);
  }
}
/** Optimistic-concurrency conflict: re-read and try again. */
export class Aborted extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('ABORTED', message, true, options);
  }
}
export class PermissionDenied extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('PERMISSION_DENIED', message, false, options);
  }
}
export class Unauthenticated extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('UNAUTHENTICATED', message, false, options);
  }
}
export class ResourceExhausted extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('RESOURCE_EXHAUSTED', message, true, options);
  }
}
export class DeadlineExceeded extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('DEADLINE_EXCEEDED', message, true, options);
  }
}
export class Unavailable extends DomainError {
  constructor(message: string, options?: DomainErrorOptions & { retriable?: boolean }) {
    super('UNAVAILABLE', message, options?.retriable ?? true, options);
  }
}
export class Internal extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super('INTERNAL', message, false, options);
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

/** True when retrying the same operation later may succeed. Unknown errors are not retriable. */
export function isRetriable(err: unknown): boolean {
  return isDomainError(err) && err.retriable;
}

const GRPC_CODES: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

const HTTP_CODES: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ABORTED: 409,
  FAILED_PRECONDITION: 412,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

export interface MappedError {
  /** Numeric status: a gRPC status code or an HTTP status. */
  status: number;
  code: ErrorCode;
  message: string;
  field?: string;
  retryAfterSeconds?: number;
  /** True when the error was not a DomainError: the message is generic and the cause must be logged. */
  unexpected: boolean;
}

function map(err: unknown, table: Record<ErrorCode, number>): MappedError {
  if (isDomainError(err)) {
    return {
      status: table[err.code],
      code: err.code,
      message: err.message,
      field: err.field,
      retryAfterSeconds: err.retryAfterSeconds,
      unexpected: false,
    };
  }
  return { status: table.INTERNAL, code: 'INTERNAL', message: 'internal error', unexpected: true };
}

/** Maps any thrown value to a gRPC status. Unknown errors become INTERNAL with a generic message. */
export function toGrpcStatus(err: unknown): MappedError {
  return map(err, GRPC_CODES);
}

/** Maps any thrown value to an HTTP status. Unknown errors become 500 with a generic message. */
export function toHttpStatus(err: unknown): MappedError {
  return map(err, HTTP_CODES);
}

/** The domain error for a gRPC status code received from another service (client side). */
export function fromGrpcCode(code: number, message: string): DomainError {
  const entry = (Object.entries(GRPC_CODES) as [ErrorCode, number][]).find(([, c]) => c === code);
  const name: ErrorCode = entry?.[0] ?? (code === 1 ? 'UNAVAILABLE' : 'INTERNAL');
  switch (name) {
    case 'INVALID_ARGUMENT':
      return new InvalidArgument(message);
    case 'NOT_FOUND':
      return new NotFound(message);
    case 'ALREADY_EXISTS':
      return new AlreadyExists(message);
    case 'FAILED_PRECONDITION':
      return new FailedPrecondition(message);
    case 'ABORTED':
      return new Aborted(message);
    case 'PERMISSION_DENIED':
      return new PermissionDenied(message);
    case 'UNAUTHENTICATED':
      return new Unauthenticated(message);
    case 'RESOURCE_EXHAUSTED':
      return new ResourceExhausted(message);
    case 'DEADLINE_EXCEEDED':
      return new DeadlineExceeded(message);
    case 'UNAVAILABLE':
      return new Unavailable(message);
    default:
      return new Internal(message);
  }
}
