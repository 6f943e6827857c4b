// Process entry: the kit's service shell reads config, opens the database (or only migrates with
// MIGRATE_ONLY=true) and the bus, serves metrics and stops gracefully on SIGTERM/SIGINT.
import { TOPICS, withDlqs } from '@boomerang/kit/bus';
import { runService } from '@boomerang/kit/service';
import { migrationsDir } from '@boomerang/kit/sql';
import { commerceClients } from './adapters/commerce';
import { eligibilityClient } from './adapters/eligibility';
import { handoffClient } from './adapters/handoff';
import { knowledgeClient } from './adapters/knowledge';
import { configSchema, kafkaTuning } from './config';
import { createServer } from './server';

void runService('agent', configSchema, async (ctx) => {
  const { config } = ctx;
  const sql = await ctx.sql({ schema: 'agent', migrations: migrationsDir(__dirname) });
  const bus = ctx.bus({ kafka: kafkaTuning });
  await bus.ensureTopics(
    withDlqs([TOPICS.channelInbound, TOPICS.channelOutbound, TOPICS.agentOutcomes, TOPICS.ticketEvents]),
  );
  const server = createServer({
    sql,
    bus,
    logger: ctx.logger,
    metrics: ctx.metrics,
    clients: {
      knowledge: knowledgeClient(config.KNOWLEDGE_ADDR),
      eligibility: eligibilityClient(config.ELIGIBILITY_ADDR),
      commerce: commerceClients(config.COMMERCE_ADDR),
      handoff: handoffClient(config.HANDOFF_ADDR),
    },
  });
  const { grpcPort } = await server.start({ grpcPort: config.GRPC_PORT });
  ctx.logger.info({ grpcPort }, 'agent service started');
  return server;
});
