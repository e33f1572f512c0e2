import type { MetricId, MetricValues } from '@contract';
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';
import { OrderHistory, PeriodSums } from './tables';

/** What a figure needs besides the agent's rows: counts that are the same for every agent of a period. */
export interface PeriodContext {
  /** SKUs listed during the period (the active-SKU ratio's denominator). */
  listedSkus: number;
}

export const STOCK_WINDOW_DAYS = 60;
/** domain.md: predicted 12-month amount = order value × orders per 30 days × 12.17. */
const MONTHS_PER_YEAR = 12.17;

type Window = 'previous' | 'year' | 'stockWindow';

/**
 * One agent's figures for one period (`at` moves to another agent). Read from the model's per-period tables
 * (whole channel, kept with the model: rankings and the dashboard) or, with `single`, from one-row tables
 * computed for the agent (the agent page, a few agents). History figures look at every counted order before
 * the period's end. Definitions: domain.md and contract/metrics.ts; days are epoch days, `to` exclusive.
 */
export class AgentFigures {
  a = -1;
  readonly days: number;
  private s: PeriodSums;
  private hist: OrderHistory | null = null;
  private version: number;
  private readonly sub: Partial<Record<Window, AgentFigures>> = {};

  constructor(
    readonly m: ModelData,
    readonly range: DayRange,
    readonly ctx: PeriodContext,
    private readonly single = false,
    /** The year window from a channel table too (a ranking by predicted amount reads it for every agent). */
    private readonly channelYear = false,
  ) {
    this.days = range.to - range.from;
    this.s = single ? new PeriodSums(m, range, true) : m.tables.periodSums(range);
    this.version = m.tables.version;
  }

  at(a: number): this {
    this.a = a;
    if (!this.single && this.version !== this.m.tables.version) {
      // The tables were dropped (agents were added): the ones held are no longer kept current.
      this.version = this.m.tables.version;
      this.s = this.m.tables.periodSums(this.range);
      this.hist = null;
    }
    return this;
  }

  /** The whole-channel sums behind the figures (one row per agent slot), for loops over many agents. */
  get sums(): PeriodSums {
    return this.s;
  }

  private get r(): number {
    return this.s.row(this.a);
  }

  private get h(): OrderHistory {
    return (this.hist ??= this.single ? new OrderHistory(this.m, this.range.to, true) : this.m.tables.history(this.range.to));
  }

  /** Any fact in the period: a counted order placed, a shipment, an after-sales case or a sell-through report. */
  hasFact = () => this.s.fact[this.r] === 1;
  orders = () => this.s.orders[this.r];
  goods = () => this.s.goods[this.r];
  refund = () => this.s.refund[this.r];
  shippingFee = () => this.s.shipping[this.r];
  /** Counted units bought (before returns): sell-through's denominator. */
  unitsBought = () => this.s.units[this.r];
  returnedUnits = () => this.s.returned[this.r];
  stockUnits = () => this.s.stock[this.r];
  amount = () => this.goods() - this.refund();
  units = () => this.unitsBought() - this.returnedUnits();
  activeDays = () => this.s.activeDays[this.r];
  aov = () => orderValue(this.amount(), this.orders());

  /** Units that reached consumers: dropship units shipped − dropship units returned + reported sell-through. */
  consumerUnits = () => this.s.dropshipShipped[this.r] - this.s.returnedDropship[this.r] + this.s.reported[this.r];
  sellThrough = () => ratio(this.consumerUnits(), this.unitsBought());
  returnRate = () => ratio(this.returnedUnits(), this.s.shipped[this.r]);
  activeSkuRatio = () => ratio(this.s.skuCount(this.a), this.ctx.listedSkus);

  /** Counted orders ever placed before the period's end. */
  ordersBefore = () => this.h.orders[this.h.row(this.a)];
  lastOrderDay = (): number | null => (this.ordersBefore() ? this.h.lastDay[this.h.row(this.a)] : null);
  medianInterval = (): number | null => this.h.medianOf(this.a);
  recency = (): number | null => (this.ordersBefore() ? this.range.to - this.h.lastDay[this.h.row(this.a)] : null);
  /** The agent's usual gap between orders: the median interval, or 30 days with one order (domain.md). */
  usualInterval = (): number | null => {
    const n = this.ordersBefore();
    return n === 0 ? null : n === 1 ? 30 : this.medianInterval();
  };

  /** The same agent over another window; `single` windows are summed per agent, not kept for the channel. */
  private window(key: Window): AgentFigures {
    let f = this.sub[key];
    if (!f) {
      const { from, to } = this.range;
      const range = key === 'previous' ? { from: from - this.days, to: from } : key === 'year' ? { from: to - 365, to } : { from: to - STOCK_WINDOW_DAYS, to };
      f = this.sub[key] = new AgentFigures(this.m, range, this.ctx, key === 'year' ? this.single || !this.channelYear : this.single);
    }
    return f.a === this.a ? f : f.at(this.a);
  }

  /** The same agent in the previous equal-length period (a channel table, like the stock window: comparisons
   * and the dashboard go over every agent; the year window is summed per agent for the rows shown, and read from
   * a channel table when every agent needs it: see `channelYear`). */
  previous = () => this.window('previous');
  /** The last 365 days up to the period's end. */
  lastYear = () => this.window('year');
  /** The stock-piling window: the last 60 days up to the period's end. */
  stockWindow = () => this.window('stockWindow');
}

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
    const orders = y.orders();
    return orders > 0 ? Math.round((y.amount() / orders) * ((orders * 30) / y.days) * MONTHS_PER_YEAR) : null;
  },
  refund: (f) => f.refund(),
  shippingFee: (f) => f.shippingFee(),
};

const ALL_METRICS = Object.keys(METRIC_VALUE) as MetricId[];

/** Every metric of the agent at `f`, or only those in `only` (the rest null: an export computes what it writes). */
export function metricValues(f: AgentFigures, only: readonly MetricId[] = ALL_METRICS): MetricValues {
  const out = {} as Record<MetricId, number | null>;
  if (only !== ALL_METRICS) for (const k of ALL_METRICS) out[k] = null;
  for (const k of only) out[k] = METRIC_VALUE[k](f);
  return out as MetricValues;
}
