import { toHttpStatus } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { NextFunction, Request, Response } from 'express';

export interface ErrorAnswer {
  status: number;
  retryAfterSeconds?: number;
  body: { error: { code: string; message: string; field?: string } };
}

/** The one error mapper: domain errors → status + reason; body-reading errors → 400/413; else 500. */
export function errorAnswer(err: unknown, logger: Logger, path: string): ErrorAnswer {
  const e = err as { type?: string; status?: number; expose?: boolean };
  if (
    e &&
    typeof e.status === 'number' &&
    e.type &&
    typeof e.type === 'string' &&
    e.type.startsWith('entity.')
  ) {
    const status = e.status === 413 ? 413 : 400;
    return {
      status,
      body: {
        error: {
          code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT',
          message: status === 413 ? 'request body too large' : 'request body could not be read',
        },
      },
    };
  }
  const mapped = toHttpStatus(err);
  if (mapped.unexpected) logger.error({ err, path }, 'unexpected error');
  else if (mapped.status >= 500) logger.warn({ path, reason: mapped.message }, 'request failed');
  return {
    status: mapped.status,
    retryAfterSeconds: mapped.retryAfterSeconds,
    body: {
      error: {
        code: mapped.code,
        message: mapped.message,
        ...(mapped.field ? { field: mapped.field } : {}),
      },
    },
  };
}

/** Express error middleware over `errorAnswer`. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const answer = errorAnswer(err, logger, req.path);
    if (answer.retryAfterSeconds) res.setHeader('Retry-After', String(answer.retryAfterSeconds));
    res.status(answer.status).json(answer.body);
  };
}
