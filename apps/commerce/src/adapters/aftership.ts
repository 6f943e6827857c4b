// AfterShip Returns (https://api.aftership.com/returns/{version}, header as-api-key, {meta, data}):
//   GET  /returns?order_name=…&limit=50   → the order's returns (approval/shipping status, refunds)
//   POST /returns/link {order_number, customer_email, postal_code} → deep link (2026-01 and later)

import { FailedPrecondition } from '@boomerang/kit/errors';
import {
  ProviderKind,
  RefundState,
  Resolution,
  ReturnState,
  type ReturnStatus,
} from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { ReturnsProvider } from '../domain/ports';
import type { ResilientHttp } from './resilient-http';
import { fillTemplate, providerError, returnLines, templateValues } from './returns-common';

export interface AfterShipConfig {
  apiKey: string;
  apiVersion: string;
  baseUrl: string;
  portalUrlTemplate?: string;
}

interface Money {
  amount?: string;
  currency?: string;
}
interface AfterShipReturn {
  id: string;
  approval_status?: string;
  shipping_status?: string;
  outcomes?: string[];
  refunded_at?: string | null;
  refunded_total?: Money | null;
  estimated_refund_total?: Money | null;
  exceptions?: string[];
  created_at?: string;
  approved_at?: string | null;
  resolved_at?: string | null;
  rejected_at?: string | null;
  return_items?: { external_order_item_id?: string; intended_return_quantity?: number }[];
}

const IN_TRANSIT = new Set(['in_transit', 'pending']);
const RECEIVED = new Set(['delivered', 'received', 'partially_received', 'dropped', 'partially_dropped']);

export function mapAfterShipReturn(r: AfterShipReturn): ReturnStatus {
  const approval = r.approval_status ?? 'submitted';
  let state = ReturnState.RETURN_STATE_REQUESTED;
  if (approval === 'done') state = ReturnState.RETURN_STATE_CLOSED;
  else if (approval === 'rejected') state = ReturnState.RETURN_STATE_REJECTED;
  else if (approval === 'expired') state = ReturnState.RETURN_STATE_CANCELLED;
  else if (approval === 'approved' && RECEIVED.has(r.shipping_status ?? ''))
    state = ReturnState.RETURN_STATE_RECEIVED;
  else if (approval === 'approved' && IN_TRANSIT.has(r.shipping_status ?? ''))
    state = ReturnState.RETURN_STATE_IN_TRANSIT;
  const outcomes = r.outcomes ?? [];
  const resolution = outcomes.includes('refund')
    ? Resolution.RESOLUTION_REFUND
    : outcomes.includes('exchange')
      ? Resolution.RESOLUTION_EXCHANGE
      : outcomes.includes('store_credit')
        ? Resolution.RESOLUTION_STORE_CREDIT
        : Resolution.RESOLUTION_UNSPECIFIED;
  let refundState = RefundState.REFUND_STATE_NONE;
  if ((r.exceptions ?? []).includes('refund_failed')) refundState = RefundState.REFUND_STATE_FAILED;
  else if (r.refunded_at) refundState = RefundState.REFUND_STATE_ISSUED;
  else if (
    resolution === Resolution.RESOLUTION_REFUND &&
    (approval === 'submitted' || approval === 'approved')
  )
    refundState = RefundState.REFUND_STATE_PENDING;
  const money =
    refundState === RefundState.REFUND_STATE_ISSUED
      ? r.refunded_total
      : refundState === RefundState.REFUND_STATE_NONE
        ? null
        : r.estimated_refund_total;
  const updated = r.resolved_at ?? r.refunded_at ?? r.rejected_at ?? r.approved_at ?? r.created_at;
  return {
    returnId: r.id,
    state,
    refundState,
    refundAmount: money?.amount ? { amount: money.amount, currencyCode: money.currency ?? '' } : undefined,
    updatedAt: updated ? new Date(updated) : undefined,
    lineItemIds: (r.return_items ?? []).map((i) => String(i.external_order_item_id ?? '')).filter(Boolean),
    resolution,
    lines: returnLines(
      (r.return_items ?? []).map((i) => ({
        id: String(i.external_order_item_id ?? ''),
        quantity: i.intended_return_quantity,
      })),
    ),
    requestedAt: r.created_at ? new Date(r.created_at) : undefined,
  };
}

export function afterShipProvider(cfg: AfterShipConfig, http: ResilientHttp): ReturnsProvider {
  const base = `${cfg.baseUrl.replace(/\/$/, '')}/returns/${cfg.apiVersion}`;
  const headers = { 'as-api-key': cfg.apiKey };
  const hasLinkApi = cfg.apiVersion >= '2026-01';
  return {
    kind: ProviderKind.PROVIDER_KIND_AFTERSHIP,
    describe: () =>
      `AfterShip Returns ${cfg.apiVersion}${hasLinkApi ? '' : cfg.portalUrlTemplate ? ' (portal URL template)' : ' (no deep links)'}`,
    async portalLink(input, signal) {
      const values = templateValues(input);
      if (hasLinkApi) {
        const res = await http.request({
          method: 'POST',
          url: `${base}/returns/link`,
          headers,
          body: {
            order_number: values.order_number,
            customer_email: values.email || undefined,
            postal_code: values.zip || undefined,
          },
          signal,
        });
        if (res.status === 200 || res.status === 201) {
          const url = res.json<{ data?: { url?: string } }>().data?.url;
          if (url) return { url };
        } else if (!(res.status === 404 && cfg.portalUrlTemplate)) {
          throw providerError('AfterShip', res);
        }
      }
      if (cfg.portalUrlTemplate) return { url: fillTemplate(cfg.portalUrlTemplate, values) };
      throw new FailedPrecondition('AfterShip deep links need API version 2026-01 or a portal URL template');
    },
    async returnStatuses(order, signal) {
      const res = await http.request({
        method: 'GET',
        url: `${base}/returns?${new URLSearchParams({ order_name: order.name, limit: '50' })}`,
        headers,
        signal,
      });
      if (res.status !== 200) throw providerError('AfterShip', res);
      const returns = res.json<{ data?: { returns?: AfterShipReturn[] } }>().data?.returns ?? [];
      return returns.map(mapAfterShipReturn);
    },
  };
}
