-- Transactional outbox for DocumentChanged: written in the same transaction as the document change,
-- published by the relay after commit and then deleted. A bus outage or a crash between commit and
-- publish delays the event, never loses it (consumers reload by version, so a repeat is harmless).
CREATE TABLE knowledge_outbox (
  id          bigserial   PRIMARY KEY,
  tenant_id   text        NOT NULL,
  document_id text        NOT NULL,
  version     integer     NOT NULL,
  deleted     boolean     NOT NULL,
  embedder_id text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
