import { expectEvalFloors } from './__tests__/helpers';

// eval/qa6: two brands a second QA engineer onboarded — Ridgeline Gear Co. (US outdoor gear and electronics,
// English) and 꼬마숲 / Kkoma Forest (a Korean kids' brand with Korean, English and Polish pages in one tenant) —
// with the questions QA asked them (typos, no diacritics, two questions in one message, unanswerable ones) and
// the facts the documents state. First run (the first floors): en 0.63 / 1, ko 0.67 / 0.5, pl 0.7 / 1.
test('QA6 brands (eval/qa6): answers and refusals hold their measured floors', async () => {
  await expectEvalFloors(
    'qa6',
    {
      en: { accuracy: 0.63, rejected: 1 },
      ko: { accuracy: 0.66, rejected: 0.5 },
      pl: { accuracy: 0.7, rejected: 1 },
    },
    { hit5: false },
  );
});
