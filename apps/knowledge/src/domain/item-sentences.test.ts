import { answerOver, indexMarkdown } from '../evaluate';
import type { TenantIndex } from './tenant-index';

// A numbered clause of a regulamin or a list item may hold two sentences: a refusal and what to do instead
// ("1. Sprzedawca nie wymienia towaru na inny. Aby otrzymać inny kolor, należy zwrócić towar…"). They are one
// case: the answer keeps the refusal with the instructions (a whole sentence under a heading reads as itself: the
// heading stays in the citation — see heading-prefix.test.ts). Before, the sentences
// of one item were never joined (the next item is another case), so the instructions came alone — a yes.

async function ask(idx: TenantIndex, question: string) {
  const a = await answerOver(idx, question);
  return a.found ? a.answer : '∅';
}

const PL = `# Regulamin sklepu Len i Wełna

**§ 6. Wymiana towaru**

1. Sprzedawca nie wymienia towaru na inny. Aby otrzymać inny kolor, należy zwrócić towar i kupić go ponownie.
2. Zwrot należności następuje w ciągu 14 dni.`;

const EN = `# Heath Knitwear — Returns

## Swaps
- We don't swap items. To get another colour, send the item back and reorder the one you want.
- Refunds are paid within 10 days.`;

test("an item's refusal stays with its instructions, in Polish and English", async () => {
  const pl = await indexMarkdown([{ id: 'p', content: PL }]);
  const en = await indexMarkdown([{ id: 'p', content: EN }]);
  expect([
    await ask(pl, 'Czy mogę wymienić sweter na inny kolor?'),
    await ask(en, 'Can I swap my scarf for another colour?'),
  ]).toEqual([
    'Sprzedawca nie wymienia towaru na inny. Aby otrzymać inny kolor, należy zwrócić towar i kupić go ponownie.',
    "We don't swap items. To get another colour, send the item back and reorder the one you want.",
  ]);
});
