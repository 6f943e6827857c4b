import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * PII never reaches logs in clear: these paths (at any of the first levels of a log object) are
 * censored. Components log ids, not contents; these paths are the safety net.
 */
export const PII_REDACT_PATHS = [
  'email',
  'phone',
  'text',
  'code',
  'token',
  'identityToken',
  'password',
  'authorization',
  'address',
  'firstName',
  'lastName',
  'transcript',
  'body',
  '*.email',
  '*.phone',
  '*.text',
  '*.code',
  '*.token',
  '*.identityToken',
  '*.password',
  '*.authorization',
  '*.address',
  '*.firstName',
  '*.lastName',
  '*.transcript',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

export interface CreateLoggerOptions {
  service: string;
  level?: string;
  /** Extra redaction paths for this service. */
  redact?: string[];
  /** Where to write (tests pass a stream to capture output). */
  destination?: pino.DestinationStream;
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const opts: LoggerOptions = {
    name: options.service,
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: options.service },
    redact: { paths: [...PII_REDACT_PATHS, ...(options.redact ?? [])], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that writes nothing (tests that don't look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
