// The whole system for one e2e run: the SaaS fakes in this process, every service as its own OS
// process (`node apps/<x>/dist/index.js`) on real PostgreSQL (one database per run, one schema per
// service) and real Kafka, configured for three brands whose tenant ids are unique to the run.
//
// Kafka isolation: the apps do not take a bus namespace from the environment yet, so topics and the
// apps' consumer groups ("agent", "gateway", "analytics"…) are the production names, shared with any
// other run on the broker. Everything this suite asserts is filtered by the run's tenant ids, and the
// observers use their own consumer groups.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFake as startAfterShip } from '@boomerang/fakes/aftership';
import type { FakeServer } from '@boomerang/fakes/http';
import { type KakaoFake, startFake as startKakao } from '@boomerang/fakes/kakao';
import { type LoopFake, startFake as startLoop } from '@boomerang/fakes/loop';
import { type MailFake, startFake as startMail } from '@boomerang/fakes/mail';
import { type NaverFake, startFake as startNaver } from '@boomerang/fakes/naver';
import { type ShopifyFake, startFake as startShopify } from '@boomerang/fakes/shopify';
import { startFake as startTwilio, type TwilioFake } from '@boomerang/fakes/twilio';
import { startFake as startWhatsApp, type WhatsAppFake } from '@boomerang/fakes/whatsapp';
import { createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { TicketServiceClient } from '@boomerang/proto/boomerang/handoff/v1/tickets';
import { DocumentFormat, KnowledgeServiceClient } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { Client } from 'pg';
import { freePort, REPO, ServiceProcess } from './processes';
import {
  type Brand,
  brandsFor,
  DOCS,
  eligibilityPolicy,
  type Fixture,
  fixtureWithClones,
  type Lang,
} from './tenants';

export const SECRETS = {
  twilioAccount: 'AC0e2e0000000000000000000000000e2e',
  twilioAuthToken: 'e2e-twilio-auth-token-반품',
  whatsappAppSecret: 'e2e-whatsapp-app-secret',
  whatsappVerifyToken: 'e2e-verify-zwrot',
  whatsappAccessToken: 'e2e-whatsapp-access-token',
  sendgridApiKey: 'SG.e2e-key',
  naverAuthorization: 'e2e-naver-authorization',
  webchatSecret: 'e2e-webchat-token-secret-0123456789abcdef',
  pepper: 'e2e-commerce-pepper-0123456789',
} as const;

export const CHANNELS = ['webchat', 'sms', 'whatsapp', 'email', 'kakao', 'naver'] as const;
const CHANNEL_ENUM: Record<(typeof CHANNELS)[number], Channel> = {
  webchat: Channel.CHANNEL_WEBCHAT,
  sms: Channel.CHANNEL_SMS,
  whatsapp: Channel.CHANNEL_WHATSAPP,
  email: Channel.CHANNEL_EMAIL,
  kakao: Channel.CHANNEL_KAKAO,
  naver: Channel.CHANNEL_NAVER,
};

export interface BrandChannels {
  smsNumber: string;
  waPhoneNumberId: string;
  kakaoBotId: string;
  supportEmail: string;
}

export interface Fakes {
  shopify: ShopifyFake;
  loop: LoopFake;
  aftership: FakeServer;
  twilio: TwilioFake;
  whatsapp: WhatsAppFake;
  mail: MailFake;
  kakao: KakaoFake;
  naver: NaverFake;
}

export const SERVICE_NAMES = [
  'knowledge',
  'eligibility',
  'commerce',
  'handoff',
  'analytics',
  'agent',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface System {
  run: string;
  brands: Record<Lang, Brand>;
  channels: Record<Lang, BrandChannels>;
  fakes: Fakes;
  gatewayUrl: string;
  kafkaBrokers: string[];
  databaseUrl: string;
  services: Record<ServiceName, ServiceProcess>;
  addr: Record<'knowledge' | 'eligibility' | 'commerce' | 'handoff' | 'agent' | 'analytics', string>;
  tickets: PromiseClient<TicketServiceClient>;
  agent: PromiseClient<AgentServiceClient>;
  logDir: string;
  /** When seeding (channels turned on) finished, ms since the epoch. */
  seededAt: number;
  /** Log tails of every service (for a failing test's report). */
  report(lines?: number): string;
  stop(): Promise<void>;
}

export interface SystemOptions {
  kafka: string;
  databaseUrl: string;
  /** Shopper clones per brand (for parallel sign-ins). */
  clones?: number;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

export async function startSystem(options: SystemOptions): Promise<System> {
  const run = randomBytes(4).toString('hex');
  const brands = brandsFor(run);
  const langs = Object.keys(brands) as Lang[];
  const logDir = mkdtempSync(path.join(tmpdir(), `boomerang-e2e-${run}-`));
  const stops: (() => Promise<unknown>)[] = [];
  const dbName = `boomerang_e2e_${run}`;
  const clones = options.clones ?? 12;

  const fixtures: Fixture[] = langs.map((l) => fixtureWithClones(brands[l], clones));
  const shopify = await startShopify({ fixtures });
  for (const f of fixtures)
    shopify.setThrottle(f.shop.domain, { maximumAvailable: 100_000, restoreRate: 10_000 });
  const fakes: Fakes = {
    shopify,
    loop: await startLoop({ fixtures }),
    aftership: await startAfterShip({ fixtures }),
    twilio: await startTwilio({
      fixtures: { accounts: { [SECRETS.twilioAccount]: SECRETS.twilioAuthToken } },
    }),
    whatsapp: await startWhatsApp({
      fixtures: {
        phoneNumbers: Object.fromEntries(
          langs.map((_l, i) => [`10654035224${i}`, SECRETS.whatsappAccessToken]),
        ),
      },
    }),
    mail: await startMail({ fixtures: { sendgridKeys: [SECRETS.sendgridApiKey] } }),
    kakao: await startKakao(),
    naver: await startNaver({ fixtures: { tokens: [SECRETS.naverAuthorization] } }),
  };
  for (const f of Object.values(fakes)) stops.push(() => f.close());

  const channels = Object.fromEntries(
    langs.map((l, i) => [
      l,
      {
        smsNumber: `+1500555000${i}`,
        waPhoneNumberId: `10654035224${i}`,
        kakaoBotId: `5f0e2b7d1c9a4b00e2e0000${i}`,
        supportEmail: `support@${brands[l].tenantId}.test`,
      },
    ]),
  ) as Record<Lang, BrandChannels>;

  const databaseUrl = await createDatabase(options.databaseUrl, dbName);
  // E2E_KEEP_DATABASE=1 keeps the run's database for a post-mortem (its name is in the report).
  if (process.env.E2E_KEEP_DATABASE !== '1') stops.push(() => dropDatabase(options.databaseUrl, dbName));

  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const ports = {
    knowledge: await freePort(),
    eligibility: await freePort(),
    commerce: await freePort(),
    handoff: await freePort(),
    agent: await freePort(),
    analytics: await freePort(),
  };
  const addr = Object.fromEntries(
    Object.entries(ports).map(([k, p]) => [k, `127.0.0.1:${p}`]),
  ) as System['addr'];

  const commerceTenants = Object.fromEntries(
    langs.map((l, i) => {
      const f = fixtures[i];
      const returns =
        l === 'ko'
          ? {
              kind: 'aftership',
              apiKey: f.aftership.apiKey,
              webhookSecret: f.aftership.webhookSecret,
              apiVersion: '2026-01',
              baseUrl: fakes.aftership.url,
            }
          : {
              kind: 'loop',
              apiKey: f.loop.apiKey,
              webhookSecret: f.loop.webhookSecret,
              baseUrl: `${fakes.loop.url}/api/v1`,
              lookup: l === 'pl' ? 'zip' : 'email',
            };
      return [
        brands[l].tenantId,
        {
          shopify: {
            shopDomain: f.shop.domain,
            accessToken: f.shop.accessToken,
            webhookSecret: f.shop.webhookSecret,
            apiVersion: '2025-01',
            baseUrl: fakes.shopify.url,
          },
          returns,
        },
      ];
    }),
  );
  const gatewayTenants = Object.fromEntries(
    langs.map((l) => {
      const c = channels[l];
      return [
        brands[l].tenantId,
        {
          language: l,
          channels: {
            webchat: { allowedOrigins: ['*'] },
            sms: {
              accountSid: SECRETS.twilioAccount,
              authToken: { value: SECRETS.twilioAuthToken },
              from: c.smsNumber,
              apiBaseUrl: fakes.twilio.url,
            },
            whatsapp: {
              phoneNumberId: c.waPhoneNumberId,
              appSecret: { value: SECRETS.whatsappAppSecret },
              verifyToken: { value: SECRETS.whatsappVerifyToken },
              accessToken: { value: SECRETS.whatsappAccessToken },
              graphBaseUrl: fakes.whatsapp.url,
            },
            email: {
              address: c.supportEmail,
              outbound: {
                provider: 'sendgrid',
                apiKey: { value: SECRETS.sendgridApiKey },
                apiBaseUrl: fakes.mail.url,
              },
            },
            kakao: { botId: c.kakaoBotId },
            naver: { authorization: { value: SECRETS.naverAuthorization }, apiBaseUrl: fakes.naver.url },
          },
        },
      ];
    }),
  );
  const routingFile = path.join(logDir, 'routing.json');
  writeFileSync(
    routingFile,
    JSON.stringify(
      langs.flatMap((l) =>
        CHANNELS.map((channel) => ({
          tenantId: brands[l].tenantId,
          channel,
          destination: 'DESTINATION_DESK',
          messages: { [l]: brands[l].handoffMessage },
        })),
      ),
    ),
  );

  const common = (name: string) => {
    const dataDir = path.join(logDir, 'data', name);
    mkdirSync(dataDir, { recursive: true });
    return {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: options.kafka,
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      HOME: process.env.HOME ?? logDir,
    };
  };
  const metrics = async () => String(await freePort());
  const specs = {
    knowledge: {
      ...common('knowledge'),
      GRPC_PORT: String(ports.knowledge),
      METRICS_PORT: await metrics(),
      REPLICA_ID: `e2e-${run}`,
    },
    eligibility: {
      ...common('eligibility'),
      GRPC_PORT: String(ports.eligibility),
      METRICS_PORT: await metrics(),
      DATABASE_SCHEMA: 'eligibility',
    },
    commerce: {
      ...common('commerce'),
      GRPC_PORT: String(ports.commerce),
      HTTP_PORT: String(await freePort()),
      METRICS_PORT: await metrics(),
      COMMERCE_TENANTS_JSON: JSON.stringify(commerceTenants),
      COMMERCE_CODE_PEPPER: SECRETS.pepper,
    },
    handoff: {
      ...common('handoff'),
      GRPC_PORT: String(ports.handoff),
      HTTP_PORT: String(await freePort()),
      METRICS_PORT: await metrics(),
      HANDOFF_ROUTING_FILE: routingFile,
    },
    analytics: {
      ...common('analytics'),
      GRPC_PORT: String(ports.analytics),
      METRICS_PORT: await metrics(),
      ANALYTICS_TENANT_TIME_ZONES: langs.map((l) => `${brands[l].tenantId}=${brands[l].timeZone}`).join(','),
    },
    agent: {
      ...common('agent'),
      GRPC_PORT: String(ports.agent),
      METRICS_PORT: await metrics(),
      KNOWLEDGE_ADDR: addr.knowledge,
      ELIGIBILITY_ADDR: addr.eligibility,
      COMMERCE_ADDR: addr.commerce,
      HANDOFF_ADDR: addr.handoff,
    },
    gateway: {
      ...common('gateway'),
      HTTP_PORT: String(gatewayPort),
      METRICS_PORT: await metrics(),
      GATEWAY_TENANTS: JSON.stringify(gatewayTenants),
      GATEWAY_PUBLIC_URL: gatewayUrl,
      WEBCHAT_TOKEN_SECRET: SECRETS.webchatSecret,
      RATE_LIMIT_PER_MINUTE: '6000',
      RATE_LIMIT_BURST: '500',
    },
  } satisfies Record<ServiceName, Record<string, string>>;

  const services = Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      name,
      new ServiceProcess(
        {
          name,
          env: specs[name],
          ready: name === 'gateway' ? { httpUrl: `${gatewayUrl}/healthz` } : { grpcPort: ports[name] },
        },
        logDir,
      ),
    ]),
  ) as Record<ServiceName, ServiceProcess>;
  stops.push(async () => {
    // Stop in reverse dependency order; SIGTERM = graceful, as Kubernetes does.
    for (const name of [...SERVICE_NAMES].reverse()) await services[name].kill('SIGTERM');
  });

  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  let seededAt = 0;
  let tickets: PromiseClient<TicketServiceClient> | undefined;
  let agent: PromiseClient<AgentServiceClient> | undefined;
  try {
    // Leaves first (in parallel), then the agent (needs them), then the gateway.
    await Promise.all(
      ['knowledge', 'eligibility', 'commerce', 'handoff', 'analytics'].map((n) =>
        services[n as ServiceName].start(90_000),
      ),
    );
    await services.agent.start(60_000);
    await services.gateway.start(60_000);
    tickets = createClient(TicketServiceClient, addr.handoff, { deadlineMs: 10_000 });
    agent = createClient(AgentServiceClient, addr.agent, { deadlineMs: 10_000 });
    await seed({ brands, addr, agent });
    seededAt = Date.now();
  } catch (err) {
    tickets?.close();
    agent?.close();
    await stopAll();
    throw err;
  }
  const t = tickets;
  const a = agent;
  const system: System = {
    run,
    brands,
    channels,
    fakes,
    gatewayUrl,
    kafkaBrokers: options.kafka.split(',').filter(Boolean),
    databaseUrl,
    services,
    addr,
    tickets: t,
    agent: a,
    logDir,
    seededAt,
    report(lines = 25) {
      return (
        `database ${dbName}, logs ${logDir}\n` +
        SERVICE_NAMES.map(
          (n) =>
            `--- ${n} (pid ${services[n].pid}, exits: ${services[n].exits.join(', ') || 'none'}) ${services[n].logFile}\n${services[n].tail(lines)}`,
        ).join('\n')
      );
    },
    async stop() {
      t.close();
      a.close();
      await stopAll();
    },
  };
  return system;
}

