import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';

/**
 * Per-agent sums of the rollup columns over one period, one row per agent slot: what every figure of that period
 * is computed from. A table for the whole channel is built once per period and kept with the model (rankings,
 * their previous periods and the dashboard share it); a write recomputes just the changed agents' rows. A
 * table with `single` holds one row, for one agent (the agent page), computed when the agent changes.
 */
export class PeriodSums {
  readonly orders: Int32Array;
  readonly goods: Float64Array;
  readonly units: Int32Array;
  readonly shipping: Float64Array;
  /** Days with a counted order. */
  readonly activeDays: Int32Array;
  readonly refund: Float64Array;
  readonly returned: Int32Array;
  readonly returnedDropship: Int32Array;
  readonly shipped: Int32Array;
  readonly dropshipShipped: Int32Array;
  readonly reported: Int32Array;
  readonly stock: Int32Array;
  /** 1: any fact in the period (a counted order placed, a shipment, an after-sales case, a sell-through report). */
  readonly fact: Uint8Array;
  /** Distinct SKUs that reached consumers; -1 until asked (only the active-SKU ratio needs it). */
  readonly skus: Int32Array;
  private memo = -1;
  private memoStamp = -1;

  constructor(
    private readonly m: ModelData,
    readonly range: DayRange,
    private readonly single = false,
  ) {
    const n = single ? 1 : m.agents.count;
    this.orders = new Int32Array(n);
    this.goods = new Float64Array(n);
    this.units = new Int32Array(n);
    this.shipping = new Float64Array(n);
    this.activeDays = new Int32Array(n);
    this.refund = new Float64Array(n);
    this.returned = new Int32Array(n);
    this.returnedDropship = new Int32Array(n);
    this.shipped = new Int32Array(n);
    this.dropshipShipped = new Int32Array(n);
    this.reported = new Int32Array(n);
    this.stock = new Int32Array(n);
    this.fact = new Uint8Array(n);
    this.skus = new Int32Array(n).fill(-1);
    if (!single) for (let a = 0; a < n; a++) this.fill(a, a);
  }

  get bytes(): number {
    return typedBytes(this);
  }

  /** The row holding agent `a`. */
  row(a: number): number {
    if (!this.single) return a;
    if (this.memo !== a || this.memoStamp !== this.m.stamp) {
      this.fill(a, 0);
      this.memo = a;
      this.memoStamp = this.m.stamp;
    }
    return 0;
  }

  /** (Re)compute agent `a`'s sums into row `r`. */
  fill(a: number, r: number): void {
    const { m } = this;
    const { from, to } = this.range;
    const p = m.placed;
    let lo = p.lowerBound(a, from);
    let hi = p.lowerBound(a, to);
    let orders = 0, goods = 0, units = 0, shipping = 0;
    const pc = p.cols;
    for (let i = lo; i < hi; i++) {
      orders += pc.orders[i];
      goods += pc.goods[i];
      units += pc.units[i];
      shipping += pc.shipping[i];
    }
    this.orders[r] = orders;
    this.goods[r] = goods;
    this.units[r] = units;
    this.shipping[r] = shipping;
    this.activeDays[r] = hi - lo;
    let fact = hi > lo;

    const s = m.afterSales;
    lo = s.lowerBound(a, from);
    hi = s.lowerBound(a, to);
    this.refund[r] = s.sum('refund', lo, hi);
    this.returned[r] = s.sum('returned', lo, hi);
    this.returnedDropship[r] = s.sum('returnedDropship', lo, hi);
    fact ||= hi > lo;

    const sh = m.shipped;
    lo = sh.lowerBound(a, from);
    hi = sh.lowerBound(a, to);
    this.shipped[r] = sh.sum('shipped', lo, hi);
    this.dropshipShipped[r] = sh.sum('dropshipShipped', lo, hi);
    fact ||= hi > lo;

    const rp = m.reported;
    lo = rp.lowerBound(a, from);
    hi = rp.lowerBound(a, to);
    this.reported[r] = rp.sum('reported', lo, hi);
    fact ||= hi > lo;

    this.stock[r] = m.stock.sumIn('stock', a, from, to);
    this.fact[r] = fact ? 1 : 0;
    this.skus[r] = -1;
  }

