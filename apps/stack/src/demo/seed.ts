// Seeds the demo store into running services over their public gRPC APIs, the way a brand's admin
// would: policy documents (knowledge.UpsertDocument), the eligibility policy (PutPolicy), handoff to
// the built-in desk per channel (SetRouting), then every channel turned on in the agent
// (UpdateChannel, which refuses a channel whose handoff or intro message is missing), and the launch
// checklist read back. Idempotent: what is already there is left alone, so a restart never duplicates.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NotFound } from '@boomerang/kit/errors';
import { createClient } from '@boomerang/kit/grpc';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { Destination, HandoffServiceClient, Routing } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import {
  type Document,
  DocumentFormat,
  KnowledgeServiceClient,
} from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { BRANDS, DEMO_DIR, type DemoBrand, eligibilityPolicy, supersededPolicies } from './brands';
import { CHANNEL_TITLES, DEMO_CHANNELS, type DemoChannel } from './channels';
import type { DemoRouting } from './config';

const CHANNEL_ENUM: Record<DemoChannel, Channel> = {
  webchat: Channel.CHANNEL_WEBCHAT,
  sms: Channel.CHANNEL_SMS,
  whatsapp: Channel.CHANNEL_WHATSAPP,
  email: Channel.CHANNEL_EMAIL,
  kakao: Channel.CHANNEL_KAKAO,
  naver: Channel.CHANNEL_NAVER,
};

export type ChannelSeedState = 'turned on' | 'already on';

export interface SeedAddresses {
  knowledge: string;
  eligibility: string;
  handoff: string;
  agent: string;
}

export interface SeedOptions {
  addresses: SeedAddresses;
  brands?: readonly DemoBrand[];
  /** Routing per tenant/channel (from demoConfig); default: the brands' built-in desk routing. */
  routing?: DemoRouting[];
  /** Progress lines ("demo-ko: 2 documents uploaded"). */
  progress?: (line: string) => void;
}

export interface BrandSeedResult {
  tenantId: string;
  documents: { uploaded: string[]; unchanged: string[] };
  policy: 'created' | 'unchanged' | 'updated' | 'kept';
  policyVersion: number;
  routing: 'set' | 'unchanged';
  /** Each channel the brand has (every channel with a handoff route), turned on in the agent. */
  channels: Partial<Record<DemoChannel, ChannelSeedState>>;
}

export interface DemoDocument {
  id: string;
  title: string;
  content: string;
  /** "seed-<sha256 prefix>": tells an unchanged document from an edited one across restarts. */
  seedTag: string;
}

/** The brand's policy documents (markdown files under apps/stack/demo/<tenant>/). */
export function demoDocuments(brand: DemoBrand): DemoDocument[] {
  const dir = path.join(DEMO_DIR, brand.documents);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const content = readFileSync(path.join(dir, file), 'utf8');
      const title = /^#\s+(.+)$/m.exec(content)?.[1]?.trim() ?? file;
      const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
      return { id: file.replace(/\.md$/, ''), title, content, seedTag: `seed-${hash}` };
    });
}

/** True when every field of `want` has the same value in `have` (defaults filled in by the service are ignored). */
function covers(have: unknown, want: unknown): boolean {
  if (Array.isArray(want)) return JSON.stringify(have) === JSON.stringify(want);
  if (want && typeof want === 'object') {
    if (!have || typeof have !== 'object') return false;
    return Object.entries(want).every(([k, v]) => covers((have as Record<string, unknown>)[k], v));
  }
  return have === want;
}

