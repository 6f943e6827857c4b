// Routing per tenant and channel: where a handoff goes, with which credentials (by reference) and what
// the shopper is told. Stored in SQL; set through SetRouting or the routing file at start.
import { InvalidArgument } from '@boomerang/kit/errors';
import type { Queryable, Sql } from '@boomerang/kit/sql';
import {
  Destination,
  type NoticeTemplate,
  type Routing,
} from '@boomerang/proto/boomerang/handoff/v1/handoff';
import {
  baseLanguage,
  channelName,
  type DestinationName,
  destinationEnum,
  destinationName,
  pickLanguage,
  render,
} from './model';
import { normaliseTrigger } from './notices';
import { type Clock, SECRET_REF, type SecretResolver } from './ports';

export interface Route {
  tenantId: string;
  channel: string;
  destination: DestinationName;
  account: string;
  baseUrl: string;
  email: string;
  credentialRef: string;
  webhookSecretRef: string;
  messages: Record<string, string>;
  notices: NoticeTemplate[];
  version: number;
}

/** Shown to the shopper after a handoff when the tenant wrote nothing for their language. */
export const DEFAULT_HANDOFF_MESSAGES: Record<string, string> = {
  en: "I've passed your request to our support team (ticket {ticket}). A person will get back to you as soon as possible.",
  ko: '상담 내용을 고객지원팀에 전달했습니다(티켓 {ticket}). 담당자가 최대한 빨리 연락드리겠습니다.',
  pl: 'Przekazałem Twoją sprawę naszemu zespołowi obsługi (zgłoszenie {ticket}). Konsultant odezwie się najszybciej, jak to możliwe.',
};

const HELPDESKS: DestinationName[] = ['zendesk', 'gorgias', 'freshdesk'];

export function isHelpdesk(d: DestinationName): d is 'zendesk' | 'gorgias' | 'freshdesk' {
  return HELPDESKS.includes(d);
}

/** Validates a Routing from the API or the routing file; every problem names its field. */
export function parseRouting(r: Routing | undefined): Omit<Route, 'version'> {
  if (!r) throw new InvalidArgument('routing is required', { field: 'routing' });
  const tenantId = r.tenantId.trim();
  if (!tenantId) throw new InvalidArgument('tenant_id is required', { field: 'routing.tenant_id' });
  const channel = channelName(r.channel);
  if (!channel) throw new InvalidArgument(`unknown channel "${r.channel}"`, { field: 'routing.channel' });
  const destination = destinationName(r.destination);
  if (!destination) throw new InvalidArgument('destination is required', { field: 'routing.destination' });
  const route = {
    tenantId,
    channel,
    destination,
    account: r.account.trim(),
    baseUrl: r.baseUrl.trim().replace(/\/+$/, ''),
    email: r.email.trim(),
    credentialRef: r.credentialRef.trim(),
    webhookSecretRef: r.webhookSecretRef.trim(),
    messages: Object.fromEntries(
      Object.entries(r.messages).map(([k, v]) => [k.trim().toLowerCase(), v.trim()]),
    ),
    notices: r.notices.map((n, i) => {
      const trigger = normaliseTrigger(n.trigger);
      if (!trigger)
        throw new InvalidArgument(
          `notice trigger "${n.trigger}" must look like "memo:<kind>", "status:<STATUS>" or "message:forwarded"`,
          { field: `routing.notices[${i}].trigger` },
        );
      return { ...n, trigger };
    }),
  };
  if (isHelpdesk(destination)) {
    if (!route.account && !route.baseUrl) {
      throw new InvalidArgument(`${destination} needs account (the ${destination} subdomain) or base_url`, {
        field: 'routing.account',
      });
    }
    if (route.baseUrl && !/^https?:\/\/[^\s/]+/.test(route.baseUrl)) {
      throw new InvalidArgument('base_url must be an http(s) URL', { field: 'routing.base_url' });
    }
    if (route.account && !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(route.account)) {
      throw new InvalidArgument('account must be the bare subdomain, e.g. "acme" for acme.zendesk.com', {
        field: 'routing.account',
      });
    }
    if (!SECRET_REF.test(route.credentialRef)) {
      throw new InvalidArgument(
        'credential_ref must name an environment variable HANDOFF_SECRET_* holding the API token',
        { field: 'routing.credential_ref' },
      );
    }
    if ((destination === 'zendesk' || destination === 'gorgias') && !/^[^@\s]+@[^@\s]+$/.test(route.email)) {
      throw new InvalidArgument(`${destination} needs the agent email the API token belongs to`, {
        field: 'routing.email',
      });
    }
  }
  if (route.webhookSecretRef && !SECRET_REF.test(route.webhookSecretRef)) {
    throw new InvalidArgument('webhook_secret_ref must name an environment variable HANDOFF_SECRET_*', {
      field: 'routing.webhook_secret_ref',
    });
  }
  if (destination === 'do_not_forward' && !Object.values(route.messages).some(Boolean)) {
    throw new InvalidArgument(
      'do-not-forward needs the message telling shoppers where to follow up (messages per language)',
      { field: 'routing.messages' },
    );
  }
  return route;
}

