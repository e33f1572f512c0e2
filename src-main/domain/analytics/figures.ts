import type { MetricId, MetricValues } from '@contract';
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';

/** What a figure needs besides the agent's rows: counts that are the same for every agent of a period. */
export interface PeriodContext {
  /** SKUs listed during the period (the active-SKU ratio's denominator). */
  listedSkus: number;
}

const NONE = -1;

/**
 * One agent's figures for one period, computed from the read model on demand and kept until the cursor
 * moves to another agent (`at`). The period sums of one series are taken in one pass; history figures
 * (recency, intervals) look at every counted order before the period's end. Rankings move one cursor over
 * every agent and read just the figure they sort by; a row reads them all.
 *
 * Definitions: domain.md and contract/metrics.ts. Days are epoch days; `to` is exclusive.
 */
export class AgentFigures {
  a = NONE;
  readonly days: number;
  private placedAt = NONE;
  private p = { orders: 0, goods: 0, units: 0, shipping: 0, days: 0 };
  private afterSalesAt = NONE;
  private s = { refund: 0, returned: 0, returnedDropship: 0 };
  private shippedAt = NONE;
  private sh = { shipped: 0, dropshipShipped: 0 };
  private simpleAt = { stock: NONE, reported: NONE, skus: NONE };
  private simple = { stock: 0, reported: 0, skus: 0 };
  private historyAt = NONE;
  private h = { orders: 0, lastDay: NONE };
  private medianAt = NONE;
  private median: number | null = null;
  private sub: Partial<Record<'previous' | 'year' | 'stockWindow', AgentFigures>> = {};

  constructor(
    readonly m: ModelData,
    readonly range: DayRange,
    readonly ctx: PeriodContext,
  ) {
    this.days = range.to - range.from;
  }

  at(a: number): this {
    this.a = a;
    return this;
  }

  // --- period sums -------------------------------------------------------------------------------------

  private placed() {
    if (this.placedAt !== this.a) {
      const { m, a, range } = this;
      const s = m.placed;
      const lo = s.lowerBound(a, range.from);
      const hi = s.lowerBound(a, range.to);
      const c = s.cols;
      let orders = 0, goods = 0, units = 0, shipping = 0;
      for (let i = lo; i < hi; i++) {
        orders += c.orders[i];
        goods += c.goods[i];
        units += c.units[i];
        shipping += c.shipping[i];
      }
      this.p = { orders, goods, units, shipping, days: hi - lo };
      this.placedAt = a;
    }
    return this.p;
  }

  private afterSales() {
    if (this.afterSalesAt !== this.a) {
      const s = this.m.afterSales;
      const lo = s.lowerBound(this.a, this.range.from);
      const hi = s.lowerBound(this.a, this.range.to);
      this.s = { refund: s.sum('refund', lo, hi), returned: s.sum('returned', lo, hi), returnedDropship: s.sum('returnedDropship', lo, hi) };
      this.afterSalesAt = this.a;
    }
    return this.s;
  }

  private shippedSums() {
    if (this.shippedAt !== this.a) {
      const s = this.m.shipped;
      const lo = s.lowerBound(this.a, this.range.from);
      const hi = s.lowerBound(this.a, this.range.to);
      this.sh = { shipped: s.sum('shipped', lo, hi), dropshipShipped: s.sum('dropshipShipped', lo, hi) };
      this.shippedAt = this.a;
    }
    return this.sh;
  }

  /** Stock-order units, reported sell-through units, or distinct SKUs that reached consumers. */
  private one(which: 'stock' | 'reported' | 'skus'): number {
    if (this.simpleAt[which] !== this.a) {
      const { m, a, range } = this;
      this.simple[which] =
        which === 'stock' ? m.stock.sumIn('stock', a, range.from, range.to) : which === 'reported' ? m.reported.sumIn('reported', a, range.from, range.to) : distinctSkus(m, a, range);
      this.simpleAt[which] = a;
    }
    return this.simple[which];
  }

  /** Any fact in the period: a counted order placed, a shipment, an after-sales case or a sell-through report. */
  hasFact(): boolean {
    const { m, a, range } = this;
    return m.placed.any(a, range.from, range.to) || m.shipped.any(a, range.from, range.to) || m.afterSales.any(a, range.from, range.to) || m.reported.any(a, range.from, range.to);
  }

  orders = () => this.placed().orders;
  goods = () => this.placed().goods;
  refund = () => this.afterSales().refund;
  shippingFee = () => this.placed().shipping;
  /** Counted units bought (before returns): sell-through's denominator. */
  unitsBought = () => this.placed().units;
  returnedUnits = () => this.afterSales().returned;
  stockUnits = () => this.one('stock');
  amount = () => this.goods() - this.refund();
  units = () => this.unitsBought() - this.returnedUnits();
  activeDays = () => this.placed().days;
  aov = () => orderValue(this.amount(), this.orders());

  /** Units that reached consumers: dropship units shipped − dropship units returned + reported sell-through. */
  consumerUnits = () => this.shippedSums().dropshipShipped - this.afterSales().returnedDropship + this.one('reported');
  sellThrough = () => ratio(this.consumerUnits(), this.unitsBought());
  returnRate = () => ratio(this.returnedUnits(), this.shippedSums().shipped);
  activeSkuRatio = () => ratio(this.one('skus'), this.ctx.listedSkus);

  // --- history up to the period's end -----------------------------------------------------------------

  private history() {
    if (this.historyAt !== this.a) {
      this.h = orderHistory(this.m, this.a, this.range.to);
      this.historyAt = this.a;
    }
    return this.h;
  }

