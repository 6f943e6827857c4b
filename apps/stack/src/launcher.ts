// startStack: the SaaS fakes seeded with the demo store, then every service in dependency order in
// this one process, with real gRPC over loopback between them, one shared event bus (in-process, or
// Kafka with KAFKA_BROKERS) and a database per service (PGlite files under <home>/<service>/db, or
// PostgreSQL with a schema per service when DATABASE_URL is set). Then the demo store is seeded
// over the services' gRPC APIs, every channel of every brand turned on against the channel fakes.
// stop() shuts everything down in reverse order.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type WriteStream,
  writeFileSync,
} from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { commerceClients } from '@boomerang/agent/dist/adapters/commerce';
import { eligibilityClient } from '@boomerang/agent/dist/adapters/eligibility';
import { handoffClient } from '@boomerang/agent/dist/adapters/handoff';
import { knowledgeClient } from '@boomerang/agent/dist/adapters/knowledge';
import { createServer as createAgent } from '@boomerang/agent/dist/server';
import { staticTenants } from '@boomerang/analytics/dist/domain/tenants';
import { createServer as createAnalytics } from '@boomerang/analytics/dist/server';
import { demoLoggingCodeSender, outboundCodeSender } from '@boomerang/commerce/dist/adapters/code-sender';
import { createServer as createCommerce } from '@boomerang/commerce/dist/server';
import { parseTenants } from '@boomerang/commerce/dist/tenants';
import { createServer as createEligibility } from '@boomerang/eligibility/dist/server';
import { type AfterShipFake, startFake as startAfterShip } from '@boomerang/fakes/aftership';
import { type KakaoFake, startFake as startKakao } from '@boomerang/fakes/kakao';
import { type LoopFake, startFake as startLoop } from '@boomerang/fakes/loop';
import { type MailFake, startFake as startMail } from '@boomerang/fakes/mail';
import { type NaverFake, startFake as startNaver } from '@boomerang/fakes/naver';
import { type ShopifyFake, startFake as startShopify } from '@boomerang/fakes/shopify';
import { startFake as startTwilio, type TwilioFake } from '@boomerang/fakes/twilio';
import { startFake as startWhatsApp, type WhatsAppFake } from '@boomerang/fakes/whatsapp';
import { loadTenants as loadGatewayTenants } from '@boomerang/gateway/dist/domain/tenants';
import { createServer as createGateway } from '@boomerang/gateway/dist/server';
import { createServer as createHandoff } from '@boomerang/handoff/dist/server';
import { allTopicSpecs, createBus, type EventBus, withDlqs } from '@boomerang/kit/bus';
import { createLogger, type Logger } from '@boomerang/kit/logger';
import { openSql, type Sql } from '@boomerang/kit/sql';
import { createServer as createKnowledge } from '@boomerang/knowledge/dist/server';
import { type BrandsFile, loadBrandsFile, type OwnBrand } from './brands-file';
import { BRANDS, type DemoBrand } from './demo/brands';
import {
  CHANNEL_TITLES,
  completeDemoSecrets,
  type DemoSecrets,
  supportAddress,
  twilioAccountSid,
  VENDOR_CHANNELS,
  webhookUrls,
} from './demo/channels';
import { type DemoConfig, demoConfig } from './demo/config';
import { startInbox } from './demo/inbox';
import { type BrandSeedResult, seedDemo } from './demo/seed';
import type { BrandChannels } from './demo/vendor-requests';
import { describeTodo, headline, ready as isReady, readStatus } from './onboarding';
import { type OwnConfig, ownAddresses, ownConfig } from './own-config';
import { STATE_FILE, type StackState, type StateBrand } from './state';

