import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';

type Listener = (message: OutboundMessage) => void;

/**
 * In-memory rendezvous on one replica: synchronous requests waiting for the reply to their inbound
 * message (by in_reply_to), and web chat streams listening to a conversation.
 */
const RECENT_REPLIES_MAX = 5_000;
const RECENT_REPLY_TTL_MS = 10 * 60 * 1000;

export class ReplyHub {
  private readonly waiters = new Map<string, Set<(m: OutboundMessage) => void>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /**
   * Replies to synchronous requests seen lately (oldest first), by in_reply_to: a request the vendor
   * sends again (same request id) after the first one got the holding text is answered with the
   * reply even when no delivery could take it (Kakao without a callback URL). Every replica reads
   * every reply (its own live group), so each one can answer.
   */
  private readonly recent = new Map<string, { message: OutboundMessage; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Waits for the reply to `inboundId` up to `ms`. `accept` runs when it arrives and decides whether
   * this waiter takes it (e.g. after winning the delivery claim).
   */
  waitForReply(inboundId: string, ms: number): Promise<OutboundMessage | undefined> {
    return new Promise((resolve) => {
      const set = this.waiters.get(inboundId) ?? new Set();
      this.waiters.set(inboundId, set);
      const done = (m: OutboundMessage | undefined) => {
        clearTimeout(timer);
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(inboundId) === set) this.waiters.delete(inboundId);
        resolve(m);
      };
      const waiter = (m: OutboundMessage) => done(m);
      const timer = setTimeout(() => done(undefined), ms);
      set.add(waiter);
    });
  }

  /** The reply to `inboundId` if this replica saw it lately. */
  recentReply(inboundId: string): OutboundMessage | undefined {
    const r = this.recent.get(inboundId);
    if (!r) return undefined;
    if (this.now() - r.at > RECENT_REPLY_TTL_MS) {
      this.recent.delete(inboundId);
      return undefined;
    }
    return r.message;
  }

  hasWaiter(inboundId: string): boolean {
    return this.waiters.has(inboundId);
  }

  /**
   * Hands a reply to the requests waiting for it (a resent request waits next to the first one);
   * false when nobody on this replica waits. The reply is remembered for a later resend.
   */
  offerReply(message: OutboundMessage): boolean {
    if (!message.inReplyTo) return false;
    this.recent.delete(message.inReplyTo);
    this.recent.set(message.inReplyTo, { message, at: this.now() });
    if (this.recent.size > RECENT_REPLIES_MAX) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    const set = this.waiters.get(message.inReplyTo);
    if (!set?.size) return false;
    for (const w of [...set]) w(message);
    return true;
  }

  listen(tenantId: string, conversationId: string, fn: Listener): () => void {
    const key = `${tenantId}/${conversationId}`;
    const set = this.listeners.get(key) ?? new Set<Listener>();
    this.listeners.set(key, set);
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  broadcast(message: OutboundMessage): number {
    const set = this.listeners.get(`${message.tenantId}/${message.conversationId}`);
    for (const fn of set ?? []) fn(message);
    return set?.size ?? 0;
  }
}
