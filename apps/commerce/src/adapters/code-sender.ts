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

/**
 * The code message in the shopper's language (ko, pl, en; others get English). It names the brand
 * (the tenant's `displayName`) in the subject and the text: the sender's display name alone is
 * hidden by many mail clients and by SMS, and a code that says whose it is is harder to phish with.
 * Without a configured name the text stays generic.
 */
export function codeText(
  locale: string,
  code: string,
  brand = '',
): { language: string; subject: string; text: string } {
  const lang = locale.toLowerCase().slice(0, 2);
  const name = brand.trim();
  if (lang === 'ko')
    return {
      language: 'ko',
      subject: name ? `[${name}] 로그인 인증 코드: ${code}` : '인증 코드',
      text: `${name ? `[${name}] 로그인 ` : ''}인증 코드는 ${code} 입니다. 10분 동안 유효합니다. 이 코드를 다른 사람에게 알려 주지 마세요.`,
    };
  if (lang === 'pl')
    return {
      language: 'pl',
      subject: name ? `Twój kod logowania do sklepu ${name}: ${code}` : 'Twój kod weryfikacyjny',
      text: `${name ? `Twój kod logowania do sklepu ${name}` : 'Twój kod weryfikacyjny'} to ${code}. Jest ważny przez 10 minut. Nie udostępniaj go nikomu.`,
    };
  return {
    language: 'en',
    subject: name ? `Your ${name} sign-in code: ${code}` : 'Your verification code',
    text: `${name ? `Your ${name} sign-in code` : 'Your verification code'} is ${code}. It expires in 10 minutes. Don't share it with anyone.`,
  };
}

export function outboundCodeSender(publisher: Publisher): CodeSender {
  return {
    async send(m: CodeMessage) {
      const { language, subject, text } = codeText(m.locale, m.code, m.brand);
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
        subject,
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
