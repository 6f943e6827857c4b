// "Other" returns provider: a plain portal URL template; it cannot report return status.
import { FailedPrecondition } from '@boomerang/kit/errors';
import { ProviderKind } from '@boomerang/proto/boomerang/commerce/v1/returns';
import type { ReturnsProvider } from '../domain/ports';
import { fillTemplate } from './returns-common';

export function otherPortalProvider(cfg: { portalUrlTemplate: string }): ReturnsProvider {
  return {
    kind: ProviderKind.PROVIDER_KIND_OTHER,
    describe: () => `portal ${new URL(cfg.portalUrlTemplate.replace(/\{\w+\}/g, 'x')).host}`,
    async portalLink({ order, customer }) {
      return {
        url: fillTemplate(cfg.portalUrlTemplate, {
          order_number: order.name.replace(/^#/, ''),
          order_name: order.name,
          order_id: order.id,
          email: order.email || customer.email,
          zip: order.shippingAddress?.zip ?? '',
          phone: customer.phone,
        }),
      };
    },
    async returnStatuses() {
      throw new FailedPrecondition('this returns portal does not report return status');
    },
  };
}
