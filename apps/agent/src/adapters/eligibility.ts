/** EligibilityPort over gRPC (boomerang.eligibility.v1.EligibilityService). */
import { NotFound } from '@boomerang/kit/errors';
import { createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { Resolution } from '@boomerang/proto/boomerang/commerce/v1/returns';
import { EligibilityServiceClient } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import type { EligibilityPort } from '../domain/ports';

export type EligibilityClient = PromiseClient<InstanceType<typeof EligibilityServiceClient>>;

export function eligibilityClient(address: string): EligibilityClient {
  return createClient(EligibilityServiceClient, address, { deadlineMs: 3000 });
}

const RESOLUTIONS: Partial<Record<Resolution, 'refund' | 'exchange' | 'store_credit'>> = {
  [Resolution.RESOLUTION_REFUND]: 'refund',
  [Resolution.RESOLUTION_EXCHANGE]: 'exchange',
  [Resolution.RESOLUTION_STORE_CREDIT]: 'store_credit',
};

/** Finds the window length in a policy document without depending on every detail of its schema. */
export function windowDaysOf(policy: unknown): number | undefined {
  if (!policy || typeof policy !== 'object') return undefined;
  const p = policy as Record<string, unknown>;
  for (const key of ['windowDays', 'returnWindowDays', 'window_days', 'days']) {
    if (typeof p[key] === 'number') return p[key] as number;
  }
  for (const key of ['window', 'returnWindow', 'return_window', 'defaults', 'default']) {
    const nested = windowDaysOf(p[key]);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

/**
 * Every window length (days) a policy document sets, by what it is for: the return windows (the
 * main one, the international one, each override's) and the exchange windows. A period the documents
 * state that equals one of them is the policy's, even when it is not the main window ("electronics:
 * 15 days"); a period for returns must equal a return window (a 30-day exchange window does not
 * cover documents that give 30 days to return while the policy gives 21).
 */
export function policyWindowsOf(policy: unknown): { returns: number[]; exchanges: number[] } {
  const returns = new Set<number>();
  const exchanges = new Set<number>();
  const main = windowDaysOf(policy);
  if (main !== undefined) returns.add(main);
  const p = (policy ?? {}) as Record<string, unknown>;
  const days = (into: Set<number>, v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) into.add(v);
  };
  days(exchanges, (p.exchangeWindow as { days?: unknown } | undefined)?.days);
  days(returns, (p.international as { windowDays?: unknown } | undefined)?.windowDays);
  if (Array.isArray(p.overrides))
    for (const o of p.overrides as { windowDays?: unknown; exchangeWindowDays?: unknown }[]) {
      days(returns, o?.windowDays);
      days(exchanges, o?.exchangeWindowDays);
    }
  return { returns: [...returns], exchanges: [...exchanges] };
}

/** A policy's time zone, if it names one Intl knows. */
export function timeZoneOf(policy: unknown): string | undefined {
  const tz = (policy as { timeZone?: unknown } | null)?.timeZone;
  if (typeof tz !== 'string' || !tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/** How long a tenant's policy time zone is reused before GetPolicy is asked again. */
const TIME_ZONE_TTL_MS = 60_000;

export function grpcEligibility(client: EligibilityClient): EligibilityPort {
  const zones = new Map<string, { tz: string | undefined; at: number }>();
  return {
    async policyTimeZone(tenantId) {
      const hit = zones.get(tenantId);
      if (hit && Date.now() - hit.at < TIME_ZONE_TTL_MS) return hit.tz;
      let tz: string | undefined;
      try {
        tz = timeZoneOf(JSON.parse((await client.getPolicy({ tenantId, version: 0 })).policyJson));
      } catch (err) {
        // No policy: no zone (UTC). The service down: UTC this time, asked again next time.
        if (!(err instanceof NotFound)) return hit?.tz;
      }
      if (zones.size > 10_000) zones.clear();
      zones.set(tenantId, { tz, at: Date.now() });
      return tz;
    },
    async check(tenantId, order, now, locale) {
      const r = await client.check({ tenantId, order, now, policyVersion: 0, locale });
      return r.decisions.map((d) => ({
        lineItemId: d.lineItemId,
        eligible: d.eligible,
        deadline: d.deadline,
        reasonCodes: d.reasonCodes,
        explanation: d.explanation,
        resolutions: d.allowedResolutions
          .map((x) => RESOLUTIONS[x])
          .filter((x): x is 'refund' | 'exchange' | 'store_credit' => Boolean(x)),
        returnableQuantity: d.returnableQuantity,
        conditions: d.conditions.map((c) => c.text),
        exchangeDeadline: d.exchangeDeadline,
        returnRequestedOn: d.returnRequestedOn,
      }));
    },
    async policyWindowDays(tenantId) {
      try {
        const r = await client.getPolicy({ tenantId, version: 0 });
        return windowDaysOf(JSON.parse(r.policyJson));
      } catch (err) {
        if (err instanceof NotFound) return undefined;
        throw err;
      }
    },
    async policyWindows(tenantId) {
      try {
        const r = await client.getPolicy({ tenantId, version: 0 });
        return policyWindowsOf(JSON.parse(r.policyJson));
      } catch (err) {
        if (err instanceof NotFound) return { returns: [], exchanges: [] };
        throw err;
      }
    },
  };
}
