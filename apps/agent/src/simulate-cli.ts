/**
 * `npm run simulate -- FILE --tenant T [--agent host:port]`: runs a simulation file through a running
 * agent's RunSimulation RPC and prints pass/fail per turn (exit code 1 when a turn fails).
 */
import { readFileSync } from 'node:fs';
import { createClient } from '@boomerang/kit/grpc';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const tenant = flag('tenant');
  if (!file || !tenant) {
    process.stderr.write('usage: npm run simulate -- FILE --tenant TENANT [--agent host:port]\n');
    process.exit(2);
  }
  const client = createClient(
    AgentServiceClient,
    flag('agent') ?? process.env.AGENT_ADDR ?? '127.0.0.1:50052',
    { deadlineMs: 120_000 },
  );
  const report = await client.runSimulation({ tenantId: tenant, scriptJson: readFileSync(file, 'utf8') });
  for (const t of report.turns) {
    process.stdout.write(
      `${t.passed ? 'PASS' : 'FAIL'}  ${t.conversation} #${t.turn}  "${t.said}"  → ${t.intent || '-'} / ${t.state}\n`,
    );
    for (const f of t.failures) process.stdout.write(`        ✗ ${f}\n`);
  }
  process.stdout.write(`\n${report.passed} passed, ${report.failed} failed\n`);
  client.close();
  process.exit(report.failed ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`simulate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
