// Test harness: a real gateway on port 0 with PGlite/PostgreSQL, the in-process bus (or Kafka), and
// the vendor fakes from @boomerang/fakes. Tests play the agent by publishing OutboundMessages.

import { type KakaoFake, startFake as startKakao } from '@boomerang/fakes/kakao';
import { type MailFake, startFake as startMail } from '@boomerang/fakes/mail';
import { type NaverFake, startFake as startNaver } from '@boomerang/fakes/naver';
import { startFake as startTwilio, type TwilioFake } from '@boomerang/fakes/twilio';
import { startFake as startWhatsApp, type WhatsAppFake } from '@boomerang/fakes/whatsapp';
import {
  type BusMessage,
  createBus,
  type EventBus,
  publishEvent,
  type Subscription,
  TOPICS,
} from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { openTestSql, type Sql } from '@boomerang/kit/sql';
import { kafkaBrokers, uniqueName } from '@boomerang/kit/testing';
import {
  Channel,
  InboundMessage,
  OutboundMessage,
  type ReplyPart,
} from '@boomerang/proto/boomerang/events/v1/channel';
import { loadTenants, type Tenants } from '../domain/tenants';
import { createServer, type GatewayDeps, type GatewayServer } from '../server';

export const SECRETS = {
  twilioAuthToken: 'test-twilio-auth-token-반품',
  whatsappAppSecret: 'test-whatsapp-app-secret',
  whatsappVerifyToken: 'verify-zwrot-42',
  whatsappAccessToken: 'test-whatsapp-access-token',
  sendgridSecret: 'sg-inbound-path-secret-0123456789',
  mailgunSigningKey: 'key-mailgun-signing-0123456789',
  sendgridApiKey: 'SG.test-key',
  mailgunApiKey: 'test-mailgun-api-key',
  naverAuthorization: 'test-naver-authorization',
  kakaoBotId: '5f0e2b7d1c9a4b0001a2b3c4',
} as const;
export const TWILIO_ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
export const WA_PHONE_NUMBER_ID = '106540352242922';

export interface Harness {
  base: string;
  server: GatewayServer;
  bus: EventBus;
  sql: Sql;
  tenants: Tenants;
  fakes: { twilio: TwilioFake; whatsapp: WhatsAppFake; mail: MailFake; kakao: KakaoFake; naver: NaverFake };
  /** Every InboundMessage published so far. */
  inbound: InboundMessage[];
  dlq: BusMessage[];
  /** Publishes a reply as the agent would. */
  reply(out: Partial<OutboundMessage> & { parts: ReplyPart[] }): Promise<OutboundMessage>;
  close(): Promise<void>;
}

export function tenantsFor(f: Harness['fakes'], overrides: Record<string, unknown> = {}): Tenants {
  return loadTenants({
    acme: {
      language: 'en',
      channels: {
        webchat: { allowedOrigins: ['*'] },
        sms: {
          accountSid: TWILIO_ACCOUNT,
          authToken: { value: SECRETS.twilioAuthToken },
          from: '+15005550006',
          apiBaseUrl: f.twilio.url,
        },
        whatsapp: {
          phoneNumberId: WA_PHONE_NUMBER_ID,
          appSecret: { value: SECRETS.whatsappAppSecret },
          verifyToken: { value: SECRETS.whatsappVerifyToken },
          accessToken: { value: SECRETS.whatsappAccessToken },
          graphBaseUrl: f.whatsapp.url,
        },
        email: {
          address: 'support@acme.test',
          fromName: 'ACME',
          sendgridInboundSecret: { value: SECRETS.sendgridSecret },
          mailgunSigningKey: { value: SECRETS.mailgunSigningKey },
          outbound: {
            provider: 'sendgrid',
            apiKey: { value: SECRETS.sendgridApiKey },
            apiBaseUrl: f.mail.url,
          },
        },
        kakao: { botId: SECRETS.kakaoBotId },
        naver: { authorization: { value: SECRETS.naverAuthorization }, apiBaseUrl: f.naver.url },
      },
    },
    ...overrides,
  });
}

