import { TOPICS, type TopicSpec } from '@boomerang/kit/bus';

const DAY = 24 * 60 * 60 * 1000;

/**
 * JSON mirror of the resolution-rate topic (same keys, proto3 JSON values). Not yet in the kit's
 * topic registry (packages/kit/src/bus/topics.ts, owned by the kit); this spec is the one to add there.
 */
export const RESOLUTION_RATE_JSON: TopicSpec = (TOPICS as Record<string, TopicSpec>).resolutionRateJson ?? {
  name: 'boomerang.analytics.resolution-rate.json.v1',
  partitions: 3,
  compacted: true,
  retentionMs: -1,
  config: { 'min.cleanable.dirty.ratio': '0.1', 'segment.ms': String(DAY) },
};
