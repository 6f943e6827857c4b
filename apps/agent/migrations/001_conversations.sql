-- Conversation state machine, transcript, decision log, idempotency and the outbox.
CREATE TABLE agent_conversations (
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  channel integer NOT NULL,
  sender text NOT NULL DEFAULT '',
  state text NOT NULL,
  version integer NOT NULL,
  language text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  outcome text,
  outcome_reason text,
  outcome_revision integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX agent_conversations_open ON agent_conversations (updated_at) WHERE outcome IS NULL;

CREATE TABLE agent_transcript (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  role text NOT NULL,
  text text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX agent_transcript_conv ON agent_transcript (tenant_id, conversation_id, id);

CREATE TABLE agent_decisions (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  message_id text NOT NULL,
  entries jsonb NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX agent_decisions_conv ON agent_decisions (tenant_id, conversation_id, id);

CREATE TABLE agent_processed_messages (
  tenant_id text NOT NULL,
  message_id text NOT NULL,
  conversation_id text NOT NULL,
  result jsonb NOT NULL,
  processed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, message_id)
);

CREATE TABLE agent_outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  value bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX agent_outbox_pending ON agent_outbox (id) WHERE published_at IS NULL;

CREATE TABLE agent_channels (
  tenant_id text NOT NULL,
  channel integer NOT NULL,
  enabled boolean NOT NULL DEFAULT false,
  activated_at timestamptz,
  intro_message text NOT NULL DEFAULT '',
  skills jsonb NOT NULL DEFAULT '["returns_exchanges"]'::jsonb,
  handoff_test_ok boolean,
  handoff_test_detail text NOT NULL DEFAULT '',
  handoff_destination text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel)
);

CREATE TABLE agent_tenant_settings (
  tenant_id text PRIMARY KEY,
  template_overrides jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
