import { classify } from './intents';

// Short, elliptical and colloquial questions about what the brand's documents cover (fees, the
// pickup, when the money comes, payment, a kind of product): answered from the documents, not a
// "what do you mean?" menu.
describe('short and colloquial policy questions', () => {
  it.each([
    '회수비는 얼마예요?',
    '소파는요? 회수비 있어요',
    '침대는요?',
    '커튼은요?',
    '옷장 회수비',
    '수거비 있어요?',
    'a łóżko?',
    'a narożnika?',
    'a regał?',
    'ok a ile czekam na kase',
    'mozna placic blikiem',
    'a jak z materacem, rozpakowalam go z folii ale spalam tylko jedna noc',
    'a kurier ile kosztuje',
    'and the mattress?',
    'what about the bookcase?',
    'pickup fee?',
    'can I pay with paypal',
  ])('%s → policy_question', (text) => {
    expect(classify(text).intent).toBe('policy_question');
  });

  it.each([
    ['hi', 'greeting'],
    ['안녕하세요', 'greeting'],
    ['dzięki', 'thanks'],
    ['thanks!', 'thanks'],
    ['1042', 'other'],
    ['#1042', 'other'],
    ['jan@example.com', 'other'],
    ['123456', 'other'],
    ['ok', 'other'],
    ['RF1003?', 'other'],
    // A fault told is a problem report (the skill's own path), not a documents lookup.
    ['the lamp is broken?', 'other'],
    ['소파가 파손됐어요?', 'other'],
    // A product named, nothing asked.
    ['sofa', 'other'],
    ['materac', 'other'],
  ])('%s → %s', (text, intent) => {
    expect(classify(text).intent).toBe(intent);
  });
});
