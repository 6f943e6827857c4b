// Restart on the same data: documents, policies, routing, conversations and web chat tokens survive,
// and seeding again changes nothing (no duplicate documents, no new policy or routing versions).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@boomerang/kit/grpc';
import { waitFor } from '@boomerang/kit/testing';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { HandoffServiceClient } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { KnowledgeServiceClient } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { infraOptions } from './__tests__/infra';
import { partOf, textOf, WebchatClient } from './__tests__/webchat-client';
import { BRANDS } from './demo/brands';
import { demoDocuments } from './demo/seed';
import { type RunningStack, startStack } from './launcher';

const home = mkdtempSync(path.join(tmpdir(), 'boomerang-stack-'));
const infra = infraOptions();
const start = () =>
  startStack({ ...infra.options, home, portBase: 0, print: () => undefined, logLevel: 'warn' });
let stack: RunningStack | undefined;

afterAll(async () => {
  await stack?.stop();
  await infra.cleanup();
  rmSync(home, { recursive: true, force: true });
});

it('keeps documents, policies, routing and conversations across a restart and seeds nothing twice', async () => {
  stack = await start();
  expect(stack.seed.map((s) => s.policy)).toEqual(['created', 'created', 'created']);
  const chat = await WebchatClient.open(stack.urls.gateway, 'demo-pl');
  const first = await chat.say('Ile dni mam na zwrot?');
  expect(textOf(first)).toContain('30 dni');
  chat.close();
  await stack.stop();

  stack = await start();
  for (const s of stack.seed) {
    expect(s).toMatchObject({
      policy: 'unchanged',
      policyVersion: 1,
      routing: 'unchanged',
      webchat: 'already on',
    });
    expect(s.documents.uploaded).toEqual([]);
  }
  const knowledge = createClient(KnowledgeServiceClient, stack.addresses.knowledge);
  const eligibility = createClient(EligibilityServiceClient, stack.addresses.eligibility);
  const handoff = createClient(HandoffServiceClient, stack.addresses.handoff);
  const agent = createClient(AgentServiceClient, stack.addresses.agent);
  try {
    for (const brand of BRANDS) {
      const docs = await knowledge.listDocuments({ tenantId: brand.tenantId, pageSize: 100, pageToken: '' });
      expect(docs.documents.map((d) => `${d.id}@${d.version}`).sort()).toEqual(
        demoDocuments(brand).map((d) => `${d.id}@1`),
      );
      expect((await eligibility.getPolicy({ tenantId: brand.tenantId, version: 0 })).version).toBe(1);
      expect(
        (await handoff.getRouting({ tenantId: brand.tenantId, channel: 'webchat' })).routing?.version,
      ).toBe(1);
    }
    const conversation = await agent.getConversation({
      tenantId: 'demo-pl',
      conversationId: chat.conversationId,
    });
    expect(conversation.transcript.map((t) => t.text)).toContain('Ile dni mam na zwrot?');
  } finally {
    for (const c of [knowledge, eligibility, handoff, agent]) c.close();
  }

  // The shopper's open chat reconnects with its old token, sees the earlier answer, and goes on.
  const again = await WebchatClient.open(stack.urls.gateway, 'demo-pl', chat);
  await waitFor(() => again.replies.find((r) => r.id === first.id), {
    message: 'the earlier reply replayed',
  });
  const next = await again.say('Czy mogę zwrócić produkt z wyprzedaży?');
  expect(partOf(next, 'citations')?.items.length).toBeGreaterThan(0);
  expect(textOf(next)).toMatch(/wyprzeda/i);
  again.close();
}, 240_000);