export function toRoutingMessage(r: Route): Routing {
  return {
    tenantId: r.tenantId,
    channel: r.channel,
    destination: destinationEnum(r.destination),
    account: r.account,
    baseUrl: r.baseUrl,
    email: r.email,
    credentialRef: r.credentialRef,
    webhookSecretRef: r.webhookSecretRef,
    messages: r.messages,
    notices: r.notices,
    version: r.version,
  };
}

/** Problems that stop the route from working right now (the launch checklist shows them). */
export function routeProblems(r: Route, secrets: SecretResolver): string[] {
  const problems: string[] = [];
  if (isHelpdesk(r.destination) && !secrets(r.credentialRef)) problems.push(`${r.credentialRef} is not set`);
  if (r.webhookSecretRef && !secrets(r.webhookSecretRef)) problems.push(`${r.webhookSecretRef} is not set`);
  return problems;
}

/** The handoff message in the shopper's language with {ticket} filled in. */
export function handoffMessage(r: Route, language: string, ticketRef: string): string {
  const same = (p: { language: string } | undefined) =>
    !!p && baseLanguage(p.language) === baseLanguage(language);
  const own = pickLanguage(r.messages, language);
  const builtIn = pickLanguage(DEFAULT_HANDOFF_MESSAGES, language);
  // The tenant's own words in the shopper's language first; then ours in that language; then any.
  const chosen =
    r.destination === 'do_not_forward' ? own : same(own) ? own : same(builtIn) ? builtIn : (own ?? builtIn);
  return render(chosen?.text ?? DEFAULT_HANDOFF_MESSAGES.en!, { ticket: ticketRef });
}

interface RouteRow {
  tenant_id: string;
  channel: string;
  destination: DestinationName;
  account: string;
  base_url: string;
  email: string;
  credential_ref: string;
  webhook_secret_ref: string;
  messages: Record<string, string>;
  notices: NoticeTemplate[];
  version: number;
}

const fromRow = (r: RouteRow): Route => ({
  tenantId: r.tenant_id,
  channel: r.channel,
  destination: r.destination,
  account: r.account,
  baseUrl: r.base_url,
  email: r.email,
  credentialRef: r.credential_ref,
  webhookSecretRef: r.webhook_secret_ref,
  messages: r.messages,
  notices: r.notices,
  version: r.version,
});

export class RoutingStore {
  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
  ) {}

  async get(tenantId: string, channel: string, q: Queryable = this.sql): Promise<Route | undefined> {
    const { rows } = await q.query<RouteRow>(
      'SELECT * FROM handoff_routes WHERE tenant_id = $1 AND channel = $2',
      [tenantId, channel],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async put(route: Omit<Route, 'version'>): Promise<Route> {
    const { rows } = await this.sql.query<RouteRow>(
      `INSERT INTO handoff_routes (tenant_id, channel, destination, account, base_url, email, credential_ref, webhook_secret_ref, messages, notices, version, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11)
       ON CONFLICT (tenant_id, channel) DO UPDATE SET destination = EXCLUDED.destination, account = EXCLUDED.account,
         base_url = EXCLUDED.base_url, email = EXCLUDED.email, credential_ref = EXCLUDED.credential_ref,
         webhook_secret_ref = EXCLUDED.webhook_secret_ref, messages = EXCLUDED.messages, notices = EXCLUDED.notices,
         version = handoff_routes.version + 1, updated_at = EXCLUDED.updated_at
       -- an identical route (e.g. the routing file applied at every start) is not a new version
       WHERE (handoff_routes.destination, handoff_routes.account, handoff_routes.base_url, handoff_routes.email,
              handoff_routes.credential_ref, handoff_routes.webhook_secret_ref, handoff_routes.messages, handoff_routes.notices)
         IS DISTINCT FROM (EXCLUDED.destination, EXCLUDED.account, EXCLUDED.base_url, EXCLUDED.email,
              EXCLUDED.credential_ref, EXCLUDED.webhook_secret_ref, EXCLUDED.messages, EXCLUDED.notices)
       RETURNING *`,
      [
        route.tenantId,
        route.channel,
        route.destination,
        route.account,
        route.baseUrl,
        route.email,
        route.credentialRef,
        route.webhookSecretRef,
        JSON.stringify(route.messages),
        JSON.stringify(route.notices),
        this.clock.now(),
      ],
    );
    if (rows[0]) return fromRow(rows[0]);
    const unchanged = await this.get(route.tenantId, route.channel);
    if (!unchanged) throw new Error(`route ${route.tenantId}/${route.channel} vanished during upsert`);
    return unchanged;
  }
}

export { Destination };
