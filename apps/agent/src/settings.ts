/** Tenant settings, channels (on/off with activation time) and the launch checklist (seed 002). */
import { FailedPrecondition, InvalidArgument, NotFound } from '@boomerang/kit/errors';
import type { Sql } from '@boomerang/kit/sql';
import { Channel } from '@boomerang/proto/boomerang/events/v1/channel';
import type { Logger } from 'pino';
import { type Lang, mainLanguage } from './domain/language';
import { aboutExchangesOnly, isDefectPeriod, isShopperWindow } from './domain/policy-windows';
import { channelName, type Ports } from './domain/ports';
import { type Overrides, overrideProblems } from './domain/templates';

export interface ChannelSettings {
  channel: Channel;
  enabled: boolean;
  activatedAt?: Date;
  introMessage: string;
  skills: string[];
  handoffTestOk?: boolean;
  handoffDetail: string;
}

export interface ChecklistItem {
  id: string;
  done: boolean;
  detail: string;
}

export interface SkillStatus {
  live: boolean;
  missing: string[];
  limitedMode: boolean;
  warnings: string[];
}

/** The skills a channel can run (UpdateChannel refuses any other name). */
export const SKILLS: readonly string[] = ['returns_exchanges'];

const CHAT_CHANNELS = new Set([Channel.CHANNEL_WEBCHAT, Channel.CHANNEL_KAKAO, Channel.CHANNEL_NAVER]);
const CACHE_MS = 2000;
/** An expired value is still served (and re-read in the background) for this long. */
const STALE_MS = 10_000;

/**
 * Settings read at most CACHE_MS ago. One read per key at a time; a value that expired less than
 * STALE_MS ago is served while it is re-read in the background, so turns never wait for a refresh
 * (a change made on another replica shows here after CACHE_MS plus one read). `delete` (a change made
 * here) takes effect at once: a read that started before it is not stored.
 */
