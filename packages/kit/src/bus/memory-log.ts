/** One record of an in-process partition log. */
export interface StoredRecord {
  offset: number;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  timestamp: number;
}

/**
 * An append-only partition log: offsets only grow; compaction and retention remove records but
 * never renumber them, so readers skip the gaps like Kafka consumers do.
 */
export class PartitionLog {
  private records: StoredRecord[] = [];
  /** Offset of the first record still kept (Kafka's log start offset). */
  startOffset = 0;
  /** Offset the next record gets (Kafka's high watermark). */
  nextOffset = 0;
  private readonly waiters = new Set<() => void>();

  append(record: Omit<StoredRecord, 'offset'>): number {
    const offset = this.nextOffset++;
    this.records.push({ ...record, offset });
    this.wake();
    return offset;
  }

  /** Fills an empty log with records read back from disk (consecutive offsets, oldest first). */
  restore(records: StoredRecord[], nextOffset: number): void {
    this.records = records;
    this.startOffset = records[0]?.offset ?? nextOffset;
    this.nextOffset = nextOffset;
  }

  /** Drops every record before `offset` (its segments were deleted by retention). */
  dropBefore(offset: number): void {
    const n = this.indexOf(offset);
    if (n > 0) this.records.splice(0, n);
    this.startOffset = Math.max(this.startOffset, Math.min(offset, this.nextOffset));
  }

  /** The first kept record at or after `offset`. */
  readFrom(offset: number): StoredRecord | undefined {
    return this.records[this.indexOf(offset)];
  }

  /** Up to `max` kept records from the first at or after `offset`, in offset order. */
  readBatch(offset: number, max: number): StoredRecord[] {
    const start = this.indexOf(offset);
    return this.records.slice(start, start + max);
  }

  /** Index of the first kept record at or after `offset` (binary search: offsets are sorted). */
  private indexOf(offset: number): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.records[mid]!.offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Resolves on the next append (or wake()), or when `signal` aborts. No polling. */
  nextAppend(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Wakes every reader waiting for an append (e.g. the topic was deleted). */
  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Keeps only the latest record per key (cleanup.policy=compact). */
  compact(): number {
    const latest = new Map<string, number>();
    for (const [i, r] of this.records.entries()) latest.set(r.key, i);
    const before = this.records.length;
    this.records = this.records.filter((r, i) => latest.get(r.key) === i);
    return before - this.records.length;
  }

  /** Drops records older than `minTimestamp` from the head (cleanup.policy=delete, retention.ms). */
  expire(minTimestamp: number): number {
    let n = 0;
    while (n < this.records.length && this.records[n]!.timestamp < minTimestamp) n++;
    if (n === 0) return 0;
    this.records.splice(0, n);
    this.startOffset = this.records[0]?.offset ?? this.nextOffset;
    return n;
  }
}
