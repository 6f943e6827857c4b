import { expectEvalFloors, printEvalReport as print } from './__tests__/helpers';

// eval/xlang: questions in one language whose answer is only in another language's document, written before their
// first run against brands of the other sets (flakon: en / ko over the Polish Regulamin and an English FAQ that
// lacks those rules; 소리결: en / pl over Korean pages and an English page that lacks them; Kkoma Forest: en over
// the Korean page only, ko over the English page only, pl over the English and Polish pages where only the English
// one says it). One folder per brand: the report is keyed by language.
// First run: flakon en 0.14 (1 / 7), ko 0.4 (2 / 5); 소리결 en 0.14 (1 / 7), pl 0.2 (1 / 5); Kkoma en 0.83
// (5 / 6), ko 0.83 (5 / 6), pl 0.25 (1 / 4); every unanswerable question refused.
// The glossary carrying the concepts questions focus on (respond, request, include, dispatch, payment, address…):
// flakon en 0.43, ko 0.6; 소리결 en 0.29, pl 0.6; Kkoma en 1. A Polish detail under a refund heading no longer
// beats the English page's answer: Kkoma pl 0.5.

test('xlang Różany Flakon (eval/xlang/flakon): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'xlang/flakon',
    { en: { accuracy: 0.42, rejected: 1 }, ko: { accuracy: 0.6, rejected: 1 } },
    { hit5: false },
  );
  print('xlang/flakon', report);
});

test('xlang 소리결 (eval/xlang/sorigyeol): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'xlang/sorigyeol',
    { en: { accuracy: 0.28, rejected: 1 }, pl: { accuracy: 0.6, rejected: 1 } },
    { hit5: false },
  );
  print('xlang/sorigyeol', report);
});

test('xlang Kkoma Forest (eval/xlang/kkoma): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'xlang/kkoma',
    {
      en: { accuracy: 1, rejected: 1 },
      ko: { accuracy: 0.83, rejected: 1 },
      pl: { accuracy: 0.5, rejected: 1 },
    },
    { hit5: false },
  );
  print('xlang/kkoma', report);
});
