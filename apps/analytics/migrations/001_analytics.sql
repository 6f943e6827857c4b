-- Current outcome per conversation: the row with the highest applied revision. Reasons given in the
-- conversation (normalised to the taxonomy, never the shopper's words) live here too, so a reopen
-- that changes them replaces them, and a replay of the outcome topic rebuilds them.
CREATE TABLE analytics_conversations (
  tenant_id       text        NOT NULL,
  conversation_id text        NOT NULL,
  revision        integer     NOT NULL,
  event_id        text        NOT NULL,
  outcome         text        NOT NULL CHECK (outcome IN ('resolved_by_agent', 'handed_off', 'abandoned')),
  channel         text        NOT NULL,
  skill           text        NOT NULL,
  started_at      timestamptz NOT NULL,
  occurred_at     timestamptz NOT NULL,
  time_zone       text        NOT NULL,
  day_start       date        NOT NULL,
  week_start      date        NOT NULL,
  return_reason   text,
  handoff_reason  text,
  product_type    text        NOT NULL DEFAULT '',
  sku             text        NOT NULL DEFAULT '',
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX analytics_conversations_day ON analytics_conversations (tenant_id, day_start);

-- Resolution-rate windows. version counts changes; published_version is the version last written
-- to the compacted topic (an outbox: rows with version > published_version still have to be published).
CREATE TABLE analytics_windows (
  tenant_id         text    NOT NULL,
  channel           text    NOT NULL,
  skill             text    NOT NULL,
  granularity       text    NOT NULL CHECK (granularity IN ('day', 'iso_week')),
  window_start      date    NOT NULL,
  time_zone         text    NOT NULL,
  conversations     bigint  NOT NULL DEFAULT 0,
  resolved_by_agent bigint  NOT NULL DEFAULT 0,
  handed_off        bigint  NOT NULL DEFAULT 0,
  abandoned         bigint  NOT NULL DEFAULT 0,
  version           bigint  NOT NULL DEFAULT 0,
  published_version bigint  NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel, skill, granularity, window_start)
);
CREATE INDEX analytics_windows_unpublished ON analytics_windows (tenant_id) WHERE version > published_version;

-- Outcome events that arrived after the allowed lateness: kept for audit, never applied.
CREATE TABLE analytics_late_dropped (
  event_id        text        PRIMARY KEY,
  tenant_id       text        NOT NULL,
  conversation_id text        NOT NULL,
  revision        integer     NOT NULL,
  outcome         text        NOT NULL,
  started_at      timestamptz NOT NULL,
  occurred_at     timestamptz NOT NULL,
  dropped_at      timestamptz NOT NULL DEFAULT now()
);

-- Return reasons reported by returns providers (CommerceEvent), one row per order line (SKU);
-- the newest event for a line wins.
CREATE TABLE analytics_provider_returns (
  tenant_id    text        NOT NULL,
  order_id     text        NOT NULL,
  sku          text        NOT NULL,
  event_id     text        NOT NULL,
  reason       text        NOT NULL,
  product_type text        NOT NULL DEFAULT '',
  occurred_at  timestamptz NOT NULL,
  day          date        NOT NULL,
  PRIMARY KEY (tenant_id, order_id, sku)
);

-- Handoff reasons from tickets (TicketEvent), one row per ticket; the highest ticket version wins.
CREATE TABLE analytics_ticket_reasons (
  tenant_id       text        NOT NULL,
  ticket_id       text        NOT NULL,
  conversation_id text        NOT NULL DEFAULT '',
  version         integer     NOT NULL,
  reason          text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  day             date        NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id)
);