/** Brand setup over the public gRPC APIs, as an admin would: documents, policy, channels on. */
async function seed(o: {
  brands: Record<Lang, Brand>;
  addr: System['addr'];
  agent: PromiseClient<AgentServiceClient>;
}): Promise<void> {
  const knowledge = createClient(KnowledgeServiceClient, o.addr.knowledge, { deadlineMs: 30_000 });
  const eligibility = createClient(EligibilityServiceClient, o.addr.eligibility, { deadlineMs: 10_000 });
  try {
    for (const brand of Object.values(o.brands)) {
      const content = readFileSync(path.join(DOCS, `policy-${brand.lang}.md`), 'utf8');
      await knowledge.upsertDocument({
        tenantId: brand.tenantId,
        id: 'returns-policy',
        title: /^#\s+(.+)$/m.exec(content)?.[1] ?? 'Returns',
        format: DocumentFormat.DOCUMENT_FORMAT_MARKDOWN,
        content,
        data: Buffer.alloc(0),
        url: '',
        sourceUrl: `https://${brand.tenantId}.example/returns`,
        language: brand.lang,
        tags: [],
      });
      await eligibility.putPolicy({
        tenantId: brand.tenantId,
        policyJson: JSON.stringify(eligibilityPolicy(brand)),
        expectedVersion: 0,
      });
      for (const channel of CHANNELS) {
        await o.agent.updateChannel({
          tenantId: brand.tenantId,
          channel: CHANNEL_ENUM[channel],
          enabled: true,
          introMessage: brand.intro,
          skills: ['returns_exchanges'],
        });
      }
    }
  } finally {
    knowledge.close();
    eligibility.close();
  }
}

export { REPO };

/** Runs a test body; a failure is rethrown with the tail of every service's log appended. */
export async function withLogs(sys: () => System | undefined, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    e.message += `\n\n=== service logs ===\n${sys()?.report() ?? '(system not started)'}`;
    throw e;
  }
}
