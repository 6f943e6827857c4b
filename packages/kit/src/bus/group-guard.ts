import { InvalidArgument } from '../errors';

/** A member would join a consumer group that consumes another topic set in this process. */
export class GroupTopicsConflictError extends InvalidArgument {
  constructor(
    readonly groupId: string,
    readonly existing: readonly string[],
    readonly requested: readonly string[],
  ) {
    super(
      `consumer group "${groupId}" already consumes [${existing.join(', ')}] in this process; every member of a group must subscribe to the same topics — use another groupId for [${requested.join(', ')}]`,
      { field: 'groupId' },
    );
  }
}

/**
 * Every member of a consumer group must subscribe to the same topics: Kafka assigns a group's
 * partitions across its members, so a member subscribed to other topics is handed partitions it
 * does not consume (kafkajs then crashes and those messages are never processed). Refuse it up front.
 */
export function assertSameTopicSet(
  groupId: string,
  existing: readonly string[] | undefined,
  topics: readonly string[],
): void {
  if (!existing) return;
  const a = [...new Set(existing)].sort();
  const b = [...new Set(topics)].sort();
  if (a.join('\n') !== b.join('\n')) throw new GroupTopicsConflictError(groupId, a, b);
}
