import { detectLanguage, unicodeWords } from './language';

describe('detectLanguage', () => {
  it('reads Polish typed without diacritics as Polish, and English as English', () => {
    // QA: "chce zwrocic kurtke" was answered in English for the whole conversation.
    for (const text of [
      'chce zwrocic kurtke',
      'chce oddac buty',
      'moge zwrocic buty?',
      'prosze o zwrot',
      'czy moge to oddac',
    ])
      expect({ text, ...detectLanguage(text, 'en') }).toEqual({ text, language: 'pl', confident: true });
    for (const text of [
      'I want to return my jacket',
      'Can I return shoes bought on sale?',
      'so what do I do now',
    ])
      expect({ text, ...detectLanguage(text, 'pl') }).toEqual({ text, language: 'en', confident: true });
  });
});

describe('unicodeWords: \\w and \\b for every script', () => {
  it('lets a word slot hold Polish words with diacritics', () => {
    const re = unicodeWords(/czy (można|mogę) (\w+ )?wymienić/);
    expect(re.test('czy można kurtkę wymienić')).toBe(true);
    expect(re.test('czy mogę tę wymienić')).toBe(true);
    expect(/czy (można|mogę) (\w+ )?wymienić/u.test('czy można kurtkę wymienić')).toBe(false);
  });

  it('puts word boundaries only between a letter and a non-letter, in any script', () => {
    const wad = unicodeWords(/\bwad[ayęi]\b/);
    expect(wad.test('ma wadę fabryczną')).toBe(true);
    expect(/\bwad[ayęi]\b/u.test('ma wadę fabryczną')).toBe(false);
    // No boundary inside "żart" / "łatwo": an English word is not found inside a Polish one.
    expect(unicodeWords(/\bart\b/).test('to żart')).toBe(false);
    expect(/\bart\b/u.test('to żart')).toBe(true);
    expect(unicodeWords(/\batwo\b/).test('łatwo')).toBe(false);
    expect(unicodeWords(/\bagent\b/).test('talk to an agent')).toBe(true);
    expect(unicodeWords(/\B반품/).test('이거반품')).toBe(true);
  });

  it('keeps flags, classes and other escapes', () => {
    const re = unicodeWords(/[\w-]+@\S+\.\w+/i);
    expect(re.flags).toBe('iu');
    expect(re.test('Łukasz-Ż@example.pl')).toBe(true);
    expect(unicodeWords(/a\\b/).test('a\\b')).toBe(true);
  });
});

describe('unicodeWords: cheap half boundaries mean the same as full ones', () => {
  const W = '[\\p{L}\\p{N}_]';
  const FULL = `(?:(?<!${W})(?=${W})|(?<=${W})(?!${W}))`;
  const reference = (re: RegExp) =>
    new RegExp(re.source.replace(/\\w/g, W).replace(/\\b/g, FULL), `${re.flags.replace('u', '')}u`);
  const patterns = [
    /\b(human|person|agent)\b/,
    /\b(can|could) (i|we) (still )?(return|exchange)\b/,
    /\bile (\w+ )?(dni|czasu)\b/,
    /\b(i|we)? ?want\b/,
    /\bwad[ayęi]\b/,
    /\b(a|the )?\w+\b ok/,
    /x?\b(foo|)\b/,
    /(sent|returned) (it )?.*\b(any news|yet)\b/,
    /(?<!\b(do|does) )\b(i|we) need\b/,
    /\b\w+ś\b/,
  ];
  const texts = [
    'talk to an agent',
    'agentka',
    'can i still return it',
    'could we exchange',
    'ile mam dni',
    'ile zostało dni',
    'ile kurtkę dni',
    'i want',
    ' want',
    'want',
    'ma wadę',
    'wadliwy',
    'the kurtkę ok',
    'ąę ok',
    'xfoo',
    'foo',
    ' ',
    'sent it back, any news?',
    'returned them yet',
    'do i need it',
    'we need it',
    'coś',
    'cośtam',
    '',
  ];
  it.each(patterns.map((p) => [p]))('%s', (re) => {
    const fast = unicodeWords(re);
    const exact = reference(re);
    for (const t of texts) expect([t, fast.test(t)]).toEqual([t, exact.test(t)]);
  });
});
