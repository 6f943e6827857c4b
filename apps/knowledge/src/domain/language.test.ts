import { detectLanguage } from './language';

// Shoppers often type Polish without diacritics: a short question then has no Polish letter and few function
// words ("gdzie wyslac paczke" was English; "do kiedy moge oddac" too, "do" being both).
test('short Polish typed without diacritics is Polish; short English stays English', () => {
  const polish = [
    'czy zwrot jest platny',
    'ile dni na zwrot',
    'gdzie wyslac paczke',
    'do kiedy moge oddac',
    'reklamacja butow',
    'chce oddac kurtke',
    'wymiana rozmiaru',
    'kiedy dostane pieniadze',
    'anulowanie zamowienia',
    'platnosc przy odbiorze',
  ];
  const english = [
    'do you ship to Poland',
    'can I return it',
    'is it free',
    'I want a refund',
    'what is your return policy',
    'store hours',
    'send it back',
    'do I have to pay',
  ];
  expect(polish.map((q) => [q, detectLanguage(q)])).toEqual(polish.map((q) => [q, 'pl']));
  expect(english.map((q) => [q, detectLanguage(q)])).toEqual(english.map((q) => [q, 'en']));
});