  /** Distinct SKUs agent `a` got to consumers in the period (agent_sku_days), counted when first asked. */
  skuCount(a: number): number {
    const r = this.row(a);
    if (this.skus[r] < 0) this.skus[r] = distinctSkus(this.m, a, this.range);
    return this.skus[r];
  }
}

/**
 * Per-agent order history before day `to`: counted orders, the last one's day and the median interval
 * (computed when first asked: it sorts the agent's gaps).
 */
export class OrderHistory {
  readonly orders: Int32Array;
  readonly lastDay: Int32Array;
  /** NaN until asked; -1 with fewer than 2 orders. */
  readonly median: Float64Array;
  private memo = -1;
  private memoStamp = -1;

  /** Rows [0, built) are filled (a table built in the background is not kept until every row is). */
  built = 0;
  /** Rows [0, measured) have their median computed (else it is, when first asked). */
  measured = 0;

  constructor(
    private readonly m: ModelData,
    readonly to: number,
    private readonly single = false,
    /** Fill no row yet: `build` fills them, with their medians, in slices. */
    background = false,
  ) {
    const n = single ? 1 : m.agents.count;
    this.orders = new Int32Array(n);
    this.lastDay = new Int32Array(n);
    this.median = new Float64Array(n);
    if (!single && !background) this.build(Infinity, false);
  }

  /**
   * Fill the next rows until `deadline` (performance.now()); with `medians`, compute each row's median too (what a
   * ranking by median interval or churn risk asks of every agent), also of rows filled earlier without. True when
   * all of it is done.
   */
  build(deadline: number, medians = true): boolean {
    const n = this.orders.length;
    while (this.built < n) {
      const end = Math.min(this.built + BUILD_STEP, n);
      const measure = medians && this.measured === this.built;
      for (let a = this.built; a < end; a++) {
        this.fill(a, a);
        if (measure) this.medianOf(a);
      }
      this.built = end;
      if (measure) this.measured = end;
      if (performance.now() >= deadline) return false;
    }
    while (medians && this.measured < n) {
      const end = Math.min(this.measured + BUILD_STEP, n);
      for (let a = this.measured; a < end; a++) this.medianOf(a);
      this.measured = end;
      if (performance.now() >= deadline) return false;
    }
    return true;
  }

  /** Every row filled and its median computed. */
  get complete(): boolean {
    return this.measured === this.orders.length;
  }

  get bytes(): number {
    return typedBytes(this);
  }

  row(a: number): number {
    if (!this.single) return a;
    if (this.memo !== a || this.memoStamp !== this.m.stamp) {
      this.fill(a, 0);
      this.memo = a;
      this.memoStamp = this.m.stamp;
    }
    return 0;
  }

  fill(a: number, r: number): void {
    const p = this.m.placed;
    const lo = p.start[a];
    const hi = p.lowerBound(a, this.to);
    this.orders[r] = p.sum('orders', lo, hi);
    this.lastDay[r] = hi > lo ? p.day[hi - 1] : -1;
    this.median[r] = NaN;
  }

  /** Median days between consecutive counted orders before `to`; null with fewer than 2 orders. */
  medianOf(a: number): number | null {
    const r = this.row(a);
    if (Number.isNaN(this.median[r])) this.median[r] = this.orders[r] < 2 ? -1 : medianInterval(this.m, a, this.to, this.orders[r]);
    return this.median[r] < 0 ? null : this.median[r];
  }
}

/**
 * Tables kept per model: the last few periods and period ends asked for, and any older one still held by a
 * kept result (a ranking holds the tables of its periods). All of them follow every refresh.
 */
const KEPT_SUMS = 4;
const KEPT_HISTORIES = 4;
/** Rows filled between two looks at the clock. */
const BUILD_STEP = 512;
/** A background slice's length: a call that arrives meanwhile waits at most about this long. */
const SLICE_MS = 8;
/**
 * Background builds wait this long after the last ranking asked for them: the rest of the screen's first
 * calls (its setups, counts, the page's next request) are answered first instead of sharing the loop.
 */
