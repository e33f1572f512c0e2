/**
 * Day rows of every agent for a few rollup columns, in flat typed arrays: agent `a` owns rows
 * [start[a], end[a]), sorted by day (epoch days, Uint16). A period is found by binary search; sums over it
 * are a linear pass over the agent's rows in it (a year is ~20 rows for a typical agent).
 *
 * Each column is held in the narrowest array its values have needed so far: Uint16, then Int32, then
 * Float64 (exact to 2^53, for money) when a value does not fit. Most day values are small counts, so this
 * halves the memory of fixed Int32/Float64 columns.
 *
 * Reloading an agent appends its new run at the end and leaves the old one as garbage; when the arrays are
 * full they are compacted (live runs copied, in agent order) into arrays sized with headroom.
 */
export type Column = Uint16Array | Int32Array | Float64Array;
export type Width = 'u16' | 'i32' | 'f64';

const GROWTH = 1.5;
const ARRAY = { u16: Uint16Array, i32: Int32Array, f64: Float64Array } as const;

const widthFor = (v: number): Width =>
  Number.isInteger(v) && v >= 0 && v <= 0xffff ? 'u16' : Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff ? 'i32' : 'f64';
const RANK: Record<Width, number> = { u16: 0, i32: 1, f64: 2 };

export class DaySeries<C extends string> {
  day = new Uint16Array(0);
  readonly cols: Record<C, Column>;
  readonly widths: Record<C, Width>;
  start = new Int32Array(0);
  end = new Int32Array(0);
  /** Rows in use, live or garbage. */
  length = 0;
  garbage = 0;
  private readonly names: C[];

  constructor(initial: Record<C, Width>) {
    this.names = Object.keys(initial) as C[];
    this.widths = { ...initial };
    this.cols = Object.fromEntries(this.names.map((c) => [c, new ARRAY[initial[c]](0)])) as Record<C, Column>;
  }

  get capacity(): number {
    return this.day.length;
  }

  /** Room for `agents` agents (new agents get an empty run). */
  ensureAgents(agents: number): void {
    if (agents <= this.start.length) return;
    const n = Math.max(agents, Math.ceil(this.start.length * GROWTH), 1024);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    start.set(this.start);
    end.set(this.end);
    this.start = start;
    this.end = end;
  }

  /**
   * Start replacing agent `a`'s run with `n` rows (the old run becomes garbage); the rows then come with
   * `append`, in day order, exactly `n` of them.
   */
  begin(a: number, n: number): void {
    this.ensureAgents(a + 1);
    this.garbage += this.end[a] - this.start[a];
    this.start[a] = this.end[a] = 0;
    if (n === 0) return;
    if (this.length + n > this.capacity) this.compact(n);
    this.start[a] = this.end[a] = this.length;
  }

  /** Append a row to agent `a`'s run (begun last): its columns' values are `flat[at + offsets[k]]`, in column order. */
  append(a: number, day: number, flat: ArrayLike<number>, at: number, offsets: readonly number[]): void {
    const i = this.length++;
    this.day[i] = day;
    const names = this.names;
    for (let k = 0; k < names.length; k++) {
      const v = flat[at + offsets[k]];
      let col = this.cols[names[k]];
      col[i] = v;
      if (col[i] !== v) (col = this.widen(names[k], widthFor(v)))[i] = v;
    }
    this.end[a] = this.length;
  }

  /** Copy column `c` into a wider array (a value did not fit). */
  private widen(c: C, need: Width): Column {
    const w: Width = RANK[need] > RANK[this.widths[c]] ? need : 'f64';
    const wide = new ARRAY[w](this.capacity);
    wide.set(this.cols[c]);
    this.widths[c] = w;
    return (this.cols[c] = wide);
  }

  /** Copy the live runs into arrays with room for `extra` more rows (and headroom), dropping garbage. */
  compact(extra = 0): void {
    this.reallocate(Math.ceil((this.length - this.garbage + extra) * GROWTH) + 1024);
  }

  /** Room for `rows` rows in all (a load's estimate). */
  reserve(rows: number): void {
    if (rows > this.capacity) this.reallocate(rows);
  }

  /** After a bulk load: give back the headroom growth left (keeping a little for refreshes). */
  trim(): void {
    const size = Math.ceil((this.length - this.garbage) * 1.02) + 1024;
    if (size < this.capacity) this.reallocate(size);
  }

  private reallocate(size: number): void {
    const day = new Uint16Array(size);
    const cols = Object.fromEntries(this.names.map((c) => [c, new ARRAY[this.widths[c]](size)])) as Record<C, Column>;
    if (this.garbage === 0) {
      // No garbage (a load in progress): the runs keep their places, one copy per array.
      day.set(this.day.subarray(0, this.length));
      for (const c of this.names) cols[c].set(this.cols[c].subarray(0, this.length));
      this.day = day;
      for (const c of this.names) this.cols[c] = cols[c];
      return;
    }
    let at = 0;
    for (let a = 0; a < this.start.length; a++) {
      const s = this.start[a];
      const e = this.end[a];
      if (e === s) continue;
      day.set(this.day.subarray(s, e), at);
      for (const c of this.names) cols[c].set(this.cols[c].subarray(s, e), at);
      this.start[a] = at;
      this.end[a] = at += e - s;
    }
    this.day = day;
    for (const c of this.names) this.cols[c] = cols[c];
    this.length = at;
    this.garbage = 0;
  }

  /** First row of agent `a` on or after `day` (end[a] when none). */
  lowerBound(a: number, day: number): number {
    let lo = this.start[a];
    let hi = this.end[a];
    const d = this.day;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sum of column `c` over rows [lo, hi). */
  sum(c: C, lo: number, hi: number): number {
    const col = this.cols[c];
    let s = 0;
    for (let i = lo; i < hi; i++) s += col[i];
    return s;
  }

  /** Sum of column `c` over agent `a`'s days in [from, to). */
  sumIn(c: C, a: number, from: number, to: number): number {
    return this.sum(c, this.lowerBound(a, from), this.lowerBound(a, to));
  }

  /** Whether agent `a` has a row in [from, to). */
  any(a: number, from: number, to: number): boolean {
    const i = this.lowerBound(a, from);
    return i < this.end[a] && this.day[i] < to;
  }

  /** Bytes held by the arrays. */
  get bytes(): number {
    return this.day.byteLength + this.start.byteLength + this.end.byteLength + this.names.reduce((s, c) => s + this.cols[c].byteLength, 0);
  }
}
