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

export function grpcEligibility(client: EligibilityClient): EligibilityPort {
  return {
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
  };
}
