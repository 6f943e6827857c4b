import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('names the service and the component, and redacts PII', () => {
    const { lines, destination } = capture();
    const log = createLogger({ service: 'agent', level: 'info', destination }).child({ component: 'skill' });
    log.info(
      {
        conversationId: 'c-1',
        email: 'jan.kowalski@example.pl',
        customer: { phone: '+48600100200', id: 'cust-9' },
        text: '주문 취소',
      },
      'turn',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      service: 'agent',
      component: 'skill',
      conversationId: 'c-1',
      level: 'info',
      msg: 'turn',
    });
    expect(line.email).toBe('[redacted]');
    expect(line.text).toBe('[redacted]');
    expect(line.customer).toEqual({ phone: '[redacted]', id: 'cust-9' });
    expect(JSON.stringify(line)).not.toContain('kowalski');
  });
});