export async function startHarness(
  options: {
    kafka?: string;
    settings?: GatewayDeps['settings'];
    clock?: () => number;
    tenants?: (f: Harness['fakes']) => Tenants;
    /** Wraps the gateway's database handle (e.g. to model a loaded database). */
    wrapSql?: (sql: Sql) => Sql;
  } = {},
): Promise<Harness> {
  const fakes = {
    twilio: await startTwilio({ fixtures: { accounts: { [TWILIO_ACCOUNT]: SECRETS.twilioAuthToken } } }),
    whatsapp: await startWhatsApp({
      fixtures: { phoneNumbers: { [WA_PHONE_NUMBER_ID]: SECRETS.whatsappAccessToken } },
    }),
    mail: await startMail({
      fixtures: {
        sendgridKeys: [SECRETS.sendgridApiKey],
        mailgunDomains: { 'mg.acme.test': SECRETS.mailgunApiKey },
      },
    }),
    kakao: await startKakao(),
    naver: await startNaver({ fixtures: { tokens: [SECRETS.naverAuthorization] } }),
  };
  const db = await openTestSql(process.env.DATABASE_URL);
  const logger = silentLogger();
  const bus = createBus({
    brokers: options.kafka ? kafkaBrokers(options.kafka) : undefined,
    clientId: 'gateway-test',
    logger,
    namespace: uniqueName('gw'),
  });
  const tenants = options.tenants ? options.tenants(fakes) : tenantsFor(fakes);
  const server = createServer({
    sql: options.wrapSql ? options.wrapSql(db.sql) : db.sql,
    bus,
    logger,
    tenants,
    clock: options.clock,
    settings: {
      webchatSecret: 'test-webchat-secret-0123456789abcdef',
      deliveryAttempts: 2,
      deliveryBackoffMs: 10,
      syncDeadlineMs: 1500,
      ...options.settings,
    },
  });
  const { httpPort } = await server.start({ httpPort: 0, host: '127.0.0.1' });
  const inbound: InboundMessage[] = [];
  const dlq: BusMessage[] = [];
  const subs: Subscription[] = [];
  await bus.ensureTopics([TOPICS.channelInbound, TOPICS.channelOutbound]);
  subs.push(
    await bus.subscribe(
      { topics: [TOPICS.channelInbound.name], groupId: uniqueName('probe'), fromBeginning: true },
      async (m) => {
        inbound.push(InboundMessage.decode(m.value));
      },
    ),
  );
  subs.push(
    await bus.subscribe(
      { topics: [`${TOPICS.channelOutbound.name}.dlq`], groupId: uniqueName('dlq'), fromBeginning: true },
      async (m) => {
        dlq.push(m);
      },
    ),
  );
  let n = 0;
  return {
    base: `http://127.0.0.1:${httpPort}`,
    server,
    bus,
    sql: db.sql,
    tenants,
    fakes,
    inbound,
    dlq,
    async reply(out) {
      const msg = OutboundMessage.fromPartial({
        messageId: `out-${Date.now().toString(36)}-${++n}`,
        tenantId: 'acme',
        language: 'en',
        createdAt: new Date(),
        ...out,
      });
      await publishEvent(bus, TOPICS.channelOutbound.name, OutboundMessage, [
        { key: `${msg.tenantId}/${msg.conversationId}`, value: msg },
      ]);
      return msg;
    },
    async close() {
      for (const s of subs) await s.stop({ drainMs: 1000 });
      await server.stop();
      await bus.close();
      await db.drop();
      for (const f of Object.values(fakes)) await f.close();
    },
  };
}

export const text = (value: string): ReplyPart => ({ part: { $case: 'text', value } });
export const link = (label: string, url: string): ReplyPart => ({
  part: { $case: 'linkButton', value: { label, url, postback: '' } },
});
export { Channel };
