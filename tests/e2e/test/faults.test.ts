// Fault tests: a burst of conversations across the three brands while the agent process is killed
// with SIGKILL and restarted, and (last) while the Kafka broker is stopped and started again.
// Asserted as the shopper sees it: every message the gateway acknowledged gets exactly one reply,
// nothing is delivered twice to the channel fakes, no extra tickets, every conversation finishes.
// Measured (printed as JSON): time to recover, messages delayed, duplicates observed.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '@boomerang/kit/testing';
import { e2eGate } from '../src/gate';
import { REPO, type System, startSystem, withLogs } from '../src/harness';
import { type ChannelName, closeShopper, type Shopper, shopper } from '../src/shoppers';
import type { Lang } from '../src/tenants';

const gate = e2eGate('e2e faults');

const QUESTIONS: Record<Lang, [string, string]> = {
  ko: ['반품은 며칠 이내에 신청할 수 있나요?', '최종세일 상품도 반품할 수 있나요?'],
  pl: ['Ile mam dni na zwrot towaru?', 'Czy mogę zwrócić produkt z wyprzedaży końcowej?'],
  en: ['How many days do I have to return an item?', 'Can I return a final sale item?'],
};
const ANSWER: Record<Lang, string> = { ko: '14일', pl: '30 dni', en: '30 days' };
const LANGS: Lang[] = ['ko', 'pl', 'en'];
const OUTAGE_MS = 5000;
const ASYNC_CHANNELS: ChannelName[] = ['sms', 'whatsapp', 'webchat'];

/** What the run measured (printed for the report). */
const measured: Record<string, unknown> = {};

