import { FailedPrecondition } from '@boomerang/kit/errors';
import type { NaverContent } from '../domain/render/naver';
import type { Tenant } from '../domain/tenants';
import { type FetchLike, sendWithRetry } from './http';

type Naver = NonNullable<Tenant['channels']['naver']>;

/** POST {base}/chatbot/v1/event, raw token in Authorization; errors come back as HTTP 200 success:false. */
export async function sendNaver(
  fetch: FetchLike,
  cfg: Naver,
  user: string,
  content: NaverContent,
): Promise<string> {
  const res = await sendWithRetry(
    `${cfg.apiBaseUrl.replace(/\/$/, '')}/chatbot/v1/event`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8', authorization: cfg.authorization },
      body: JSON.stringify({ event: 'send', user, ...content }),
    },
    { fetch, what: 'naver talktalk send' },
  );
  const body = res.json<{ success?: boolean; resultCode?: string; resultMessage?: string }>();
  if (!body?.success)
    throw new FailedPrecondition(
      `naver talktalk send: resultCode ${body?.resultCode ?? '?'} ${body?.resultMessage ?? ''}`.trim(),
    );
  return body.resultCode ?? '00';
}
