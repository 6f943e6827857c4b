-- Inbound deduplication: one row per (tenant, channel message id). A row is 'pending' while its
-- publish is in flight and 'published' once the bus accepted it; only then is a replay a duplicate.
CREATE TABLE gateway_inbound_seen (
  tenant_id text NOT NULL,
  message_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'published')),
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX gateway_inbound_seen_seen_at ON gateway_inbound_seen (seen_at);

-- Last inbound per conversation: the WhatsApp 24 h customer-service window and email threading.
CREATE TABLE gateway_contacts (
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  channel int NOT NULL,
  sender text NOT NULL,
  last_inbound_at timestamptz NOT NULL,
  subject text NOT NULL DEFAULT '',
  thread_ref text NOT NULL DEFAULT '',
  PRIMARY KEY (tenant_id, conversation_id)
);

-- Synchronous requests (Kakao, Naver): where a late reply must go, and until when an inline answer was possible.
CREATE TABLE gateway_sync_requests (
  message_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  channel int NOT NULL,
  callback_url text NOT NULL DEFAULT '',
  deadline_at timestamptz NOT NULL
);

-- Outbound delivery ledger (idempotency): a reply is delivered once, inline or through the vendor API.
CREATE TABLE gateway_deliveries (
  message_id text PRIMARY KEY,
  tenant_id text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('inline', 'sending', 'sent')),
  vendor_id text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Web chat replies, kept so a reconnecting widget gets what it missed (SSE Last-Event-ID).
CREATE TABLE gateway_webchat_replies (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  conversation_id text NOT NULL,
  message_id text NOT NULL UNIQUE,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gateway_webchat_replies_conv ON gateway_webchat_replies (tenant_id, conversation_id, seq);
