/** KnowledgePort over gRPC (boomerang.knowledge.v1.KnowledgeService). */
import { createClient, type PromiseClient } from '@boomerang/kit/grpc';
import { KnowledgeServiceClient } from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import type { KnowledgePort } from '../domain/ports';

export type KnowledgeClient = PromiseClient<InstanceType<typeof KnowledgeServiceClient>>;

export function knowledgeClient(address: string): KnowledgeClient {
  return createClient(KnowledgeServiceClient, address, { deadlineMs: 3000 });
}

export function grpcKnowledge(client: KnowledgeClient): KnowledgePort {
  return {
    async answer(tenantId, question, locale) {
      const r = await client.answer({ tenantId, question, locale, filters: undefined });
      return {
        found: r.found,
        answer: r.answer,
        confidence: r.confidence,
        language: r.language,
        citations: r.citations.map((c) => ({
          title: c.documentTitle,
          url: c.url,
          section: c.section,
          quote: c.quote,
        })),
      };
    },
    async documentCount(tenantId) {
      const r = await client.listDocuments({ tenantId, pageSize: 100, pageToken: '' });
      return r.documents.length;
    },
    async statedReturnWindows(tenantId) {
      const r = await client.getPolicyFacts({ tenantId });
      return r.returnWindows.map((w) => ({ days: w.days, quote: w.quote, businessDays: w.businessDays }));
    },
    async documentLanguages(tenantId) {
      const r = await client.listDocuments({ tenantId, pageSize: 100, pageToken: '' });
      return r.documents.map((d) => d.language).filter(Boolean);
    },
  };
}
