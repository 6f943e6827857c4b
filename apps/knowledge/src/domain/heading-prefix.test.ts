import { answerOver, indexMarkdown } from '../evaluate';

// An answer reads as the sentence that answers (QA 8): a numbered clause or list item that is a whole sentence is
// not prefixed with the heading it sits under ("§ 4. Prawo odstąpienia od umowy (zwrot): W przypadku…", "Dom
// Dębowy — Returns & Exchanges in short (English): Return shipping…") — the heading is the citation's section.
// An item that does not read alone ("opened spice jars") still carries it ("Exclusions: opened spice jars").
// A document without headings is cited by its title alone: the section is empty, never "Title > ".

const PL = `# Regulamin sklepu Jodłowy Kąt

## § 4. Prawo odstąpienia od umowy (zwrot)

1. Konsument może odstąpić od umowy w terminie 30 dni od dnia doręczenia produktu.
2. Meble tapicerowane można zwrócić w terminie 14 dni od dnia doręczenia.`;

const EN = `# Jodłowy Kąt — Returns in short

* Most items: 30 days from delivery to return, no reason needed.
* Return shipping for small items is paid by the customer.

## Exclusions

- opened spice jars
- engraved boards`;

test.each([
  [
    'pl',
    'ile mam dni na zwrot mebli tapicerowanych?',
    'Meble tapicerowane można zwrócić',
    '§ 4. Prawo odstąpienia od umowy (zwrot)',
  ],
  ['en', 'who pays for return shipping?', 'Return shipping for small items is paid by the customer.', ''],
])('%s: "%s" reads as the sentence, the heading in the citation', async (_l, q, start, section) => {
  const idx = await indexMarkdown([
    { id: 'regulamin', content: PL },
    { id: 'summary', content: EN },
  ]);
  const a = await answerOver(idx, q);
  expect({ found: a.found, starts: a.answer.startsWith(start), section: a.citations[0]?.section }).toEqual({
    found: true,
    starts: true,
    section,
  });
});

test('an item that does not read alone keeps its heading', async () => {
  const idx = await indexMarkdown([{ id: 'summary', content: EN }]);
  const a = await answerOver(idx, 'Can I return opened spice jars?');
  expect(a.answer).toBe('Exclusions: opened spice jars');
});
