import type { Knex } from 'knex';
import type { AgentScopeKind } from '@contract';

/** Every agent: admins, managers, the local operator (an explicit value, never what a missing scope means). */
export const ALL_AGENTS = Object.freeze({ all: true as const });

/**
 * A caller's data scope (issue: accounts): `csUserId` limits them to the agents assigned to that staff member
 * (agents.cs_user_id) and to those agents' orders and ranks; ALL_AGENTS sees every agent. There is no default:
 * a query that gets no scope throws (assignedTo) instead of answering for everyone.
 */
export type AgentScope = typeof ALL_AGENTS | { csUserId: string };

/** Thrown where a scope is needed and none was given: a bug in the caller, never "every agent". */
export class ScopeMissingError extends Error {
  constructor(where: string) {
    super(`scope missing: ${where} needs the caller's data scope`);
    this.name = 'ScopeMissingError';
  }
}

/** The scope of a signed-in user from their stored setting (users.agent_scope); an unknown value is refused, not widened. */
export function scopeOfUser(userId: string, kind: AgentScopeKind): AgentScope {
  if (kind === 'assigned') return { csUserId: userId };
  if (kind === 'all') return ALL_AGENTS;
  throw new ScopeMissingError(`the account ${userId} (stored scope ${String(kind)})`);
}

/** The staff member `scope` limits to, or null for every agent; throws when there is no scope at all. */
export function assignedTo(scope: AgentScope, where = 'this query'): string | null {
  // Checked at run time too: a scope that went missing on the way (a cast, JSON) must not read as every agent.
  if (scope && 'csUserId' in scope && typeof scope.csUserId === 'string') return scope.csUserId;
  if (scope && 'all' in scope && scope.all === true) return null;
  throw new ScopeMissingError(where);
}

/** Whether `scope` is limited to assigned agents (throws without a scope). */
export const isLimited = (scope: AgentScope, where?: string) => assignedTo(scope, where) !== null;

/** Restrict a query that has the agent row at hand (`csColumn`: its cs_user_id) to the agents in scope. */
export function whereAssignedInScope(w: Knex.QueryBuilder, csColumn: string, scope: AgentScope): void {
  const cs = assignedTo(scope);
  if (cs !== null) w.where(csColumn, cs);
}

/** Restrict a query on rows that only carry an agent id (`column`) to the agents in scope. */
export function whereAgentInScope(w: Knex.QueryBuilder, db: Knex, column: string, scope: AgentScope): void {
  if (isLimited(scope)) w.whereIn(column, db('agents').select('id').where((x) => whereAssignedInScope(x, 'cs_user_id', scope)));
}
