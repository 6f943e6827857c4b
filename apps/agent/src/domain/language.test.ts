import { unicodeWords } from './language';

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
