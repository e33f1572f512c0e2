import { scopeOf, type AreaHandlers } from '../router';
import { agentMetrics } from '../../domain/analytics/agentMetrics';
import { dashboard } from '../../domain/analytics/dashboard';
import { productRanking } from '../../domain/analytics/productRanking';

export const analyticsHandlers: AreaHandlers<'agents.metrics' | 'analytics.dashboard' | 'reports.productRanking'> = {
  'agents.metrics': async ({ agentId, from, to }, env, caller) => agentMetrics(env.analytics, agentId, { from, to }, scopeOf(caller)),
  'analytics.dashboard': async ({ from, to }, env, caller) => dashboard(env.analytics, { from, to }, scopeOf(caller)),
  'reports.productRanking': async (q, env) => productRanking(env.db, q),
};
