import { InvalidArgument } from '../errors';
import type { TopicSpec } from './types';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The topic registry: the one list of every topic in the system, with partitions and cleanup
 * policy. The Kafka admin helper, the in-process bus and the Kubernetes KafkaTopic manifests
 * (checked by a test) all follow it. DLQs (`<topic>.dlq`) are derived, 7-day retention.
 */
export const TOPICS = {
  channelInbound: {
    name: 'boomerang.channel.inbound.v1',
    partitions: 12,
    compacted: false,
    retentionMs: 7 * DAY,
  },
  channelOutbound: {
    name: 'boomerang.channel.outbound.v1',
    partitions: 12,
    compacted: false,
    retentionMs: 7 * DAY,
  },
  agentOutcomes: {
    name: 'boomerang.agent.outcomes.v1',
    partitions: 6,
    compacted: false,
    retentionMs: 90 * DAY,
  },
  resolutionRate: {
    name: 'boomerang.analytics.resolution-rate.v1',
    partitions: 3,
    compacted: true,
    retentionMs: -1,
    config: { 'min.cleanable.dirty.ratio': '0.1', 'segment.ms': String(DAY) },
  },
  /** JSON mirror of resolutionRate for analysts' tools that read JSON without a schema. */
  resolutionRateJson: {
    name: 'boomerang.analytics.resolution-rate.json.v1',
    partitions: 3,
    compacted: true,
    retentionMs: -1,
    config: { 'min.cleanable.dirty.ratio': '0.1', 'segment.ms': String(DAY) },
  },
  knowledgeDocuments: {
    name: 'boomerang.knowledge.documents.v1',
    partitions: 3,
    compacted: true,
    retentionMs: -1,
    config: { 'min.cleanable.dirty.ratio': '0.1', 'segment.ms': String(DAY) },
  },
  commerceEvents: {
    name: 'boomerang.commerce.events.v1',
    partitions: 6,
    compacted: false,
    retentionMs: 30 * DAY,
  },
  ticketEvents: {
    name: 'boomerang.tickets.events.v1',
    partitions: 6,
    compacted: false,
    retentionMs: 30 * DAY,
  },
} as const satisfies Record<string, TopicSpec>;

export const DLQ_RETENTION_MS = 7 * DAY;

export function allTopicSpecs(): TopicSpec[] {
  return Object.values(TOPICS);
}

/** Kafka topic configs for a spec. */
export function topicConfig(spec: TopicSpec): Record<string, string> {
  return {
    'cleanup.policy': spec.compacted ? 'compact' : 'delete',
    ...(spec.compacted ? {} : { 'retention.ms': String(spec.retentionMs) }),
    ...(spec.config ?? {}),
  };
}

/** The DLQ spec of a topic: same partitions (keys stay together), delete policy. */
export function dlqSpec(spec: TopicSpec): TopicSpec {
  return {
    name: `${spec.name}.dlq`,
    partitions: spec.partitions,
    compacted: false,
    retentionMs: DLQ_RETENTION_MS,
  };
}

/** The specs plus their DLQs, each name once; a DLQ gets no DLQ of its own. */
export function withDlqs(specs: TopicSpec[]): TopicSpec[] {
  const byName = new Map<string, TopicSpec>();
  for (const spec of specs) {
    if (!byName.has(spec.name)) byName.set(spec.name, spec);
    if (spec.name.endsWith('.dlq')) continue;
    const dlq = dlqSpec(spec);
    if (!byName.has(dlq.name)) byName.set(dlq.name, dlq);
  }
  return [...byName.values()];
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** withDlqs, after checking every spec the way Kafka would, so a bad one fails before any is created. */
export function validSpecsWithDlqs(specs: TopicSpec[]): TopicSpec[] {
  const all = withDlqs(specs);
  for (const spec of all) {
    if (!LEGAL_TOPIC.test(spec.name) || spec.name === '.' || spec.name === '..') {
      throw new InvalidArgument(`invalid topic name "${spec.name}": use 1-249 of [a-zA-Z0-9._-]`);
    }
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      throw new InvalidArgument(`topic "${spec.name}": partitions must be a positive integer`);
    }
  }
  return all;
}
