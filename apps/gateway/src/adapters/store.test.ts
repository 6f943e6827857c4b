import { silentLogger } from '@boomerang/kit/logger';
import { migrate, openTestSql, type Sql } from '@boomerang/kit/sql';
import { MIGRATIONS_DIR } from '../server';
import { GatewayStore } from './store';

// Durable dedupe of inbound message ids (PGlite, or PostgreSQL with DATABASE_URL).
let db: { sql: Sql; drop: () => Promise<void> };
let store: GatewayStore;
beforeAll(async () => {
  db = await openTestSql(process.env.DATABASE_URL);
  await migrate(db.sql, { app: 'gateway', migrations: MIGRATIONS_DIR, logger: silentLogger() });
  store = new GatewayStore(db.sql);
});
afterAll(() => db.drop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inbound claims', () => {
  it('claims a new id once: in flight while publishing, a duplicate once published', async () => {
    expect(await store.claimInbound('acme', 'sms:SM1')).toBe('claimed');
    expect(await store.claimInbound('acme', 'sms:SM1')).toBe('in-flight');
    expect(await store.claimInbound('other', 'sms:SM1')).toBe('claimed');
    await store.markPublished('acme', 'sms:SM1');
    expect(await store.claimInbound('acme', 'sms:SM1')).toBe('duplicate');
  });

  it('hands one of several concurrent deliveries of an id the claim, in one batch or across batches', async () => {
    const results = await Promise.all([
      store.claimInbound('acme', 'whatsapp:wamid.A'),
      store.claimInbound('acme', 'whatsapp:wamid.A'),
      store.claimInbound('acme', 'whatsapp:wamid.B'),
      store.claimInbound('acme', 'whatsapp:wamid.A'),
    ]);
    expect(results).toEqual(['claimed', 'in-flight', 'claimed', 'in-flight']);
  });

  it('forgets a released claim (the bus failed), so the retry is processed', async () => {
    expect(await store.claimInbound('acme', 'sms:SM2')).toBe('claimed');
    await store.releaseInbound('acme', 'sms:SM2');
    expect(await store.claimInbound('acme', 'sms:SM2')).toBe('claimed');
  });

  it('takes over a stale pending claim (a replica died mid-publish) exactly once, never a published one', async () => {
    expect(await store.claimInbound('acme', 'sms:SM3')).toBe('claimed');
    expect(await store.claimInbound('acme', 'sms:SM4')).toBe('claimed');
    await store.markPublished('acme', 'sms:SM4');
    await sleep(20);
    const again = await Promise.all([
      store.claimInbound('acme', 'sms:SM3', 10),
      store.claimInbound('acme', 'sms:SM3', 10),
      store.claimInbound('acme', 'sms:SM4', 10),
    ]);
    expect(again).toEqual(['claimed', 'in-flight', 'duplicate']);
    // The taker's claim is fresh again.
    expect(await store.claimInbound('acme', 'sms:SM3', 10_000)).toBe('in-flight');
  });

  it('answers a replay of an id published by this process without asking the database', async () => {
    let queries = 0;
    const counting: Sql = Object.assign(Object.create(db.sql) as Sql, {
      query: (...args: Parameters<Sql['query']>) => {
        queries++;
        return db.sql.query(...args);
      },
    });
    const local = new GatewayStore(counting);
    expect(await local.claimInbound('acme', 'sms:SM5')).toBe('claimed');
    await local.markPublished('acme', 'sms:SM5');
    const before = queries;
    expect(await local.claimInbound('acme', 'sms:SM5')).toBe('duplicate');
    expect(queries).toBe(before);
    // Another replica (empty memory) gets the same answer from the table.
    expect(await store.claimInbound('acme', 'sms:SM5')).toBe('duplicate');
  });
});

describe('contact window', () => {
  it('is saved by the claim itself, in one statement, before anything is published', async () => {
    let queries = 0;
    const counting: Sql = Object.assign(Object.create(db.sql) as Sql, {
      query: (...args: Parameters<Sql['query']>) => {
        queries++;
        return db.sql.query(...args);
      },
    });
    const local = new GatewayStore(counting);
    const at = (iso: string) => ({
      channel: 3,
      sender: '48601000222',
      lastInboundAt: new Date(iso),
      subject: '',
      threadRef: '',
    });
    const results = await Promise.all([
      local.claimInbound('acme', 'whatsapp:wamid.W1', 30_000, {
        conversationId: 'wa_anna',
        c: at('2026-05-02T10:00:00Z'),
      }),
      local.claimInbound('acme', 'whatsapp:wamid.W2', 30_000, {
        conversationId: 'wa_anna',
        c: at('2026-05-02T10:00:05Z'),
      }),
      local.claimInbound('acme', 'whatsapp:wamid.W3', 30_000, {
        conversationId: 'wa_minji',
        c: { ...at('2026-05-02T10:00:01Z'), sender: '821012345678' },
      }),
    ]);
    expect(results).toEqual(['claimed', 'claimed', 'claimed']);
    expect(queries).toBe(1);
    expect((await local.contact('acme', 'wa_anna'))?.lastInboundAt.toISOString()).toBe(
      '2026-05-02T10:00:05.000Z',
    );
    expect((await local.contact('acme', 'wa_minji'))?.sender).toBe('821012345678');
    // A late redelivery of an older message never moves the window back.
    expect(
      await local.claimInbound('acme', 'whatsapp:wamid.W0', 30_000, {
        conversationId: 'wa_anna',
        c: at('2026-05-01T09:00:00Z'),
      }),
    ).toBe('claimed');
    expect((await local.contact('acme', 'wa_anna'))?.lastInboundAt.toISOString()).toBe(
      '2026-05-02T10:00:05.000Z',
    );
  });
});
