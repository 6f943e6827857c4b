-- Handoff routing per tenant and channel. Credentials are references (env var names), never values.
CREATE TABLE handoff_routes (
  tenant_id text NOT NULL,
  channel text NOT NULL,
  destination text NOT NULL,
  account text NOT NULL DEFAULT '',
  base_url text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  credential_ref text NOT NULL DEFAULT '',
  webhook_secret_ref text NOT NULL DEFAULT '',
  messages jsonb NOT NULL DEFAULT '{}',
  notices jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, channel)
);

-- One row per (tenant, conversation, attempt): written before the destination is called, so a retry
-- (or a replica after a crash) knows an external ticket may already exist and looks it up first.
CREATE TABLE handoff_attempts (
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  attempt integer NOT NULL,
  destination text NOT NULL,
  channel text NOT NULL,
  external_key text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'created')),
  lease_until timestamptz,
  tries integer NOT NULL DEFAULT 0,
  ticket_ref text NOT NULL DEFAULT '',
  message text NOT NULL DEFAULT '',
  language text NOT NULL DEFAULT '',
  resolved_at timestamptz,
  created_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  PRIMARY KEY (tenant_id, conversation_id, attempt)
);
CREATE INDEX handoff_attempts_ref ON handoff_attempts (tenant_id, destination, ticket_ref);

-- The built-in desk.
CREATE TABLE tickets (
  seq bigserial UNIQUE,
  tenant_id text NOT NULL,
  id text NOT NULL,
  conversation_id text NOT NULL DEFAULT '',
  channel text NOT NULL DEFAULT '',
  language text NOT NULL DEFAULT '',
  recipient text NOT NULL DEFAULT '',
  customer jsonb NOT NULL DEFAULT '{}',
  subject text NOT NULL,
  status text NOT NULL CHECK (status IN ('OPEN', 'PENDING', 'RESOLVED', 'CLOSED')),
  priority text NOT NULL CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
  assignee_id text NOT NULL DEFAULT '',
  assignee_role text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  transcript jsonb NOT NULL DEFAULT '[]',
  idempotency_key text,
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX tickets_list ON tickets (tenant_id, seq DESC);
CREATE INDEX tickets_assignee ON tickets (tenant_id, assignee_id, seq DESC);
CREATE INDEX tickets_conversation ON tickets (tenant_id, conversation_id);

CREATE TABLE ticket_memos (
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  id text NOT NULL,
  author text NOT NULL,
  text text NOT NULL,
  kind text NOT NULL DEFAULT '',
  internal boolean NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id, id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id)
);

-- Audit history: one row per change, never updated. Watch tails it by seq (works across replicas).
CREATE TABLE ticket_history (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  ticket_id text NOT NULL,
  version integer NOT NULL,
  change text NOT NULL,
  actor text NOT NULL DEFAULT '',
  detail text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  UNIQUE (tenant_id, ticket_id, version),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id)
);
CREATE INDEX ticket_history_tenant ON ticket_history (tenant_id, seq);

-- Transactional outbox: events are written in the same transaction as the change and published by
-- the relay after commit; a bus outage delays them, never loses them.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0
);
