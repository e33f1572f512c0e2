import type { AgentScope } from '../common/scope';
import { agentMatcher } from './agentFilter';
import { alertSettings, isChurned, isDormant } from './alerts';
import { joinedIn } from './conversion';
import { dayRange } from './epochDays';
import { AgentFigures } from './figures';
import type { Analytics, Period } from './service';

export type AgentSignal = 'dormant' | 'churned' | 'converted';

/**
 * Ids of the agents in `scope` that are dormant or churned as of the end of `p`, or that joined in `p` and
 * converted (the funnel's 转化), by the same tests the dashboard counts them with (agents.list lists exactly the
 * set a dashboard figure clicks through to).
 */
export async function flaggedAgentIds(an: Analytics, kind: AgentSignal, p: Period, scope: AgentScope): Promise<string[]> {
  const m = await an.model.current();
  const match = agentMatcher(m.agents, {}, scope);
  const settings = await alertSettings(an.db);
  const range = dayRange(p);
  const f = new AgentFigures(m, range, { listedSkus: 0 });
  const ids: string[] = [];
  for (let a = 0; a < m.agents.count; a++) {
    if (!match(a)) continue;
    if (kind === 'converted') {
      if (joinedIn(m, range, a).converted) ids.push(m.agents.ids[a]);
      continue;
    }
    f.at(a);
    if (kind === 'dormant' ? isDormant(f) : isChurned(f, settings)) ids.push(m.agents.ids[a]);
  }
  return ids;
}
