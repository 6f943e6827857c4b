import { unary } from '@boomerang/kit/grpc';
import {
  type Document,
  DocumentFormat,
  type KnowledgeServiceServer,
} from '@boomerang/proto/boomerang/knowledge/v1/knowledge';
import type { DocumentRecord } from '../adapters/repository';
import type { Format, KnowledgeService } from '../domain/knowledge';

const FORMATS: Partial<Record<DocumentFormat, Format>> = {
  [DocumentFormat.DOCUMENT_FORMAT_TEXT]: 'text',
  [DocumentFormat.DOCUMENT_FORMAT_MARKDOWN]: 'markdown',
  [DocumentFormat.DOCUMENT_FORMAT_HTML]: 'html',
  [DocumentFormat.DOCUMENT_FORMAT_PDF]: 'pdf',
  [DocumentFormat.DOCUMENT_FORMAT_URL]: 'url',
};

function toProto(d: DocumentRecord): Document {
  return {
    tenantId: d.tenantId,
    id: d.id,
    title: d.title,
    sourceUrl: d.sourceUrl,
    language: d.language,
    tags: d.tags,
    version: d.version,
    chunkCount: d.chunkCount,
    updatedAt: d.updatedAt,
  };
}

/** Thin gRPC adapters: proto in, domain call, proto out. Errors are domain errors (mapped by the kit). */
export function knowledgeHandlers(service: KnowledgeService): KnowledgeServiceServer {
  return {
    upsertDocument: unary(async (req, ctx) => {
      const doc = await service.upsert(
        {
          tenantId: req.tenantId,
          id: req.id,
          title: req.title,
          format: FORMATS[req.format],
          content: req.content,
          data: req.data ?? Buffer.alloc(0),
          url: req.url,
          sourceUrl: req.sourceUrl,
          language: req.language,
          tags: req.tags,
        },
        ctx.signal,
      );
      return { document: toProto(doc) };
    }),
    deleteDocument: unary(async (req) => {
      await service.delete(req.tenantId, req.id);
      return {};
    }),
    listDocuments: unary(async (req) => {
      const page = await service.list(req.tenantId, req.pageSize, req.pageToken);
      return { documents: page.documents.map(toProto), nextPageToken: page.nextPageToken };
    }),
    search: unary(async (req) => {
      const hits = await service.search({
        tenantId: req.tenantId,
        query: req.query,
        locale: req.locale,
        k: req.k,
        tags: req.filters?.tags ?? [],
        languages: req.filters?.languages ?? [],
      });
      return { hits };
    }),
    answer: unary(async (req) => {
      const a = await service.answer({
        tenantId: req.tenantId,
        question: req.question,
        locale: req.locale,
        tags: req.filters?.tags ?? [],
        languages: req.filters?.languages ?? [],
      });
      return {
        found: a.found,
        answer: a.answer,
        citations: a.citations,
        confidence: a.confidence,
        language: a.language,
      };
    }),
    getPolicyFacts: unary(async (req) => {
      const windows = service.policyFacts(req.tenantId);
      return {
        returnWindows: windows.map((w) => ({
          days: w.days,
          documentId: w.documentId,
          section: w.section,
          quote: w.quote,
          businessDays: w.businessDays,
        })),
      };
    }),
  };
}
