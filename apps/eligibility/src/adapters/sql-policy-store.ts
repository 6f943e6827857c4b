import { Aborted } from '@boomerang/kit/errors';
import type { Sql } from '@boomerang/kit/sql';
import type { PolicyRecord, PolicyStore } from '../domain/ports';

type Row = { version: number; policy_json: string; created_at: Date | string };
const toRecord = (r: Row): PolicyRecord => ({
  version: Number(r.version),
  policyJson: r.policy_json,
  createdAt: new Date(r.created_at),
});

export function sqlPolicyStore(sql: Sql): PolicyStore {
  return {
    async append(tenantId, expectedVersion, policyJson) {
      // One statement: the insert happens only when expectedVersion is still the latest. Two racing
      // writers both aiming at n+1 meet on the primary key; the loser inserts nothing → ABORTED.
      const { rows } = await sql.query<Row>(
        `INSERT INTO eligibility_policies (tenant_id, version, policy_json)
         SELECT $1, $2::int + 1, $3
          WHERE (SELECT coalesce(max(version), 0) FROM eligibility_policies WHERE tenant_id = $1) = $2::int
         ON CONFLICT (tenant_id, version) DO NOTHING
         RETURNING version, policy_json, created_at`,
        [tenantId, expectedVersion, policyJson],
      );
      if (!rows[0]) {
        const latest = await this.latestVersion(tenantId);
        throw new Aborted(
          `policy version conflict: expected_version ${expectedVersion}, latest is ${latest}`,
          {
            field: 'expected_version',
          },
        );
      }
      return toRecord(rows[0]);
    },
    async get(tenantId, version) {
      const { rows } =
        version > 0
          ? await sql.query<Row>(
              'SELECT version, policy_json, created_at FROM eligibility_policies WHERE tenant_id = $1 AND version = $2',
              [tenantId, version],
            )
          : await sql.query<Row>(
              'SELECT version, policy_json, created_at FROM eligibility_policies WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1',
              [tenantId],
            );
      return rows[0] ? toRecord(rows[0]) : undefined;
    },
    async latestVersion(tenantId) {
      const { rows } = await sql.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM eligibility_policies WHERE tenant_id = $1',
        [tenantId],
      );
      return Number(rows[0]?.v ?? 0);
    },
  };
}
