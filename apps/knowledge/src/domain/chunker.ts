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
  for (const s of sections(markdown)) {
    const parts = await splitter.splitText(s.text);
    for (const p of parts) {
      const text = p.trim();
      if (text) chunks.push({ ordinal: chunks.length, section: s.path.join(' > '), text });
    }
  }
  return chunks;
}
