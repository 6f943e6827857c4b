// The in-process bus's durable mode: each topic partition is a directory of append-only segment
// files, committed group offsets are small JSON files replaced atomically, and the whole state is
// read back when a bus opens the same directory again.
import {
  closeSync,
  fdatasync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { lockSync } from 'proper-lockfile';
import { FailedPrecondition } from '../errors';
import type { Logger } from '../logger';
import type { StoredRecord } from './memory-log';

/** How long the offsets of a group that commits nothing are kept (Kafka's default: 7 days). */
export const GROUP_OFFSETS_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Default size at which a partition starts a new segment file. */
export const DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;

// Record on disk: u32 body length | u32 CRC-32 of the body | body.
// Body: u64 offset | f64 timestamp | u32 key length | key | u32 value length | value | u32 n | headers JSON.
const FRAME = 8;

export function encodeRecord(r: StoredRecord): Buffer {
  const key = Buffer.from(r.key, 'utf8');
  const headers = Buffer.from(JSON.stringify(r.headers), 'utf8');
  const bodyLength = 16 + 4 + key.length + 4 + r.value.length + 4 + headers.length;
  const buf = Buffer.allocUnsafe(FRAME + bodyLength);
  let at = FRAME;
  buf.writeBigUInt64BE(BigInt(r.offset), at);
  buf.writeDoubleBE(r.timestamp, at + 8);
  at += 16;
  for (const part of [key, r.value, headers]) {
    buf.writeUInt32BE(part.length, at);
    buf.set(part, at + 4);
    at += 4 + part.length;
  }
  buf.writeUInt32BE(bodyLength, 0);
  buf.writeUInt32BE(crc32(buf.subarray(FRAME)), 4);
  return buf;
}

/**
 * Reads the records of one segment. Stops at the first record that is incomplete, fails its CRC or
 * does not carry the expected offset (a write torn by a crash): `validBytes` is where it stopped.
 */
export function decodeSegment(
  buf: Buffer,
  firstOffset: number,
): { records: StoredRecord[]; validBytes: number } {
  const records: StoredRecord[] = [];
  let at = 0;
  let expected = firstOffset;
  while (at + FRAME <= buf.length) {
    const bodyLength = buf.readUInt32BE(at);
    if (bodyLength < 28 || at + FRAME + bodyLength > buf.length) break;
    const body = buf.subarray(at + FRAME, at + FRAME + bodyLength);
    if (crc32(body) !== buf.readUInt32BE(at + 4)) break;
    const offset = Number(body.readBigUInt64BE(0));
    if (offset !== expected) break;
    const timestamp = body.readDoubleBE(8);
    let p = 16;
    const parts: Buffer[] = [];
    for (let i = 0; i < 3; i++) {
      const n = body.readUInt32BE(p);
      parts.push(body.subarray(p + 4, p + 4 + n));
      p += 4 + n;
    }
    records.push({
      offset,
      timestamp,
      key: parts[0]!.toString('utf8'),
      value: new Uint8Array(parts[1]!),
      headers: JSON.parse(parts[2]!.toString('utf8')) as Record<string, string>,
    });
    expected++;
    at += FRAME + bodyLength;
  }
  return { records, validBytes: at };
}

interface Segment {
  base: number;
  file: string;
  bytes: number;
  maxTimestamp: number;
}

/** One partition on disk: its segments, oldest first; the last one takes the appends. */
export class DiskPartition {
  readonly segments: Segment[] = [];
  private fd?: number;
  /** Offset the next record written gets (runs ahead of the in-memory log until fsync). */
  next = 0;
  closed = false;

  constructor(
    readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  /** Reads every segment, truncating a torn tail; returns the records for the in-memory log. */
  load(logger: Logger): StoredRecord[] {
    mkdirSync(this.dir, { recursive: true });
    const files = readdirSync(this.dir)
      .filter((f) => /^\d{20}\.log$/.test(f))
      .sort();
    const all: StoredRecord[] = [];
    for (const [i, name] of files.entries()) {
      const file = path.join(this.dir, name);
      const base = Number(name.slice(0, 20));
      if (this.segments.length > 0 && base !== this.next) {
        // A gap can only come from a segment lost after a crash: what follows it can't be trusted.
        logger.error({ file }, 'bus segment does not follow the previous one; dropping it and later ones');
        for (const rest of files.slice(i)) unlinkSync(path.join(this.dir, rest));
        break;
      }
      const buf = readFileSync(file);
      const { records, validBytes } = decodeSegment(buf, base);
      if (validBytes < buf.length) {
        logger.warn(
          { file, bytes: buf.length - validBytes },
          'bus segment ends in a torn record (crash mid-write); truncating it',
        );
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, validBytes);
        fsyncSync(fd);
        closeSync(fd);
      }
      this.segments.push({
        base,
        file,
        bytes: validBytes,
        maxTimestamp: records.reduce((m, r) => Math.max(m, r.timestamp), 0),
      });
      this.next = base + records.length;
      for (const r of records) all.push(r);
      if (validBytes < buf.length && i < files.length - 1) {
        logger.error({ file }, 'bus segment torn before the last one; dropping the later segments');
        for (const rest of files.slice(i + 1)) unlinkSync(path.join(this.dir, rest));
        break;
      }
    }
    return all;
  }

  /** Writes records (page cache; the caller fsyncs). Rolls to a new segment when the active one is full. */
  write(records: StoredRecord[]): void {
    let active = this.segments.at(-1);
    if (!active || active.bytes >= this.segmentBytes) {
      this.closeFd();
      const file = path.join(this.dir, `${String(this.next).padStart(20, '0')}.log`);
      active = { base: this.next, file, bytes: 0, maxTimestamp: 0 };
      this.fd = openSync(file, 'a');
      syncDir(this.dir); // the new file's name must survive a crash too
      this.segments.push(active);
    }
    this.fd ??= openSync(active.file, 'a');
    const buf = Buffer.concat(records.map(encodeRecord));
    try {
      let written = 0;
      while (written < buf.length) written += writeSync(this.fd, buf, written);
    } catch (error) {
      // Undo a partial write so the next append doesn't land behind garbage.
      ftruncateSync(this.fd, active.bytes);
      throw error;
    }
    active.bytes += buf.length;
    for (const r of records) active.maxTimestamp = Math.max(active.maxTimestamp, r.timestamp);
    this.next = records.at(-1)!.offset + 1;
  }

  sync(): Promise<void> {
    const fd = this.fd;
    if (fd === undefined || this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
  }

  /** Deletes the oldest closed segments whose records all lie before `offset` or are older than `minTimestamp`. */
  dropSegments(offset: number, minTimestamp: number): number {
    let dropped = 0;
    while (this.segments.length > 1) {
      const [first, second] = this.segments as [Segment, Segment];
      if (second.base > offset && first.maxTimestamp >= minTimestamp) break;
      unlinkSync(first.file);
      this.segments.shift();
      dropped = second.base;
    }
    return dropped;
  }

  close(): void {
    this.closed = true;
    this.closeFd();
  }

  private closeFd(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms can't fsync a directory; the rename/creation is still atomic.
  }
}

/**
 * Batches fsyncs: writes made while one round of fdatasync runs are made durable together by the
 * next round (group commit). `done` callbacks run in write order once their bytes are on disk.
 */
export class SyncBatcher {
  private dirty = new Set<DiskPartition>();
  private waiting: { done: () => void; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private running?: Promise<void>;
  /** Set when an fsync failed: what the kernel dropped can't be known, so nothing more is accepted. */
  failed?: unknown;

  write(partition: DiskPartition, records: StoredRecord[], done: () => void): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    partition.write(records);
    this.dirty.add(partition);
    return new Promise((resolve, reject) => {
      this.waiting.push({ done, resolve, reject });
      this.running ??= this.loop();
    });
  }

  /** Resolves once every write made so far is durable (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    while (this.waiting.length > 0) {
      const partitions = [...this.dirty];
      const waiting = this.waiting;
      this.dirty = new Set();
      this.waiting = [];
      try {
        await Promise.all(partitions.map((p) => p.sync()));
      } catch (error) {
        this.failed ??= error;
      }
      for (const w of waiting) {
        if (this.failed) w.reject(this.failed);
        else {
          w.done();
          w.resolve();
        }
      }
    }
    this.running = undefined;
  }
}

export interface StoredTopic {
  name: string;
  partitions: number;
  config: Record<string, string>;
}

/** A lock not refreshed for this long belongs to a process that is gone (kill -9, power loss). */
export const LOCK_STALE_MS = 5_000;

/**
 * One process at a time per data directory: `<dir>.lock` (proper-lockfile: an atomic mkdir whose
 * mtime the holder refreshes every second). Two processes on the same directory (two stacks started
 * on one BOOMERANG_HOME) would interleave appends to the same segment files and lose acknowledged
 * records. A lock left by a process that died (kill -9, power loss) is taken over once it is
 * LOCK_STALE_MS old: opening waits that long for it, then refuses with the reason. Buses of the same
 * process share the lock (tests reopen a directory after abandoning a bus to stand for a crash); it
 * is released when the last of them closes, or when the process exits.
 */
export function lockDataDir(
  dir: string,
  onCompromised: (err: Error) => void,
  waitMs = LOCK_STALE_MS + 2_000,
): () => void {
  const key = path.resolve(dir);
  let held = heldLocks.get(key);
  if (!held) {
    held = { release: acquire(key, onCompromised, waitMs), users: 0 };
    heldLocks.set(key, held);
  }
  held.users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--held.users > 0) return;
    heldLocks.delete(key);
    held.release();
  };
}

const heldLocks = new Map<string, { release: () => void; users: number }>();

function acquire(dir: string, onCompromised: (err: Error) => void, waitMs: number): () => void {
  const deadline = Date.now() + waitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return lockSync(dir, { stale: LOCK_STALE_MS, update: 1_000, realpath: false, onCompromised });
    } catch (err) {
      if ((err as { code?: string }).code !== 'ELOCKED') throw err;
      if (Date.now() >= deadline)
        throw new FailedPrecondition(
          `the bus data directory ${dir} is in use by another running process (lock ${dir}.lock); stop it or use another directory`,
        );
      Atomics.wait(pause, 0, 0, 250); // opening only: wait for a dead holder's lock to go stale
    }
  }
}

