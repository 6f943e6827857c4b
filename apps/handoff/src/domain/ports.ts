// Ports the domain depends on; adapters implement them.
import { TOPICS } from '@boomerang/kit/bus';
import type { Queryable } from '@boomerang/kit/sql';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Resolves a secret reference (an env var name such as HANDOFF_SECRET_ACME_ZENDESK) to its value. */
export type SecretResolver = (ref: string) => string | undefined;

/** Only HANDOFF_SECRET_* variables can be referenced: a tenant must not read DATABASE_URL through a ref. */
export const SECRET_REF = /^HANDOFF_SECRET_[A-Z0-9_]{1,100}$/;

export function envSecrets(env: Record<string, string | undefined> = process.env): SecretResolver {
  return (ref) => (SECRET_REF.test(ref) ? env[ref] || undefined : undefined);
}

/** An event to publish after the transaction commits (the transactional outbox). */
export interface OutboxRecord {
  topic: string;
  key: string;
  value: Uint8Array;
}

export interface Outbox {
  /** Writes the records in the caller's transaction. */
  enqueue(tx: Queryable, records: OutboxRecord[]): Promise<void>;
  /** Called after commit: publish soon. */
  kick(): void;
}

export const TICKET_EVENTS_TOPIC = TOPICS.ticketEvents.name;
export const CHANNEL_OUTBOUND_TOPIC = TOPICS.channelOutbound.name;
