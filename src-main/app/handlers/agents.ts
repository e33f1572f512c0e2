import { piiViewOf, scopeOf, type AreaHandlers } from '../router';
import { assignAgents, listAgents } from '../../domain/agents/list';
import { flaggedAgentIds } from '../../domain/analytics/flagged';

export const agentsHandlers: AreaHandlers<'agents.list' | 'agents.assign'> = {
  'agents.list': async (q, env, caller) => {
    // Dormant and churned are figures of the analytics read model, not columns: it names the agents.
    const only = q.signal ? await flaggedAgentIds(env.analytics, q.signal.kind, q.signal, scopeOf(caller)) : undefined;
    return listAgents(env.db, q, scopeOf(caller), piiViewOf(caller), env.timeZone, only);
  },
  'agents.assign': async ({ agentIds, csUserId }, ctx) => ({ updated: await assignAgents(ctx, agentIds, csUserId) }),
};
