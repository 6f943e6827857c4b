import { HELDOUT_DIR, runEvaluation } from './evaluate';

test('held-out brands (apps/stack/demo documents, not tuned on): answers and refusals in Korean, Polish and English', async () => {
  const report = await runEvaluation({ dir: HELDOUT_DIR });
  if (process.env.EVAL_VERBOSE) console.log(JSON.stringify(report, null, 1));
  expect(Object.keys(report).sort()).toEqual(['en', 'ko', 'pl']);
  for (const [lang, r] of Object.entries(report)) {
    // Never invent policy: every unanswerable question refused; most answerable ones answered right.
    expect({
      lang,
      rejected: r.unanswerableRejected,
      accuracy: r.answerAccuracy >= 0.8,
      hit5: r.hitAt5 >= 0.9,
    }).toEqual({ lang, rejected: 1, accuracy: true, hit5: true });
  }
});
