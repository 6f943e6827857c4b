import { FailedPrecondition } from '../errors';

/** Publishing to or subscribing to a topic that was never created (auto-creation is off everywhere). */
export class UnknownTopicError extends FailedPrecondition {
  readonly topics: string[];

  constructor(topics: string[]) {
    const names = topics.map((t) => `"${t}"`).join(', ');
    super(`topic ${names} does not exist: create it with ensureTopics (topics are never auto-created)`);
    this.topics = topics;
  }
}