export const SERVICES = [
  'knowledge',
  'eligibility',
  'commerce',
  'handoff',
  'agent',
  'analytics',
  'gateway',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface StackOptions {
  /** Data folder (PGlite files, index snapshots, secrets, log). Unset = everything in memory (tests). */
  home?: string;
  /** PostgreSQL instead of PGlite: one schema per service (`<schemaPrefix><service>`). */
  databaseUrl?: string;
  schemaPrefix?: string;
  /** Kafka instead of the in-process bus. */
  kafkaBrokers?: string[];
  /** Prefix for every topic and consumer group (isolation on a shared broker). */
  busNamespace?: string;
  /** First port of the fixed layout (gateway = base, services base+1…, fakes base+11…); 0 = free ports. */
  portBase?: number;
  /** Interface the services and fakes listen on (default 127.0.0.1). */
  host?: string;
  /** Host name used in the printed URLs (default localhost). */
  publicHost?: string;
  /** Console lines (progress, readiness, demo sign-in codes). Default: console.log. */
  print?: (line: string) => void;
  /** Service logs (pino JSON): level and where (default: <home>/stack.log, or nowhere without home). */
  logLevel?: string;
  logFile?: string;
  /** Per-install secrets; default: read from / created in <home>/secrets.json (random in memory without home). */
  codePepper?: string;
  webchatSecret?: string;
  /** Demo mode: print one-time sign-in codes to the console (default true). */
  demoCodes?: boolean;
  /** Seed the demo store (default true). */
  seed?: boolean;
  /** The demo brands to run (default: all three, or none when a brands file says so). */
  brands?: readonly DemoBrand[];
  /**
   * A brands file (BOOMERANG_BRANDS): the user's own brands, configured in commerce and the gateway
   * like the demo brands but not seeded (src/brands-file.ts). Relative paths in it are relative to it.
   */
  brandsFile?: string;
  /** Where the brands file's `env:` references are read (default process.env). */
  env?: Record<string, string | undefined>;
  /** Tests: wraps the bus every service gets (e.g. to hold a consumer's handler). */
  wrapBus?: (bus: EventBus) => EventBus;
}

export interface RunningStack {
  /** gRPC addresses (host:port) of the services. */
  addresses: Record<Exclude<ServiceName, 'gateway'>, string>;
  /** HTTP base URLs. */
  urls: {
    gateway: string;
    commerceWebhooks: string;
    handoffWebhooks: string;
    shopify: string;
    loop: string;
    aftership: string;
    mail: string;
    twilio: string;
    whatsapp: string;
    kakao: string;
    naver: string;
    /** What the channel fakes received, as JSON (`/sms`, `/whatsapp`, `/mail`, `/kakao`, `/naver`). */
    inbox: string;
  };
  /** The SaaS fakes (tests look at recorded requests and sent mail). */
  fakes: {
    shopify: ShopifyFake;
    loop: LoopFake;
    aftership: AfterShipFake;
    mail: MailFake;
    twilio: TwilioFake;
    whatsapp: WhatsAppFake;
    kakao: KakaoFake;
    naver: NaverFake;
  };
  /** Web chat demo page per tenant. */
  demoPages: Record<string, string>;
  /** Per tenant: the channels' addresses and webhook URLs (the secrets are in `config.secrets`). */
  channels: Record<string, BrandChannels>;
  config: DemoConfig;
  /** The brands file's brands (none without one). */
  own: OwnConfig;
  seed: BrandSeedResult[];
  bus: EventBus;
  startupMs: number;
  stop(): Promise<void>;
}

/** A start-up failure that names the failing service and the cause. */
export class StackStartError extends Error {
  override name = 'StackStartError';
  constructor(
    readonly service: string,
    override readonly cause: unknown,
  ) {
    super(`${service} failed to start: ${explain(cause)}`);
  }
}

function explain(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code === 'EADDRINUSE')
    return `port ${e.port ?? '?'} is already in use (another Boomerang running? stop it or set PORT_BASE)`;
  if (e?.code === 'ECONNREFUSED') return `connection refused (${e.message})`;
  return err instanceof Error ? err.message : String(err);
}

interface Secrets {
  codePepper: string;
  webchatSecret: string;
  /** The demo brands' channel credentials (the fakes accept them, the gateway is configured with them). */
  demo: DemoSecrets;
}

interface SecretsFile extends Partial<DemoSecrets> {
  codePepper: string;
  webchatSecret: string;
}

/** Writes a private file atomically (temp file, then rename), readable by its owner only. */
function writePrivate(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function loadSecrets(
  home: string | undefined,
  given: Partial<Omit<Secrets, 'demo'>>,
  brands: readonly { tenantId: string }[],
): Secrets {
  const fresh = (): SecretsFile => ({
    codePepper: randomBytes(24).toString('hex'),
    webchatSecret: randomBytes(32).toString('hex'),
  });
  const file = home ? path.join(home, 'secrets.json') : undefined;
  const stored =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SecretsFile) : undefined;
  const base = stored ?? fresh();
  // Channel credentials of a brand with none yet (first start, a brand added, or an install from
  // before the channels were turned on) are generated and kept next to the others.
  const demo = completeDemoSecrets(base, brands);
  if (file && (!stored || demo.changed))
    writePrivate(file, `${JSON.stringify({ ...base, ...demo.secrets }, null, 2)}\n`);
  return {
    codePepper: given.codePepper ?? base.codePepper,
    webchatSecret: given.webchatSecret ?? base.webchatSecret,
    demo: demo.secrets,
  };
}