const QUIET_MS = 300;

class Kept<T extends object> {
  private strong: T[] = [];
  private weak: WeakRef<T>[] = [];

  constructor(private readonly max: number) {}

  get(hit: (t: T) => boolean, make: () => T): T {
    let t = this.strong.find(hit);
    if (t) this.strong.splice(this.strong.indexOf(t), 1);
    else {
      t = this.live().find(hit) ?? make();
      // Strong again: its weak entry goes, or a table evicted twice would be listed (and refreshed) twice.
      const found = t;
      this.weak = this.weak.filter((w) => w.deref() !== found);
    }
    this.strong.unshift(t);
    for (const old of this.strong.splice(this.max)) this.weak.push(new WeakRef(old));
    return t;
  }

  /** Every table still alive, once each: kept here, or held by someone. */
  all(): T[] {
    return [...this.strong, ...this.live()];
  }

  private live(): T[] {
    const alive: T[] = [];
    this.weak = this.weak.filter((w) => {
      const t = w.deref();
      if (t) alive.push(t);
      return !!t;
    });
    return alive;
  }

  clear(): void {
    this.strong = [];
    this.weak = [];
  }
}

export class Tables {
  private readonly sums = new Kept<PeriodSums>(KEPT_SUMS);
  private readonly histories = new Kept<OrderHistory>(KEPT_HISTORIES);
  /** History tables being built in the background, oldest request first (`prepareHistories`). */
  private pending: OrderHistory[] = [];
  private slice: ReturnType<typeof setImmediate> | null = null;
  private quiet: ReturnType<typeof setTimeout> | null = null;
  /** Bumped when the tables are dropped (agents were added): whoever holds one asks again. */
  version = 0;

  constructor(private readonly m: ModelData) {}

  periodSums(range: DayRange): PeriodSums {
    return this.sums.get((t) => t.range.from === range.from && t.range.to === range.to, () => new PeriodSums(this.m, range));
  }

  history(to: number): OrderHistory {
    return this.histories.get(
      (t) => t.to === to,
      () => {
        // Asked before its background build ended: the rest of its rows now (medians when asked, or in the background).
        const started = this.pending.find((t) => t.to === to);
        if (!started) return new OrderHistory(this.m, to);
        started.build(Infinity, false);
        return started;
      },
    );
  }

  /**
   * Build the history tables (every agent's orders, last day and median interval) for these period ends in the
   * background, once the calls paused (QUIET_MS), in slices of ~8 ms between which other calls run: the first
   * ranking by a history metric (median interval, churn risk, recency, predicted amount) of a period just ranked
   * then finds its tables made. Calls that never pause build them on demand instead (`history`).
   */
  prepareHistories(ends: readonly number[]): void {
    for (const to of ends) {
      if (this.pending.some((t) => t.to === to)) continue;
      // A kept table (made by a call that read recency or orders) may still lack its medians: those go on in the background.
      const kept = this.histories.all().find((t) => t.to === to);
      if (!kept) this.pending.push(new OrderHistory(this.m, to, false, true));
      else if (!kept.complete) this.pending.push(kept);
    }
    if (!this.pending.length || this.slice) return;
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => {
      this.quiet = null;
      this.slice = setImmediate(this.step);
    }, QUIET_MS);
    this.quiet.unref?.();
  }

  private readonly step = () => {
    this.slice = null;
    const deadline = performance.now() + SLICE_MS;
    while (this.pending.length && performance.now() < deadline) {
      const t = this.pending[0];
      if (!t.build(deadline)) break;
      this.pending.shift();
      this.histories.get((k) => k === t, () => t);
    }
    if (this.pending.length) this.slice = setImmediate(this.step);
  };

  /** Background builds still to run (the benchmark waits for them as a user's pause between two screens would). */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  /** Stop building in the background (the model was replaced). */
  dispose(): void {
    if (this.slice) clearImmediate(this.slice);
    if (this.quiet) clearTimeout(this.quiet);
    this.slice = this.quiet = null;
    this.pending = [];
  }

  /** Bytes held by every live table. */
  get bytes(): number {
    return [...new Set([...this.sums.all(), ...this.histories.all(), ...this.pending])].reduce((n, t) => n + t.bytes, 0);
  }

  /** Agents whose rows changed: recompute their rows everywhere; a new agent (no row yet) drops the tables. */
  refresh(agents: readonly number[]): void {
    const sums = this.sums.all();
    const histories = this.histories.all();
    if (agents.some((a) => sums.some((t) => a >= t.orders.length) || [...histories, ...this.pending].some((t) => a >= t.orders.length))) {
      this.sums.clear();
      this.histories.clear();
      this.pending = [];
      this.version++;
      return;
    }
    for (const t of sums) for (const a of agents) t.fill(a, a);
    for (const t of histories) for (const a of agents) t.fill(a, a);
    // Rows not built yet are filled when they are.
    for (const t of this.pending) if (!histories.includes(t)) for (const a of agents) if (a < t.built) t.fill(a, a);
  }
}

