-- Policy versions per tenant: append-only (PutPolicy inserts version n+1, nothing is updated).
CREATE TABLE eligibility_policies (
  tenant_id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  policy_json text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version)
);

-- Orders that went through Check (minimised: no e-mail, name, address lines), kept for Simulate.
-- Bounded per tenant: the oldest beyond the configured limit are deleted.
CREATE TABLE eligibility_recent_orders (
  tenant_id text NOT NULL,
  order_id text NOT NULL,
  order_json text NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, order_id)
);
CREATE INDEX eligibility_recent_orders_by_time ON eligibility_recent_orders (tenant_id, seen_at DESC, order_id);
