// Helpers shared by the returns provider adapters.
import { FailedPrecondition, Internal, InvalidArgument, NotFound } from '@boomerang/kit/errors';
import type { HttpResponse } from './resilient-http';

/** Maps a non-2xx answer that was not retried (4xx) to a domain error. */
export function providerError(name: string, res: HttpResponse): Error {
  if (res.status === 401 || res.status === 403) {
    return new FailedPrecondition(`${name} rejected the API key (not connected or missing scope)`);
  }
  if (res.status === 404) return new NotFound(`${name} has no such order`);
  if (res.status === 400 || res.status === 422)
    return new InvalidArgument(`${name} refused the request (HTTP ${res.status})`);
  return new Internal(`${name} answered HTTP ${res.status}`);
}

/** Fills "{order_number}", "{order_name}", "{order_id}", "{email}", "{zip}", "{phone}" (URL-encoded). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const url = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ''));
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw new FailedPrecondition('the returns portal URL template does not produce a valid URL');
  }
  return url;
}

export function sumAmounts(amounts: string[]): string {
  // Decimal strings summed in minor units (2 decimals) to avoid float drift.
  const cents = amounts.reduce((s, a) => s + Math.round(Number(a) * 100), 0);
  return (cents / 100).toFixed(2);
}
