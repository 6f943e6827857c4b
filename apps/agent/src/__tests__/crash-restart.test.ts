/**
 * An agent replica killed with SIGKILL in the middle of a stream (no drain, no offset commit, replies
 * possibly committed but not yet published), then a new replica on the same consumer group and
 * database: every shopper message acknowledged to Kafka gets its turn exactly once and its reply,
 * in the order the shopper wrote — over real Kafka and PostgreSQL, each replica a process of its own.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createBus } from '@boomerang/kit/bus';
import { silentLogger } from '@boomerang/kit/logger';
import { createPostgres, openSql } from '@boomerang/kit/sql';
import { kafkaBrokers, requireInfra, uniqueName, waitFor } from '@boomerang/kit/testing';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { Settings } from '../settings';
import { AGENT_TOPICS, scriptedStream } from './harness';
import { memoryWorld } from './memory-ports';

const kafka = requireInfra('KAFKA_BROKERS', 'agent crash and restart over Kafka');
const pg = requireInfra('DATABASE_URL', 'agent crash and restart over PostgreSQL');
const FIXTURE = path.join(__dirname, 'fixtures', 'agent-process.cjs');
const TEXTS = [
  'hello',
  'How many days do I have to return?',
  '반품 기간은 며칠인가요?',
  'Ile mam dni na zwrot?',
];

kafka.describe('an agent replica killed mid-stream', () => {
  const run = pg.value && existsSync(path.resolve(__dirname, '../../dist/server.js')) ? it : it.skip;
  run(
    'loses no acknowledged message: the next replica answers every turn once, in order',
    async () => {
      const namespace = uniqueName('agentcrash');
      const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      const group = uniqueName('agent');
      const env = {
        ...process.env,
        KAFKA_BROKERS: kafka.value!,
        DATABASE_URL: pg.value!,
        AGENT_SCHEMA: schema,
        BUS_NAMESPACE: namespace,
        AGENT_GROUP: group,
      };
      const bus = createBus({
        brokers: kafkaBrokers(kafka.value!),
        clientId: 'agent-crash-test',
        logger: silentLogger(),
        namespace,
      });
      await bus.ensureTopics(AGENT_TOPICS);
      const children: ChildProcess[] = [];
      const replica = async () => {
        const child = fork(FIXTURE, [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
        children.push(child);
        await new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) => reject(new Error(`agent process exited with ${code}`)));
        });
        return child;
      };
      const sql = await openSql({ databaseUrl: pg.value!, schema, max: 2 });
      try {
        const first = await replica();
        // The brand's web chat is on (the first replica migrated the schema).
        const tenant = uniqueName('brand');
        const w = memoryWorld({ customers: {} });
        w.tests.ok = true;
        const settings = new Settings(sql, w.ports, () => new Date(), silentLogger());
        await settings.testHandoff(tenant, Channel.CHANNEL_WEBCHAT);
        await settings.updateChannel(tenant, Channel.CHANNEL_WEBCHAT, {
          enabled: true,
          introMessage: 'Hi',
          skills: [],
        });

        const conversations = 10;
        const rounds = 8;
        // Each message acknowledged by Kafka once its publish resolves: from then on it must be answered.
        const stream = await scriptedStream(bus, tenant, conversations, TEXTS);
        const { replies, sent, published } = stream;
        const publishRound = stream.round;
        for (let i = 0; i < rounds / 2; i++) await publishRound(i);
        await waitFor(() => replies.length >= conversations, { timeoutMs: 60_000, message: 'first replies' });
        // Killed while it works: no drain, no offset commit, maybe replies committed and not published.
        const killed = new Promise((r) => first.once('exit', r));
        first.kill('SIGKILL');
        await killed;
        for (let i = rounds / 2; i < rounds; i++) await publishRound(i);
        await replica();
        const answered = () => new Set(replies.map((r) => r.inReplyTo));
        await waitFor(
          () => {
            if (answered().size < published())
              throw new Error(`${answered().size} of ${published()} answered`);
            return true;
          },
          { timeoutMs: 120_000 },
        );
        await stream.stop();
        // Every turn processed exactly once: one processed row per message, one version per turn.
        const { rows } = await sql.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM agent_processed_messages WHERE tenant_id = $1',
          [tenant],
        );
        expect(rows[0]!.n).toBe(published());
        for (const [conversationId, ids] of Object.entries(sent)) {
          const conv = await sql.query<{ version: number }>(
            'SELECT version FROM agent_conversations WHERE tenant_id = $1 AND conversation_id = $2',
            [tenant, conversationId],
          );
          expect(conv.rows[0]?.version).toBe(rounds);
          // Replies in the order the shopper wrote (a reply published twice around the crash is the
          // same message id: channel consumers drop the copy).
          const order = replies
            .filter((r) => r.conversationId === conversationId)
            .map((r) => r.inReplyTo)
            .filter((id, i, all) => all.indexOf(id) === i);
          expect(order).toEqual(ids);
        }
      } finally {
        for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
        await bus.deleteTopics(AGENT_TOPICS.map((t) => t.name)).catch(() => undefined);
        await bus.close();
        await sql.close();
        const admin = createPostgres({ url: pg.value!, max: 1 });
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => admin.close());
      }
    },
    240_000,
  );
});
