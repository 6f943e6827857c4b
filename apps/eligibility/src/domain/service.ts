// The eligibility use cases, transport-free: PutPolicy / GetPolicy / Check / Simulate.
import { InvalidArgument, NotFound } from '@boomerang/kit/errors';
import { type CompiledPolicy, compilePolicy } from './compile';
import { type Decision, evaluateOrder } from './evaluate';
import { conditionText, explain } from './explain';
import { Lru } from './lru';
import { type Order, validateOrder } from './order';
import { parsePolicy } from './policy';
import type { PolicyRecord, PolicyStore, RecentOrderStore } from './ports';

export interface ExplainedDecision extends Decision {
  explanation: string;
  /** The conditions with their sentence in the requested locale. */
  conditionTexts: { code: string; text: string }[];
}

export function explained(d: Decision, locale: string): ExplainedDecision {
  return {
    ...d,
    explanation: explain(d, locale),
    conditionTexts: d.conditions.map((c) => ({ code: c.code, text: conditionText(c, locale) })),
  };
}

export interface SimulationChange {
  orderId: string;
  lineItemId: string;
  before?: ExplainedDecision;
  after: ExplainedDecision;
}

export interface SimulationResult {
  basePolicyVersion: number;
  orders: number;
  evaluated: number;
  changed: number;
  /** At most `maxChangesListed` entries; `changed` counts them all. */
  changes: SimulationChange[];
}

export interface EligibilityOptions {
  policies: PolicyStore;
  recentOrders: RecentOrderStore;
  clock?: () => Date;
  /** Compiled policy versions kept in memory (default 256). */
  cacheSize?: number;
  /**
   * How long the latest version number of a tenant may be reused without asking the database
   * (default 1000 ms; 0 = always ask). PutPolicy on this replica updates it at once; other replicas
   * pick a new version up within this time. A pinned policy_version is never affected.
   */
  latestVersionTtlMs?: number;
  /** Orders Simulate reads when none are given (default 200). */
  simulateRecentOrders?: number;
  maxOrdersPerSimulation?: number;
  maxChangesListed?: number;
}

function checkTenant(tenantId: string): void {
  if (!tenantId) throw new InvalidArgument('tenant_id: required', { field: 'tenant_id' });
  if (tenantId.length > 128)
    throw new InvalidArgument('tenant_id: at most 128 characters', { field: 'tenant_id' });
}

function checkOrderTenant(tenantId: string, order: Order, field: string): void {
  if (order.tenantId && order.tenantId !== tenantId) {
    throw new InvalidArgument(`${field}.tenant_id: the order belongs to another tenant`, {
      field: `${field}.tenant_id`,
    });
  }
}

const sameDecision = (a: Decision, b: Decision) =>
  a.eligible === b.eligible &&
  a.deadline === b.deadline &&
  a.exchangeDeadline === b.exchangeDeadline &&
  a.returnableQuantity === b.returnableQuantity &&
  a.storeCreditBonusPercent === b.storeCreditBonusPercent &&
  a.allowedResolutions.join() === b.allowedResolutions.join() &&
  a.reasonCodes.join() === b.reasonCodes.join() &&
  a.conditions.map((c) => c.code).join() === b.conditions.map((c) => c.code).join();

export class Eligibility {
  private readonly cache: Lru<string, CompiledPolicy>;
  private readonly clock: () => Date;
  private readonly latest = new Map<string, { version: number; until: number }>();

  constructor(private readonly o: EligibilityOptions) {
    this.cache = new Lru(o.cacheSize ?? 256);
    this.clock = o.clock ?? (() => new Date());
  }

