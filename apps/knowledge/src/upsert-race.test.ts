import { startKnowledge, testEnv } from './__tests__/helpers';

// A replica receives its own DocumentChanged events too; one that arrives while the upsert is still
// indexing must not index the same version a second time.
test("a replica's own change event during an upsert does not index the document twice", async () => {
  const env = await testEnv();
  const k = await startKnowledge({ ...env, dataDir: undefined, outboxSweepMs: 5 });
  try {
    const sections = Array.from(
      { length: 300 },
      (_, i) =>
        `## Part ${i}\n\nItems may be returned within ${i % 60} days; zwrot w ciągu ${i % 30} dni; ${i}일 이내 반품.`,
    );
    const upsert = k.server.service.upsert({
      tenantId: 'race',
      id: 'doc',
      title: '',
      format: 'markdown',
      content: `# Rules\n\n${sections.join('\n\n')}`,
      data: new Uint8Array(),
      url: '',
      sourceUrl: '',
      language: 'en',
      tags: [],
    });
    // The follower's sync for this document, racing the upsert (as when the event comes back early).
    const syncs = [1, 5, 20, 50].map((ms) =>
      new Promise((r) => setTimeout(r, ms)).then(() => k.server.service.syncDocument('race', 'doc')),
    );
    const record = await upsert;
    await Promise.all(syncs);
    const idx = k.server.registry.get('race')!;
    expect(idx.size).toBe(record.chunkCount);
    // Every HNSW point belongs to a live chunk: nothing was added and deleted again.
    expect(idx.dense.live).toBe(record.chunkCount);
    expect(
      (
        idx.dense as unknown as { store: { index: { getCurrentCount(): number } } }
      ).store.index.getCurrentCount(),
    ).toBe(record.chunkCount);
  } finally {
    await k.stop();
    await env.close();
  }
});
