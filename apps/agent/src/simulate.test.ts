import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import { type Harness, startHarness } from './__tests__/harness';
import { memoryWorld, order } from './__tests__/memory-ports';
import { parseScript, runSimulation } from './simulate';

const AS_OF = '2025-03-10T12:00:00Z';

describe('simulation harness', () => {
  let h: Harness;
  const w = memoryWorld({
    customers: {
      ola: {
        email: 'ola@example.pl',
        orders: [order('o-1', '#501', 'ola', 45, new Date(AS_OF), [{ id: 'a', title: 'Plecak' }])],
      },
    },
  });
  beforeAll(async () => {
    h = await startHarness({ ports: w.ports });
  });
  afterAll(() => h.close());

  it('reports pass and fail per turn, with the reason', async () => {
    const script = parseScript(
      JSON.stringify({
        asOf: AS_OF,
        conversations: [
          {
            name: 'policy pl',
            channel: 'webchat',
            turns: [
              {
                say: 'Ile mam dni na zwrot?',
                expect: {
                  intent: 'policy_question',
                  language: 'pl',
                  citations: true,
                  textIncludes: ['30 days'],
                },
              },
              { say: 'Chcę porozmawiać z konsultantem', expect: { state: 'handed_off', handoff: true } },
              { say: 'halo?', expect: { silent: true } },
            ],
          },
          {
            name: 'wrong expectation',
            turns: [{ say: '반품 정책이 어떻게 되나요?', expect: { intent: 'start_return', link: true } }],
          },
        ],
      }),
    );
    const report = await runSimulation(script, 't', (turn) =>
      h.agent.engine.handle({
        ...turn,
        tenantId: 't',
        receivedAt: new Date(),
        sender: '',
        localeHint: '',
        live: false,
      }),
    );
    expect(report.turns.map((t) => t.failures)).toEqual([[], [], [], expect.any(Array)]);
    expect(report.turns[3]!.failures).toEqual([
      'intent: expected start_return, got policy_question',
      'no portal link offered',
    ]);
    expect(report).toMatchObject({ passed: 3, failed: 1 });
    void Channel;
  });

  it('rejects a malformed file naming the field', () => {
    expect(() =>
      parseScript(
        '{"asOf":"2025-01-01T00:00:00Z","conversations":[{"name":"x","turns":[{"say":"hi","expect":{"intnet":"greeting"}}]}]}',
      ),
    ).toThrow(/conversations\.0\.turns\.0\.expect/);
  });
});
