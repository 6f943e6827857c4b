-- Published outbox rows are deleted from now on (they were marked with published_at and kept
-- forever, reply bodies included): clear the ones already published. The column stays (always NULL
-- on the rows left) so older replicas running during a rolling update keep working.
DELETE FROM agent_outbox WHERE published_at IS NOT NULL;

-- Processed inbound message ids are kept for a retention period (Engine.pruneProcessed), not
-- forever. A BRIN index finds the old ones for next to no cost per insert (rows arrive in time order).
CREATE INDEX agent_processed_messages_at ON agent_processed_messages USING brin (processed_at);
