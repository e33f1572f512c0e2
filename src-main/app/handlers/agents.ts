import type { AreaHandlers } from '../router';
import { listAgents } from '../../domain/agents/list';

export const agentsHandlers: AreaHandlers<'agents.list'> = {
  'agents.list': async (q, env) => listAgents(env.db, q),
};
