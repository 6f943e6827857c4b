// Builds the adapter for a route, resolving its credential reference at call time (never stored).
import { FailedPrecondition } from '@boomerang/kit/errors';
import type { AdapterFactory } from '../domain/handoff';
import type { SecretResolver } from '../domain/ports';
import type { Route } from '../domain/routing';
import { createFreshdeskAdapter, freshdeskBaseUrl } from './freshdesk';
import { createGorgiasAdapter, gorgiasBaseUrl } from './gorgias';
import type { HttpOptions } from './http-client';
import { createZendeskAdapter, zendeskBaseUrl } from './zendesk';

export function helpdeskAdapters(secrets: SecretResolver, http: HttpOptions = {}): AdapterFactory {
  return (route: Route) => {
    const secret = secrets(route.credentialRef);
    if (!secret) {
      throw new FailedPrecondition(
        `${route.destination} handoff for channel ${route.channel} is misconfigured: ${route.credentialRef || 'credential_ref'} is not set`,
        { field: 'routing.credential_ref' },
      );
    }
    switch (route.destination) {
      case 'zendesk':
        return createZendeskAdapter(
          { baseUrl: route.baseUrl || zendeskBaseUrl(route.account), email: route.email, apiToken: secret },
          http,
        );
      case 'gorgias':
        return createGorgiasAdapter(
          { baseUrl: route.baseUrl || gorgiasBaseUrl(route.account), email: route.email, apiKey: secret },
          http,
        );
      case 'freshdesk':
        return createFreshdeskAdapter(
          { baseUrl: route.baseUrl || freshdeskBaseUrl(route.account), apiKey: secret },
          http,
        );
      default:
        throw new FailedPrecondition(`${route.destination} is not an external helpdesk`);
    }
  };
}
