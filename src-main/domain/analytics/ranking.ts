import { METRICS, type MetricId, type RankingTotals } from '@contract';
import { AgentFigures, METRIC_VALUE, orderValue, type PeriodContext } from './figures';
import type { DayRange } from './epochDays';
import type { ModelData } from './readModel';

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

export interface Ranked {
  /** Agent slots in rank order. */
  order: Int32Array;
  totals: RankingTotals;
}

/**
 * Rank the agents `match` accepts by `metric` over `range`: by the metric (its `better` end first, empty values
 * last), then by purchase amount (higher first), then by agent code (domain.md).
 */
export function rankAgents(m: ModelData, range: DayRange, metric: MetricId, ctx: PeriodContext, match: (a: number) => boolean): Ranked {
  const f = new AgentFigures(m, range, ctx);
  const value = METRIC_VALUE[metric] as (f: AgentFigures) => number | null;
  const sign = METRICS[metric].better === 'high' ? -1 : 1;
  const n = m.agents.count;
  const slots = new Int32Array(n);
  const key = new Float64Array(n);
  const amount = new Float64Array(n);
  const t = { orders: 0, amount: 0, units: 0, refund: 0, shippingFee: 0 };
  let k = 0;
  for (let a = 0; a < n; a++) {
    if (!match(a)) continue;
    f.at(a);
    if (!isRanked(metric, f)) continue;
    const v = value(f);
    slots[k] = a;
    key[k] = v === null ? Infinity : sign * v;
    amount[k] = f.amount();
    t.orders += f.orders();
    t.amount += amount[k];
    t.units += f.units();
    t.refund += f.refund();
    t.shippingFee += f.shippingFee();
    k++;
  }
  const codes = m.agents.codes;
  const perm = new Uint32Array(k);
  for (let i = 0; i < k; i++) perm[i] = i;
  // Infinity − Infinity is NaN, falsy: two empty values fall through to the amount like equal ones.
  perm.sort((i, j) => key[i] - key[j] || amount[j] - amount[i] || compareCodes(codes[slots[i]], codes[slots[j]]));
  const order = new Int32Array(k);
  for (let i = 0; i < k; i++) order[i] = slots[perm[i]];
  return { order, totals: { agents: k, ...t, aov: orderValue(t.amount, t.orders) } };
}

/** Codes compare as SQLite's BINARY collation does for the ASCII codes agents have. */
const compareCodes = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Each agent slot's rank (1-based) in `order`; 0 for agents not ranked. */
export function ranksOf(order: Int32Array, agents: number): Int32Array {
  const rank = new Int32Array(agents);
  for (let i = 0; i < order.length; i++) rank[order[i]] = i + 1;
  return rank;
}