export async function seedDemo(options: SeedOptions): Promise<BrandSeedResult[]> {
  const brands = options.brands ?? BRANDS;
  const progress = options.progress ?? (() => undefined);
  const deadline = { deadlineMs: 30_000 };
  const knowledge = createClient(KnowledgeServiceClient, options.addresses.knowledge, deadline);
  const eligibility = createClient(EligibilityServiceClient, options.addresses.eligibility, deadline);
  const handoff = createClient(HandoffServiceClient, options.addresses.handoff, deadline);
  const agent = createClient(AgentServiceClient, options.addresses.agent, deadline);
  const results: BrandSeedResult[] = [];
  try {
    for (const brand of brands) {
      const t = brand.tenantId;
      // 1. Policy documents.
      const existing = new Map<string, Document>();
      let pageToken = '';
      do {
        const page = await knowledge.listDocuments({ tenantId: t, pageSize: 100, pageToken });
        for (const d of page.documents) existing.set(d.id, d);
        pageToken = page.nextPageToken;
      } while (pageToken);
      const documents = { uploaded: [] as string[], unchanged: [] as string[] };
      for (const doc of demoDocuments(brand)) {
        if (existing.get(doc.id)?.tags.includes(doc.seedTag)) {
          documents.unchanged.push(doc.id);
          continue;
        }
        await knowledge.upsertDocument({
          tenantId: t,
          id: doc.id,
          title: doc.title,
          format: DocumentFormat.DOCUMENT_FORMAT_MARKDOWN,
          content: doc.content,
          data: Buffer.alloc(0),
          url: '',
          sourceUrl: '',
          language: brand.language,
          tags: ['demo', doc.seedTag],
        });
        documents.uploaded.push(doc.id);
      }

      // 2. Eligibility policy, consistent with the documents' window.
      const want = eligibilityPolicy(brand);
      let policy: BrandSeedResult['policy'];
      let policyVersion: number;
      try {
        const current = await eligibility.getPolicy({ tenantId: t, version: 0 });
        const have = JSON.parse(current.policyJson);
        policyVersion = current.version;
        policy = covers(have, want) ? 'unchanged' : 'kept';
        // Still the policy an earlier release seeded (version 1: nobody edited it): bring it up to date.
        if (
          policy === 'kept' &&
          current.version === 1 &&
          supersededPolicies(brand).some((old) => covers(have, old))
        ) {
          const put = await eligibility.putPolicy({
            tenantId: t,
            policyJson: JSON.stringify(want),
            expectedVersion: current.version,
          });
          policy = 'updated';
          policyVersion = put.version;
        }
      } catch (err) {
        if (!(err instanceof NotFound)) throw err;
        const put = await eligibility.putPolicy({
          tenantId: t,
          policyJson: JSON.stringify(want),
          expectedVersion: 0,
        });
        policy = 'created';
        policyVersion = put.version;
      }

      // 3. Handoff to the built-in desk, per channel.
      let routingState: BrandSeedResult['routing'] = 'unchanged';
      const routes = (options.routing ?? []).filter((r) => r.tenantId === t);
      if (routes.length === 0)
        routes.push({
          tenantId: t,
          channel: 'webchat',
          destination: 'DESTINATION_DESK',
          messages: { [brand.language]: brand.handoffMessage },
        });
      for (const route of routes) {
        const wanted = Routing.fromJSON(route);
        const got = await handoff.getRouting({ tenantId: t, channel: route.channel });
        const same =
          got.routing?.destination === Destination.DESTINATION_DESK &&
          JSON.stringify(got.routing.messages) === JSON.stringify(wanted.messages);
        if (!same) {
          await handoff.setRouting({ routing: wanted });
          routingState = 'set';
        }
      }

      // 4. Every routed channel on (after its handoff is configured), with the brand's greeting: the
      // agent's UpdateChannel checks the launch checklist's prerequisites and names what is missing.
      const toTurnOn = DEMO_CHANNELS.filter((c) => routes.some((r) => r.channel === c));
      const done = async () =>
        new Set(
          (await agent.getLaunchChecklist({ tenantId: t })).items.filter((i) => i.done).map((i) => i.id),
        );
      const before = await done();
      const channels: BrandSeedResult['channels'] = {};
      for (const channel of toTurnOn) {
        if (before.has(`channel:${channel}`)) {
          channels[channel] = 'already on';
          continue;
        }
        await agent.updateChannel({
          tenantId: t,
          channel: CHANNEL_ENUM[channel],
          enabled: true,
          introMessage: brand.intro,
          skills: ['returns_exchanges'],
        });
        channels[channel] = 'turned on';
      }
      const after = await done();
      const notReady = toTurnOn.filter((c) => !after.has(`channel:${c}`) || !after.has(`handoff:${c}`));
      if (notReady.length)
        throw new Error(`${t}: the launch checklist does not show ${notReady.join(', ')} on with a handoff`);
      const result: BrandSeedResult = {
        tenantId: t,
        documents,
        policy,
        policyVersion,
        routing: routingState,
        channels,
      };
      progress(describeSeed(result));
      results.push(result);
    }
  } finally {
    for (const c of [knowledge, eligibility, handoff, agent]) c.close();
  }
  return results;
}

export function describeSeed(r: BrandSeedResult): string {
  const docs = r.documents.uploaded.length
    ? `${r.documents.uploaded.length} document(s) uploaded${r.documents.unchanged.length ? `, ${r.documents.unchanged.length} unchanged` : ''}`
    : `${r.documents.unchanged.length} document(s) unchanged`;
  const policy =
    r.policy === 'kept'
      ? `policy v${r.policyVersion} kept (edited since seeding)`
      : `policy v${r.policyVersion} ${r.policy}`;
  const names = (state: ChannelSeedState) =>
    DEMO_CHANNELS.filter((c) => r.channels[c] === state).map((c) => CHANNEL_TITLES[c]);
  const on = names('turned on');
  const already = names('already on');
  const channels = [
    on.length ? `${on.join(', ')} turned on` : '',
    already.length
      ? `${already.length === DEMO_CHANNELS.length ? 'all channels' : already.join(', ')} already on`
      : '',
  ].filter(Boolean);
  return `${r.tenantId}: ${docs}, ${policy}, desk handoff ${r.routing}, ${channels.join('; ') || 'no channel'}`;
}
