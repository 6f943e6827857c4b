// Keeps what the shopper just wrote: drops quoted history (en/pl/ko and common client markers)
// and signatures.

const QUOTE_HEADERS: RegExp[] = [
  /^On .{4,200}wrote:\s*$/i, // Gmail/Apple (en)
  /^W dniu .{4,200}napisał(a|\(a\))?:\s*$/i, // Gmail (pl)
  /^.{0,40}\d{4}.{0,80}(님이|님께서) 작성:?\s*$/, // Gmail (ko): "2024년 5월 3일 (금) 오후 2:10, 홍길동 님이 작성:"
  /^-{2,}\s*(Original Message|Oryginalna wiadomość|원본 메시지|Forwarded message|Wiadomość przekazana)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook separator line
  /^(From|Od|보낸 사람|From:)\s*:\s.+$/i, // Outlook header block start
];

const SIGNATURE_MARKERS: RegExp[] = [
  /^-- ?$/, // RFC 3676 signature delimiter
  /^(Sent from my |Get Outlook for )/i,
  /^(Wysłane z (mojego )?(iPhone|telefonu|urządzenia)|Wysłano z )/i,
  /^(iPhone에서 보냄|나의 (iPhone|Galaxy)에서 보냄|Galaxy에서 보냄|모바일에서 보냄)/,
];

export function stripEmailReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    // A quote header may wrap onto two lines ("On Mon, … <a@b.c>\nwrote:").
    const joined = `${trimmed} ${(lines[i + 1] ?? '').trim()}`.trim();
    if (
      QUOTE_HEADERS.some((r) => r.test(trimmed)) ||
      (/wrote:$|napisał\(?a?\)?:$|작성:$/.test(joined) &&
        !/wrote:$|napisał|작성:$/.test(trimmed) &&
        joined.length < 220 &&
        /^(On |W dniu |\d{4})/.test(trimmed))
    )
      break;
    if (SIGNATURE_MARKERS.some((r) => r.test(trimmed))) break;
    if (trimmed.startsWith('>')) {
      // Inline quoted block: skip it, keep any answer written below it.
      continue;
    }
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "Name <a@b.c>" → { address, name }. */
export function parseAddress(value: string): { address: string; name: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (m) return { address: m[2]!.trim().toLowerCase(), name: m[1]!.trim() };
  return { address: value.trim().toLowerCase(), name: '' };
}
