import { Batcher } from './batcher';

describe('Batcher', () => {
  it('coalesces calls made in the same turn into one flush, results in order', async () => {
    const flushes: number[][] = [];
    const b = new Batcher<number, number>(async (items) => {
      flushes.push(items);
      return items.map((i) => i * 10);
    });
    const results = await Promise.all([1, 2, 3].map((i) => b.run(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('queues calls arriving during a flush into the next one, and rejects every caller of a failed flush', async () => {
    const flushes: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const b = new Batcher<string, string>(async (items) => {
      flushes.push(items);
      if (items.includes('a')) await gate;
      if (items.includes('boom')) throw new Error('db down');
      return items;
    });
    const a = b.run('a');
    await new Promise((r) => setImmediate(r));
    const later = [b.run('b'), b.run('boom')];
    release();
    await expect(a).resolves.toBe('a');
    await expect(later[0]).rejects.toThrow('db down');
    await expect(later[1]).rejects.toThrow('db down');
    expect(flushes).toEqual([['a'], ['b', 'boom']]);
  });
});
