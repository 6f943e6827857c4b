// Domain decisions ↔ proto messages.
import { Resolution as ProtoResolution } from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { LineItemDecision } from '@boomerang/proto/boomerang/eligibility/v1/eligibility';
import type { Resolution } from '../domain/policy';
import type { ExplainedDecision } from '../domain/service';

const RESOLUTION: Record<Resolution, ProtoResolution> = {
  REFUND: ProtoResolution.RESOLUTION_REFUND,
  EXCHANGE: ProtoResolution.RESOLUTION_EXCHANGE,
  STORE_CREDIT: ProtoResolution.RESOLUTION_STORE_CREDIT,
};

export function toProtoDecision(d: ExplainedDecision): LineItemDecision {
  return {
    lineItemId: d.lineItemId,
    eligible: d.eligible,
    deadline: d.deadline,
    exchangeDeadline: d.exchangeDeadline,
    allowedResolutions: d.allowedResolutions.map((r) => RESOLUTION[r]),
    reasonCodes: d.reasonCodes,
    trace: d.trace.map((t) => ({ rule: t.rule, fired: t.fired, factsJson: JSON.stringify(t.facts) })),
    explanation: d.explanation,
    returnableQuantity: d.returnableQuantity,
    storeCreditBonusPercent: d.storeCreditBonusPercent,
    inReturnQuantity: d.inReturnQuantity,
    returnRequestedOn: d.returnRequestedOn,
    conditions: d.conditionTexts,
    returnedQuantity: d.returnedQuantity,
  };
}
