import { METRICS, type MetricId, type RankingTotals } from '@contract';
import { AgentFigures, METRIC_VALUE, orderValue, type PeriodContext } from './figures';
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';
import { typedBytes } from './tables';
import { compareCodes } from './agentTable';
import { sortByKeys } from './sorted';

/** Metrics about an agent's whole history up to the period's end rather than the period alone. */
const HISTORY_METRICS = new Set<MetricId>(['medianInterval', 'recency', 'churnRisk', 'predictedAmount']);

/**
 * Which agents a ranking by `metric` lists (the totals are over the same agents):
 * - every agent with a fact in the period (a counted order placed, a shipment, an after-sales case or a
 *   sell-through report);
 * - for history metrics (median interval, recency, churn risk, predicted amount), also every agent with a
 *   counted order before the period's end;
 * - for growth, also every agent with a fact in the previous period (those who fell to nothing rank last but one).
 */
export function isRanked(metric: MetricId, f: AgentFigures): boolean {
  if (f.hasFact()) return true;
  if (HISTORY_METRICS.has(metric)) return f.ordersBefore() > 0;
  if (metric === 'growth') return f.previous().hasFact();
  return false;
}

/** Ranks by agent slot (a ranked list, or a copy of its ranks). */
export interface Ranks {
  rankOf(a: number): number | null;
}

/**
 * The agents `match` accepts ranked by `metric` over `range`: by the metric (its `better` end first, empty
 * values last), then by purchase amount (higher first), then by agent code (domain.md). Kept current by
 * `update` for the agents a write changed: each leaves its place and is put back where it now belongs, so a
 * write costs a few binary searches and array moves instead of a new sort.
 */
export class RankedList {
  /** Agent slots in rank order: [0, length). */
  order: Int32Array;
  length = 0;
  /** Each agent slot's place in `order`, −1 when not ranked. */
  readonly place: Int32Array;
  totals!: RankingTotals;
  private readonly key: Float64Array;
  private readonly amount: Float64Array;
  private readonly f: AgentFigures;
  private readonly value: (f: AgentFigures) => number | null;
  private readonly sign: number;
  private readonly codes: string[];

  constructor(
    m: ModelData,
    readonly range: DayRange,
    readonly metric: MetricId,
    ctx: PeriodContext,
    match: (a: number) => boolean,
    /** A list no longer kept, whose arrays this one takes over instead of allocating its own (2.4 MB at 100,000 agents). */
    spare: RankedList | null = null,
  ) {
    const n = m.agents.count;
    // Predicted amount sums a year for every agent: from the channel's table for that year (kept), not per agent.
    this.f = new AgentFigures(m, range, ctx, false, metric === 'predictedAmount');
    this.value = METRIC_VALUE[metric] as (f: AgentFigures) => number | null;
    this.sign = METRICS[metric].better === 'high' ? -1 : 1;
    this.codes = m.agents.codes;
    const reuse = spare?.agents === n ? spare : null;
    this.key = reuse?.key ?? new Float64Array(n);
    this.amount = reuse?.amount ?? new Float64Array(n);
    this.place = reuse?.place.fill(-1) ?? new Int32Array(n).fill(-1);
    this.order = reuse?.order ?? new Int32Array(n);
    // Every slot the list ranks gets its key and amount below; the others' stale ones are never read.
    const { key, amount, codes } = this;
    // Infinity − Infinity is NaN, falsy: two empty values fall through to the amount like equal ones.
    this.compare = (x, y) => key[x] - key[y] || amount[y] - amount[x] || compareCodes(codes[x], codes[y]);
    for (let a = 0; a < n; a++) if (this.evaluate(a, match)) this.order[this.length++] = a;
    if (!sortByKeys(this.order, this.length, key, amount, m.agents.codeOrder())) this.order.subarray(0, this.length).sort(this.compare);
    this.renumber(0);
    this.recount();
  }

  get bytes(): number {
    return typedBytes(this);
  }

  /** Agent slots this list can hold (agents added since need a new list). */
  get agents(): number {
    return this.place.length;
  }

  private readonly compare: (x: number, y: number) => number;

  /** Whether agent `a` is ranked; its sort key and amount when it is. */
  private evaluate(a: number, match: (a: number) => boolean): boolean {
    if (!match(a)) return false;
    const f = this.f.at(a);
    if (!isRanked(this.metric, f)) return false;
    const v = this.value(f);
    this.key[a] = v === null ? Infinity : this.sign * v;
    this.amount[a] = f.amount();
    return true;
  }

  private renumber(from: number): void {
    for (let i = from; i < this.length; i++) this.place[this.order[i]] = i;
  }

  /** Totals over the ranked agents, read straight from the period's table (same sums as the figures'). */
  private recount(): void {
    const s = this.f.at(this.order[0] ?? 0).sums;
    let orders = 0, goods = 0, refund = 0, units = 0, returned = 0, shippingFee = 0;
    for (let i = 0; i < this.length; i++) {
      const a = this.order[i];
      orders += s.orders[a];
      goods += s.goods[a];
      refund += s.refund[a];
      units += s.units[a];
      returned += s.returned[a];
      shippingFee += s.shipping[a];
    }
    const amount = goods - refund;
    this.totals = { agents: this.length, orders, amount, units: units - returned, refund, shippingFee, aov: orderValue(amount, orders) };
  }

  /** Re-place agents whose rows or attributes changed (the model's tables already hold their new sums). */
  update(slots: readonly number[], match: (a: number) => boolean): void {
    let first = this.length;
    for (const a of slots) {
      const at = this.place[a];
      if (at >= 0) {
        this.order.copyWithin(at, at + 1, this.length);
        this.length--;
        this.place[a] = -1;
        first = Math.min(first, at);
      }
      if (!this.evaluate(a, match)) continue;
      let lo = 0;
      let hi = this.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.compare(this.order[mid], a) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.order.copyWithin(lo + 1, lo, this.length);
      this.order[lo] = a;
      this.length++;
      first = Math.min(first, lo);
    }
    this.renumber(first);
    this.recount();
  }

  /** Rank (1-based) of agent slot `a`, null when not ranked. */
  rankOf(a: number): number | null {
    return this.place[a] >= 0 ? this.place[a] + 1 : null;
  }

  /** The ranks as of now, copied: for a reader that outlives this call (an export), as this list's arrays may be reused. */
  ranksNow(): Ranks {
    const place = this.place.slice();
    return { rankOf: (a) => (place[a] >= 0 ? place[a] + 1 : null) };
  }

  slice(from: number, to: number): Int32Array {
    return this.order.subarray(Math.min(from, this.length), Math.min(to, this.length));
  }
}
