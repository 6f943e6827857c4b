-- One round trip for the start of a turn transaction: the advisory locks on the batch's conversations
-- (hash order, as every writer of a conversation takes them), then the processed message ids and the
-- conversations. VOLATILE: the reading query takes its snapshot after the locks are held (READ
-- COMMITTED), so it sees everything committed by the previous holder of a lock.
CREATE FUNCTION agent_lock_and_read(lock_keys text[], msg_tenants text[], msg_ids text[], conv_tenants text[],
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
     WHERE (c.tenant_id, c.conversation_id) IN (SELECT * FROM unnest(conv_tenants, conv_ids));
END
$$;
