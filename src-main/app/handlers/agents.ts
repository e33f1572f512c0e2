import { auditActor, piiViewOf, scopeOf, type AreaHandlers } from '../router';
import { assignAgents, listAgents } from '../../domain/agents/list';

export const agentsHandlers: AreaHandlers<'agents.list' | 'agents.assign'> = {
  'agents.list': async (q, env, caller) => listAgents(env.db, q, scopeOf(caller), piiViewOf(caller), env.timeZone),
  'agents.assign': async ({ agentIds, csUserId }, env, caller) => ({ updated: await assignAgents(env.db, auditActor(caller), scopeOf(caller), agentIds, csUserId) }),
};
