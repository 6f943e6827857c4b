import { expectEvalFloors, printEvalReport as print } from './__tests__/helpers';

// eval/qa8: two brands QA onboarded, with the shoppers' exact questions from their transcripts (a question only
// when the documents answer it, with the sentence that does; the ones they do not answer must be refused).
// dom-debowy: Dom Dębowy / 참나무집, furniture (a Polish Regulamin with §, a Korean FAQ in HTML, an English summary
// in plain text, one tenant). little-fern: Little Fern / 작은고사리, kids clothing (English markdown with a category
// table, Korean plain text, an English HTML FAQ, a short Polish page).
// First run (blind, the first floors): dom-debowy en 0.5 (4 / 8), ko 0.83 (10 / 12), pl 0.42 (5 / 12), refused
// en 1, ko 1, pl 0.5; little-fern en 0.75 (9 / 12), ko 0.56 (5 / 9), pl 0.5 (3 / 6), refused en 0.75, ko 0.5, pl 1.
// After the QA 8 fixes (the shopper's story as context, everyday names for the goods, a crack as a defect, another
// seller and the shop's name, filler words): dom-debowy ko 0.92, pl 0.58; little-fern pl 0.67, refused en 1, ko 1.

test('QA8 Dom Dębowy (eval/qa8/dom-debowy): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'qa8/dom-debowy',
    {
      en: { accuracy: 0.5, rejected: 1 },
      ko: { accuracy: 0.91, rejected: 1 },
      pl: { accuracy: 0.58, rejected: 0.5 },
    },
    { hit5: false },
  );
  print('qa8/dom-debowy', report);
});

test('QA8 Little Fern (eval/qa8/little-fern): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'qa8/little-fern',
    {
      en: { accuracy: 0.75, rejected: 1 },
      ko: { accuracy: 0.55, rejected: 1 },
      pl: { accuracy: 0.66, rejected: 1 },
    },
    { hit5: false },
  );
  print('qa8/little-fern', report);
});
