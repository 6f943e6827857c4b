// A web chat client over the gateway's public API, as the widget uses it: create a conversation,
// follow the replies on Server-Sent Events, post messages (text or a tapped button's postback).
import { waitFor } from '@boomerang/kit/testing';

export type WebchatPart =
  | { type: 'text'; text: string }
  | {
      type: 'card';
      title: string;
      orderId: string;
      lines: { title: string; eligible: boolean; note: string }[];
      buttons: Button[];
    }
  | { type: 'link'; button: Button }
  | { type: 'quick_replies'; options: Button[] }
  | { type: 'handoff'; text: string; ticketRef: string }
  | { type: 'citations'; title: string; items: { title: string; url: string; section: string }[] };
export type Button = { label: string; url?: string; postback?: string };

export interface WebchatReply {
  id: string;
  conversationId: string;
  inReplyTo: string;
  language: string;
  parts: WebchatPart[];
}

export class WebchatClient {
  readonly replies: WebchatReply[] = [];
  private readonly abort = new AbortController();
  private seq = 0;

  private constructor(
    readonly base: string,
    readonly tenant: string,
    readonly conversationId: string,
    readonly token: string,
  ) {}

  /** A new conversation (or an existing one, given its token), following its replies. */
  static async open(
    base: string,
    tenant: string,
    existing?: { conversationId: string; token: string },
  ): Promise<WebchatClient> {
    let conv = existing;
    if (!conv) {
      const res = await fetch(`${base}/v1/webchat/${tenant}/conversations`, { method: 'POST' });
      if (res.status !== 201) throw new Error(`create conversation: HTTP ${res.status} ${await res.text()}`);
      conv = (await res.json()) as { conversationId: string; token: string };
    }
    const client = new WebchatClient(base, tenant, conv.conversationId, conv.token);
    await client.follow();
    return client;
  }

  private async follow(): Promise<void> {
    const res = await fetch(`${this.base}/v1/webchat/${this.tenant}/events`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const event = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = event
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (/^event: reply$/m.test(event) && data) this.replies.push(JSON.parse(data) as WebchatReply);
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }

  /** Sends a message and waits for the agent's reply to it. */
  async say(text: string, options: { postback?: string; timeoutMs?: number } = {}): Promise<WebchatReply> {
    const res = await fetch(`${this.base}/v1/webchat/${this.tenant}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        text,
        postback: options.postback,
        clientMessageId: `test-${Date.now()}-${this.seq++}`,
      }),
    });
    if (res.status !== 202) throw new Error(`message: HTTP ${res.status} ${await res.text()}`);
    const { messageId } = (await res.json()) as { messageId: string };
    return waitFor(() => this.replies.find((r) => r.inReplyTo === messageId), {
      timeoutMs: options.timeoutMs ?? 20_000,
      message: `a reply to "${text || options.postback}" in ${this.tenant}`,
    });
  }

  close(): void {
    this.abort.abort();
  }
}

export const textOf = (r: WebchatReply): string =>
  r.parts.flatMap((p) => (p.type === 'text' ? [p.text] : p.type === 'handoff' ? [p.text] : [])).join('\n');
export const partOf = <T extends WebchatPart['type']>(r: WebchatReply, type: T) =>
  r.parts.find((p) => p.type === type) as Extract<WebchatPart, { type: T }> | undefined;
