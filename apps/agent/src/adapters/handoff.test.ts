import { type HandoffRequest, Priority } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import { grpcHandoff, type HandoffClient } from './handoff';

describe('handoff over gRPC', () => {
  const sent: HandoffRequest[] = [];
  const client = {
    async handoff(req: HandoffRequest) {
      sent.push(req);
      return { destination: 4, ticketRef: 'T1', message: '', ticketLabel: 'T1' };
    },
  } as unknown as HandoffClient;
  const request = {
    tenantId: 't',
    conversationId: 'c',
    attempt: 1,
    reason: 'shopper_asked',
    transcript: [],
    channel: 'webchat',
    language: 'pl',
    urgent: true,
    recipient: '',
    subject: 'Zwroty i wymiany: klient poprosił o konsultanta',
  };

  it('sends the subject in the conversation’s language and the reason as its code', async () => {
    await grpcHandoff(client).handoff(request);
    expect(sent.at(-1)).toMatchObject({
      reason: 'shopper_asked',
      subject: 'Zwroty i wymiany: klient poprosił o konsultanta',
      language: 'pl',
      priority: Priority.PRIORITY_HIGH,
    });
    // A caller without a subject still gets one.
    await grpcHandoff(client).handoff({ ...request, subject: '' });
    expect(sent.at(-1)!.subject).toBe('Returns & exchanges: shopper_asked');
  });
});
