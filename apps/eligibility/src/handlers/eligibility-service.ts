// Thin gRPC adapter: typed against the generated server interface; errors are kit domain errors
// thrown by the domain and mapped to status codes by the kit's server wrapper.
import { unary } from '@boomerang/kit/grpc';
import type { Counter } from '@boomerang/kit/metrics';
import type { EligibilityServiceServer } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import { REASON_CODES } from '../domain/evaluate';
import type { Eligibility } from '../domain/service';
import { toProtoDecision } from './mapping';

const BUILT_IN = new Set<string>(REASON_CODES);

/** Line-item decisions by outcome and reason; tenant-defined codes are counted as CUSTOM (bounded labels). */
export type DecisionCounter = Counter<'eligible' | 'reason'>;

export function eligibilityHandlers(
  service: Eligibility,
  decisions?: DecisionCounter,
): EligibilityServiceServer {
  return {
    putPolicy: unary(async (req) => {
      const record = await service.putPolicy(req.tenantId, req.policyJson, req.expectedVersion);
      return { version: record.version };
    }),
    getPolicy: unary(async (req) => {
      const record = await service.getPolicy(req.tenantId, req.version);
      return { version: record.version, policyJson: record.policyJson, createdAt: record.createdAt };
    }),
    check: unary(async (req) => {
      const result = await service.check({
        tenantId: req.tenantId,
        order: req.order,
        now: req.now,
        policyVersion: req.policyVersion,
        locale: req.locale,
      });
      if (decisions) {
        for (const d of result.decisions) {
          const eligible = String(d.eligible);
          if (d.reasonCodes.length === 0) decisions.inc({ eligible, reason: 'NONE' });
          for (const c of d.reasonCodes) decisions.inc({ eligible, reason: BUILT_IN.has(c) ? c : 'CUSTOM' });
        }
      }
      return { policyVersion: result.policyVersion, decisions: result.decisions.map(toProtoDecision) };
    }),
    simulate: unary(async (req) => {
      const r = await service.simulate({
        tenantId: req.tenantId,
        draftPolicyJson: req.draftPolicyJson,
        orders: req.orders,
        now: req.now,
        locale: req.locale,
      });
      return {
        evaluated: r.evaluated,
        changed: r.changed,
        basePolicyVersion: r.basePolicyVersion,
        orders: r.orders,
        changes: r.changes.map((c) => ({
          orderId: c.orderId,
          lineItemId: c.lineItemId,
          before: c.before ? toProtoDecision(c.before) : undefined,
          after: toProtoDecision(c.after),
        })),
      };
    }),
  };
}