class SettingsCache<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private readonly loading = new Map<string, Promise<V>>();
  private generation = 0;

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    const age = hit ? Date.now() - hit.at : Number.POSITIVE_INFINITY;
    if (hit && age < CACHE_MS) return hit.value;
    if (hit && age < STALE_MS) {
      this.read(key, load).catch(() => undefined); // the stale value serves meanwhile
      return hit.value;
    }
    return this.read(key, load);
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  private read(key: string, load: () => Promise<V>): Promise<V> {
    const running = this.loading.get(key);
    if (running) return running;
    const generation = this.generation;
    const p = load().then(
      (value) => {
        if (this.loading.get(key) === p) this.loading.delete(key);
        if (generation === this.generation) this.entries.set(key, { at: Date.now(), value });
        return value;
      },
      (err: unknown) => {
        if (this.loading.get(key) === p) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    return p;
  }
}

export class Settings {
  private readonly channelCache = new SettingsCache<ChannelSettings>();
  private readonly overrideCache = new SettingsCache<Overrides>();
  private readonly limitedCache = new Map<string, { at: number; value: boolean }>();
  private readonly languageCache = new SettingsCache<Lang | undefined>();

  constructor(
    private readonly sql: Sql,
    private readonly ports: Ports,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  channel(tenantId: string, channel: Channel): Promise<ChannelSettings> {
    return this.channelCache.get(`${tenantId}/${channel}`, () => this.readChannel(tenantId, channel));
  }

  private async readChannel(tenantId: string, channel: Channel): Promise<ChannelSettings> {
    const { rows } = await this.sql.query<{
      enabled: boolean;
      activated_at: Date | string | null;
      intro_message: string;
      skills: string[];
      handoff_test_ok: boolean | null;
      handoff_test_detail: string;
    }>('SELECT * FROM agent_channels WHERE tenant_id = $1 AND channel = $2', [tenantId, channel]);
    const r = rows[0];
    const value: ChannelSettings = r
      ? {
          channel,
          enabled: r.enabled,
          activatedAt: r.activated_at ? new Date(r.activated_at) : undefined,
          introMessage: r.intro_message,
          skills: r.skills,
          handoffTestOk: r.handoff_test_ok ?? undefined,
          handoffDetail: r.handoff_test_detail,
        }
      : { channel, enabled: false, introMessage: '', skills: ['returns_exchanges'], handoffDetail: '' };
    return value;
  }

  async channels(tenantId: string): Promise<ChannelSettings[]> {
    const { rows } = await this.sql.query<{ channel: number }>(
      'SELECT channel FROM agent_channels WHERE tenant_id = $1 ORDER BY channel',
      [tenantId],
    );
    return Promise.all(rows.map((r) => this.channel(tenantId, r.channel as Channel)));
  }

  overrides(tenantId: string): Promise<Overrides> {
    return this.overrideCache.get(tenantId, async () => {
      const { rows } = await this.sql.query<{ template_overrides: Overrides }>(
        'SELECT template_overrides FROM agent_tenant_settings WHERE tenant_id = $1',
        [tenantId],
      );
      return rows[0]?.template_overrides ?? {};
    });
  }

  async setOverrides(tenantId: string, json: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = json.trim() ? JSON.parse(json) : {};
    } catch {
      throw new InvalidArgument('template_overrides_json is not valid JSON', {
        field: 'template_overrides_json',
      });
    }
    // Stored overrides are rendered on every turn: a number where text belongs, or a misspelt key,
    // would break (or silently miss) every reply that uses it. Refused here, with each problem named.
    const problems = overrideProblems(parsed);
    if (problems.length) {
      const first = problems[0]!;
      throw new InvalidArgument(
        `template_overrides_json: ${problems.map((p) => `${p.field || '(root)'} ${p.problem}`).join('; ')}`,
        { field: `template_overrides_json${first.field ? `.${first.field}` : ''}` },
      );
    }
    await this.sql.query(
      `INSERT INTO agent_tenant_settings (tenant_id, template_overrides, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (tenant_id) DO UPDATE SET template_overrides = EXCLUDED.template_overrides, updated_at = now()`,
      [tenantId, JSON.stringify(parsed)],
    );
    this.overrideCache.delete(tenantId);
  }

  /** Is the handoff for this channel configured? The handoff service's routing, else the last TestHandoff. */
  private async handoffReady(
    tenantId: string,
    ch: ChannelSettings,
  ): Promise<{ ok: boolean; detail: string }> {
    try {
      const routing = await this.ports.handoff.routing(tenantId, channelName(ch.channel));
      if (routing) return { ok: routing.configured, detail: routing.destination };
    } catch (err) {
      this.logger.warn({ err, tenant: tenantId }, 'handoff routing unavailable');
    }
    return { ok: ch.handoffTestOk === true, detail: ch.handoffDetail || 'run TestHandoff' };
  }

  /** Missing items that keep a channel from being turned on. */
  async missingForChannel(tenantId: string, ch: ChannelSettings): Promise<string[]> {
    const missing: string[] = [];
    if (CHAT_CHANNELS.has(ch.channel) && !ch.introMessage.trim()) missing.push('intro_message');
    if (ch.skills.length === 0) missing.push('skills');
    if (!(await this.handoffReady(tenantId, ch)).ok) missing.push('handoff');
    return missing;
  }

  async updateChannel(
    tenantId: string,
    channel: Channel,
    update: { enabled: boolean; introMessage: string; skills: string[] },
  ): Promise<{ enabled: boolean; activatedAt?: Date; missing: string[] }> {
    if (!tenantId) throw new InvalidArgument('tenant_id is required', { field: 'tenant_id' });
    if (channel === Channel.CHANNEL_UNSPECIFIED || !(channel in Channel))
      throw new InvalidArgument('channel is required', { field: 'channel' });
    const unknown = [...new Set(update.skills.filter((s) => !SKILLS.includes(s)))];
    if (unknown.length)
      throw new InvalidArgument(
        `skills: unknown skill${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => `"${s}"`).join(', ')}; valid skills: ${SKILLS.join(', ')}`,
        { field: 'skills' },
      );
    const current = await this.channel(tenantId, channel);
    const next: ChannelSettings = {
      ...current,
      introMessage: update.introMessage,
      skills: update.skills.length ? [...new Set(update.skills)] : current.skills,
    };
    if (update.enabled) {
      const missing = await this.missingForChannel(tenantId, next);
      if (missing.length) {
        throw new FailedPrecondition(
          `cannot turn on ${channelName(channel)}: missing ${missing.join(', ')}`,
          { field: missing[0] },
        );
      }
    }
    const activatedAt = update.enabled
      ? current.enabled && current.activatedAt
        ? current.activatedAt
        : this.clock()
      : undefined;
    await this.sql.query(
      `INSERT INTO agent_channels (tenant_id, channel, enabled, activated_at, intro_message, skills, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (tenant_id, channel) DO UPDATE SET enabled = EXCLUDED.enabled, activated_at = EXCLUDED.activated_at,
         intro_message = EXCLUDED.intro_message, skills = EXCLUDED.skills, updated_at = now()`,
      [
        tenantId,
        channel,
        update.enabled,
        activatedAt ?? null,
        next.introMessage,
        JSON.stringify(next.skills),
      ],
    );
    this.channelCache.delete(`${tenantId}/${channel}`);
    return { enabled: update.enabled, activatedAt, missing: [] };
  }

  async testHandoff(
    tenantId: string,
    channel: Channel,
  ): Promise<{ ok: boolean; destination: string; ticketRef: string; error: string }> {
    if (channel === Channel.CHANNEL_UNSPECIFIED)
      throw new InvalidArgument('channel is required', { field: 'channel' });
    const res = await this.ports.handoff.testHandoff(tenantId, channelName(channel));
    await this.sql.query(
      `INSERT INTO agent_channels (tenant_id, channel, handoff_test_ok, handoff_test_detail, handoff_destination, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (tenant_id, channel) DO UPDATE SET handoff_test_ok = EXCLUDED.handoff_test_ok,
         handoff_test_detail = EXCLUDED.handoff_test_detail, handoff_destination = EXCLUDED.handoff_destination, updated_at = now()`,
      [tenantId, channel, res.ok, res.ok ? res.destination : res.error, res.destination],
    );
    this.channelCache.delete(`${tenantId}/${channel}`);
    return res;
  }

  /**
   * NOT_FOUND for a tenant the store side (commerce, which holds the tenants' stores) does not know:
   * admin calls for a mistyped tenant must not create settings or pass simulations. When commerce
   * cannot be asked, the call goes on (the checklist then reports commerce as unavailable).
   */
  async assertKnownTenant(tenantId: string): Promise<void> {
    if (this.knownTenants.has(tenantId)) return;
    try {
      await this.ports.commerce.listProviders(tenantId);
      this.knownTenants.add(tenantId);
    } catch (err) {
      if ((err as Error)?.name === 'NotFound') throw new NotFound(`unknown tenant "${tenantId}"`);
    }
  }
  private readonly knownTenants = new Set<string>();

  /**
   * The language the brand's documents are written in (most of them): the reply language for a
   * first message that says nothing either way. Undefined when unknown or the knowledge service
   * can't tell.
   */
  async documentLanguage(tenantId: string): Promise<Lang | undefined> {
    const list = this.ports.knowledge.documentLanguages;
    if (!list) return undefined;
    try {
      return await this.languageCache.get(tenantId, async () =>
        mainLanguage(await list.call(this.ports.knowledge, tenantId)),
      );
    } catch (err) {
      this.logger.debug({ err, tenant: tenantId }, 'document languages unavailable');
      return undefined;
    }
  }

  async limitedMode(tenantId: string): Promise<boolean> {
    const hit = this.limitedCache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    let value: boolean;
    try {
      const providers = await this.ports.commerce.listProviders(tenantId);
      value = !providers.some((p) => p.connected);
    } catch {
      value = true;
    }
    this.limitedCache.set(tenantId, { at: Date.now(), value });
    return value;
  }

  async checklist(tenantId: string): Promise<ChecklistItem[]> {
    const items: ChecklistItem[] = [];
    let docs = 0;
    try {
      docs = await this.ports.knowledge.documentCount(tenantId);
      items.push({
        id: 'policy_content',
        done: docs > 0,
        detail: docs > 0 ? `${docs} document(s)` : 'upload the returns & exchanges policy',
      });
    } catch (err) {
      items.push({
        id: 'policy_content',
        done: false,
        detail: `knowledge service unavailable: ${(err as Error).message}`,
      });
    }
    try {
      const providers = await this.ports.commerce.listProviders(tenantId);
      items.push({ id: 'customer_hub', done: true, detail: 'sign-in available' });
      const connected = providers.filter((p) => p.connected);
      items.push({
        id: 'returns_provider',
        done: connected.length > 0,
        detail: connected.length
          ? connected.map((p) => p.kind).join(', ')
          : 'connect Loop, AfterShip or a portal URL',
      });
    } catch (err) {
      items.push({
        id: 'customer_hub',
        done: false,
        detail: `commerce service unavailable: ${(err as Error).message}`,
      });
      items.push({ id: 'returns_provider', done: false, detail: 'unknown' });
    }
    try {
      // Without a policy every eligibility check fails: no item could be offered for return.
      const days = await this.ports.eligibility.policyWindowDays(tenantId);
      items.push({
        id: 'eligibility_policy',
        done: days !== undefined,
        detail: days !== undefined ? `return window ${days} days` : 'put the eligibility policy (PutPolicy)',
      });
    } catch (err) {
      items.push({
        id: 'eligibility_policy',
        done: false,
        detail: `eligibility service unavailable: ${(err as Error).message}`,
      });
    }
    const channels = await this.channels(tenantId);
    for (const ch of channels) {
      const name = channelName(ch.channel);
      const handoff = await this.handoffReady(tenantId, ch);
      items.push({ id: `handoff:${name}`, done: handoff.ok, detail: handoff.detail });
      const missing = (await this.missingForChannel(tenantId, ch)).filter((m) => m !== 'handoff');
      items.push({
        id: `channel:${name}`,
        done: ch.enabled,
        detail: ch.enabled
          ? `on since ${ch.activatedAt?.toISOString() ?? ''}`
          : missing.length
            ? `missing ${missing.join(', ')}`
            : 'off',
      });
    }
    items.push({
      id: 'active_channel',
      done: channels.some((c) => c.enabled),
      detail:
        channels
          .filter((c) => c.enabled)
          .map((c) => channelName(c.channel))
          .join(', ') || 'no channel is on',
    });
    return items;
  }

  async skillStatus(tenantId: string): Promise<SkillStatus> {
    const items = await this.checklist(tenantId);
    const done = (id: string) => items.find((i) => i.id === id)?.done === true;
    const missing = [
      'policy_content',
      'eligibility_policy',
      'returns_provider',
      'customer_hub',
      'active_channel',
    ].filter((id) => !done(id));
    const warnings: string[] = [];
    // A channel that is on while its handoff broke since (a secret removed, routing changed):
    // shoppers who ask for a person there cannot reach one.
    for (const i of items) {
      if (!i.id.startsWith('channel:') || !i.done) continue;
      const name = i.id.slice('channel:'.length);
      const h = items.find((x) => x.id === `handoff:${name}`);
      if (h && !h.done)
        warnings.push(
          `handoff_not_ready:${name}: the channel is on, but its handoff is not ready (${h.detail})`,
        );
    }
    try {
      const eligibility = this.ports.eligibility;
      const [stated, windowDays, windows] = await Promise.all([
        this.ports.knowledge.statedReturnWindows(tenantId),
        eligibility.policyWindowDays(tenantId),
        eligibility.policyWindows
          ? eligibility.policyWindows(tenantId)
          : Promise.resolve({ returns: [], exchanges: [] }),
      ]);
      if (windowDays !== undefined) {
        // Only the time the shopper has to return within: a refund or complaint-handling time
        // ("5 dni roboczych", "Reklamację rozpatrujemy w ciągu 14 dni") is no return window, nor is
        // a period for faulty goods (a warranty / complaint right, not the return window). A period
        // equal to a return window the policy sets (an override's "electronics: 15 days") agrees
        // with it; an exchange window agrees only with a sentence about exchanges alone ("wymiana w
        // ciągu 30 dni"), so a 30-day exchange window never hides a 21-day return window from
        // documents that promise 30 days to return.
        const returns = new Set([windowDays, ...windows.returns]);
        const exchanges = new Set(windows.exchanges);
        const agrees = (s: { days: number; quote: string }) =>
          returns.has(s.days) || (exchanges.has(s.days) && aboutExchangesOnly(s));
        const mismatched = stated.filter((s) => isShopperWindow(s) && !isDefectPeriod(s) && !agrees(s));
        if (mismatched.length) {
          const days = [...new Set(mismatched.map((m) => m.days))];
          const set = [...returns].sort((a, b) => a - b).join('/');
          warnings.push(
            `return_window_mismatch: the policy documents say ${days.join('/')} days ("${mismatched[0]!.quote}"), but no return window of the eligibility policy is ${days.length > 1 ? 'any of these' : 'that long'}: it sets ${set} days (main window ${windowDays} days). Change the documents or the policy; for a period of one kind of product, add an override for it`,
          );
        }
      }
    } catch (err) {
      this.logger.debug({ err }, 'return window comparison skipped');
    }
    return {
      live: missing.length === 0,
      missing,
      limitedMode: done('policy_content') && (!done('returns_provider') || !done('customer_hub')),
      warnings,
    };
  }
}
