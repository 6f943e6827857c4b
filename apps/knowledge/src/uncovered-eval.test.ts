import { expectEvalFloors } from './__tests__/helpers';

// eval/uncovered: per language one tenant with five of the other sets' policies (scope, blind, blind2, fresh,
// probe), 12 questions about subjects none of them covers — payment methods and instalments, points, store
// hours, changing the address, tax and invoices, accounts, restock alerts, cancelling after dispatch, product
// prices, expiry — worded close to what the documents say, and 5 they answer; committed before the first run.
// First run (before the central-concept rule): en 0.8 / 0.67, ko 0.4 / 0.5, pl 1 / 0.75. Left: "제품 사용 기한이
// 얼마나 되나요?" ("사용 기한", use-by, read as "사용" + a deadline, met by "사용 후 … 30일 이내").
test('subjects no document covers (eval/uncovered, written before running): refused in Korean, Polish and English', async () => {
  await expectEvalFloors('uncovered', {
    en: { accuracy: 0.8, rejected: 1 },
    // accuracy 0.4 → 0.6: "교환은 몇 번까지 할 수 있나요?" asks for a count ("1회").
    ko: { accuracy: 0.6, rejected: 0.91 },
    pl: { accuracy: 1, rejected: 1 },
  });
});
