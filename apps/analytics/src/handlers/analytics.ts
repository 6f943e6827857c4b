import { InvalidArgument } from '@boomerang/kit/errors';
import { unary } from '@boomerang/kit/grpc';
import type { AnalyticsServiceServer } from '@boomerang/proto/boomerang/analytics/v1/analytics';
import type { ResolutionRate } from '@boomerang/proto/boomerang/events/v1/analytics';
import { Granularity as ProtoGranularity } from '@boomerang/proto/boomerang/events/v1/analytics';
import { toResolutionRate } from '../adapters/publisher';
import type { AnalyticsStore } from '../adapters/store';
import { resolutionRate } from '../domain/resolution';
import { type Granularity, isDate } from '../domain/windows';

const FROM_PROTO: Partial<Record<ProtoGranularity, Granularity>> = {
  [ProtoGranularity.GRANULARITY_DAY]: 'day',
  [ProtoGranularity.GRANULARITY_ISO_WEEK]: 'iso_week',
};
const MAX_RANGE_DAYS = 3660;

function requireRange(from: string, to: string): void {
  if (!isDate(from)) throw new InvalidArgument('from must be a date YYYY-MM-DD', { field: 'from' });
  if (!isDate(to)) throw new InvalidArgument('to must be a date YYYY-MM-DD', { field: 'to' });
  if (from > to) throw new InvalidArgument('from must not be after to', { field: 'from' });
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) {
    throw new InvalidArgument('the range may span at most ten years', { field: 'to' });
  }
}

function requireTenant(tenantId: string): void {
  if (!tenantId.trim()) throw new InvalidArgument('tenant_id is required', { field: 'tenant_id' });
}

/** Per window start, the sum over the rows (channel and skill "*"). */
function totals(windows: ResolutionRate[]): ResolutionRate[] {
  const byStart = new Map<string, ResolutionRate>();
  for (const w of windows) {
    const t = byStart.get(w.windowStart);
    if (!t) {
      byStart.set(w.windowStart, { ...w, channel: '*', skill: '*' });
      continue;
    }
    t.conversations += w.conversations;
    t.resolvedByAgent += w.resolvedByAgent;
    t.handedOff += w.handedOff;
    t.abandoned += w.abandoned;
    t.version = Math.max(t.version, w.version);
    if (w.computedAt && t.computedAt && w.computedAt > t.computedAt) t.computedAt = w.computedAt;
  }
  return [...byStart.values()].map((t) => ({
    ...t,
    rate: resolutionRate(t.resolvedByAgent, t.conversations),
  }));
}

export function analyticsHandlers(store: AnalyticsStore): AnalyticsServiceServer {
  return {
    getResolutionRate: unary(async (req) => {
      requireTenant(req.tenantId);
      const granularity = FROM_PROTO[req.granularity];
      if (!granularity) {
        throw new InvalidArgument('granularity must be GRANULARITY_DAY or GRANULARITY_ISO_WEEK', {
          field: 'granularity',
        });
      }
      requireRange(req.from, req.to);
      const rows = await store.windows({
        tenantId: req.tenantId,
        granularity,
        from: req.from,
        to: req.to,
        channel: req.channel.trim().toLowerCase(),
        skill: req.skill.trim(),
      });
      const windows = rows.map(toResolutionRate);
      return { windows, totals: totals(windows) };
    }),
    getReturnReasons: unary(async (req) => {
      requireTenant(req.tenantId);
      requireRange(req.from, req.to);
      const filter = {
        tenantId: req.tenantId,
        from: req.from,
        to: req.to,
        productType: req.productType.trim(),
        sku: req.sku.trim(),
      };
      const [returns, handoffs] = await Promise.all([
        store.returnReasons(filter),
        store.handoffReasons(filter),
      ]);
      return { returnReasons: returns, handoffReasons: handoffs };
    }),
  };
}
