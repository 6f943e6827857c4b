import { isValidTimeZone } from './windows';

/** Per-tenant settings analytics needs: the brand's time zone (windows are its days and weeks). */
export interface TenantDirectory {
  timeZone(tenantId: string): string | Promise<string>;
}

/** Time zones from configuration ("brand-kr=Asia/Seoul,brand-pl=Europe/Warsaw"), default for the rest. */
export function staticTenants(zones: Record<string, string> = {}, defaultTimeZone = 'UTC'): TenantDirectory {
  for (const [tenant, zone] of Object.entries({ ...zones, '(default)': defaultTimeZone })) {
    if (!isValidTimeZone(zone)) throw new Error(`unknown time zone "${zone}" for tenant ${tenant}`);
  }
  return { timeZone: (tenantId) => zones[tenantId] ?? defaultTimeZone };
}

/** Parses "tenant=Zone,tenant=Zone". */
export function parseTimeZones(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [tenant, zone] = pair.split('=').map((s) => s.trim());
    if (!tenant || !zone) throw new Error(`expected tenant=Time/Zone, got "${pair}"`);
    out[tenant] = zone;
  }
  return out;
}
