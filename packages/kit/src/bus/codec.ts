import type { EventBus, PublishRecord } from './types';

/** What ts-proto generates for every message: binary encode/decode. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

/** Publishes protobuf events: values are the bytes of the generated event type. */
export async function publishEvent<T>(
  bus: EventBus,
  topic: string,
  codec: MessageCodec<T>,
  events: { key: string; value: T; headers?: Record<string, string> }[],
): Promise<void> {
  const records: PublishRecord[] = events.map((e) => ({
    key: e.key,
    value: codec.encode(e.value).finish(),
    headers: e.headers,
  }));
  await bus.publish(topic, records);
}

export function decodeEvent<T>(codec: MessageCodec<T>, value: Uint8Array): T {
  return codec.decode(value);
}
