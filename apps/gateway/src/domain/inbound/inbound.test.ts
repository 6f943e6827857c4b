import { signTwilio } from '@boomerang/fakes/twilio';
import { stripEmailReply } from '../email-text';
import { parseForm, verifyTwilio } from './twilio';

describe('Twilio signature', () => {
  // The example from Twilio's security documentation / twilio-node tests.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+14158675309',
    Digits: '1234',
    From: '+14158675309',
    To: '+18005551212',
  };

  it('matches the documented example', () => {
    expect(signTwilio(url, params, '12345')).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(() =>
      verifyTwilio(
        url,
        parseForm(Buffer.from(new URLSearchParams(params).toString())),
        'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
        '12345',
      ),
    ).not.toThrow();
  });

  it('accepts the URL signed with the explicit default port, rejects another URL', () => {
    const form = parseForm(Buffer.from(new URLSearchParams(params).toString()));
    const withPort = signTwilio('https://mycompany.com:443/myapp.php?foo=1&bar=2', params, '12345');
    expect(() => verifyTwilio(url, form, withPort, '12345')).not.toThrow();
    expect(() =>
      verifyTwilio(
        'https://evil.example/myapp.php?foo=1&bar=2',
        form,
        'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
        '12345',
      ),
    ).toThrow(/does not match/);
  });
});

describe('email reply stripping', () => {
  it.each([
    [
      'en',
      'Hi, I want to return the jacket.\n\nOn Mon, May 5, 2025 at 10:00 AM ACME <support@acme.test> wrote:\n> Thanks for your order',
      'Hi, I want to return the jacket.',
    ],
    [
      'pl',
      'Dzień dobry,\nproszę o zwrot.\n\nWysłane z iPhone’a\n\nW dniu pon., 5 maj 2025 o 10:00 ACME napisał(a):\n> Dziękujemy',
      'Dzień dobry,\nproszę o zwrot.',
    ],
    [
      'ko',
      '신발 교환하고 싶어요.\n\n2025년 5월 5일 (월) 오전 10:00, ACME 님이 작성:\n> 주문해 주셔서 감사합니다',
      '신발 교환하고 싶어요.',
    ],
    ['ko signature', '환불 언제 되나요?\n\niPhone에서 보냄', '환불 언제 되나요?'],
    ['outlook', 'Please cancel.\n\n-----Original Message-----\nFrom: ACME\nSent: Monday', 'Please cancel.'],
    ['signature', 'Where is my refund?\n-- \nJohn Smith\nCEO', 'Where is my refund?'],
    ['inline answer', '> Which order?\n#1001, the blue one', '#1001, the blue one'],
  ])('%s', (_name, input, expected) => {
    expect(stripEmailReply(input)).toBe(expected);
  });
});
