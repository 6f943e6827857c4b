import { expectEvalFloors } from './__tests__/helpers';

// eval/qa-brands: two brands QA onboarded that nobody here had seen — a Korean furniture and cosmetics shop
// with a Korean and an English page in one tenant (다해 리빙 / Dahye Living), and a Polish bike-parts shop
// (Rowerek Części) — with the questions QA asked them (typos, no diacritics, two questions in one message and
// subjects the documents do not cover included) and the answers the documents give. First run (the floors): en 0.71 / 1, ko 0.67 / 0.75, pl 0.45 / 0.86.
test('QA brands (eval/qa-brands): retrieval, answers and refusals hold their measured floors', async () => {
  await expectEvalFloors(
    'qa-brands',
    {
      en: { accuracy: 0.71, rejected: 1 },
      ko: { accuracy: 0.66, rejected: 0.75 },
      pl: { accuracy: 0.45, rejected: 0.85 },
    },
    { hit5: false },
  );
});
