import type { Knex } from 'knex';

/**
 * A caller's data scope (issue: accounts): `csUserId` limits them to the agents assigned to that staff member
 * (agents.cs_user_id) and to those agents' orders and ranks; null sees every agent.
 */
export type AgentScope = { csUserId: string } | null;

/** Restrict a query that has the agent row at hand (`csColumn`: its cs_user_id) to the agents in scope. */
export function whereAssignedInScope(w: Knex.QueryBuilder, csColumn: string, scope: AgentScope): void {
  if (scope) w.where(csColumn, scope.csUserId);
}

/** Restrict a query on rows that only carry an agent id (`column`) to the agents in scope. */
export function whereAgentInScope(w: Knex.QueryBuilder, db: Knex, column: string, scope: AgentScope): void {
  if (scope) w.whereIn(column, db('agents').select('id').where((x) => whereAssignedInScope(x, 'cs_user_id', scope)));
}
