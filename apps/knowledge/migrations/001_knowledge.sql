-- Documents and their chunks (with embeddings): the source of truth every replica rebuilds from.
CREATE TABLE knowledge_documents (
  tenant_id   text        NOT NULL,
  id          text        NOT NULL,
  title       text        NOT NULL,
  source_url  text        NOT NULL DEFAULT '',
  language    text        NOT NULL,
  tags        text[]      NOT NULL DEFAULT '{}',
  format      text        NOT NULL,
  version     integer     NOT NULL,
  chunk_count integer     NOT NULL,
  -- Deleted documents stay as tombstones so versions keep growing across delete + re-create.
  deleted     boolean     NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE INDEX knowledge_documents_live ON knowledge_documents (tenant_id, id) WHERE NOT deleted;

CREATE TABLE knowledge_chunks (
  tenant_id   text    NOT NULL,
  document_id text    NOT NULL,
  ordinal     integer NOT NULL,
  section     text    NOT NULL,
  text        text    NOT NULL,
  language    text    NOT NULL,
  -- float32 little-endian vector, and the embedder that produced it.
  embedding   bytea   NOT NULL,
  embedder_id text    NOT NULL,
  PRIMARY KEY (tenant_id, document_id, ordinal),
  FOREIGN KEY (tenant_id, document_id) REFERENCES knowledge_documents (tenant_id, id) ON DELETE CASCADE
);

-- The embedder the stored vectors belong to; a different one at start triggers a re-embed.
CREATE TABLE knowledge_index_meta (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  embedder_id text    NOT NULL,
  dimension   integer NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