gate.describe('e2e: faults during a burst of conversations', () => {
  let sys: System;
  const shoppers: Shopper[] = [];
  const scenario = (name: string, fn: () => Promise<void>, timeout?: number) =>
    it(name, () => withLogs(() => sys, fn), timeout);

  beforeAll(async () => {
    sys = await startSystem({ kafka: gate.kafka, databaseUrl: gate.databaseUrl, clones: 0 });
    // Vendors stamp messages in whole seconds and the agent ignores messages older than the moment a
    // channel was turned on (see the report): start the burst in the second after seeding.
    const next = Math.ceil((sys.seededAt + 1) / 1000) * 1000;
    await waitFor(() => Date.now() > next, { timeoutMs: 2000, intervalMs: 50 });
  }, 180_000);

  afterAll(async () => {
    for (const s of shoppers) closeShopper(s);
    await sys?.stop();
    process.stdout.write(`\nFAULT MEASUREMENTS ${JSON.stringify(measured, null, 1)}\n`);
  }, 60_000);

  function burst(n: number): Shopper[] {
    const out: Shopper[] = [];
    for (let i = 0; i < n; i++) {
      const s = shopper(sys, LANGS[i % 3]!, ASYNC_CHANNELS[Math.floor(i / 3) % 3]!);
      out.push(s);
      shoppers.push(s);
    }
    return out;
  }

  /** Each acknowledged message has exactly one reply; and replies are what the question asked. */
  async function settle(group: Shopper[], timeoutMs: number): Promise<void> {
    await waitFor(
      () => {
        const short = group.filter((s) => s.received().length < s.acked);
        if (short.length === 0) return true;
        throw new Error(
          `${short.length} conversations short: ${short.map((s) => `${s.channel}/${s.lang} ${s.received().length}/${s.acked}`).join(', ')}`,
        );
      },
      { timeoutMs, message: 'a reply for every acknowledged message' },
    );
    // Absence of duplicates needs an observation window: redeliveries would arrive within it.
    await new Promise((r) => setTimeout(r, 3000));
  }

  function duplicates(group: Shopper[]): number {
    return group.reduce((n, s) => n + Math.max(0, s.received().length - s.acked), 0);
  }

  async function ticketsOf(): Promise<number> {
    let n = 0;
    for (const b of Object.values(sys.brands)) {
      const r = await sys.tickets.list({
        tenantId: b.tenantId,
        assigneeId: '',
        statuses: [],
        priority: 0,
        pageSize: 100,
        pageToken: '',
        conversationId: '',
      });
      n += r.tickets.length;
    }
    return n;
  }

  scenario(
    'agent killed with SIGKILL and restarted mid-burst: no acknowledged message lost, none answered twice',
    async () => {
      const group = burst(30);
      const ticketsBefore = await ticketsOf();
      const t0 = Date.now();
      // First message of every conversation, all at once.
      await Promise.all(group.map((s, i) => s.deliver(QUESTIONS[s.lang][0]).then(() => i)));
      // Kill the agent as soon as the first replies flow: some turns done, some in flight, some queued.
      await waitFor(() => group.filter((s) => s.received().length >= 1).length >= 5, { timeoutMs: 30_000 });
      const killedAt = Date.now();
      await sys.services.agent.kill('SIGKILL');
      const answeredAtKill = group.filter((s) => s.received().length >= 1).length;
      // Second messages arrive while the agent is down (the gateway acknowledges: Kafka holds them).
      await Promise.all(group.map((s) => s.deliver(QUESTIONS[s.lang][1])));
      await sys.services.agent.start(60_000);
      const restartedAt = Date.now();
      const repliesAtRestart = group.reduce((n, s) => n + s.received().length, 0);
      await waitFor(() => group.reduce((n, s) => n + s.received().length, 0) > repliesAtRestart, {
        timeoutMs: 60_000,
      });
      const firstReplyAfterRestart = Date.now();
      await settle(group, 90_000);

      for (const s of group) {
        expect({ who: `${s.channel}/${s.lang}`, replies: s.received().length }).toEqual({
          who: `${s.channel}/${s.lang}`,
          replies: s.acked,
        });
        // Order as the shopper sees it: the first reply answers the first question.
        expect({
          who: `${s.channel}/${s.lang}`,
          first: s.received()[0]!.text.includes(ANSWER[s.lang])
            ? 'answer to question 1'
            : s.received().map((r) => r.text.slice(0, 80)),
        }).toEqual({
          who: `${s.channel}/${s.lang}`,
          first: 'answer to question 1',
        });
      }
      expect(duplicates(group)).toBe(0);
      expect(await ticketsOf()).toBe(ticketsBefore);
      expect(sys.services.agent.exits).toContain('SIGKILL');
      measured.agentKill = {
        conversations: group.length,
        acknowledged: group.reduce((n, s) => n + s.acked, 0),
        answeredBeforeKill: answeredAtKill,
        restartMs: restartedAt - killedAt,
        recoveryMs: firstReplyAfterRestart - killedAt,
        delayedMessages: group.reduce((n, s) => n + s.acked, 0) - repliesAtRestart,
        duplicatesDelivered: duplicates(group),
        totalMs: Date.now() - t0,
      };
    },
    240_000,
  );

  // Last: the broker is shared with other suites on this machine, so the outage is kept short and the
  // broker is always started again (also when the test fails). CI runs the packages' suites one at a
  // time (turbo --concurrency=1), so nothing else uses the broker meanwhile; on a shared developer
  // machine E2E_BROKER_RESTART=0 skips it. What it caught (fixed; see the kit's kafka-faults.test.ts):
  //  - kafkajs' idempotent producer acknowledged publishes it never wrote after a request's answer
  //    was lost (agent replies marked published in the outbox, never on the topic);
  //  - the gateway's per-replica live consumer re-resolved "latest" after kafkajs restarted it and
  //    skipped web chat replies published meanwhile;
  //  - webhooks were held ~25 s (vendors time out at 15 s) instead of a 503 within 3 s.
  (process.env.E2E_BROKER_RESTART === '0' ? it.skip : it)(
    'Kafka broker stopped and started mid-burst: every message answered exactly once',
    () =>
      withLogs(
        () => sys,
        async () => {
          const group = burst(15);
          await Promise.all(group.map((s) => s.deliver(QUESTIONS[s.lang][0])));
          const kafka = (script: string) =>
            execFileSync('bash', [path.join(REPO, 'infra/kafka', script)], {
              cwd: REPO,
              encoding: 'utf8',
              timeout: 120_000,
            });
          let restarted = false;
          try {
            const stoppedAt = Date.now();
            kafka('stop.sh');
            // During the outage every shopper writes again; the vendors retry until the gateway acknowledges.
            const deliveries = Promise.all(group.map((s) => s.deliver(QUESTIONS[s.lang][1], 120_000)));
            const duringOutage = (match: (status: number) => boolean) =>
              group.reduce((n, s) => n + s.sent.filter((m) => m.at > stoppedAt && match(m.status)).length, 0);
            // The outage itself (what is under test, not a synchronisation): webhooks keep arriving for 5 s.
            await new Promise((r) => setTimeout(r, OUTAGE_MS));
            const startAt = Date.now();
            kafka('start.sh');
            restarted = true;
            const brokerUpAt = Date.now();
            const attempts = await deliveries;
            await settle(group, 120_000);
            const recoveredAt = Date.now();
            for (const s of group) {
              const detail =
                s.received().length === s.acked
                  ? ''
                  : JSON.stringify({ sends: s.sent, replies: s.received().map((r) => r.text.slice(0, 60)) });
              expect({ who: `${s.channel}/${s.lang}`, replies: s.received().length, detail }).toEqual({
                who: `${s.channel}/${s.lang}`,
                replies: s.acked,
                detail: '',
              });
            }
            expect(duplicates(group)).toBe(0);
            // The gateway refuses (503) while it cannot publish; a webhook held to the vendor timeout
            // (status 0 here) would make the vendor count a failure instead of a quick retry.
            expect(duringOutage((status) => status === 0)).toBe(0);
            measured.brokerRestart = {
              conversations: group.length,
              acknowledged: group.reduce((n, s) => n + s.acked, 0),
              replies: group.reduce((n, s) => n + s.received().length, 0),
              outageMs: brokerUpAt - stoppedAt,
              brokerStartMs: brokerUpAt - startAt,
              refusedDeliveries: duringOutage((status) => status >= 500),
              timedOutDeliveries: duringOutage((status) => status === 0),
              vendorAttemptsMax: Math.max(...attempts),
              recoveryMs: recoveredAt - brokerUpAt - 3000,
              duplicatesDelivered: duplicates(group),
            };
          } finally {
            if (!restarted) kafka('start.sh');
          }
        },
      ),
    300_000,
  );
});
