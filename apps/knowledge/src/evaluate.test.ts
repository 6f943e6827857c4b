import { runEvaluation } from './evaluate';

test('evaluation set: retrieval and grounded answers in Korean, Polish and English', async () => {
  const report = await runEvaluation();
  if (process.env.EVAL_VERBOSE) console.log(JSON.stringify(report, null, 1));
  expect(Object.keys(report).sort()).toEqual(['en', 'ko', 'pl']);
  for (const [lang, r] of Object.entries(report)) {
    // Loose targets (the benchmark prints the exact numbers).
    expect({
      lang,
      hit5: r.hitAt5 >= 0.9,
      rejected: r.unanswerableRejected >= 0.9,
      accuracy: r.answerAccuracy >= 0.65,
    }).toEqual({ lang, hit5: true, rejected: true, accuracy: true });
    expect(r.answerable).toBeGreaterThanOrEqual(25);
  }
});