/** A pino destination: the log file (if any), and selected records surfaced as console progress lines. */
function logSink(file: WriteStream | undefined, print: (line: string) => void): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      file?.write(chunk);
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        let rec: {
          level?: string | number;
          msg?: string;
          service?: string;
          migration?: string;
          app?: string;
          [k: string]: unknown;
        };
        try {
          rec = JSON.parse(line);
        } catch {
          continue;
        }
        const who = rec.service ?? rec.app ?? '?';
        if (rec.msg === 'applying migration') print(`  ${who}: applying migration ${rec.migration}`);
        else if (rec.msg === 'index ready')
          print(
            `  ${who}: index ready (${rec.snapshots} snapshot(s) loaded, ${rec.synced} document(s) synced, ${rec.reembedded} re-embedded)`,
          );
        else if (rec.level === 'error' || rec.level === 'fatal') print(`  ${who} ${rec.level}: ${rec.msg}`);
      }
      done();
    },
  });
}

/** Fails fast, naming the owner, when a fixed port is taken (the fakes would crash on EADDRINUSE). */
async function assertPortsFree(host: string, ports: { port: number; owner: string }[]): Promise<void> {
  for (const { port, owner } of ports) {
    if (port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createNetServer();
      probe.once('error', (err: NodeJS.ErrnoException) =>
        reject(new StackStartError(owner, Object.assign(err, { port }))),
      );
      probe.listen(port, host, () => probe.close(() => resolve()));
    });
  }
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const t0 = performance.now();
  const print = options.print ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  const publicHost = options.publicHost ?? 'localhost';
  const base = options.portBase ?? 7100;
  const port = (offset: number) => (base === 0 ? 0 : base + offset);
  const env = options.env ?? process.env;
  // A brands file with a mistake stops here, before anything starts, naming every bad field.
  const brandsFile: BrandsFile | undefined = options.brandsFile
    ? loadBrandsFile(
        options.brandsFile,
        env,
        BRANDS.map((b) => b.tenantId),
      )
    : undefined;
  const home = options.home ? path.resolve(options.home) : undefined;
  if (home) mkdirSync(home, { recursive: true });
  const brands = options.brands ?? (brandsFile && !brandsFile.includeDemoBrands ? [] : BRANDS);
  const ownBrands: readonly OwnBrand[] = brandsFile?.brands ?? [];
  const secrets = loadSecrets(
    home,
    { codePepper: options.codePepper, webchatSecret: options.webchatSecret },
    [...brands, ...ownBrands],
  );
  const logPath = options.logFile ?? (home ? path.join(home, 'stack.log') : undefined);
  const logFile = logPath ? createWriteStream(logPath, { flags: 'a' }) : undefined;
  const sink = logSink(logFile, print);
  const logLevel = options.logLevel ?? 'info';
  const loggerFor = (service: string): Logger =>
    createLogger({ service, level: logLevel, destination: sink });
  const stackLogger = loggerFor('stack');
  // The in-process bus keeps its log under <home>/bus, so a restart (or a crash) redelivers every
  // acknowledged message its consumers had not committed yet.
  const busDir = home && !options.kafkaBrokers?.length ? path.join(home, 'bus') : undefined;

  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) {
      try {
        await s.stop();
      } catch (err) {
        print(`  ${s.name}: stop failed: ${explain(err)}`);
      }
    }
    await new Promise<void>((resolve) => (logFile ? logFile.end(resolve) : resolve()));
  };
  const step = async <T>(service: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      await stopAll();
      throw err instanceof StackStartError ? err : new StackStartError(service, err);
    }
  };

  const where = [
    options.databaseUrl ? 'PostgreSQL' : home ? `PGlite in ${shortPath(home)}` : 'PGlite in memory',
    options.kafkaBrokers?.length
      ? `Kafka ${options.kafkaBrokers.join(',')}`
      : busDir
        ? `in-process bus in ${path.relative(process.cwd(), busDir) || busDir}`
        : 'in-process bus in memory',
  ].join(', ');
  print(
    `Boomerang ${brandsFile ? 'stack' : 'demo stack'}: starting (${where})${brandsFile ? `\n  brands from ${brandsFile.file}: ${ownBrands.map((b) => b.tenantId).join(', ')}${brands.length ? ' + the demo brands' : ''}` : ''}`,
  );
  await assertPortsFree(host, [
    { port: port(0), owner: 'gateway' },
    { port: port(1), owner: 'knowledge' },
    { port: port(2), owner: 'eligibility' },
    { port: port(3), owner: 'commerce' },
    { port: port(4), owner: 'commerce' },
    { port: port(5), owner: 'handoff' },
    { port: port(6), owner: 'handoff' },
    { port: port(7), owner: 'agent' },
    { port: port(8), owner: 'analytics' },
    { port: port(11), owner: 'shopify fake' },
    { port: port(12), owner: 'loop fake' },
    { port: port(13), owner: 'aftership fake' },
    { port: port(14), owner: 'mail fake' },
    { port: port(15), owner: 'twilio fake' },
    { port: port(16), owner: 'whatsapp fake' },
    { port: port(17), owner: 'kakao fake' },
    { port: port(18), owner: 'naver fake' },
    { port: port(19), owner: 'fake vendors inbox' },
  ]).catch(async (err) => {
    await stopAll();
    throw err;
  });

  // The SaaS fakes, seeded with the demo store's brands and accepting the install's credentials.
  const fakes = await step('fakes', async () => {
    const probeUrls = { shopifyUrl: 'http://x', loopUrl: 'http://x', aftershipUrl: 'http://x' };
    const probe = demoConfig(probeUrls, brands, secrets.demo);
    // The brands file's fixture shops are served next to the demo store's.
    const fixtures = [...probe.fixtures, ...ownConfig(probeUrls, ownBrands, secrets.demo).fixtures];
    const shopify = await startShopify({ port: port(11), fixtures });
    stops.push({ name: 'shopify fake', stop: () => shopify.close() });
    const loop = await startLoop({
      port: port(12),
      fixtures,
      // Deep links open the fake's stand-in portal page (the vendor domains don't resolve).
      portalBaseUrl: 'self',
    });
    stops.push({ name: 'loop fake', stop: () => loop.close() });
    const aftership = await startAfterShip({
      port: port(13),
      fixtures,
      // Deep links open the fake's stand-in portal page (the vendor domains don't resolve).
      portalBaseUrl: 'self',
    });
    stops.push({ name: 'aftership fake', stop: () => aftership.close() });
    const mail = await startMail({
      port: port(14),
      fixtures: { sendgridKeys: [secrets.demo.sendgridApiKey], mailgunDomains: {} },
    });
    stops.push({ name: 'mail fake', stop: () => mail.close() });
    const channel = (b: { tenantId: string }) => secrets.demo.channels[b.tenantId]!;
    const all = [...brands, ...ownBrands];
    const twilio = await startTwilio({
      port: port(15),
      fixtures: {
        accounts: Object.fromEntries(all.map((b) => [twilioAccountSid(b), channel(b).twilioAuthToken])),
      },
    });
    stops.push({ name: 'twilio fake', stop: () => twilio.close() });
    const whatsapp = await startWhatsApp({
      port: port(16),
      fixtures: {
        phoneNumbers: Object.fromEntries([
          ...brands.map((b) => [b.channels.whatsappPhoneNumberId, channel(b).whatsappAccessToken]),
          ...ownBrands.map((b) => [ownAddresses(b).whatsappPhoneNumberId, channel(b).whatsappAccessToken]),
        ]),
      },
    });
    stops.push({ name: 'whatsapp fake', stop: () => whatsapp.close() });
    const kakao = await startKakao({ port: port(17) });
    stops.push({ name: 'kakao fake', stop: () => kakao.close() });
    const naver = await startNaver({
      port: port(18),
      fixtures: { tokens: all.map((b) => channel(b).naverAuthorization) },
    });
    stops.push({ name: 'naver fake', stop: () => naver.close() });
    return { shopify, loop, aftership, mail, twilio, whatsapp, kakao, naver };
  });
  const inbox = await step('fake vendors inbox', async () => {
    const i = await startInbox({ fakes, port: port(19), host, publicHost });
    stops.push({ name: 'fake vendors inbox', stop: () => i.close() });
    return i;
  });
  const fakeUrls = {
    shopifyUrl: fakes.shopify.url,
    loopUrl: fakes.loop.url,
    aftershipUrl: fakes.aftership.url,
    mailUrl: fakes.mail.url,
    twilioUrl: fakes.twilio.url,
    whatsappUrl: fakes.whatsapp.url,
    naverUrl: fakes.naver.url,
  };
  const config = demoConfig({ ...fakeUrls, standInPortalUrl: fakes.shopify.url }, brands, secrets.demo);
  // The brand's own portal URL is kept: it is the brand's real page.
  const own = ownConfig(fakeUrls, ownBrands, secrets.demo);
  const commerceTenants = { ...config.commerceTenants, ...own.commerceTenants };
  const gatewayTenants = { ...config.gatewayTenants, ...own.gatewayTenants };
  const timeZones = { ...config.timeZones, ...own.timeZones };
  print(
    `✔ fakes        Shopify ${fakes.shopify.url}  Loop ${fakes.loop.url}  AfterShip ${fakes.aftership.url}  mail API ${fakes.mail.url}`,
  );
  print(
    `               Twilio ${fakes.twilio.url}  WhatsApp ${fakes.whatsapp.url}  Kakao ${fakes.kakao.url}  Naver ${fakes.naver.url}  (what they received: ${inbox.url})`,
  );

  // One bus for every service; every topic (and its DLQ) exists before anyone subscribes.
  const bus = await step('bus', async () => {
    const b = createBus({
      brokers: options.kafkaBrokers,
      clientId: 'boomerang-stack',
      logger: stackLogger,
      namespace: options.busNamespace,
      dataDir: busDir,
    });
    stops.push({ name: 'bus', stop: () => b.close() });
    await b.ensureTopics(withDlqs(allTopicSpecs()));
    return options.wrapBus ? options.wrapBus(b) : b;
  });

  // Databases first, all at once (a first start creates seven PGlite clusters: the slow part).
  const opened = performance.now();
  print(
    options.databaseUrl
      ? `  connecting ${SERVICES.length} PostgreSQL schemas…`
      : home && !existsSync(path.join(home, 'knowledge', 'db'))
        ? `  creating ${SERVICES.length} PGlite databases under ${home} (first start only)…`
        : `  opening ${SERVICES.length} PGlite databases…`,
  );
  const sql = await group(
    SERVICES.map((service) => ({
      name: service,
      run: async () => {
        const db = await openSql({
          databaseUrl: options.databaseUrl,
          dataDir: options.databaseUrl || !home ? undefined : path.join(home, service, 'db'),
          schema: `${options.schemaPrefix ?? ''}${service}`,
        });
        stops.push({ name: `${service} database`, stop: () => db.close() });
        return db;
      },
    })),
  ).then((dbs) => Object.fromEntries(SERVICES.map((s, i) => [s, dbs[i]!])) as Record<ServiceName, Sql>);
  print(`✔ databases    ${SERVICES.length} ready  (${Math.round(performance.now() - opened)} ms)`);

  const addr = (p: number) => `${host}:${p}`;
  const ready = (service: string, detail: string, ms: number) =>
    print(`✔ ${service.padEnd(12)} ${detail}  (${Math.round(ms)} ms)`);
  /** Starts one service, timing it and printing its ready line; failures name it. */
  function service<T>(name: ServiceName, run: () => Promise<T>, detail: (v: T) => string) {
    return {
      name,
      run: async () => {
        const s = performance.now();
        const v = await run();
        ready(name, detail(v), performance.now() - s);
        return v;
      },
    };
  }
  /** Runs starts concurrently; if any fails, stops everything started so far and reports the first failure. */
  async function group<T>(tasks: { name: string; run: () => Promise<T> }[]): Promise<T[]> {
    const settled = await Promise.allSettled(tasks.map((t) => t.run()));
    const failed = settled.findIndex((r) => r.status === 'rejected');
    if (failed >= 0) {
      await stopAll();
      const reason = (settled[failed] as PromiseRejectedResult).reason;
      throw reason instanceof StackStartError ? reason : new StackStartError(tasks[failed]!.name, reason);
    }
    return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
  }

  // The four leaf services (no dependencies on each other) start together.
  const [knowledgeAddr, eligibilityAddr, commerce, handoff] = (await group<unknown>([
    service(
      'knowledge',
      async () => {
        const server = createKnowledge({
          sql: sql.knowledge,
          bus,
          logger: loggerFor('knowledge'),
          dataDir: home ? path.join(home, 'knowledge') : undefined,
          replicaId: 'stack',
        });
        const { grpcPort } = await server.start({ grpcPort: port(1), host });
        stops.push({ name: 'knowledge', stop: () => server.stop() });
        return addr(grpcPort);
      },
      (a) => `grpc ${a}`,
    ),
    service(
      'eligibility',
      async () => {
        const server = createEligibility({ sql: sql.eligibility, logger: loggerFor('eligibility') });
        const { grpcPort } = await server.start({ grpcPort: port(2), host });
        stops.push({ name: 'eligibility', stop: () => server.stop() });
        return addr(grpcPort);
      },
      (a) => `grpc ${a}`,
    ),
    service(
      'commerce',
      async () => {
        const outbound = outboundCodeSender(bus);
        const server = createCommerce({
          sql: sql.commerce,
          bus,
          logger: loggerFor('commerce'),
          // A real shop's token is an "env:" reference, read from the environment here.
          tenants: parseTenants(commerceTenants, env),
          pepper: secrets.codePepper,
          codeSender: (options.demoCodes ?? true) ? demoLoggingCodeSender(outbound, print) : outbound,
        });
        const ports = await server.start({ grpcPort: port(3), httpPort: port(4), host });
        stops.push({ name: 'commerce', stop: () => server.stop() });
        return { grpc: addr(ports.grpcPort), http: `http://${publicHost}:${ports.httpPort}` };
      },
      (c) => `grpc ${c.grpc}  webhooks ${c.http}/webhooks`,
    ),
    service(
      'handoff',
      async () => {
        const server = createHandoff({ sql: sql.handoff, bus, logger: loggerFor('handoff') });
        const ports = await server.start({ grpcPort: port(5), httpPort: port(6), host });
        stops.push({ name: 'handoff', stop: () => server.stop() });
        return { grpc: addr(ports.grpcPort), http: `http://${publicHost}:${ports.httpPort}` };
      },
      (h) => `grpc ${h.grpc}  webhooks ${h.http}/webhooks`,
    ),
  ])) as [string, string, { grpc: string; http: string }, { grpc: string; http: string }];

  // The agent calls the four over gRPC; analytics only reads the bus.
  const [agentAddr, analyticsAddr] = (await group([
    service(
      'agent',
      async () => {
        const clients = {
          knowledge: knowledgeClient(knowledgeAddr),
          eligibility: eligibilityClient(eligibilityAddr),
          commerce: commerceClients(commerce.grpc),
          handoff: handoffClient(handoff.grpc),
        };
        stops.push({
          name: 'agent clients',
          stop: async () => {
            clients.knowledge.close();
            clients.eligibility.close();
            clients.handoff.close();
            for (const c of Object.values(clients.commerce)) (c as { close?: () => void }).close?.();
          },
        });
        const server = createAgent({ sql: sql.agent, bus, logger: loggerFor('agent'), clients });
        const { grpcPort } = await server.start({ grpcPort: port(7) });
        stops.push({ name: 'agent', stop: () => server.stop() });
        return addr(grpcPort);
      },
      (a) => `grpc ${a}`,
    ),
    service(
      'analytics',
      async () => {
        const server = createAnalytics({
          sql: sql.analytics,
          bus,
          logger: loggerFor('analytics'),
          tenants: staticTenants(timeZones, 'UTC'),
        });
        const { grpcPort } = await server.start({ grpcPort: port(8) });
        stops.push({ name: 'analytics', stop: () => server.stop() });
        return addr(grpcPort);
      },
      (a) => `grpc ${a}`,
    ),
  ])) as [string, string];

  // Seed before the gateway opens, so the first page load finds a ready store.
  const seed = await step('demo store', async () => {
    if (options.seed === false || brands.length === 0) return [];
    print('  seeding the demo store (documents, policies, desk handoff, channels)…');
    return seedDemo({
      addresses: {
        knowledge: knowledgeAddr,
        eligibility: eligibilityAddr,
        handoff: handoff.grpc,
        agent: agentAddr,
      },
      brands: config.brands,
      routing: config.routing,
      progress: (line) => print(`  ${line}`),
    });
  });

  const [gatewayUrl] = (await group([
    service(
      'gateway',
      async () => {
        const server = createGateway({
          sql: sql.gateway,
          bus,
          logger: loggerFor('gateway'),
          tenants: loadGatewayTenants(gatewayTenants, env),
          settings: { webchatSecret: secrets.webchatSecret },
        });
        const { httpPort } = await server.start({ httpPort: port(0), host });
        stops.push({ name: 'gateway', stop: () => server.stop() });
        return `http://${publicHost}:${httpPort}`;
      },
      (u) => `http ${u}  (channel webhooks, web chat API, widget, demo pages)`,
    ),
  ])) as [string];

  const allBrands = [...config.brands, ...own.brands];
  const demoPages = Object.fromEntries(
    allBrands.map((b) => [b.tenantId, `${gatewayUrl}/demo/${b.tenantId}`]),
  );
  const channels = Object.fromEntries([
    ...config.brands.map((b, i): [string, BrandChannels] => [
      b.tenantId,
      {
        tenantId: b.tenantId,
        name: b.name,
        language: b.language,
        smsNumber: b.channels.smsNumber,
        twilioAccountSid: twilioAccountSid(b),
        whatsappPhoneNumberId: b.channels.whatsappPhoneNumberId,
        kakaoBotId: b.channels.kakaoBotId,
        supportEmail: supportAddress(config.fixtures[i]!.shop.domain),
        shopper: { email: b.shopper.email, phone: b.shopper.phone },
        webhooks: webhookUrls(gatewayUrl, b.tenantId, secrets.demo.channels[b.tenantId]!),
      },
    ]),
    ...own.brands.map((b): [string, BrandChannels] => {
      const a = own.addresses[b.tenantId]!;
      return [
        b.tenantId,
        {
          tenantId: b.tenantId,
          name: b.name,
          language: b.language,
          smsNumber: a.smsNumber,
          twilioAccountSid: twilioAccountSid(b),
          whatsappPhoneNumberId: a.whatsappPhoneNumberId,
          kakaoBotId: a.kakaoBotId,
          supportEmail: a.supportEmail,
          shopper: a.shopper ?? { email: '', phone: '' },
          webhooks: webhookUrls(gatewayUrl, b.tenantId, secrets.demo.channels[b.tenantId]!),
        },
      ];
    }),
  ]);
  const urls: RunningStack['urls'] = {
    gateway: gatewayUrl,
    commerceWebhooks: `${commerce.http}/webhooks`,
    handoffWebhooks: `${handoff.http}/webhooks`,
    shopify: fakes.shopify.url,
    loop: fakes.loop.url,
    aftership: fakes.aftership.url,
    mail: fakes.mail.url,
    twilio: fakes.twilio.url,
    whatsapp: fakes.whatsapp.url,
    kakao: fakes.kakao.url,
    naver: fakes.naver.url,
    inbox: inbox.url,
  };
  const addresses: RunningStack['addresses'] = {
    knowledge: knowledgeAddr,
    eligibility: eligibilityAddr,
    commerce: commerce.grpc,
    handoff: handoff.grpc,
    agent: agentAddr,
    analytics: analyticsAddr,
  };
  const stateBrands: Record<string, StateBrand> = Object.fromEntries([
    ...config.brands.map((b): [string, StateBrand] => [
      b.tenantId,
      {
        tenantId: b.tenantId,
        name: b.name,
        languages: [b.language],
        channels: config.channels[b.tenantId] ?? [],
        demo: true,
        greeting: b.intro,
        handoffMessage: b.handoffMessage,
        timeZone: b.timeZone,
        storeCountry: b.storeCountry,
      },
    ]),
    ...own.brands.map((b): [string, StateBrand] => [
      b.tenantId,
      {
        tenantId: b.tenantId,
        name: b.name,
        languages: b.languages,
        channels: own.channels[b.tenantId] ?? [],
        demo: false,
        greeting: b.greeting,
        handoffMessage: b.handoffMessage,
        timeZone: b.timeZone,
        storeCountry: b.storeCountry,
      },
    ]),
  ]);
  // Where `dist/send.js` and `dist/admin.js` find the running stack (the secrets stay in secrets.json).
  if (home) {
    const stateFile = path.join(home, STATE_FILE);
    const state: StackState = {
      pid: process.pid,
      urls,
      addresses,
      channels,
      brands: stateBrands,
      brandsFile: brandsFile?.file,
    };
    writePrivate(stateFile, `${JSON.stringify(state, null, 2)}\n`);
    stops.push({ name: 'state file', stop: async () => rmSync(stateFile, { force: true }) });
  }
  // The CLIs find apps/stack/.boomerang (npm start's home) by themselves; any other home is named.
  const cliEnv =
    home && home !== path.resolve(__dirname, '..', '.boomerang') ? `BOOMERANG_HOME=${home} ` : '';
  const adminCli = `${cliEnv}node apps/stack/dist/admin.js`;
  // Where each of the brands file's brands stands: the launch checklist, with the command for each step.
  // (A checklist that cannot be read is reported, not fatal: the brand's admin can still look later.)
  const ownStatus = await Promise.all(
    own.brands.map((b) =>
      readStatus(
        { agent: agentAddr, eligibility: eligibilityAddr, handoff: handoff.grpc, knowledge: knowledgeAddr },
        b.tenantId,
        own.channels[b.tenantId] ?? [],
      ).catch((err: unknown) => explain(err)),
    ),
  );
  const startupMs = performance.now() - t0;
  print(
    `Boomerang is ready in ${(startupMs / 1000).toFixed(1)} s.${config.brands.length ? ' Every demo brand answers on six channels:' : ''}`,
  );
  for (const b of config.brands)
    printBrand(print, b, channels[b.tenantId]!, config.channels[b.tenantId] ?? []);
  own.brands.forEach((b, i) => {
    const status = ownStatus[i]!;
    const who = own.addresses[b.tenantId]?.shopper?.email;
    print(
      `  ${b.name} (${b.tenantId}, ${b.languages.join('/')})   from the brands file${who ? `; sign in as ${who} (sample orders)` : ''}`,
    );
    printChannels(print, channels[b.tenantId]!, own.channels[b.tenantId] ?? []);
    if (typeof status === 'string')
      print(
        `    the launch checklist could not be read (${status}): ${adminCli} status --brand ${b.tenantId}`,
      );
    else if (isReady(status)) print('    ✔ live: every launch checklist item is done');
    else {
      print(`    ${headline(status)}. The launch checklist (run the commands from the repository root):`);
      for (const line of describeTodo(status, adminCli, '      ')) print(line);
      print(`      then: ${adminCli} status --brand ${b.tenantId}`);
    }
  });
  // A signed test message needs a messaging channel: the first brand with one shows how.
  const sample = [
    ...config.brands.map((b) => ({ b, ch: (config.channels[b.tenantId] ?? []).find((c) => c === 'kakao') })),
    ...own.brands.map((b) => ({ b, ch: (own.channels[b.tenantId] ?? []).find((c) => c !== 'webchat') })),
  ].find((x) => x.ch);
  print('');
  if (sample) {
    const question: Record<string, string> = {
      ko: '반품 기간이 어떻게 되나요?',
      pl: 'Ile dni mam na zwrot?',
      en: 'How many days do I have to return an item?',
    };
    print(
      '  Send a shopper message, signed the way the vendor signs it (secrets: <BOOMERANG_HOME>/secrets.json):',
    );
    print(
      `    ${cliEnv}node apps/stack/dist/send.js --brand ${sample.b.tenantId} --channel ${sample.ch} --text '${question[sample.b.language] ?? question.en}'`,
    );
    print(
      '    (--channel sms | whatsapp | email | kakao | naver; --forge shows the refusal of a wrong signature)',
    );
  }
  print(`  What the fake vendors received (the replies as the vendor API got them): ${inbox.url}`);
  print(`  A brand's launch steps (documents, policy, handoff, channels): ${adminCli} --help`);
  if (options.demoCodes ?? true) print('  One-time sign-in codes are printed here (demo mode only).');

  let stopped: Promise<void> | undefined;
  return {
    addresses,
    urls,
    fakes,
    demoPages,
    channels,
    config,
    own,
    seed,
    bus,
    startupMs,
    stop() {
      stopped ??= stopAll();
      return stopped;
    },
  };
}

