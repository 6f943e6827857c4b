import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';

type Listener = (message: OutboundMessage) => void;

/**
 * In-memory rendezvous on one replica: synchronous requests waiting for the reply to their inbound
 * message (by in_reply_to), and web chat streams listening to a conversation.
 */
export class ReplyHub {
  private readonly waiters = new Map<string, (m: OutboundMessage) => boolean>();
  private readonly listeners = new Map<string, Set<Listener>>();

  /**
   * Waits for the reply to `inboundId` up to `ms`. `accept` runs when it arrives and decides whether
   * this waiter takes it (e.g. after winning the delivery claim).
   */
  waitForReply(inboundId: string, ms: number): Promise<OutboundMessage | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(inboundId);
        resolve(undefined);
      }, ms);
      this.waiters.set(inboundId, (m) => {
        clearTimeout(timer);
        this.waiters.delete(inboundId);
        resolve(m);
        return true;
      });
    });
  }

  hasWaiter(inboundId: string): boolean {
    return this.waiters.has(inboundId);
  }

  /** Hands a reply to its waiting request; false when nobody on this replica waits for it. */
  offerReply(message: OutboundMessage): boolean {
    const w = message.inReplyTo ? this.waiters.get(message.inReplyTo) : undefined;
    return w ? w(message) : false;
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
