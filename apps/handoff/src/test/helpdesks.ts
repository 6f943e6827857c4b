// Starts the three helpdesk fakes and configures a tenant's channels to route to them.
import { type FreshdeskFake, startFake as startFreshdesk } from '@boomerang/fakes/freshdesk';
import { type GorgiasFake, startFake as startGorgias } from '@boomerang/fakes/gorgias';
import { startFake as startZendesk, type ZendeskFake } from '@boomerang/fakes/zendesk';
import { Destination, type Routing } from '@boomerang/proto/boomerang/handoff/v1/handoff';
import type { Harness } from './harness';

export const SECRETS = {
  HANDOFF_SECRET_ZENDESK: 'zendesk-test-token',
  HANDOFF_SECRET_GORGIAS: 'gorgias-test-key',
  HANDOFF_SECRET_FRESHDESK: 'freshdesk-test-key',
  HANDOFF_SECRET_WRONG: 'not-the-token',
  HANDOFF_SECRET_HOOK: 'whsec-9f2c41d7e8a0-shared',
};

export interface Fakes {
  zendesk: ZendeskFake;
  gorgias: GorgiasFake;
  freshdesk: FreshdeskFake;
  /** Webhook targets of the fakes; tests point them at the handoff server. */
  hooks: {
    zendesk: { url: string; signingSecret: string };
    gorgias: { url: string; secret: string };
    freshdesk: { url: string; secret: string };
  };
  close(): Promise<void>;
}

export async function startHelpdeskFakes(): Promise<Fakes> {
  const hooks = {
    zendesk: { url: 'http://127.0.0.1:9/', signingSecret: SECRETS.HANDOFF_SECRET_HOOK },
    gorgias: { url: 'http://127.0.0.1:9/', secret: SECRETS.HANDOFF_SECRET_HOOK },
    freshdesk: { url: 'http://127.0.0.1:9/', secret: SECRETS.HANDOFF_SECRET_HOOK },
  };
  const zendesk = await startZendesk({
    fixtures: { rateLimit: { limit: 1000, windowSeconds: 60 }, webhook: hooks.zendesk },
  });
  const gorgias = await startGorgias({ fixtures: { webhook: hooks.gorgias } });
  const freshdesk = await startFreshdesk({ fixtures: { webhook: hooks.freshdesk } });
  return {
    zendesk,
    gorgias,
    freshdesk,
    hooks,
    async close() {
      await Promise.all([zendesk.close(), gorgias.close(), freshdesk.close()]);
    },
  };
}

export function route(
  tenantId: string,
  channel: string,
  destination: Destination,
  over: Partial<Routing> = {},
): Routing {
  return {
    tenantId,
    channel,
    destination,
    account: '',
    baseUrl: '',
    email: '',
    credentialRef: '',
    webhookSecretRef: '',
    messages: {},
    notices: [],
    version: 0,
    ...over,
  };
}

export async function routeAll(h: Harness, f: Fakes, tenantId: string): Promise<void> {
  await h.handoff.setRouting({
    routing: route(tenantId, 'webchat', Destination.DESTINATION_ZENDESK, {
      baseUrl: f.zendesk.url,
      email: 'agent@example.com',
      credentialRef: 'HANDOFF_SECRET_ZENDESK',
      webhookSecretRef: 'HANDOFF_SECRET_HOOK',
    }),
  });
  await h.handoff.setRouting({
    routing: route(tenantId, 'email', Destination.DESTINATION_GORGIAS, {
      baseUrl: f.gorgias.url,
      email: 'agent@example.com',
      credentialRef: 'HANDOFF_SECRET_GORGIAS',
      webhookSecretRef: 'HANDOFF_SECRET_HOOK',
    }),
  });
  await h.handoff.setRouting({
    routing: route(tenantId, 'sms', Destination.DESTINATION_FRESHDESK, {
      baseUrl: f.freshdesk.url,
      credentialRef: 'HANDOFF_SECRET_FRESHDESK',
      webhookSecretRef: 'HANDOFF_SECRET_HOOK',
    }),
  });
}
