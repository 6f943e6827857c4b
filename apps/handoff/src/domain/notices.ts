// Customer progress notices (seed 003: "고객에게 단계마다 진척사항에 대한 알림"): built-in texts per
// trigger in Korean, Polish and English; a tenant overrides or disables them per channel in Routing.
import type { NoticeTemplate } from '@boomerang/proto/boomerang/handoff/v1/handoff';

export const DEFAULT_NOTICES: Record<string, Record<string, string>> = {
  'memo:item_received': {
    en: 'Good news: we have received your returned item and our team is now inspecting it.',
    ko: '보내주신 반품 상품이 도착하여 현재 담당자가 검수하고 있습니다.',
    pl: 'Otrzymaliśmy zwrócony produkt i nasz zespół właśnie go sprawdza.',
  },
  'memo:inspection_done': {
    en: 'The inspection of your item is complete. We will let you know the next step shortly.',
    ko: '상품 검수가 완료되었습니다. 곧 다음 절차를 안내해 드리겠습니다.',
    pl: 'Sprawdzanie produktu zostało zakończone. Wkrótce poinformujemy Cię o kolejnym kroku.',
  },
  'memo:refund_issued': {
    en: 'Your refund has been issued. It may take a few business days to appear on your statement.',
    ko: '환불이 처리되었습니다. 결제 수단에 따라 반영까지 영업일 기준 며칠이 걸릴 수 있습니다.',
    pl: 'Zwrot pieniędzy został zlecony. Może minąć kilka dni roboczych, zanim pojawi się na Twoim koncie.',
  },
  // After the handoff, the first message the shopper writes is added to the ticket: told once per ticket.
  'message:forwarded': {
    en: "I've added your message to your support ticket {ticket}. Anything else you write here is added too, and a person from our team will reply.",
    ko: '보내주신 메시지를 상담 티켓 {ticket}에 추가했습니다. 이곳에 남기시는 내용도 계속 티켓에 추가되며, 담당자가 확인 후 답변드리겠습니다.',
    pl: 'Dodałem Twoją wiadomość do zgłoszenia {ticket}. Kolejne wiadomości napisane tutaj również trafią do zgłoszenia, a konsultant odpowie najszybciej, jak to możliwe.',
  },
  'status:RESOLVED': {
    en: 'Your request has been resolved. If there is anything else we can help with, just reply here.',
    ko: '문의하신 건이 처리 완료되었습니다. 더 도움이 필요하시면 언제든 이곳으로 말씀해 주세요.',
    pl: 'Twoja sprawa została rozwiązana. Jeśli możemy pomóc w czymś jeszcze, po prostu odpisz tutaj.',
  },
};

/**
 * Normalises a trigger: "memo:Item Received" → "memo:item_received", "status:resolved" →
 * "status:RESOLVED", "message:Forwarded" → "message:forwarded".
 */
export function normaliseTrigger(trigger: string): string | undefined {
  const m = /^\s*(memo|status|message)\s*:\s*(.+?)\s*$/i.exec(trigger);
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase();
  const what = m[2]!;
  return kind === 'status' ? `status:${what.toUpperCase()}` : `${kind}:${memoKind(what)}`;
}

export function memoKind(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/** The texts per language for a trigger after the tenant's overrides, or undefined when none/disabled. */
export function noticeTexts(
  trigger: string,
  overrides: NoticeTemplate[],
): Record<string, string> | undefined {
  const own = overrides.find((n) => normaliseTrigger(n.trigger) === trigger);
  if (own?.disabled) return undefined;
  if (own && Object.values(own.texts).some((t) => t.trim() !== '')) return own.texts;
  return DEFAULT_NOTICES[trigger];
}
