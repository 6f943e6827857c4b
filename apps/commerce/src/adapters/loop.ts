// Loop Returns (https://api.loopreturns.com/api/v1, header X-Authorization):
//   POST /order/link {name, zip}                      → deep link into the portal for one order
//   GET  /warehouse/return/details?order_name=…       → the order's returns with state and refunds
import {
  ProviderKind,
  RefundState,
  Resolution,
  ReturnState,
  type ReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { ReturnsProvider } from '../domain/ports';
import type { ResilientHttp } from './resilient-http';
import { providerError, returnLines, sumAmounts } from './returns-common';

export interface LoopConfig {
  apiKey: string;
  baseUrl: string;
  lookup: 'zip' | 'email' | 'phone';
}

interface LoopReturn {
  id: number | string;
  state?: string;
  outcome?: string;
  currency?: string;
  total?: string;
  updated_at?: string;
  edited_at?: string;
  created_at?: string;
  refunds?: { amount?: string; currency?: string }[];
  exchange?: unknown;
  line_items?: { provider_line_item_id?: string | number; quantity?: number }[];
}

const STATE: Record<string, ReturnState> = {
  open: ReturnState.RETURN_STATE_REQUESTED,
  review: ReturnState.RETURN_STATE_REQUESTED,
  closed: ReturnState.RETURN_STATE_CLOSED,
  cancelled: ReturnState.RETURN_STATE_CANCELLED,
  expired: ReturnState.RETURN_STATE_CANCELLED,
};

export function mapLoopReturn(r: LoopReturn): ReturnStatus {
  const refunds = r.refunds ?? [];
  const state = STATE[r.state ?? ''] ?? ReturnState.RETURN_STATE_REQUESTED;
  const resolution =
    r.outcome === 'exchange' || (r.exchange && r.outcome !== 'refund')
      ? Resolution.RESOLUTION_EXCHANGE
      : r.outcome === 'store_credit' || r.outcome === 'gift_card'
        ? Resolution.RESOLUTION_STORE_CREDIT
        : Resolution.RESOLUTION_REFUND;
  let refundState = RefundState.REFUND_STATE_NONE;
  if (refunds.length) refundState = RefundState.REFUND_STATE_ISSUED;
  else if (resolution === Resolution.RESOLUTION_REFUND && state === ReturnState.RETURN_STATE_REQUESTED)
    refundState = RefundState.REFUND_STATE_PENDING;
  const updated = r.edited_at ?? r.updated_at ?? r.created_at;
  // Loop lists a line once per unit, or once with a quantity: either way the units add up per line.
  const lines = returnLines(
    (r.line_items ?? []).map((l) => ({ id: String(l.provider_line_item_id ?? ''), quantity: l.quantity })),
  );
  return {
    returnId: String(r.id),
    state,
    refundState,
    refundAmount: refunds.length
      ? {
          amount: sumAmounts(refunds.map((x) => x.amount ?? '0')),
          currencyCode: refunds[0]?.currency ?? r.currency ?? '',
        }
      : refundState === RefundState.REFUND_STATE_PENDING && r.total
        ? { amount: r.total, currencyCode: r.currency ?? '' }
        : undefined,
    updatedAt: updated ? new Date(updated) : undefined,
    lineItemIds: (r.line_items ?? []).map((l) => String(l.provider_line_item_id ?? '')).filter(Boolean),
    resolution,
    lines,
    requestedAt: r.created_at ? new Date(r.created_at) : undefined,
  };
}

export function loopProvider(cfg: LoopConfig, http: ResilientHttp): ReturnsProvider {
  const base = cfg.baseUrl.replace(/\/$/, '');
  const headers = { 'x-authorization': cfg.apiKey };
  return {
    kind: ProviderKind.PROVIDER_KIND_LOOP,
    describe: () => `Loop (${new URL(base).host}), lookup by ${cfg.lookup}`,
    async portalLink({ order, customer }, signal) {
      const zip =
        cfg.lookup === 'email'
          ? order.email || customer.email
          : cfg.lookup === 'phone'
            ? customer.phone
            : order.shippingAddress?.zip || order.email || customer.email;
      const res = await http.request({
        method: 'POST',
        url: `${base}/order/link`,
        headers,
        body: { name: order.name, zip },
        signal,
      });
      if (res.status !== 200 && res.status !== 201) throw providerError('Loop', res);
      const { url } = res.json<{ url?: string }>();
      if (!url) throw providerError('Loop', { ...res, status: 502 });
      return { url };
    },
    async returnStatuses(order, signal) {
      const res = await http.request({
        method: 'GET',
        url: `${base}/warehouse/return/details?${new URLSearchParams({ order_name: order.name })}`,
        headers,
        signal,
      });
      if (res.status === 404) return [];
      if (res.status !== 200) throw providerError('Loop', res);
      const body = res.json<LoopReturn | LoopReturn[] | { returns?: LoopReturn[] }>();
      const list = Array.isArray(body)
        ? body
        : 'returns' in body && Array.isArray(body.returns)
          ? body.returns
          : [body as LoopReturn];
      return list.filter((r) => r && r.id !== undefined).map(mapLoopReturn);
    },
  };
}