/** Bytes of the typed arrays among `o`'s own fields (a table's columns). */
export const typedBytes = (o: object): number => Object.values(o).reduce((n: number, v) => n + (ArrayBuffer.isView(v) ? v.byteLength : 0), 0);

const seen = { stamp: 0, marks: new Uint32Array(1024) };
function distinctSkus(m: ModelData, a: number, range: DayRange): number {
  const s = m.skus;
  const lo = s.lowerBound(a, range.from);
  const hi = s.lowerBound(a, range.to);
  const products = s.cols.product;
  const stamp = ++seen.stamp;
  let n = 0;
  for (let i = lo; i < hi; i++) {
    const p = products[i];
    if (p >= seen.marks.length) {
      const grown = new Uint32Array(Math.max(p + 1, seen.marks.length * 2));
      grown.set(seen.marks);
      seen.marks = grown;
    }
    if (seen.marks[p] !== stamp) {
      seen.marks[p] = stamp;
      n++;
    }
  }
  return n;
}

/**
 * Days between consecutive counted orders before `to`, oldest first. With `withZeros` false, only the gaps
 * between distinct order days (k orders on one day are k − 1 intervals of 0; the median counts them apart).
 */
export function intervalsBetween(m: ModelData, a: number, to: number, withZeros: boolean): number[] {
  const s = m.placed;
  const lo = s.start[a];
  const hi = s.lowerBound(a, to);
  const out: number[] = [];
  for (let i = lo; i < hi; i++) {
    if (i > lo) out.push(s.day[i] - s.day[i - 1]);
    if (withZeros) for (let k = 1; k < s.cols.orders[i]; k++) out.push(0);
  }
  return out;
}

/** Median of the intervals between `orders` (≥ 2) counted orders before `to`: the zeros, then the sorted gaps. */
let gapsScratch = new Float64Array(1024);
function medianInterval(m: ModelData, a: number, to: number, orders: number): number {
  const s = m.placed;
  const lo = s.start[a];
  const hi = s.lowerBound(a, to);
  const k = Math.max(hi - lo - 1, 0);
  if (k > gapsScratch.length) gapsScratch = new Float64Array(2 * k);
  const gaps = gapsScratch;
  for (let i = lo + 1; i < hi; i++) gaps[i - lo - 1] = s.day[i] - s.day[i - 1];
  // Most agents have a few dozen gaps: an insertion sort beats a native sort's call overhead there.
  if (k > 64) gaps.subarray(0, k).sort();
  else
    for (let i = 1; i < k; i++) {
      const x = gaps[i];
      let j = i - 1;
      while (j >= 0 && gaps[j] > x) gaps[j + 1] = gaps[j--];
      gaps[j + 1] = x;
    }
  const zeros = orders - 1 - k;
  const n = orders - 1;
  const mid = n >> 1;
  const upper = mid < zeros ? 0 : gaps[mid - zeros];
  if (n % 2) return upper;
  return ((mid - 1 < zeros ? 0 : gaps[mid - 1 - zeros]) + upper) / 2;
}