/** The data directory: `topics/<name>/topic.json` + `<partition>/<base offset>.log`, `groups/<id>.json`. */
export class DiskStore {
  readonly batcher = new SyncBatcher();
  private readonly groupSaves = new Map<
    string,
    { chain: Promise<void>; latest: Record<string, Record<string, number>>; version: number; written: number }
  >();

  constructor(
    readonly dir: string,
    readonly segmentBytes: number,
  ) {
    mkdirSync(path.join(dir, 'topics'), { recursive: true });
    mkdirSync(path.join(dir, 'groups'), { recursive: true });
  }

  topicDir(name: string): string {
    return path.join(this.dir, 'topics', encodeURIComponent(name));
  }

  listTopics(): StoredTopic[] {
    const topics: StoredTopic[] = [];
    for (const entry of readdirSync(path.join(this.dir, 'topics'))) {
      const meta = path.join(this.dir, 'topics', entry, 'topic.json');
      try {
        topics.push(JSON.parse(readFileSync(meta, 'utf8')) as StoredTopic);
      } catch {
        // A topic whose creation never completed: nothing was acknowledged on it.
        rmSync(path.join(this.dir, 'topics', entry), { recursive: true, force: true });
      }
    }
    return topics;
  }

  partition(topic: string, partition: number): DiskPartition {
    return new DiskPartition(path.join(this.topicDir(topic), String(partition)), this.segmentBytes);
  }

