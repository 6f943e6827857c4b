// The SQL and bus parts against real PostgreSQL and Kafka (gated): the seed-003 journey with its
// notices and hand-back event on Kafka topics, and idempotent handoff on PostgreSQL row locks.
import { kafkaBrokers, requireInfra, uniqueName } from '@boomerang/kit/testing';
import { Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { pl, startHarness, transcript } from './harness';
import { type Fakes, routeAll, SECRETS, startHelpdeskFakes } from './helpdesks';
import { runSeed003Journey } from './journey';

const pg = requireInfra('DATABASE_URL', 'handoff on PostgreSQL');
const kafka = requireInfra('KAFKA_BROKERS', 'handoff on PostgreSQL + Kafka');

pg.describe('handoff on real PostgreSQL', () => {
  test('concurrent retries of one attempt create exactly one Freshdesk ticket', async () => {
    const f: Fakes = await startHelpdeskFakes();
    const h = await startHarness({ databaseUrl: pg.value, secrets: SECRETS });
    try {
      const tenantId = uniqueName('brand');
      await routeAll(h, f, tenantId);
      const conv = uniqueName('conv');
      const call = () =>
        h.handoff.handoff({
          tenantId,
          conversationId: conv,
          attempt: 1,
          reason: 'dispute',
          transcript: transcript('pl'),
          customer: pl,
          channel: 'sms',
          language: 'pl',
          priority: Priority.PRIORITY_HIGH,
          subject: '',
          recipient: '',
        });
      await Promise.allSettled([call(), call(), call(), call()]);
      const final = await call();
      expect(
        f.freshdesk.tickets.filter((t) => t.description.includes(conv)).map((t) => String(t.id)),
      ).toEqual([final.ticketRef]);
    } finally {
      await h.close();
      await f.close();
    }
  });
});

kafka.describe('handoff on real PostgreSQL + Kafka', () => {
  test('the seed-003 journey with notices and the hand-back event on Kafka', async () => {
    const h = await startHarness({
      databaseUrl: process.env.DATABASE_URL,
      brokers: kafkaBrokers(kafka.value!),
    });
    try {
      await runSeed003Journey(h);
    } finally {
      await h.close();
    }
  }, 90_000);
});
