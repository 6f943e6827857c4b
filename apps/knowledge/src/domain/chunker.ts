import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

export interface Section {
  /** Heading path, outermost first. */
  path: string[];
  text: string;
}

export interface TextChunk {
  ordinal: number;
  /** "Returns > Exceptions" */
  section: string;
  text: string;
}

/** Splits markdown into sections by heading, keeping the heading path of every section. */
export function sections(markdown: string): Section[] {
  const out: Section[] = [];
  const stack: { level: number; title: string }[] = [];
  let buf: string[] = [];
  const flush = () => {
    const text = buf.join('\n').trim();
    if (text) out.push({ path: stack.map((s) => s.title), text });
    buf = [];
  };
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fence = !fence;
    const m = fence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      flush();
      const level = m[1]!.length;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, title: m[2]!.replace(/[*_`]/g, '').trim() });
    } else buf.push(line);
  }
  flush();
  return out;
}

/**
 * One table row as a self-describing line: each cell with its column header ("Method: Courier; Cost: $15"),
 * so a row answers a question on its own. Without headers a two-column row reads "key: value", a wider one
 * "a; b; c". Empty cells are left out.
 */
export function tableRow(headers: string[], cells: string[]): string {
  const clean = (s: string) =>
    s
      .replace(/\s+/g, ' ')
      .replace(/[;:]+$/u, '')
      .trim();
  const pairs = cells.map((c, i) => [clean(headers[i] ?? ''), clean(c)] as const).filter(([, c]) => c);
  if (!pairs.length) return '';
  if (!headers.some((h) => clean(h)))
    return pairs.length === 2 ? `${pairs[0]![1]}: ${pairs[1]![1]}` : pairs.map(([, c]) => c).join('; ');
  return pairs.map(([h, c]) => (h && fold(h) !== fold(c) ? `${h}: ${c}` : c)).join('; ');
}

const fold = (s: string) => s.toLowerCase();

const PIPE_ROW = /^\s*\|?.*\|.*\|?\s*$/;
const PIPE_DELIMITER = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function pipeCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.replace(/\\\|/g, '|').replace(/[*_`]/g, '').trim());
}

/**
 * A table without a delimiter row, starting at line `at`: a header line of short cells ("구분 | 기간 | 비용",
 * "Item | Window | Fee") that opens its block, then at least one line with as many cells; every line's cells
 * separated by " | ". Returns its number of lines (0: not one).
 */
function bareTable(lines: string[], at: number): number {
  const cellsOf = (l: string) => (/\s\|\s/u.test(l) ? pipeCells(l) : []);
  const header = cellsOf(lines[at]!);
  const before = at > 0 ? lines[at - 1]!.trim() : '';
  if (header.length < 2 || (before && !/^#/u.test(before))) return 0;
  if (header.some((h) => !h || h.length > 40 || /[.?!。？]$/u.test(h) || h.split(/\s+/u).length > 4))
    return 0;
  let end = at + 1;
  while (end < lines.length && cellsOf(lines[end]!).length === header.length) end++;
  return end - at >= 2 ? end - at : 0;
}

/**
 * Markdown pipe tables → one line per row carrying its column headers (see tableRow); everything else
 * (and code fences) is left as it is.
 */
export function pipeTablesToRows(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) fence = !fence;
    const next = lines[i + 1];
    const bare = !fence && next !== undefined && !PIPE_DELIMITER.test(next) ? bareTable(lines, i) : 0;
    if (bare) {
      // A table written without its delimiter row ("구분 | 기간 | 비용" over "일반 배송 | 1~3영업일 | 무료").
      const headers = pipeCells(line);
      for (let j = i + 1; j < i + bare; j++) {
        const row = tableRow(headers, pipeCells(lines[j]!));
        if (row) out.push(row);
      }
      i += bare - 1;
      continue;
    }
    if (fence || !PIPE_ROW.test(line) || next === undefined || !PIPE_DELIMITER.test(next)) {
      out.push(line);
      continue;
    }
    const headers = pipeCells(line);
    i++;
    while (i + 1 < lines.length && PIPE_ROW.test(lines[i + 1]!) && lines[i + 1]!.includes('|')) {
      i++;
      const row = tableRow(headers, pipeCells(lines[i]!));
      if (row) out.push(row);
    }
  }
  return out.join('\n');
}

export interface ChunkOptions {
  chunkSize?: number;
  chunkOverlap?: number;
}

/**
 * Heading-aware chunking: each section is split on its own with LangChain's recursive splitter, so
 * a chunk never spans two sections and always carries its section path.
 */
export async function chunkMarkdown(markdown: string, options: ChunkOptions = {}): Promise<TextChunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize ?? 800,
    chunkOverlap: options.chunkOverlap ?? 80,
    separators: ['\n\n', '\n', '. ', '다. ', '? ', '! ', '; ', ', ', ' ', ''],
    keepSeparator: true,
  });
  const chunks: TextChunk[] = [];
  for (const s of sections(pipeTablesToRows(markdown))) {
    const parts = await splitter.splitText(s.text);
    for (const p of parts) {
      const text = p.trim();
      if (text) chunks.push({ ordinal: chunks.length, section: s.path.join(' > '), text });
    }
  }
  return chunks;
}
