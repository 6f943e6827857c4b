/**
 * Incremental Okapi BM25 over integer labels (chunks).
 *
 * Postings are typed arrays per term (label, tf), doc lengths and a forward index (term ids per
 * label) are arrays indexed by label, so a query touches no Map per posting. Queries are scored
 * term-at-a-time with MaxScore pruning: terms are taken by their upper bound, and once the bounds
 * of the terms left cannot lift an unseen chunk into the top k, those terms only probe the
 * candidates already found (via the forward index) instead of walking their posting lists.
 * The top k is exact (same as walking every list); only the work is bounded.
 *
 * Deletes are lazy (the label is marked dead; its postings are skipped and compacted when a list
 * is half dead).
 */
export interface Bm25Snapshot {
  terms: string[];
  labels: Int32Array;
  /** Offsets into termIds/tfs per label (length labels.length + 1). */
  offsets: Int32Array;
  termIds: Int32Array;
  tfs: Uint16Array;
}

const MAX_TF = 65_535;

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private pLabels: Int32Array[] = [];
  private pTfs: Uint16Array[] = [];
  private pLen: number[] = [];
  private pDead: number[] = [];
  private dfs: number[] = [];
  /** Per term: the largest tf and the shortest chunk it was ever added with (for score bounds). */
  private maxTf: number[] = [];
  private minLen: number[] = [];
  /** Per label: 0 never used, 1 live, 2 removed (its postings may still hold dead entries). */
  private state = new Uint8Array(1024);
  private lengths = new Float64Array(1024);
  private fwdIds: (Int32Array | undefined)[] = [];
  private fwdTfs: (Uint16Array | undefined)[] = [];
  private live = 0;
  private totalLength = 0;
  // Per-query scratch, indexed by label.
  private scores = new Float64Array(1024);
  private stamp = new Uint32Array(1024);
  private query = 0;
  /** What the last search did (postings walked in full, candidates probed): for benchmarks. */
  readonly lastQuery = { terms: 0, walked: 0, probed: 0 };

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get size(): number {
    return this.live;
  }

  private ensureLabel(label: number): void {
    if (label < this.state.length) return;
    let n = this.state.length;
    while (n <= label) n *= 2;
    const grow = <T extends Uint8Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const x = make(n);
      x.set(a);
      return x;
    };
    this.state = grow(this.state, (m) => new Uint8Array(m));
    this.lengths = grow(this.lengths, (m) => new Float64Array(m));
    this.scores = new Float64Array(n);
    this.stamp = new Uint32Array(n);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.pLabels.push(new Int32Array(4));
      this.pTfs.push(new Uint16Array(4));
      this.pLen.push(0);
      this.pDead.push(0);
      this.dfs.push(0);
      this.maxTf.push(0);
      this.minLen.push(Number.POSITIVE_INFINITY);
    }
    return id;
  }

  private push(term: number, label: number, tf: number, length: number): void {
    if (tf > this.maxTf[term]!) this.maxTf[term] = tf;
    if (length < this.minLen[term]!) this.minLen[term] = length;
    let len = this.pLen[term]!;
    if (len === this.pLabels[term]!.length) {
      const l = new Int32Array(len * 2);
      l.set(this.pLabels[term]!);
      const t = new Uint16Array(len * 2);
      t.set(this.pTfs[term]!);
      this.pLabels[term] = l;
      this.pTfs[term] = t;
    }
    this.pLabels[term]![len] = label;
    this.pTfs[term]![len] = tf;
    this.pLen[term] = ++len;
    this.dfs[term]!++;
  }

  add(label: number, terms: string[]): void {
    const tf = new Map<number, number>();
    for (const t of terms) {
      const id = this.termId(t);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const ids = new Int32Array(tf.size);
    const tfs = new Uint16Array(tf.size);
    let i = 0;
    for (const id of [...tf.keys()].sort((a, b) => a - b)) {
      ids[i] = id;
      tfs[i++] = Math.min(tf.get(id)!, MAX_TF);
    }
    this.addIds(label, ids, tfs, terms.length);
  }

  private addIds(label: number, ids: Int32Array, tfs: Uint16Array, length: number): void {
    this.ensureLabel(label);
    if (this.state[label] === 1) this.remove(label);
    if (this.state[label] === 2) this.purge(label);
    for (let i = 0; i < ids.length; i++) this.push(ids[i]!, label, tfs[i]!, length);
    this.fwdIds[label] = ids;
    this.fwdTfs[label] = tfs;
    this.state[label] = 1;
    this.lengths[label] = length;
    this.live++;
    this.totalLength += length;
  }

  remove(label: number): void {
    if (label >= this.state.length || this.state[label] !== 1) return;
    const ids = this.fwdIds[label]!;
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i]!;
      this.dfs[t]!--;
      this.pDead[t]!++;
      if (this.pDead[t]! > 16 && this.pDead[t]! * 2 > this.pLen[t]!) this.compact(t);
    }
    this.state[label] = 2;
    this.live--;
    this.totalLength -= this.lengths[label]!;
  }

  /** Drops a removed label's dead postings at once (before the label is used again). */
  private purge(label: number): void {
    const ids = this.fwdIds[label];
    if (ids) for (let i = 0; i < ids.length; i++) this.compact(ids[i]!, label);
    this.state[label] = 0;
    this.fwdIds[label] = undefined;
    this.fwdTfs[label] = undefined;
  }

  private compact(term: number, also = -1): void {
    const labels = this.pLabels[term]!;
    const tfs = this.pTfs[term]!;
    const len = this.pLen[term]!;
    let w = 0;
    for (let r = 0; r < len; r++) {
      const l = labels[r]!;
      if (this.state[l] !== 1 || l === also) continue;
      labels[w] = l;
      tfs[w++] = tfs[r]!;
    }
    this.pLen[term] = w;
    this.pDead[term] = 0;
  }

  /** Bytes held in typed arrays (postings, forward index, per-label state): for benchmarks. */
  bytes(): number {
    let n = this.state.byteLength + this.lengths.byteLength + this.scores.byteLength + this.stamp.byteLength;
    for (let t = 0; t < this.pLabels.length; t++) n += this.pLabels[t]!.byteLength + this.pTfs[t]!.byteLength;
    for (let l = 0; l < this.fwdIds.length; l++)
      n += (this.fwdIds[l]?.byteLength ?? 0) + (this.fwdTfs[l]?.byteLength ?? 0);
    return n;
  }

  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.dfs[id]!;
  }

  idf(term: string): number {
    return this.idfOf(this.df(term));
  }

  private idfOf(df: number): number {
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** Top `k` labels for weighted query terms; `accept` filters labels (tags, languages). */
  search(
    query: { term: string; weight: number }[],
    k: number,
    accept?: (label: number) => boolean,
  ): { label: number; score: number }[] {
    if (this.live === 0 || k <= 0) return [];
    const k1 = this.k1;
    const avgdl = this.totalLength / this.live || 1;
    const merged = new Map<number, number>();
    for (const q of query) {
      const id = this.termIds.get(q.term);
      if (id === undefined || this.dfs[id] === 0 || q.weight <= 0) continue;
      merged.set(id, Math.max(merged.get(id) ?? 0, q.weight));
    }
    if (!merged.size) return [];
    const c1 = k1 * (1 - this.b);
    const c2 = (k1 * this.b) / avgdl;
    // Upper bound of a term's contribution: its largest tf in its shortest chunk (both only ever
    // grow/shrink, so the bound stays safe after deletes).
    const qs = [...merged].map(([id, w]) => {
      const wi = w * this.idfOf(this.dfs[id]!);
      const tf = this.maxTf[id]!;
      return { id, wi, ub: (wi * (k1 + 1) * tf) / (tf + c1 + c2 * this.minLen[id]!) };
    });
    qs.sort((a, b) => b.ub - a.ub);
    const rest = new Float64Array(qs.length + 1);
    for (let i = qs.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + qs[i]!.ub;

    if (this.query > 0xfff00000) {
      this.stamp.fill(0);
      this.query = 0;
    }
    const q = ++this.query;
    const stamp = this.stamp;
    const scores = this.scores;
    const state = this.state;
    const lengths = this.lengths;
    const touched: number[] = [];
    let theta = 0;
    let best = 0;
    let walked = 0;
    let probed = 0;
    let i = 0;
    for (; i < qs.length; i++) {
      // MaxScore: an unseen label can gain at most rest[i] from here on. θ (the k-th best score) is
      // only worth computing when rest[i] is below the best score so far (θ ≤ best).
      if (touched.length >= k && rest[i]! <= best) {
        theta = kthLargest(touched, scores, k);
        if (rest[i]! <= theta) break;
      }
      const { id, wi } = qs[i]!;
      const labels = this.pLabels[id]!;
      const tfs = this.pTfs[id]!;
      const len = this.pLen[id]!;
      const f = wi * (k1 + 1);
      walked += len;
      for (let j = 0; j < len; j++) {
        const label = labels[j]!;
        if (state[label] !== 1) continue;
        if (stamp[label] !== q) {
          stamp[label] = q;
          if (accept && !accept(label)) {
            scores[label] = Number.NEGATIVE_INFINITY;
            continue;
          }
          scores[label] = 0;
          touched.push(label);
        }
        const tf = tfs[j]!;
        const sc = scores[label]! + (f * tf) / (tf + c1 + c2 * lengths[label]!);
        scores[label] = sc;
        if (sc > best) best = sc;
      }
    }
    let result = touched;
    if (i < qs.length) {
      // The remaining terms only refine candidates that can still reach the top k, one term at a
      // time, dropping candidates as the bound of what is left shrinks.
      let cands = touched.filter((label) => scores[label]! + rest[i]! > theta);
      for (let t = i; t < qs.length && cands.length; t++) {
        const { id, wi } = qs[t]!;
        const f = wi * (k1 + 1);
        const len = this.pLen[id]!;
        if (len < cands.length * 16) {
          // Walking the (short) list sequentially beats a random probe per candidate.
          const mark = ++this.query;
          for (const label of cands) stamp[label] = mark;
          const labels = this.pLabels[id]!;
          const tfs = this.pTfs[id]!;
          walked += len;
          for (let j = 0; j < len; j++) {
            const label = labels[j]!;
            if (stamp[label] !== mark) continue;
            const tf = tfs[j]!;
            scores[label]! += (f * tf) / (tf + c1 + c2 * lengths[label]!);
          }
        } else {
          probed += cands.length;
          for (const label of cands) {
            const pos = bsearch(this.fwdIds[label]!, id);
            if (pos < 0) continue;
            const tf = this.fwdTfs[label]![pos]!;
            scores[label]! += (f * tf) / (tf + c1 + c2 * lengths[label]!);
          }
        }
        if (cands.length > k) theta = Math.max(theta, kthLargest(cands, scores, k));
        const left = rest[t + 1]!;
        cands = cands.filter((label) => scores[label]! + left > theta || scores[label]! >= theta);
      }
      result = cands;
    }
    this.lastQuery.terms = qs.length;
    this.lastQuery.walked = walked;
    this.lastQuery.probed = probed;
    const cut = result.length > k ? kthLargest(result, scores, k) : Number.NEGATIVE_INFINITY;
    const out: { label: number; score: number }[] = [];
    for (const label of result) if (scores[label]! >= cut) out.push({ label, score: scores[label]! });
    out.sort((a, b) => b.score - a.score || a.label - b.label);
    return out.slice(0, k);
  }

  /** The index as arrays (for snapshots): terms and each live label's term ids and counts. */
  export(): Bm25Snapshot {
    const labels: number[] = [];
    let total = 0;
    for (let l = 0; l < this.state.length; l++) {
      if (this.state[l] !== 1) continue;
      labels.push(l);
      total += this.fwdIds[l]!.length;
    }
    const offsets = new Int32Array(labels.length + 1);
    const termIds = new Int32Array(total);
    const tfs = new Uint16Array(total);
    let o = 0;
    labels.forEach((l, i) => {
      offsets[i] = o;
      termIds.set(this.fwdIds[l]!, o);
      tfs.set(this.fwdTfs[l]!, o);
      o += this.fwdIds[l]!.length;
    });
    offsets[labels.length] = o;
    // Lengths ride along in the snapshot as the sum of tfs (what `add` counted).
    return { terms: [...this.termNames], labels: Int32Array.from(labels), offsets, termIds, tfs };
  }

  /** Adds the labels of a snapshot (terms are mapped into this index's dictionary). */
  import(s: Bm25Snapshot, only?: (label: number) => boolean): void {
    const map = Int32Array.from(s.terms, (t) => this.termId(t));
    for (let i = 0; i < s.labels.length; i++) {
      const label = s.labels[i]!;
      if (only && !only(label)) continue;
      const from = s.offsets[i]!;
      const to = s.offsets[i + 1]!;
      const ids = new Int32Array(to - from);
      const tfs = s.tfs.slice(from, to);
      let length = 0;
      let sorted = true;
      for (let j = 0; j < ids.length; j++) {
        ids[j] = map[s.termIds[from + j]!]!;
        length += tfs[j]!;
        if (j > 0 && ids[j]! < ids[j - 1]!) sorted = false;
      }
      if (sorted) {
        this.addIds(label, ids, tfs, length);
        continue;
      }
      // Into a non-empty dictionary the ids may come out of order: sort the pairs.
      const order = Array.from(ids.keys()).sort((a, b) => ids[a]! - ids[b]!);
      this.addIds(
        label,
        Int32Array.from(order, (j) => ids[j]!),
        Uint16Array.from(order, (j) => tfs[j]!),
        length,
      );
    }
  }
}

function bsearch(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The k-th largest score among `labels` (quickselect on a copy). */
function kthLargest(labels: number[], scores: Float64Array, k: number): number {
  const a = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) a[i] = scores[labels[i]!]!;
  let lo = 0;
  let hi = a.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}
