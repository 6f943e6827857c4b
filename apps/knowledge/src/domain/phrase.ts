import type { Logger } from '@boomerang/kit/logger';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import type { GroundedAnswer } from './answer';

const CITE_RE = /\[(\d{1,2})\]/g;
const NUMBER_RE = /\d+(?:[.,]\d+)*/g;

/**
 * Whether a phrased answer is held to the retrieved sentences: it cites at least one of them as
 * [n], cites none that does not exist, and states no number the cited sentences do not contain
 * (numbers are what a policy answer is about: days, fees, amounts). Returns the text without the
 * citation marks, or undefined when it is not grounded.
 */
export function groundedPhrasing(text: string, evidence: string[]): string | undefined {
  const cited = [...text.matchAll(CITE_RE)].map((m) => Number(m[1]));
  if (!cited.length || cited.some((n) => n < 1 || n > evidence.length)) return undefined;
  const source = cited.map((n) => evidence[n - 1]!).join(' ');
  const known = new Set((source.match(NUMBER_RE) ?? []).map((n) => n.replace(/[.,]/g, '')));
  const clean = text
    .replace(CITE_RE, '')
    .replace(/\s+([.,!?])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
  for (const n of clean.match(NUMBER_RE) ?? []) if (!known.has(n.replace(/[.,]/g, ''))) return undefined;
  return clean || undefined;
}

/**
 * Optional phrasing: a chat model rewrites the extractive answer from the retrieved sentences only.
 * Its answer is kept only when it is grounded (see groundedPhrasing); the citations stay the
 * extractive ones; on any failure or ungrounded answer the extractive answer is returned.
 */
export async function phraseAnswer(
  model: BaseChatModel,
  question: string,
  answer: GroundedAnswer,
  logger: Logger,
): Promise<GroundedAnswer> {
  try {
    const context = answer.evidence.map((s, i) => `[${i + 1}] ${s}`).join('\n');
    const res = await model.invoke([
      new SystemMessage(
        'You answer customer questions about a store policy. Use ONLY the numbered sentences given and ' +
          'cite the ones you use as [1], [2]. Answer in the language of the question. ' +
          'If the sentences do not answer it, reply exactly NOT_IN_CONTEXT.',
      ),
      new HumanMessage(`Sentences:\n${context}\n\nQuestion: ${question}`),
    ]);
    const text = typeof res.content === 'string' ? res.content.trim() : '';
    if (!text || text.includes('NOT_IN_CONTEXT')) return answer;
    const grounded = groundedPhrasing(text, answer.evidence);
    if (!grounded) {
      logger.info('chat model answer not held to the retrieved sentences; extractive answer used');
      return answer;
    }
    return { ...answer, answer: grounded };
  } catch (err) {
    logger.warn({ err }, 'chat model phrasing failed; extractive answer used');
    return answer;
  }
}
