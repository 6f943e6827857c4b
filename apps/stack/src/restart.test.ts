// Restart on the same data: documents, policies, routing, conversations, web chat tokens and the
// channel secrets survive, and seeding again changes nothing (no duplicate documents, no new policy or
// routing versions); a channel turned off since is turned back on, the others are left alone. An
// install from before the channels keeps its secrets and gets the channels' ones added.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@boomerang/kit/grpc';
import { waitFor } from '@boomerang/kit/testing';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { HandoffServiceClient } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { KnowledgeServiceClient } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { infraOptions } from './__tests__/infra';
import { partOf, textOf, WebchatClient } from './__tests__/webchat-client';
import { BRANDS } from './demo/brands';
import { DEMO_CHANNELS } from './demo/channels';
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

const allOn = Object.fromEntries(DEMO_CHANNELS.map((c) => [c, 'already on']));

it('keeps documents, policies, routing, channels and conversations across a restart and seeds nothing twice', async () => {
  // secrets.json as an earlier release wrote it (no channel secrets yet).
  const earlier = { codePepper: 'p'.repeat(48), webchatSecret: 'w'.repeat(64) };
  writeFileSync(path.join(home, 'secrets.json'), JSON.stringify(earlier), { mode: 0o600 });
  stack = await start();
  expect(stack.seed.map((s) => s.policy)).toEqual(['created', 'created', 'created']);
  for (const s of stack.seed)
    expect(s.channels).toEqual(Object.fromEntries(DEMO_CHANNELS.map((c) => [c, 'turned on'])));
  const secrets = JSON.parse(readFileSync(path.join(home, 'secrets.json'), 'utf8'));
  expect(secrets).toMatchObject(earlier);
  expect(Object.keys(secrets.channels).sort()).toEqual(BRANDS.map((b) => b.tenantId).sort());
  // The shop turns SMS off; the next start turns it back on (and only it).
  const admin = createClient(AgentServiceClient, stack.addresses.agent);
  await admin.updateChannel({
    tenantId: 'demo-en',
    channel: Channel.CHANNEL_SMS,
    enabled: false,
    introMessage: 'x',
    skills: [],
  });
  admin.close();
  const chat = await WebchatClient.open(stack.urls.gateway, 'demo-pl');
  const first = await chat.say('Ile dni mam na zwrot?');
  expect(textOf(first)).toContain('30 dni');
  chat.close();
  await stack.stop();

  stack = await start();
  for (const s of stack.seed) {
    expect(s).toMatchObject({ policy: 'unchanged', policyVersion: 1, routing: 'unchanged' });
    expect(s.channels).toEqual(s.tenantId === 'demo-en' ? { ...allOn, sms: 'turned on' } : allOn);
    expect(s.documents.uploaded).toEqual([]);
  }
  expect(JSON.parse(readFileSync(path.join(home, 'secrets.json'), 'utf8'))).toEqual(secrets);
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
