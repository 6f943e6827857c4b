// Nothing acknowledged is lost across a restart: shoppers' messages the gateway accepted (202) while
// the agent was still inside its handler when the stack stopped are handled after the next start on
// the same data directory, each exactly once (the in-process bus keeps its log under <home>/bus).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type EventBus, TOPICS } from '@boomerang/kit/bus';
import { createClient } from '@boomerang/kit/grpc';
import { waitFor } from '@boomerang/kit/testing';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { textOf, WebchatClient } from './__tests__/webchat-client';
import { type RunningStack, type StackOptions, startStack } from './launcher';

const home = mkdtempSync(path.join(tmpdir(), 'boomerang-bus-'));
// Always the in-process bus (PGlite under the same home): that is what this test is about. With
// KAFKA_BROKERS set the stack would use Kafka, whose redelivery the e2e and kit suites cover.
const start = (extra: Partial<StackOptions> = {}) =>
  startStack({ home, portBase: 0, print: () => undefined, logLevel: 'error', ...extra });
let stack: RunningStack | undefined;

afterAll(async () => {
  await stack?.stop();
  rmSync(home, { recursive: true, force: true });
});

const QUESTIONS = [
  { tenant: 'demo-ko', text: '반품 기간이 어떻게 되나요?', answer: /14/ },
  { tenant: 'demo-pl', text: 'Ile dni mam na zwrot?', answer: /30 dni/ },
  { tenant: 'demo-en', text: 'How many days do I have to return an item?', answer: /30 days/ },
];

/** The agent's inbound handler takes the messages and never finishes (the process stops under it). */
function holdingInbound(held: unknown[]) {
  return (bus: EventBus): EventBus => ({
    publish: (topic, records) => bus.publish(topic, records),
    subscribe: (options, handler) => bus.subscribe(options, handler),
    subscribeBatch: (options, handler) =>
      bus.subscribeBatch(
        options,
        options.topics.includes(TOPICS.channelInbound.name)
          ? async (batch) => {
              held.push(...batch);
              await new Promise(() => undefined);
            }
          : handler,
      ),
    ensureTopics: (specs) => bus.ensureTopics(specs),
    describeTopic: (name) => bus.describeTopic(name),
    deleteTopics: (names) => bus.deleteTopics(names),
    close: () => bus.close(),
  });
}

async function send(chat: WebchatClient, text: string): Promise<string> {
  const res = await fetch(`${chat.base}/v1/webchat/${chat.tenant}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, clientMessageId: `durable-${Date.now()}` }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { messageId: string }).messageId;
}

it('handles messages accepted before a stop in the middle of the agent handler exactly once after the restart', async () => {
  const held: unknown[] = [];
  stack = await start({ wrapBus: holdingInbound(held) });
  const sent: { chat: WebchatClient; messageId: string; question: (typeof QUESTIONS)[number] }[] = [];
  for (const question of QUESTIONS) {
    const chat = await WebchatClient.open(stack.urls.gateway, question.tenant);
    sent.push({ chat, question, messageId: await send(chat, question.text) });
  }
  await waitFor(() => held.length > 0, { message: 'the agent inside its handler' });
  await stack.stop();
  for (const s of sent) {
    expect(s.chat.replies).toEqual([]);
    s.chat.close();
  }

  stack = await start();
  const agent = createClient(AgentServiceClient, stack.addresses.agent);
  try {
    for (const { chat, messageId, question } of sent) {
      const again = await WebchatClient.open(stack.urls.gateway, question.tenant, chat);
      const reply = await waitFor(() => again.replies.find((r) => r.inReplyTo === messageId), {
        timeoutMs: 30_000,
        message: `a reply to "${question.text}" after the restart`,
      });
      expect(textOf(reply)).toMatch(question.answer);
      await new Promise((r) => setTimeout(r, 300));
      expect(again.replies.filter((r) => r.inReplyTo === messageId)).toHaveLength(1);
      const conversation = await agent.getConversation({
        tenantId: question.tenant,
        conversationId: chat.conversationId,
      });
      expect(conversation.transcript.filter((t) => t.text === question.text)).toHaveLength(1);
      again.close();
    }
  } finally {
    agent.close();
  }
}, 240_000);
