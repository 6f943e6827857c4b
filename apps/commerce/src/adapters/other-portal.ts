// "Other" returns provider: a plain portal URL template; it cannot report return status.
import { FailedPrecondition } from '@boomerang/kit/errors';
import { ProviderKind } from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { ReturnsProvider } from '../domain/ports';
import { fillTemplate, templateValues } from './returns-common';

export function otherPortalProvider(cfg: { portalUrlTemplate: string }): ReturnsProvider {
  return {
    kind: ProviderKind.PROVIDER_KIND_OTHER,
    describe: () => `portal ${new URL(cfg.portalUrlTemplate.replace(/\{\w+\}/g, 'x')).host}`,
    async portalLink(input) {
      return { url: fillTemplate(cfg.portalUrlTemplate, templateValues(input)) };
    },
    async returnStatuses() {
      throw new FailedPrecondition('this returns portal does not report return status');
    },
  };
}
