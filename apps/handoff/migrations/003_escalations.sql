-- Helpdesk tickets to raise to the vendor's highest priority (a dispute or threat after the handoff).
-- Written in the transaction that accepts the urgent message, then worked off by the escalation relay
-- with backoff until the vendor takes it (done) or refuses for good (given_up); a restart resumes it.
-- One row per ticket: the same message asked twice (a redelivery, the agent's copy of what the follower
-- added) changes nothing; a later urgent message re-arms a finished row (someone may have lowered it).
CREATE TABLE helpdesk_escalations (
  tenant_id text NOT NULL,
  destination text NOT NULL,
  ticket_ref text NOT NULL,
  conversation_id text NOT NULL,
  channel text NOT NULL,
  message_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done', 'given_up')),
  tries integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, destination, ticket_ref)
);
CREATE INDEX helpdesk_escalations_due ON helpdesk_escalations (next_attempt_at) WHERE state = 'pending';
