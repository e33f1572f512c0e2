import { piiViewOf, scopeOf, type AreaHandlers } from '../router';
import { assignAgents, listAgents } from '../../domain/agents/list';

export const agentsHandlers: AreaHandlers<'agents.list' | 'agents.assign'> = {
  'agents.list': async (q, env, caller) => listAgents(env.db, q, scopeOf(caller), piiViewOf(caller)),
  'agents.assign': async ({ agentIds, csUserId }, ctx) => ({ updated: await assignAgents(ctx, agentIds, csUserId) }),
};