/** The brand's block of the ready print-out: its demo page, then each channel's webhook. */
function printBrand(
  print: (line: string) => void,
  brand: DemoBrand,
  c: BrandChannels,
  configured: readonly string[],
): void {
  print(`  ${brand.name} (${brand.tenantId}, ${brand.language})   sign in as ${brand.shopper.email}`);
  printChannels(print, c, configured);
}

/** Each configured channel's address: the web chat page, the vendors' webhooks. */
function printChannels(print: (line: string) => void, c: BrandChannels, configured: readonly string[]): void {
  const row = (title: string, what: string) => print(`    ${title.padEnd(15)}${what}`);
  if (configured.includes('webchat')) row(CHANNEL_TITLES.webchat, c.webhooks.webchat);
  const to: Record<(typeof VENDOR_CHANNELS)[number], string> = {
    sms: `Twilio, to ${c.smsNumber}`,
    whatsapp: `WhatsApp Cloud, phone_number_id ${c.whatsappPhoneNumberId}`,
    email: `Mailgun, to ${c.supportEmail}`,
    kakao: `Open Builder skill, bot ${c.kakaoBotId}`,
    naver: 'TalkTalk chatbot webhook',
  };
  for (const ch of VENDOR_CHANNELS) {
    if (!configured.includes(ch)) continue;
    row(CHANNEL_TITLES[ch], `POST ${c.webhooks[ch]}  (${to[ch]})`);
    if (ch === 'email') row('', `POST ${c.webhooks.sendgrid}  (SendGrid Inbound Parse)`);
  }
}

/** A path as typed relative to here when it is under here, else absolute ("../../tmp/x" reads badly). */
function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(p);
}
