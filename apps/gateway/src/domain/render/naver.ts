// Naver TalkTalk: textContent for plain replies, compositeContent with LINK/TEXT buttons otherwise.
import type { OutboundMessage } from '@boomerang/proto/boomerang/events/v1/channel';
import { buttonLabel, cardLines, cardTitle, fit, isLink, plainBlocks, shortLabel } from './common';

export const NAVER_LABEL_MAX = 18;

type NaverButton =
  | { type: 'LINK'; data: { title: string; url: string; mobileUrl: string } }
  | { type: 'TEXT'; data: { title: string; code: string } };
interface Composite {
  title?: string;
  description?: string;
  buttonList?: NaverButton[];
}

export type NaverContent =
  | { textContent: { text: string } }
  | { compositeContent: { compositeList: Composite[] } };

function naverButton(b: { label: string; url: string; postback: string }, language: string): NaverButton {
  return isLink(b)
    ? {
        type: 'LINK',
        data: { title: shortLabel(buttonLabel(b, language), NAVER_LABEL_MAX), url: b.url, mobileUrl: b.url },
      }
    : { type: 'TEXT', data: { title: shortLabel(b.label, NAVER_LABEL_MAX), code: b.postback || b.label } };
}

export function renderNaver(msg: OutboundMessage): NaverContent {
  const language = msg.language || 'ko';
  const rich = msg.parts.some(
    (p) =>
      p.part &&
      (p.part.$case === 'orderCard' || p.part.$case === 'linkButton' || p.part.$case === 'quickReplies'),
  );
  if (!rich) {
    const text = plainBlocks(msg.parts, language)
      .map((b) => b.text)
      .join('\n\n');
    return { textContent: { text: fit(text || '…', 10_000) } };
  }
  const list: Composite[] = [];
  let pending: string[] = [];
  const attach = (buttons: NaverButton[], title?: string, description?: string) => {
    const text = [...pending, description].filter(Boolean).join('\n\n');
    pending = [];
    list.push({
      ...(title ? { title: fit(title, 200) } : {}),
      description: fit(text || title || '…', 1000),
      buttonList: buttons.slice(0, 10),
    });
  };
  for (const p of msg.parts) {
    const part = p.part;
    if (!part) continue;
    if (part.$case === 'orderCard') {
      const c = part.value;
      attach(
        c.buttons.map((b) => naverButton(b, language)),
        cardTitle(c, language),
        cardLines(c, language).join('\n'),
      );
    } else if (part.$case === 'linkButton') attach([naverButton(part.value, language)]);
    else if (part.$case === 'quickReplies') attach(part.value.options.map((b) => naverButton(b, language)));
    else pending.push(...plainBlocks([p], language).map((b) => b.text));
  }
  if (pending.length) attach([]);
  // Composites without buttons are fine as long as they have a description; keep the documented cap.
  const compositeList = list
    .slice(0, 10)
    .map((c) =>
      c.buttonList?.length ? c : { ...(c.title ? { title: c.title } : {}), description: c.description },
    );
  return { compositeContent: { compositeList } };
}
