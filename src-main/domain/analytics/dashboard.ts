import type { Funnel, Output } from '@contract';
import { previousPeriod } from '@contract/periods';
import type { AgentScope } from '../common/scope';
import { agentMatcher, scopeStaff } from './agentFilter';
import { alertSettings, isChurned, isDormant, stockPiling, type AlertSettings } from './alerts';
import { dayOfEpoch, dayRange, type DayRange } from './epochDays';
import { AgentFigures, orderValue, ratio } from './figures';
import { productRanking } from './productRanking';
import type { ModelData } from './readModel';
import { agentDisplays } from './rows';
import { joinedIn } from './conversion';
import type { Analytics, Period } from './service';

type Dashboard = Output<'analytics.dashboard'>;
const TOP = 10;
/**
 * The channel funnel of domain.md for `range` over the agents `match` accepts:
 * 流量 (agents who joined) → 转化率 (of them, first counted order within 14 days of joining, whenever that
 * lies) → 客单价 → 复购次数 (counted orders per ordering agent), with the period's amount and the share of the
 * previous period's ordering agents who ordered again.
 */
export function funnel(m: ModelData, range: DayRange, match: (a: number) => boolean): Funnel {
  const f = new AgentFigures(m, range, { listedSkus: 0 });
  const t = { newAgents: 0, converted: 0, orderingAgents: 0, orders: 0, amount: 0, before: 0, again: 0 };
  for (let a = 0; a < m.agents.count; a++) {
    if (!match(a)) continue;
    f.at(a);
    const j = joinedIn(m, range, a);
    if (j.joined) t.newAgents++;
    if (j.converted) t.converted++;
    const orders = f.orders();
    t.amount += f.amount();
    t.orders += orders;
    if (orders > 0) t.orderingAgents++;
    if (f.previous().orders() > 0) {
      t.before++;
      if (orders > 0) t.again++;
    }
  }
  return {
    newAgents: t.newAgents,
    converted: t.converted,
    conversionRate: ratio(t.converted, t.newAgents),
    orderingAgents: t.orderingAgents,
    orders: t.orders,
    aov: orderValue(t.amount, t.orders),
    ordersPerAgent: ratio(t.orders, t.orderingAgents),
    amount: t.amount,
    repurchaseShare: ratio(t.again, t.before),
  };
}

/** Purchase amount and counted orders per local day of `range`, every day listed; `match` null: the whole channel. */
function daily(m: ModelData, range: DayRange, match: ((a: number) => boolean) | null): Dashboard['daily'] {
  const days = range.to - range.from;
  if (!match) {
    const c = m.channelDays;
    return Array.from({ length: days }, (_, i) => ({ day: dayOfEpoch(range.from + i), amount: c.amount[range.from + i], orders: c.orders[range.from + i] }));
  }
  const amount = new Float64Array(days);
  const orders = new Float64Array(days);
  const { placed, afterSales } = m;
  for (let a = 0; a < m.agents.count; a++) {
    if (!match(a)) continue;
    for (let i = placed.lowerBound(a, range.from), hi = placed.lowerBound(a, range.to); i < hi; i++) {
      amount[placed.day[i] - range.from] += placed.cols.goods[i];
      orders[placed.day[i] - range.from] += placed.cols.orders[i];
    }
    for (let i = afterSales.lowerBound(a, range.from), hi = afterSales.lowerBound(a, range.to); i < hi; i++)
      amount[afterSales.day[i] - range.from] -= afterSales.cols.refund[i];
  }
  return Array.from({ length: days }, (_, i) => ({ day: dayOfEpoch(range.from + i), amount: amount[i], orders: orders[i] }));
}

/** Agent counts, amounts by province and stock-piling alerts, in one pass over the agents in scope. */
function agentsPass(m: ModelData, range: DayRange, match: (a: number) => boolean, s: AlertSettings) {
  const f = new AgentFigures(m, range, { listedSkus: 0 });
  const counts = { new: 0, active: 0, dormant: 0, churned: 0 };
  const provinces = new Map<number, { amount: number; agents: number }>();
  const piling: { a: number; stockUnits: number; sellThrough: number | null }[] = [];
  for (let a = 0; a < m.agents.count; a++) {
    if (!match(a)) continue;
    f.at(a);
    const joined = m.agents.joinedDay[a];
    if (joined >= range.from && joined < range.to) counts.new++;
    if (f.orders() > 0) counts.active++;
    if (isDormant(f)) counts.dormant++;
    if (isChurned(f, s)) counts.churned++;
    if (f.hasFact()) {
      const p = provinces.get(m.agents.province[a]) ?? { amount: 0, agents: 0 };
      p.amount += f.amount();
      if (f.orders() > 0) p.agents++;
      provinces.set(m.agents.province[a], p);
    }
    const alert = stockPiling(f, s);
    if (alert) piling.push({ a, ...alert });
  }
  const byProvince = [...provinces]
    .map(([i, p]) => ({ province: m.agents.provinces.values[i], ...p }))
    .sort((x, y) => y.amount - x.amount || y.agents - x.agents || (x.province < y.province ? -1 : 1));
  piling.sort((x, y) => y.stockUnits - x.stockUnits || (m.agents.codes[x.a] < m.agents.codes[y.a] ? -1 : 1));
  return { counts, byProvince, piling };
}

/** analytics.dashboard (工作台) for a period against the previous one, over the caller's agents. */
export async function dashboard(an: Analytics, p: Period, scope: AgentScope): Promise<Dashboard> {
  const m = await an.model.current();
  const prev = previousPeriod(p);
  const range = dayRange(p);
  const settings = await alertSettings(an.db);
  // The amount ranking the ranking screen keeps (and follows writes in).
  const top = (await an.ranked({ ...p, metric: 'amount', filters: {}, compare: false }, scope)).ranking.current.slice(0, TOP).slice(); // a copy: the list's arrays may be reused by another call meanwhile
  const key = JSON.stringify(['dashboard', p, scopeStaff(scope), settings]);
  const agents = an.keptWhileCurrent(key, m, () => {
    const match = agentMatcher(m.agents, {}, scope);
    return {
      funnel: { current: funnel(m, range, match), previous: funnel(m, dayRange(prev), match) },
      daily: daily(m, range, scopeStaff(scope) === null ? null : match),
      ...agentsPass(m, range, match, settings),
    };
  });
  const topRows = Array.from(top, (a) => new AgentFigures(m, range, { listedSkus: 0 }).at(a));
  const pilingShown = agents.piling.slice(0, TOP);
  const shown = await agentDisplays(an.db, [...Array.from(top, (a) => m.agents.ids[a]), ...pilingShown.map((x) => m.agents.ids[x.a])]);
  const ref = (a: number) => {
    const id = m.agents.ids[a];
    return { agentId: id, agentCode: shown.get(id)?.code ?? m.agents.codes[a], agentName: shown.get(id)?.name ?? '' };
  };
  return {
    period: { from: p.from, to: p.to },
    previous: prev,
    funnel: agents.funnel,
    daily: agents.daily,
    agentCounts: agents.counts,
    topAgents: Array.from(top, (a, i) => ({ ...ref(a), amount: topRows[i].amount(), orders: topRows[i].orders() })),
    // Product names and listings are not in the rollups' change log: read every time (a few rows per product and day).
    topProducts: (await productRanking(an.db, { ...p, metric: 'amount', page: 1, pageSize: TOP })).rows,
    byProvince: agents.byProvince,
    stockPiling: { count: agents.piling.length, rows: pilingShown.map((x) => ({ ...ref(x.a), stockUnits: x.stockUnits, sellThrough: x.sellThrough })) },
  };
}
