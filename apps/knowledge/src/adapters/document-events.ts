import { decodeEvent, type EventBus, type Subscription, TOPICS } from '@boomerang/kit/bus';
import type { Logger } from '@boomerang/kit/logger';
import { DocumentChanged } from '@boomerang/proto/boomerang/events/v1/knowledge';

export const DOCUMENTS_TOPIC = TOPICS.knowledgeDocuments.name;

/**
 * Follows the documents topic with a consumer group of its own (every replica gets every change),
 * from the beginning of the compacted topic, so nothing published while the group joins is missed
 * and hands each change to `apply`, which reloads from the database (idempotent, version-checked).
 */
export async function followDocumentChanges(
  bus: EventBus,
  groupId: string,
  apply: (tenantId: string, documentId: string) => Promise<void>,
  logger: Logger,
): Promise<Subscription> {
  return bus.subscribe({ topics: [DOCUMENTS_TOPIC], groupId, fromBeginning: true }, async (m) => {
    const e = decodeEvent(DocumentChanged, m.value);
    if (!e.tenantId || !e.documentId) {
      logger.warn({ offset: m.offset }, 'DocumentChanged without tenant or document ignored');
      return;
    }
    const t = performance.now();
    await apply(e.tenantId, e.documentId);
    logger.debug(
      {
        tenant: e.tenantId,
        document: e.documentId,
        version: e.version,
        ms: Math.round(performance.now() - t),
      },
      'document change applied',
    );
  });
}
