// Delivers one-time codes as OutboundMessages on boomerang.channel.outbound.v1 (the gateway sends
// them by email/SMS/WhatsApp). The code travels only inside the message; it is never logged, except
// by the demo sender, which prints it to the console when COMMERCE_DEMO_LOG_CODES is on.
import { Channel, OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { randomId } from '../domain/crypto';
import type { CodeMessage, CodeSender, Publisher } from '../domain/ports';

export const CHANNEL_OUTBOUND_TOPIC = 'boomerang.channel.outbound.v1';

const CHANNELS = {
  email: Channel.CHANNEL_EMAIL,
  sms: Channel.CHANNEL_SMS,
  whatsapp: Channel.CHANNEL_WHATSAPP,
} as const;

/** The subject of a code e-mail: what it is, in the shopper's language. */
export function codeSubject(language: string): string {
  return language === 'ko'
    ? '인증 코드'
    : language === 'pl'
      ? 'Twój kod weryfikacyjny'
      : 'Your verification code';
}

export function codeText(locale: string, code: string): { language: string; text: string } {
  const lang = locale.toLowerCase().slice(0, 2);
  if (lang === 'ko')
    return {
      language: 'ko',
      text: `인증 코드는 ${code} 입니다. 10분 동안 유효합니다. 이 코드를 다른 사람에게 알려 주지 마세요.`,
    };
  if (lang === 'pl')
    return {
      language: 'pl',
      text: `Twój kod weryfikacyjny to ${code}. Jest ważny przez 10 minut. Nie udostępniaj go nikomu.`,
    };
  return {
    language: 'en',
    text: `Your verification code is ${code}. It expires in 10 minutes. Don't share it with anyone.`,
  };
}

export function outboundCodeSender(publisher: Publisher): CodeSender {
  return {
    async send(m: CodeMessage) {
      const { language, text } = codeText(m.locale, m.code);
      const msg: OutboundMessage = {
        messageId: `signin-code:${randomId(12)}`,
        tenantId: m.tenantId,
        conversationId: m.conversationId,
        channel: CHANNELS[m.channel],
        recipient: m.recipient,
        parts: [{ part: { $case: 'text', value: text } }],
        language,
        createdAt: new Date(),
        inReplyTo: '',
        subject: codeSubject(language),
      };
      await publisher.publish(CHANNEL_OUTBOUND_TOPIC, [
        { key: `${m.tenantId}/${m.conversationId}`, value: OutboundMessage.encode(msg).finish() },
      ]);
    },
  };
}

/** Demo mode only: also prints the code so a developer can sign in without a mailbox. */
export function demoLoggingCodeSender(
  inner: CodeSender,
  write: (line: string) => void = console.log,
): CodeSender {
  return {
    async send(m) {
      await inner.send(m);
      write(
        `[commerce demo] sign-in code for tenant ${m.tenantId}, conversation ${m.conversationId}: ${m.code}`,
      );
    },
  };
}
