import { InvalidArgument } from '@boomerang/kit/errors';
import { load } from 'cheerio';
import { tableRow } from './chunker';
import { ENUMERATOR } from './text';

// Every format is turned into light markdown (headings as "#", list items as "- ") so that one
// heading-aware chunker serves all of them.

const DROP =
  'script, style, noscript, template, nav, footer, header nav, aside, form, svg, iframe, button, [role=navigation], [role=banner] nav, [aria-hidden=true], .cookie, .cookies, #cookie-banner';

export function htmlToMarkdown(html: string): { markdown: string; title: string } {
  const $ = load(html);
  const title = $('title').first().text().trim() || $('h1').first().text().trim();
  $(DROP).remove();
  let root = $('main, article, [role=main]').first();
  if (root.length === 0) root = $('body');
  if (root.length === 0) return { markdown: $.root().text().replace(/\s+/g, ' ').trim(), title };
  const lines: string[] = [];
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  root
    .find('h1, h2, h3, h4, h5, h6, p, li, dt, dd, summary, table, blockquote, pre, figcaption')
    .each((_, el) => {
      const tag = el.tagName.toLowerCase();
      // Skip blocks nested in another collected block (li > p) to avoid duplicates.
      if (tag !== 'li' && $(el).parents('li, td, th, blockquote, dd').length > 0 && !/^h[1-6]$/.test(tag))
        return;
      if (tag === 'table') {
        // One line per row with its column headers ("Method: Courier; Cost: $15"): a row alone answers.
        const rows = $(el)
          .find('tr')
          .filter((_, tr) => $(tr).closest('table').is(el))
          .toArray()
          .map((tr) => ({
            head: $(tr).parent().is('thead') || $(tr).children('td').length === 0,
            cells: $(tr)
              .children('td, th')
              .toArray()
              .map((c) => clean($(c).text())),
          }))
          .filter((r) => r.cells.some(Boolean));
        const caption = clean($(el).children('caption').text());
        if (caption) lines.push(caption, '');
        let headers: string[] = [];
        for (const r of rows) {
          if (r.head && r.cells.length > 1) headers = r.cells;
          else {
            const row = tableRow(headers, r.cells);
            if (row) lines.push(row);
          }
        }
        lines.push('');
        return;
      }
      const text = clean($(el).text());
      if (!text) return;
      if (/^h[1-6]$/.test(tag)) lines.push('', `${'#'.repeat(Number(tag[1]))} ${text}`, '');
      // An FAQ's question (<details><summary>) or a defined term (<dt>) heads the answer below it, as a bold
      // line does in markdown: it is context for that answer, never the answer itself.
      else if (tag === 'summary' || tag === 'dt') lines.push('', `**${text.replace(/\*+/g, '')}**`);
      else if (tag === 'li') lines.push(`- ${clean($(el).clone().children('ul, ol').remove().end().text())}`);
      else lines.push(text, '');
    });
  // Pages without block elements: fall back to the plain text of the main part.
  if (lines.every((l) => !l.trim())) lines.push(clean(root.text()));
  return {
    markdown: lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    title,
  };
}

/**
 * Plain text (and PDF text layers) → markdown: lines that look like headings (short, no sentence
 * punctuation, numbered "2. Exchanges" or "Article 3", followed by body text) become "##". Enumerated
 * items ("가.", "①", "(1)", "a)") become list items ("- 가. …").
 */
export function textToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const next =
      lines
        .slice(i + 1)
        .find((l) => l.trim())
        ?.trim() ?? '';
    if (/^#{1,6}\s/.test(line)) {
      out.push(line);
      continue;
    }
    if (ENUMERATOR.test(line)) {
      out.push(`${/^\s*/.exec(lines[i]!)![0]}- ${line}`);
      continue;
    }
    const looksHeading =
      line.length > 1 &&
      line.length <= 70 &&
      !/[.,;!?。:]$/.test(line) &&
      !/^[-*•]/.test(line) &&
      /\p{L}/u.test(line) &&
      next.length > 0 &&
      (next.length > line.length || /^[-*•]/.test(next)) &&
      line.split(/\s+/).length <= 9;
    out.push(looksHeading ? `## ${line.replace(/:$/, '')}` : line);
  }
  return out.join('\n');
}

export async function pdfToMarkdown(data: Uint8Array): Promise<string> {
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: Buffer.from(data) });
  try {
    const result = await parser.getText();
    const text = result.text.replace(/^-- \d+ of \d+ --$/gm, '');
    return textToMarkdown(text);
  } catch (err) {
    throw new InvalidArgument(`the PDF could not be read: ${(err as Error).message}`, { field: 'data' });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