  createTopic(topic: StoredTopic): void {
    const dir = this.topicDir(topic.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeAtomicSync(path.join(dir, 'topic.json'), JSON.stringify(topic));
  }

  deleteTopic(name: string): void {
    rmSync(this.topicDir(name), { recursive: true, force: true });
  }

  /**
   * Committed offsets of every group. Like Kafka's offsets.retention.minutes, a group that committed
   * nothing for `retentionMs` (e.g. a per-process group of an earlier run) is forgotten, so it stops
   * holding segments back.
   */
  listGroups(
    retentionMs = GROUP_OFFSETS_RETENTION_MS,
    now = Date.now(),
  ): { id: string; offsets: Record<string, Record<string, number>> }[] {
    const groups = [];
    for (const entry of readdirSync(path.join(this.dir, 'groups'))) {
      if (!entry.endsWith('.json')) continue;
      const file = path.join(this.dir, 'groups', entry);
      try {
        if (statSync(file).mtimeMs < now - retentionMs) {
          unlinkSync(file);
          continue;
        }
        groups.push(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        // Only a leftover temp file can be unreadable (writes are atomic): skip it.
      }
    }
    return groups;
  }

  /**
   * Persists a group's committed offsets (write temp, fdatasync, rename). Saves of one group run one
   * after another and coalesce: each writes the newest offsets unless a save already wrote them.
   */
  saveGroup(id: string, offsets: Record<string, Record<string, number>>): Promise<void> {
    const state = this.groupSaves.get(id) ?? {
      chain: Promise.resolve(),
      latest: offsets,
      version: 0,
      written: 0,
    };
    this.groupSaves.set(id, state);
    state.latest = offsets;
    const version = ++state.version;
    const run = state.chain.then(async () => {
      if (state.written >= version) return;
      const upTo = state.version;
      await this.writeGroup(id, state.latest);
      state.written = upTo;
    });
    state.chain = run.catch(() => undefined);
    return run;
  }

  private async writeGroup(id: string, offsets: Record<string, Record<string, number>>): Promise<void> {
    const file = path.join(this.dir, 'groups', `${encodeURIComponent(id)}.json`);
    const tmp = `${file}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify({ id, offsets }));
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  /** Waits for pending group saves and fsyncs. */
  async flush(): Promise<void> {
    await this.batcher.idle();
    await Promise.all([...this.groupSaves.values()].map((s) => s.chain));
  }
}

function writeAtomicSync(file: string, data: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncDir(path.dirname(file));
}

/** Total bytes of a partition's segments (tests, diagnostics). */
export function segmentFiles(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), bytes: statSync(path.join(dir, f)).size }));
}
