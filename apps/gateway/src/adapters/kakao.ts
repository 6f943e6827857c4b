import { FailedPrecondition } from '@boomerang/kit/errors';
import type { SkillResponse } from '../domain/render/kakao';
import { type FetchLike, sendWithRetry } from './http';

/** POSTs a SkillResponse to the one-time `userRequest.callbackUrl` (valid 1 minute). */
export async function sendKakaoCallback(
  fetch: FetchLike,
  callbackUrl: string,
  response: SkillResponse,
): Promise<string> {
  const res = await sendWithRetry(
    callbackUrl,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(response) },
    // A callback URL is single-use: never retry after the vendor has answered.
    { fetch, what: 'kakao callback', attempts: 2 },
  );
  const body = res.json<{ taskId?: string; status?: string; message?: string }>();
  if (body?.status && body.status !== 'SUCCESS')
    throw new FailedPrecondition(`kakao callback: ${body.status} ${body.message ?? ''}`.trim());
  return String(body?.taskId ?? '');
}
