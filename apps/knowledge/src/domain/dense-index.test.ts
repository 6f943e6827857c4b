import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HashingEmbeddings } from './embedder';
import { IndexRegistry } from './index-registry';
import type { IndexedChunk } from './tenant-index';
import { terms } from './text';

const texts = [
  'You can return unworn items within 30 days of delivery.',
  'Refunds are issued to the original payment method within 5 business days.',
  'Zwrot towaru jest możliwy w ciągu 30 dni od doręczenia.',
  'Zwrot pieniędzy następuje w ciągu 14 dni.',
  '상품 수령 후 14일 이내에 반품을 신청할 수 있습니다.',
  '환불은 검수 완료 후 3영업일 이내에 진행됩니다.',
  'Express shipping costs $15 and arrives the next business day.',
  'Gift cards are not returnable.',
];

function chunk(i: number, doc: string): IndexedChunk {
  return {
    id: `${doc}:1:${i}`,
    documentId: doc,
    documentVersion: 1,
    ordinal: i,
    title: '',
    section: '',
    url: '',
    text: texts[i]!,
    language: i === 2 || i === 3 ? 'pl' : i === 4 || i === 5 ? 'ko' : 'en',
    tags: [],
  };
}

describe('HNSW in a worker thread', () => {
  test('gives the same hybrid results as HNSW on the main thread, with deletes, filters and snapshots', async () => {
    const embedder = new HashingEmbeddings();
    const dir = mkdtempSync(path.join(tmpdir(), 'knowledge-dense-'));
    const local = new IndexRegistry(embedder, undefined, undefined, { worker: false });
    const worker = new IndexRegistry(embedder, dir, undefined, { worker: true });
    const restored = new IndexRegistry(embedder, dir, undefined, { worker: true });
    try {
      for (const reg of [local, worker]) {
        const idx = reg.tenant('t');
        const chunks = (doc: string) =>
          texts.map((_, i) => ({
            chunk: chunk(i, doc),
            vector: embedder.embedSync(texts[i]!),
            terms: terms(texts[i]!),
          }));
        await idx.replaceDocument('a', 1, chunks('a'));
        await idx.replaceDocument('b', 1, chunks('b'));
        idx.removeDocument('a');
      }
      for (const q of ['refund 환불 zwrot pieniędzy', 'return window 30 days', '반품 기간']) {
        for (const options of [{ k: 5 }, { k: 5, languages: ['ko'] }, { k: 3, cosines: true }]) {
          const a = await local.tenant('t').search(q, options);
          const b = await worker.tenant('t').search(q, options);
          expect(b.map((h) => [h.chunk.id, h.similarity.toFixed(4)])).toEqual(
            a.map((h) => [h.chunk.id, h.similarity.toFixed(4)]),
          );
          expect(b.every((h) => h.chunk.documentId === 'b')).toBe(true);
        }
      }
      expect(worker.tenant('t').dense.live).toBe(texts.length);
      // Snapshot written through the worker and loaded into another one.
      worker.markDirty('t');
      expect(await worker.saveSnapshots()).toBe(1);
      expect(await restored.loadSnapshots()).toBe(1);
      const a = await local.tenant('t').search('return window 30 days', { k: 5, cosines: true });
      const c = await restored.tenant('t').search('return window 30 days', { k: 5, cosines: true });
      expect(c.map((h) => [h.chunk.id, h.similarity.toFixed(4)])).toEqual(
        a.map((h) => [h.chunk.id, h.similarity.toFixed(4)]),
      );
      expect(restored.tenant('t').dense.live).toBe(texts.length);
    } finally {
      await local.close();
      await worker.close();
      await restored.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
