import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { KafkaBus, type KafkaTuning } from './kafka';
import { InProcessBus } from './memory';
import { NamespacedBus } from './namespace';
import type { EventBus } from './types';

export { decodeEvent, type MessageCodec, publishEvent } from './codec';
export { UnknownTopicError } from './errors';
export { GroupTopicsConflictError } from './group-guard';
export { KafkaBus, type KafkaBusOptions, type KafkaTuning } from './kafka';
export { InProcessBus, type InProcessBusOptions } from './memory';
export { NamespacedBus } from './namespace';
export { murmur2, partitionForKey } from './partitioner';
export { allTopicSpecs, DLQ_RETENTION_MS, dlqSpec, TOPICS, topicConfig, withDlqs } from './topics';
export {
  type BatchHandler,
  type BatchSubscribeOptions,
  type BusMessage,
  DLQ_HEADERS,
  dlqTopic,
  type EventBus,
  type MessageHandler,
  type PublishRecord,
  type SubscribeOptions,
  type Subscription,
  type TopicDescription,
  type TopicSpec,
} from './types';

export interface CreateBusOptions {
  /** Kafka brokers (from KAFKA_BROKERS); none = the in-process bus. */
  brokers?: string[];
  clientId: string;
  logger: Logger;
  metrics?: Metrics;
  /** Prefix for every topic and consumer group (e2e isolation on a shared broker). */
  namespace?: string;
  /** Kafka consumer/admin tuning (ignored in-process). */
  kafka?: KafkaTuning;
  /**
   * In-process bus only: keep topics, records and committed offsets in this directory, so a restart
   * redelivers what was published and not yet committed (see InProcessBusOptions.dataDir).
   */
  dataDir?: string;
}

/** Kafka when brokers are configured, else the in-process bus: switching is configuration only. */
export function createBus(options: CreateBusOptions): EventBus {
  const bus: EventBus =
    options.brokers && options.brokers.length > 0
      ? new KafkaBus({
          ...options.kafka,
          brokers: options.brokers,
          clientId: options.clientId,
          logger: options.logger,
          metrics: options.metrics,
        })
      : new InProcessBus({ logger: options.logger, metrics: options.metrics, dataDir: options.dataDir });
  return options.namespace ? new NamespacedBus(bus, options.namespace) : bus;
}
