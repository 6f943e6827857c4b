import { createClient } from '@boomerang/kit/grpc';
import { AgentServiceClient } from '@boomerang/proto/boomerang/agent/v1/agent';
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
        preview: true,
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

  it('a simulation over RunSimulation reaches nobody: no code e-mail, no ticket, no channel reply, no outcome (pl, ko, en)', async () => {
    w.handoffs.length = 0;
    const client = createClient(AgentServiceClient, `127.0.0.1:${h.grpcPort}`, { deadlineMs: 30_000 });
    const script = (name: string, ask: string, dispute: string) => ({
      name,
      turns: [
        { say: ask, expect: { state: 'awaiting_email' } },
        { say: 'ola@example.pl', expect: { state: 'awaiting_code' } },
        { say: '{code}', expect: { state: 'awaiting_order_choice', textIncludes: ['#501'] } },
        // 45 days after delivery, past the 30-day window.
        { say: '#501', expect: { ineligible: ['Plecak'], link: false } },
        { say: dispute, expect: { state: 'handed_off', handoff: true } },
      ],
    });
    const report = await client.runSimulation({
      tenantId: 't',
      scriptJson: JSON.stringify({
        asOf: AS_OF,
        conversations: [
          script('pl', 'Chcę zwrócić zamówienie', 'Chcę porozmawiać z konsultantem'),
          script('ko', '주문한 거 반품하고 싶어요', '상담원과 이야기하고 싶어요'),
          script('en', 'I want to return my order', 'Let me talk to a person'),
        ],
      }),
    });
    expect(
      report.turns.filter((t) => !t.passed).map((t) => [t.conversation, t.turn, t.failures, t.replyText]),
    ).toEqual([]);
    // The code step says what a live shopper would get, and that nothing was sent.
    const codeStep = report.turns.filter((t) => t.turn === 2).map((t) => t.replyText);
    expect(codeStep[0]).toMatch(/Podgląd: nic nie zostało wysłane\. Kod to \d{6}/);
    expect(codeStep[1]).toMatch(/미리보기: 실제로 발송되지 않았어요\. 코드는 \d{6}/);
    expect(codeStep[2]).toMatch(/Preview: nothing was sent\. The code is \d{6}/);
    expect(
      report.turns.filter((t) => t.turn === 5).every((t) => /Podgląd|미리보기|Preview/.test(t.replyText)),
    ).toBe(true);
    // Nothing reached anyone: no code to the shopper, no ticket, no reply on a channel, no outcome.
    await new Promise((r) => setTimeout(r, 300));
    expect(w.codes.has('ola@example.pl')).toBe(false);
    expect(w.handoffs).toEqual([]);
    expect(h.outbound.filter((m) => m.conversationId.startsWith('sim-'))).toEqual([]);
    expect(h.outcomes.filter((o) => o.conversationId.startsWith('sim-'))).toEqual([]);

    // Converse with as_of (the preview panel) hands the code back in preview_code as well.
    const conv = `preview-${Date.now()}`;
    await client.converse({
      tenantId: 't',
      conversationId: conv,
      channel: Channel.CHANNEL_WEBCHAT,
      text: 'zwrot zamówienia',
      asOf: new Date(AS_OF),
      messageId: '',
      identityToken: '',
      postback: '',
    });
    const r = await client.converse({
      tenantId: 't',
      conversationId: conv,
      channel: Channel.CHANNEL_WEBCHAT,
      text: 'ola@example.pl',
      asOf: new Date(AS_OF),
      messageId: '',
      identityToken: '',
      postback: '',
    });
    expect(r.previewCode).toMatch(/^\d{6}$/);
    const signedIn = await client.converse({
      tenantId: 't',
      conversationId: conv,
      channel: Channel.CHANNEL_WEBCHAT,
      text: r.previewCode,
      asOf: new Date(AS_OF),
      messageId: '',
      identityToken: '',
      postback: '',
    });
    expect(signedIn.state).toBe('awaiting_order_choice');
    expect(w.codes.has('ola@example.pl')).toBe(false);
    client.close();
  });

  it('conversations named in Korean or Polish, or with the same name, stay apart', async () => {
    const ids: string[] = [];
    const report = await runSimulation(
      parseScript(
        JSON.stringify({
          asOf: AS_OF,
          conversations: [
            { name: '반품', turns: [{ say: '반품 기간이 며칠이에요?' }] },
            { name: '교환', turns: [{ say: '교환하고 싶어요' }] },
            { name: 'zwrot', turns: [{ say: 'Ile mam dni na zwrot?' }] },
            { name: 'zwrot', turns: [{ say: 'Chcę porozmawiać z konsultantem' }] },
          ],
        }),
      ),
      't',
      async (turn) => {
        ids.push(turn.conversationId);
        return { parts: [], state: 'idle', intent: '', language: '' };
      },
    );
    expect(report.passed).toBe(4);
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toMatch(/-1-반품$/);
  });

  it('a "{code}" turn before any sign-in code fails with the reason, not with a sent message', async () => {
    const report = await runSimulation(
      parseScript(
        JSON.stringify({ asOf: AS_OF, conversations: [{ name: 'x', turns: [{ say: '{code}' }] }] }),
      ),
      't',
      () => {
        throw new Error('must not be called');
      },
    );
    expect(report.turns[0]!.failures).toEqual([
      'error: "{code}" but no sign-in code was issued before this turn',
    ]);
  });

  it('rejects a malformed file naming the field', () => {
    expect(() =>
      parseScript(
        '{"asOf":"2025-01-01T00:00:00Z","conversations":[{"name":"x","turns":[{"say":"hi","expect":{"intnet":"greeting"}}]}]}',
      ),
    ).toThrow(/conversations\.0\.turns\.0\.expect/);
  });
});
