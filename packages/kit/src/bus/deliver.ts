import { InvalidArgument } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import {
  type BatchHandler,
  type BatchSubscribeOptions,
  type BusMessage,
  DLQ_HEADERS,
  dlqTopic,
  type MessageHandler,
  type PublishRecord,
} from './types';

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_RETRY_BACKOFF_MS = 100;
export const DEFAULT_DRAIN_MS = 10_000;
export const DEFAULT_MAX_BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 30_000;
const MAX_ERROR_HEADER = 1_000;

export interface DeliveryContext {
  groupId: string;
  handler: MessageHandler;
  maxAttempts: number;
  retryBackoffMs: number;
  /** Aborted when the subscription stops: backoff ends early and no further attempt starts. */
  stopping: AbortSignal;
  /** Publishes one record (used for the DLQ). */
  publish: (topic: string, record: PublishRecord) => Promise<void>;
  logger: Logger;
  metrics?: Metrics;
}

/** ok / dlq: done, commit the offset. stopped: the subscription stopped between attempts, don't commit. */
export type DeliveryOutcome = 'ok' | 'dlq' | 'stopped';

/**
 * The one implementation of the consumer's handling rules for both buses: call the handler, retry
 * with exponential backoff up to maxAttempts, then move the message to `<topic>.dlq`.
 * Throws only if the DLQ publish fails (the message is then not committed and comes back).
 */
export async function deliver(
  message: Omit<BusMessage, 'attempt'>,
  ctx: DeliveryContext,
  /** Handler calls this message already had (as part of a failed batch): `attempt` continues after them. */
  attemptsBefore = 0,
): Promise<DeliveryOutcome> {
  const labels = { topic: message.topic, group: ctx.groupId };
  const where = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    group: ctx.groupId,
  };
  for (let n = 1; ; n++) {
    const attempt = attemptsBefore + n;
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    try {
      await ctx.handler({ ...message, headers: { ...message.headers }, attempt });
      ctx.metrics?.consumerDuration.observe({ ...labels, outcome: 'ok' }, elapsed());
      return 'ok';
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      if (n >= ctx.maxAttempts) {
        ctx.metrics?.consumerDuration.observe({ ...labels, outcome: 'dlq' }, elapsed());
        await ctx.publish(dlqTopic(message.topic), dlqRecord(message, error, attempt, ctx.groupId));
        ctx.logger.error(
          { ...where, attempt, err: error },
          'handler failed on every attempt; moved to the DLQ',
        );
        return 'dlq';
      }
      ctx.metrics?.consumerDuration.observe({ ...labels, outcome: 'retry' }, elapsed());
      const backoffMs = Math.min(ctx.retryBackoffMs * 2 ** (n - 1), MAX_BACKOFF_MS);
      ctx.logger.warn({ ...where, attempt, backoffMs, err: error }, 'handler failed; retrying');
      if (!(await sleep(backoffMs, ctx.stopping))) return 'stopped';
    }
  }
}

export interface BatchDeliveryContext extends Omit<DeliveryContext, 'handler'> {
  handler: BatchHandler;
  maxBatchSize: number;
  maxBatchWaitMs: number;
}

/** maxBatchSize and maxBatchWaitMs with their defaults, validated. */
export function batchLimits(options: BatchSubscribeOptions): {
  maxBatchSize: number;
  maxBatchWaitMs: number;
} {
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  const maxBatchWaitMs = options.maxBatchWaitMs ?? 0;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)
    throw new InvalidArgument('maxBatchSize must be >= 1');
  if (!(maxBatchWaitMs >= 0)) throw new InvalidArgument('maxBatchWaitMs must be >= 0');
  return { maxBatchSize, maxBatchWaitMs };
}

/**
 * ok: all `messages` are done (processed or dead-lettered). stopped: the subscription stopped; the
 * first `done` are done, the rest must not be committed. failed: a DLQ publish failed (`error`) after
 * `done` messages; commit those, the rest comes back.
 */
export interface BatchDeliveryResult {
  outcome: 'ok' | 'stopped' | 'failed';
  done: number;
  error?: unknown;
}

/**
 * The batch consumer's handling rules for both buses: call the handler with the whole batch and
 * retry it with backoff up to maxAttempts; if it keeps failing, deliver the messages one at a time
 * (each a batch of one, with deliver()'s retries and DLQ) so only the poison message is dead-lettered.
 * In that fallback `progress(done)` is awaited after each message so the caller can commit it.
 */
export async function deliverBatch(
  messages: Omit<BusMessage, 'attempt'>[],
  ctx: BatchDeliveryContext,
  progress: (done: number) => Promise<void>,
): Promise<BatchDeliveryResult> {
  const first = messages[0];
  if (!first) return { outcome: 'ok', done: 0 };
  let attemptsBefore = 0;
  if (messages.length > 1) {
    const labels = { topic: first.topic, group: ctx.groupId };
    const where = {
      topic: first.topic,
      partition: first.partition,
      offsets: `${first.offset}..${messages[messages.length - 1]!.offset}`,
      size: messages.length,
      group: ctx.groupId,
    };
    for (let attempt = 1; attempt <= ctx.maxAttempts; attempt++) {
      const started = performance.now();
      const elapsed = () => (performance.now() - started) / 1000;
      try {
        await ctx.handler(messages.map((m) => ({ ...m, headers: { ...m.headers }, attempt })));
        ctx.metrics?.consumerDuration.observe({ ...labels, outcome: 'ok' }, elapsed());
        return { outcome: 'ok', done: messages.length };
      } catch (err) {
        ctx.metrics?.consumerDuration.observe({ ...labels, outcome: 'retry' }, elapsed());
        const error = err instanceof Error ? err.message : String(err);
        attemptsBefore = attempt;
        if (attempt >= ctx.maxAttempts) {
          ctx.logger.warn(
            { ...where, attempt, err: error },
            'batch failed on every attempt; delivering its messages one at a time',
          );
          break;
        }
        const backoffMs = Math.min(ctx.retryBackoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
        ctx.logger.warn({ ...where, attempt, backoffMs, err: error }, 'batch handler failed; retrying');
        if (!(await sleep(backoffMs, ctx.stopping))) return { outcome: 'stopped', done: 0 };
      }
    }
  }
  const one: DeliveryContext = { ...ctx, handler: (m) => ctx.handler([m]) };
  for (let i = 0; i < messages.length; i++) {
    if (ctx.stopping.aborted) return { outcome: 'stopped', done: i };
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliver(messages[i]!, one, attemptsBefore);
    } catch (error) {
      return { outcome: 'failed', done: i, error };
    }
    if (outcome === 'stopped') return { outcome: 'stopped', done: i };
    if (messages.length > 1) await progress(i + 1);
  }
  return { outcome: 'ok', done: messages.length };
}

function dlqRecord(
  message: Omit<BusMessage, 'attempt'>,
  error: string,
  attempts: number,
  groupId: string,
): PublishRecord {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DLQ_HEADERS.error]: error.slice(0, MAX_ERROR_HEADER),
      [DLQ_HEADERS.sourceTopic]: message.topic,
      [DLQ_HEADERS.sourcePartition]: String(message.partition),
      [DLQ_HEADERS.sourceOffset]: message.offset,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.groupId]: groupId,
    },
  };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
