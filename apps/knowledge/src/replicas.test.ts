import { createBus, type EventBus, InProcessBus } from '@boomerang/kit/bus';
import { kafkaBrokers, requireInfra, uniqueName, waitFor } from '@boomerang/kit/testing';
import {
  DocumentFormat,
  type UpsertDocumentRequest,
} from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import { logger, type Running, startKnowledge, testEnv } from './__tests__/helpers';

function req(p: Partial<UpsertDocumentRequest>): UpsertDocumentRequest {
  return {
    tenantId: 'shop',
    id: 'doc',
    title: '',
    format: DocumentFormat.DOCUMENT_FORMAT_MARKDOWN,
    content: '',
    data: Buffer.alloc(0),
    url: '',
    sourceUrl: '',
    language: '',
    tags: [],
    ...p,
  };
}

async function ids(r: Running, query: string): Promise<string[]> {
  const res = await r.client.search({ tenantId: 'shop', query, locale: '', k: 10, filters: undefined });
  return res.hits.map((h) => `${h.documentId}:${h.text}`);
}

/** Two replicas on one database and one bus converge after upserts and deletes on either. */
async function convergence(bus: EventBus): Promise<void> {
  const env = await testEnv();
  const a = await startKnowledge({ sql: env.sql, bus, replicaId: uniqueName('a') });
  const b = await startKnowledge({ sql: env.sql, bus, replicaId: uniqueName('b') });
  try {
    await a.client.upsertDocument(
      req({ id: 'ko', content: '# 교환\n\n사이즈 교환은 수령 후 7일 이내에 무료로 가능합니다.' }),
    );
    await waitFor(async () => (await ids(b, '사이즈 교환')).some((x) => x.startsWith('ko:')), {
      timeoutMs: 20_000,
      message: 'replica b sees the upsert on a',
    });
    await b.client.upsertDocument(
      req({ id: 'ko', content: '# 교환\n\n사이즈 교환은 수령 후 14일 이내에 무료로 가능합니다.' }),
    );
    await b.client.upsertDocument(
      req({ id: 'pl', content: '# Wymiana\n\nWymiana rozmiaru w ciągu 14 dni jest bezpłatna.' }),
    );
    await waitFor(
      async () => {
        const seen = await ids(a, '사이즈 교환 wymiana rozmiaru');
        return (
          seen.some((x) => x.includes('14일')) &&
          !seen.some((x) => x.includes('7일')) &&
          seen.some((x) => x.startsWith('pl:'))
        );
      },
      {
        timeoutMs: 20_000,
        message: 'replica a sees b’s new version and new document, and not the old version',
      },
    );
    await a.client.deleteDocument({ tenantId: 'shop', id: 'pl' });
    await waitFor(async () => !(await ids(b, 'wymiana rozmiaru')).some((x) => x.startsWith('pl:')), {
      timeoutMs: 20_000,
      message: 'replica b forgets the deleted document',
    });
    expect(await ids(a, '사이즈 교환')).toEqual(await ids(b, '사이즈 교환'));
  } finally {
    await a.stop();
    await b.stop();
    await env.close();
  }
}

describe('replica convergence', () => {
  test('in-process bus', async () => {
    const bus = new InProcessBus({ logger, maintenanceIntervalMs: 0 });
    try {
      await convergence(bus);
    } finally {
      await bus.close();
    }
  }, 60_000);
});

/** The shared bus as one replica sees it, with a switch that makes its publishes fail (broker outage). */
function withOutage(inner: EventBus): { bus: EventBus; outage: { on: boolean } } {
  const outage = { on: false };
  const bus = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'publish' && outage.on) return async () => Promise.reject(new Error('broker unavailable'));
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { bus, outage };
}

describe('DocumentChanged outbox', () => {
  test('a change committed while the bus is down reaches the other replica when it is back; one left by a stopped replica is relayed by another', async () => {
    const env = await testEnv();
    const shared = withOutage(env.bus);
    const a = await startKnowledge({ sql: env.sql, bus: shared.bus, replicaId: uniqueName('a') });
    const b = await startKnowledge({ sql: env.sql, bus: env.bus, replicaId: uniqueName('b') });
    try {
      shared.outage.on = true;
      await a.client.upsertDocument(
        req({ id: 'en', content: '# Returns\n\nUnworn shoes can be returned within 30 days of delivery.' }),
      );
      expect(await a.server.relay.pending()).toBe(1);
      shared.outage.on = false;
      await waitFor(async () => (await ids(b, 'return unworn shoes')).some((x) => x.startsWith('en:')), {
        timeoutMs: 20_000,
        message: 'replica b sees the upsert once the bus is back',
      });
      await waitFor(async () => (await a.server.relay.pending()) === 0, {
        timeoutMs: 10_000,
        message: 'outbox drained',
      });

      // A replica that stops (or dies) with changes unpublished: any other replica's relay sweeps them up.
      shared.outage.on = true;
      await a.client.upsertDocument(
        req({ id: 'pl', content: '# Zwroty\n\nNienoszone buty można zwrócić w ciągu 30 dni od dostawy.' }),
      );
      await a.client.deleteDocument({ tenantId: 'shop', id: 'en' });
      await a.stop();
      await waitFor(
        async () => {
          const seen = await ids(b, 'zwrot butów return shoes');
          return seen.some((x) => x.startsWith('pl:')) && !seen.some((x) => x.startsWith('en:'));
        },
        {
          timeoutMs: 20_000,
          message: 'replica b sees the new Polish document and forgets the deleted English one',
        },
      );
    } finally {
      await a.stop().catch(() => undefined);
      await b.stop();
      await env.close();
    }
  }, 60_000);
});

const kafka = requireInfra('KAFKA_BROKERS', 'knowledge replica convergence over Kafka');
kafka.describe('replica convergence over Kafka', () => {
  test('two replicas follow boomerang.knowledge.documents.v1', async () => {
    const bus = createBus({
      brokers: kafkaBrokers(kafka.value!),
      clientId: uniqueName('knowledge-test'),
      logger,
      namespace: uniqueName('kt'),
    });
    try {
      await convergence(bus);
    } finally {
      await bus.close();
    }
  }, 120_000);
});
