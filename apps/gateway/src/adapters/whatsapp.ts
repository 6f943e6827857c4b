import type { Tenant } from '../domain/tenants';
import { type FetchLike, sendWithRetry } from './http';

type WhatsApp = NonNullable<Tenant['channels']['whatsapp']>;

/** POST {graph}/{version}/{phone_number_id}/messages with a Bearer token. */
export async function sendWhatsApp(
  fetch: FetchLike,
  cfg: WhatsApp,
  to: string,
  payload: Record<string, unknown>,
  idempotencyKey: string,
): Promise<string> {
  const res = await sendWithRetry(
    `${cfg.graphBaseUrl.replace(/\/$/, '')}/${cfg.graphVersion}/${cfg.phoneNumberId}/messages`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${cfg.accessToken}`,
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to, ...payload }),
    },
    { fetch, what: 'whatsapp messages' },
  );
  return String(res.json<{ messages?: { id: string }[] }>()?.messages?.[0]?.id ?? '');
}
