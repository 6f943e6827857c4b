-- Commerce service: sign-in challenges, sessions, used identity tokens, order cache, webhook dedupe.

-- One-time codes. The code is stored only as HMAC-SHA256(pepper, challenge id + code).
CREATE TABLE commerce_challenges (
  id              text PRIMARY KEY,
  tenant_id       text NOT NULL,
  conversation_id text NOT NULL,
  -- NULL when the identifier matched no customer: the challenge exists but can never succeed.
  customer_id     text,
  identifier_hash text NOT NULL,
  method          text NOT NULL,
  masked_destination text NOT NULL,
  code_hash       text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  consumed_at     timestamptz
);
CREATE INDEX commerce_challenges_identifier ON commerce_challenges (tenant_id, identifier_hash, created_at DESC);

-- Sessions: the id handed to callers is never stored, only its SHA-256.
CREATE TABLE commerce_sessions (
  id_hash         text PRIMARY KEY,
  tenant_id       text NOT NULL,
  conversation_id text NOT NULL,
  customer_id     text NOT NULL,
  method          text NOT NULL,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX commerce_sessions_expiry ON commerce_sessions (expires_at);

-- Identity tokens already used (jti), kept until they expire: a token signs in once.
CREATE TABLE commerce_used_tokens (
  tenant_id  text NOT NULL,
  jti        text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, jti)
);

-- Normalised orders (boomerang.commerce.v1.Order as JSON), refreshed by webhooks.
CREATE TABLE commerce_orders (
  tenant_id   text NOT NULL,
  order_id    text NOT NULL,
  customer_id text NOT NULL,
  name        text NOT NULL,
  data        jsonb NOT NULL,
  source_updated_at timestamptz,
  fetched_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, order_id)
);
CREATE INDEX commerce_orders_customer ON commerce_orders (tenant_id, customer_id);
CREATE INDEX commerce_orders_name ON commerce_orders (tenant_id, name);

-- Webhook deliveries already accepted (vendor delivery id, or a digest of the signed body).
CREATE TABLE commerce_webhook_deliveries (
  tenant_id   text NOT NULL,
  source      text NOT NULL,
  delivery_key text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, source, delivery_key)
);
