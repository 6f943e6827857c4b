-- agent_lock_and_read also returns the unpublished outbox rows of the batch's conversations (kind 'o':
-- id and age), read under the conversations' locks. The relay then knows without a query of its own
-- whether an earlier reply of a conversation (left by a crash or a failed publish) must go out before
-- this transaction's replies; before, it asked PostgreSQL again before every publish.
CREATE OR REPLACE FUNCTION agent_lock_and_read(lock_keys text[], msg_tenants text[], msg_ids text[], conv_tenants text[],
  conv_ids text[])
RETURNS TABLE (kind text, doc jsonb)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  h integer;
BEGIN
  FOR h IN SELECT DISTINCT hashtext(k) FROM unnest(lock_keys) AS k ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(h);
  END LOOP;
  RETURN QUERY
    SELECT 'm'::text, jsonb_build_object('tenant_id', p.tenant_id, 'message_id', p.message_id, 'result', p.result)
      FROM agent_processed_messages p
     WHERE (p.tenant_id, p.message_id) IN (SELECT * FROM unnest(msg_tenants, msg_ids))
    UNION ALL
    SELECT 'c'::text, to_jsonb(c)
      FROM agent_conversations c
     WHERE (c.tenant_id, c.conversation_id) IN (SELECT * FROM unnest(conv_tenants, conv_ids))
    UNION ALL
    SELECT 'o'::text, jsonb_build_object('id', o.id, 'age_ms', extract(epoch FROM now() - o.created_at) * 1000)
      FROM agent_outbox o
     WHERE o.published_at IS NULL
       AND o.key IN (SELECT t || '/' || c FROM unnest(conv_tenants, conv_ids) AS x(t, c));
END
$$;
