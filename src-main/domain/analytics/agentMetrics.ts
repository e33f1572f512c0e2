import { ApiError, type Output } from '@contract';
import { previousPeriod } from '@contract/periods';
import { monthStart } from '@contract/days';
import type { AgentScope } from '../common/scope';
import { agentMatcher } from './agentFilter';
import { alertSettings, isChurned, isDormant, stockPiling } from './alerts';
import { dayOfEpoch, dayRange, epochDayOf } from './epochDays';
import { AgentFigures, metricValues } from './figures';
import { intervalsBetween } from './tables';
import { agentDisplays } from './rows';
import type { Analytics, Period } from './service';

const MONTHS = 12;

/** agents.metrics: one agent's figures for a period against the previous one (代理详情). */
export async function agentMetrics(an: Analytics, agentId: string, p: Period, scope: AgentScope): Promise<Output<'agents.metrics'>> {
  const m = await an.model.current();
  const a = m.agents.indexOf(agentId);
  // An agent outside the caller's scope is as unknown to them as a missing one.
  if (a === undefined || !agentMatcher(m.agents, {}, scope)(a)) throw new ApiError('NOT_FOUND', `agent ${agentId} does not exist`);
  const d = (await agentDisplays(an.db, [agentId])).get(agentId);
  if (!d) throw new ApiError('NOT_FOUND', `agent ${agentId} does not exist`);
  const prev = previousPeriod(p);
  const [ctx, prevCtx, settings] = await Promise.all([an.periodContext(p), an.periodContext(prev), alertSettings(an.db)]);
  const range = dayRange(p);
  const f = new AgentFigures(m, range, ctx, true).at(a);
  const median = f.medianInterval();
  const last = f.lastOrderDay();

  // Calendar months up to the one holding the period's last day, cut at the period's end.
  const lastDay = dayOfEpoch(range.to - 1);
  const monthly = Array.from({ length: MONTHS }, (_, i) => {
    const from = monthStart(lastDay, i - (MONTHS - 1));
    const to = Math.min(epochDayOf(monthStart(lastDay, i - (MONTHS - 2))), range.to);
    const mf = new AgentFigures(m, { from: epochDayOf(from), to }, ctx, true).at(a);
    return { month: from.slice(0, 7), amount: mf.amount(), orders: mf.orders() };
  });

  return {
    agent: { id: d.id, code: d.code, name: d.name, levelName: d.levelName, status: d.status, province: d.province, city: d.city, csName: d.csName, joinedAt: d.joinedAt },
    period: { from: p.from, to: p.to },
    previous: prev,
    current: metricValues(f),
    prior: metricValues(new AgentFigures(m, dayRange(prev), prevCtx, true).at(a)),
    monthly,
    intervals: intervalsBetween(m, a, range.to, true),
    expectedNextOrder: median === null || last === null ? null : dayOfEpoch(last + Math.round(median)),
    rfmSegment: an.rfmAt(m, range.to).of(a)?.segment ?? null,
    dormant: isDormant(f),
    churned: isChurned(f, settings),
    stockPiling: stockPiling(f, settings),
  };
}
