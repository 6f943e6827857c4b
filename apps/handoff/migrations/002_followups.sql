-- The receive time of the newest customer message in the handoff's transcript: later messages are not
-- in the ticket yet (NULL for attempts recorded before this column: the attempt's created_at is used).
ALTER TABLE handoff_attempts ADD COLUMN transcript_until timestamptz;

-- Shopper messages written after a handoff, appended to the open ticket (boomerang.channel.inbound.v1,
-- consumer group handoff.inbound). One row per inbound message id: a redelivered message is appended
-- once. The text itself is not stored here (it is in the ticket); only a hash, so a retry after an
-- uncertain vendor failure can tell whether its earlier try was applied.
CREATE TABLE ticket_followups (
  tenant_id text NOT NULL,
  message_id text NOT NULL,
  conversation_id text NOT NULL,
  destination text NOT NULL,
  ticket_ref text NOT NULL,
  text_hash text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'appended')),
  lease_until timestamptz,
  tries integer NOT NULL DEFAULT 0,
  vendor_ref text NOT NULL DEFAULT '',
  received_at timestamptz,
  created_at timestamptz NOT NULL,
  appended_at timestamptz,
  PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX ticket_followups_ticket ON ticket_followups (tenant_id, destination, ticket_ref, text_hash);

-- The shopper is told once per ticket that their messages go to it (the first appended message).
CREATE TABLE ticket_followup_acks (
  tenant_id text NOT NULL,
  destination text NOT NULL,
  ticket_ref text NOT NULL,
  message_id text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, destination, ticket_ref)
);