  async putPolicy(tenantId: string, policyJson: string, expectedVersion: number): Promise<PolicyRecord> {
    checkTenant(tenantId);
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0)
      throw new InvalidArgument('expected_version: must be 0 or more', { field: 'expected_version' });
    const policy = parsePolicy(policyJson);
    compilePolicy(policy); // a policy that does not compile is never stored
    const record = await this.o.policies.append(tenantId, expectedVersion, JSON.stringify(policy));
    this.latest.delete(tenantId);
    return record;
  }

  async getPolicy(tenantId: string, version: number): Promise<PolicyRecord> {
    checkTenant(tenantId);
    if (!Number.isInteger(version) || version < 0)
      throw new InvalidArgument('version: must be 0 or more', { field: 'version' });
    const record = await this.o.policies.get(tenantId, version);
    if (!record)
      throw new NotFound(
        version ? `policy version ${version} not found` : 'no policy stored for this tenant',
      );
    return record;
  }

  /** The compiled policy for a version (0 = latest), compiled once per tenant and version. */
  async compiled(
    tenantId: string,
    version: number,
  ): Promise<{ version: number; compiled: CompiledPolicy } | undefined> {
    const v = version > 0 ? version : await this.latestVersion(tenantId);
    if (v === 0) return undefined;
    const key = `${tenantId}\u0000${v}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      const record = await this.o.policies.get(tenantId, v);
      if (!record) return undefined;
      compiled = compilePolicy(parsePolicy(record.policyJson));
      this.cache.set(key, compiled);
    }
    return { version: v, compiled };
  }

  private async latestVersion(tenantId: string): Promise<number> {
    const ttl = this.o.latestVersionTtlMs ?? 1000;
    const now = Date.now();
    const hit = this.latest.get(tenantId);
    if (hit && hit.until > now) return hit.version;
    const version = await this.o.policies.latestVersion(tenantId);
    if (ttl > 0 && version > 0) {
      if (this.latest.size >= 10_000) this.latest.clear();
      this.latest.set(tenantId, { version, until: now + ttl });
    }
    return version;
  }

  async check(input: {
    tenantId: string;
    order: Order | undefined;
    now?: Date;
    policyVersion: number;
    locale: string;
  }): Promise<{ policyVersion: number; decisions: ExplainedDecision[] }> {
    checkTenant(input.tenantId);
    validateOrder(input.order);
    checkOrderTenant(input.tenantId, input.order, 'order');
    if (!Number.isInteger(input.policyVersion) || input.policyVersion < 0)
      throw new InvalidArgument('policy_version: must be 0 or more', { field: 'policy_version' });
    const found = await this.compiled(input.tenantId, input.policyVersion);
    if (!found) {
      throw new NotFound(
        input.policyVersion
          ? `policy version ${input.policyVersion} not found`
          : 'no policy stored for this tenant',
      );
    }
    const now = input.now ?? this.clock();
    const decisions = evaluateOrder(found.compiled, input.order, now).map((d) => explained(d, input.locale));
    this.o.recentOrders.remember(input.tenantId, input.order, this.clock());
    return { policyVersion: found.version, decisions };
  }

  async simulate(input: {
    tenantId: string;
    draftPolicyJson: string;
    orders: Order[];
    now?: Date;
    locale: string;
  }): Promise<SimulationResult> {
    checkTenant(input.tenantId);
    const draft = compilePolicy(parsePolicy(input.draftPolicyJson, 'draft_policy_json'));
    const max = this.o.maxOrdersPerSimulation ?? 1000;
    if (input.orders.length > max)
      throw new InvalidArgument(`orders: at most ${max} per simulation`, { field: 'orders' });
    input.orders.forEach((order, i) => {
      validateOrder(order, `orders[${i}]`);
      checkOrderTenant(input.tenantId, order, `orders[${i}]`);
    });
    const orders = input.orders.length
      ? input.orders
      : await this.o.recentOrders.recent(input.tenantId, this.o.simulateRecentOrders ?? 200);
    const base = await this.compiled(input.tenantId, 0);
    const now = input.now ?? this.clock();
    const listed = this.o.maxChangesListed ?? 500;
    const result: SimulationResult = {
      basePolicyVersion: base?.version ?? 0,
      orders: orders.length,
      evaluated: 0,
      changed: 0,
      changes: [],
    };
    for (const order of orders) {
      const after = evaluateOrder(draft, order, now);
      const before = base ? evaluateOrder(base.compiled, order, now) : [];
      after.forEach((a, i) => {
        result.evaluated++;
        const b = before[i];
        if (b && sameDecision(a, b)) return;
        result.changed++;
        if (result.changes.length >= listed) return;
        result.changes.push({
          orderId: order.id,
          lineItemId: a.lineItemId,
          before: b ? explained(b, input.locale) : undefined,
          after: explained(a, input.locale),
        });
      });
    }
    return result;
  }
}
