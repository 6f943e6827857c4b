import { type LogEntry, type logCreator, logLevel } from 'kafkajs';
import type { Logger } from '../logger';

/** Routes kafkajs' own log lines into our pino logger (kafkajs filters by its logLevel first). */
export function pinoLogCreator(logger: Logger): logCreator {
  return () => (entry) => {
    const { message, timestamp: _timestamp, logger: _logger, ...extra } = entry.log;
    const fields = { kafkajs: entry.namespace, ...extra };
    const level = routineLevel(entry) ?? entry.level;
    if (level === logLevel.ERROR) logger.error(fields, message);
    else if (level === logLevel.WARN) logger.warn(fields, message);
    else if (level === logLevel.INFO) logger.info(fields, message);
    else logger.debug(fields, message);
  };
}

/**
 * kafkajs logs every error *response* at ERROR ("Response Heartbeat(...)": rebalancing, coordinator
 * loading, not leader after a topic is created) although the client retries it; a real failure
 * still surfaces as a thrown error or a consumer crash line. Rejoining is routine too.
 */
function routineLevel({ namespace, log }: LogEntry): logLevel | undefined {
  if (namespace === 'Connection' && log.message.startsWith('Response ')) return logLevel.DEBUG;
  if (namespace === 'Runner' && log.message === 'The group is rebalancing, re-joining') return logLevel.INFO;
  return undefined;
}