  /** Counted orders ever placed before the period's end. */
  ordersBefore = () => this.history().orders;
  lastOrderDay = (): number | null => (this.history().orders ? this.history().lastDay : null);
  medianInterval = (): number | null => {
    if (this.medianAt !== this.a) {
      this.median = this.history().orders < 2 ? null : medianInterval(this.m, this.a, this.range.to, this.history().orders);
      this.medianAt = this.a;
    }
    return this.median;
  };
  recency = (): number | null => (this.history().orders ? this.range.to - this.history().lastDay : null);
  /** The agent's usual gap between orders: the median interval, or 30 days with one order (domain.md). */
  usualInterval = (): number | null => (this.history().orders === 0 ? null : this.history().orders === 1 ? 30 : this.medianInterval());

  // --- other windows ----------------------------------------------------------------------------------

  private window(key: 'previous' | 'year' | 'stockWindow', range: () => DayRange): AgentFigures {
    let f = this.sub[key];
    if (!f) f = this.sub[key] = new AgentFigures(this.m, range(), this.ctx);
    return f.a === this.a ? f : f.at(this.a);
  }

  /** The same figures for the previous equal-length period. */
  previous = () => this.window('previous', () => ({ from: this.range.from - this.days, to: this.range.from }));
  /** The last 365 days up to the period's end. */
  lastYear = () => this.window('year', () => ({ from: this.range.to - 365, to: this.range.to }));
  /** The stock-piling window: the last 60 days up to the period's end. */
  stockWindow = () => this.window('stockWindow', () => ({ from: this.range.to - STOCK_WINDOW_DAYS, to: this.range.to }));
}

export const STOCK_WINDOW_DAYS = 60;
/** domain.md: predicted 12-month amount = order value × orders per 30 days × 12.17. */
const MONTHS_PER_YEAR = 12.17;

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
/** 客单价: amount ÷ orders to the nearest fen; empty (null), not 0, without orders. */
export const orderValue = (amountFen: number, orders: number): number | null => (orders > 0 ? Math.round(amountFen / orders) : null);

/** Every metric of contract/metrics.ts as a function of one agent's figures: the one definition of each. */
export const METRIC_VALUE: { [K in MetricId]: (f: AgentFigures) => MetricValues[K] } = {
  amount: (f) => f.amount(),
  orders: (f) => f.orders(),
  units: (f) => f.units(),
  aov: (f) => f.aov(),
  frequency: (f) => (f.orders() * 30) / f.days,
  activeDays: (f) => f.activeDays(),
  medianInterval: (f) => f.medianInterval(),
  recency: (f) => f.recency(),
  sellThrough: (f) => f.sellThrough(),
  activeSkuRatio: (f) => f.activeSkuRatio(),
  returnRate: (f) => f.returnRate(),
  repurchase: (f) => Math.max(f.orders() - 1, 0),
  // A previous amount of 0 or less (refunds only) has no growth to measure.
  growth: (f) => {
    const before = f.previous().amount();
    return before > 0 ? (f.amount() - before) / before : null;
  },
  churnRisk: (f) => {
    const interval = f.usualInterval();
    const recency = f.recency();
    return interval === null || recency === null ? null : Math.min(recency / (2 * interval), 1);
  },
  predictedAmount: (f) => {
    const y = f.lastYear();
    const aov = y.amount() / y.orders();
    return y.orders() > 0 ? Math.round(aov * ((y.orders() * 30) / y.days) * MONTHS_PER_YEAR) : null;
  },
  refund: (f) => f.refund(),
  shippingFee: (f) => f.shippingFee(),
};

export function metricValues(f: AgentFigures): MetricValues {
  const out = {} as Record<MetricId, number | null>;
  for (const k of Object.keys(METRIC_VALUE) as MetricId[]) out[k] = METRIC_VALUE[k](f);
  return out as MetricValues;
}

/** Distinct products agent `a` got to consumers in `range` (agent_sku_days). */
const seen = { stamp: 0, marks: new Uint32Array(0) };
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
      const grown = new Uint32Array(Math.max(p + 1, seen.marks.length * 2, 1024));
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

/** Counted orders before `to` and the last one's day. */
function orderHistory(m: ModelData, a: number, to: number): { orders: number; lastDay: number } {
  const s = m.placed;
  const lo = s.start[a];
  const hi = s.lowerBound(a, to);
  return hi === lo ? { orders: 0, lastDay: NONE } : { orders: s.sum('orders', lo, hi), lastDay: s.day[hi - 1] };
}

/**
 * Median of the days between consecutive counted orders before `to` (`orders` of them, at least 2): k orders
 * on one day are k − 1 intervals of 0, so the median is taken over those zeros and the sorted gaps between
 * order days.
 */
function medianInterval(m: ModelData, a: number, to: number, orders: number): number {
  const gaps = intervalsBetween(m, a, to, false).sort();
  return medianOf(orders - 1 - gaps.length, gaps);
}

/** Median of `zeros` zeros followed by the ascending `sorted`. */
function medianOf(zeros: number, sorted: Float64Array): number {
  const n = zeros + sorted.length;
  const at = (i: number) => (i < zeros ? 0 : sorted[i - zeros]);
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/**
 * Days between consecutive counted orders before `to`, oldest first. With `withZeros` false, only the gaps
 * between distinct order days (for the median, where the zeros are counted instead).
 */
export function intervalsBetween(m: ModelData, a: number, to: number, withZeros: boolean): Float64Array {
  const s = m.placed;
  const lo = s.start[a];
  const hi = s.lowerBound(a, to);
  const out: number[] = [];
  for (let i = lo; i < hi; i++) {
    if (i > lo) out.push(s.day[i] - s.day[i - 1]);
    if (withZeros) for (let k = 1; k < s.cols.orders[i]; k++) out.push(0);
  }
  return Float64Array.from(out);
}
