import { InvalidArgument } from '../errors';
import { UnknownTopicError } from './errors';
import { GroupTopicsConflictError } from './group-guard';
import {
  type BatchHandler,
  type BatchSubscribeOptions,
  type BusMessage,
  DLQ_HEADERS,
  type EventBus,
  type MessageHandler,
  type PublishRecord,
  type SubscribeOptions,
  type Subscription,
  type TopicDescription,
  type TopicSpec,
} from './types';

/**
 * Prefixes every topic and consumer group with `<namespace>.` on the way in and strips it on the
 * way out, so e2e runs sharing a broker never see each other. Callers use the plain names.
 */
export class NamespacedBus implements EventBus {
  private readonly prefix: string;

  constructor(
    private readonly inner: EventBus,
    namespace: string,
  ) {
    if (!/^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,99}$/.test(namespace)) {
      throw new InvalidArgument(`invalid bus namespace "${namespace}": use up to 100 of [a-zA-Z0-9._-]`);
    }
    this.prefix = `${namespace}.`;
  }

  publish(topic: string, records: PublishRecord | PublishRecord[]): Promise<void> {
    return this.inner.publish(this.add(topic), records).catch((err) => this.rethrow(err));
  }

  subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    const subscribed = this.inner.subscribe(this.inward(options), (m) => handler(this.outward(m)));
    return subscribed.catch((err) => this.rethrow(err));
  }

  subscribeBatch(options: BatchSubscribeOptions, handler: BatchHandler): Promise<Subscription> {
    const subscribed = this.inner.subscribeBatch(this.inward(options), (messages) =>
      handler(messages.map((m) => this.outward(m))),
    );
    return subscribed.catch((err) => this.rethrow(err));
  }

  ensureTopics(specs: TopicSpec[]): Promise<void> {
    return this.inner.ensureTopics(specs.map((s) => ({ ...s, name: this.add(s.name) })));
  }

  async describeTopic(name: string): Promise<TopicDescription | undefined> {
    const description = await this.inner.describeTopic(this.add(name));
    return description && { ...description, name };
  }

  deleteTopics(names: string[]): Promise<void> {
    return this.inner.deleteTopics(names.map((n) => this.add(n)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private inward<O extends SubscribeOptions>(options: O): O {
    return { ...options, topics: options.topics.map((t) => this.add(t)), groupId: this.add(options.groupId) };
  }

  private outward(m: BusMessage): BusMessage {
    const headers = { ...m.headers };
    // DLQ copies name the source topic and group as the inner bus saw them.
    for (const name of [DLQ_HEADERS.sourceTopic, DLQ_HEADERS.groupId]) {
      if (headers[name] !== undefined) headers[name] = this.strip(headers[name]);
    }
    return { ...m, topic: this.strip(m.topic), headers };
  }

  /** Errors name the topics as the caller knows them. */
  private rethrow(err: unknown): never {
    if (err instanceof UnknownTopicError) throw new UnknownTopicError(err.topics.map((t) => this.strip(t)));
    if (err instanceof GroupTopicsConflictError) {
      const strip = (names: readonly string[]) => names.map((t) => this.strip(t));
      throw new GroupTopicsConflictError(this.strip(err.groupId), strip(err.existing), strip(err.requested));
    }
    throw err;
  }

  private add(name: string): string {
    return this.prefix + name;
  }

  private strip(name: string): string {
    return name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
  }
}
