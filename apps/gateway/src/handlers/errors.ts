import { toHttpStatus } from '@boomerang/kit/errors';
import type { Logger } from '@boomerang/kit/logger';
import type { NextFunction, Request, Response } from 'express';

/** The one HTTP error mapper: domain errors → status + reason; body-parser errors → 400/413; else 500. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const e = err as { type?: string; status?: number; expose?: boolean };
    if (
      e &&
      typeof e.status === 'number' &&
      e.type &&
      typeof e.type === 'string' &&
      e.type.startsWith('entity.')
    ) {
      const status = e.status === 413 ? 413 : 400;
      res.status(status).json({
        error: {
          code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT',
          message: status === 413 ? 'request body too large' : 'request body could not be read',
        },
      });
      return;
    }
    const mapped = toHttpStatus(err);
    if (mapped.unexpected) logger.error({ err, path: req.path }, 'unexpected error');
    else if (mapped.status >= 500) logger.warn({ path: req.path, reason: mapped.message }, 'request failed');
    if (mapped.retryAfterSeconds) res.setHeader('Retry-After', String(mapped.retryAfterSeconds));
    res.status(mapped.status).json({
      error: {
        code: mapped.code,
        message: mapped.message,
        ...(mapped.field ? { field: mapped.field } : {}),
      },
    });
  };
}
