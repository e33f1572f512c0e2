import type { AgentFilters } from '@contract';
import type { AgentScope } from '../common/scope';
import type { AgentTable, Dict } from './agentTable';

/**
 * The staff member whose assigned agents a caller sees, or null for every agent. The scope is required: a
 * caller that passes none is a programming error, never "everything".
 */
export function scopeStaff(scope: AgentScope): string | null {
  if (scope === undefined) throw new Error('analytics: the caller’s agent scope is required');
  return typeof scope === 'object' && scope !== null ? scope.csUserId : null;
}

/** Which dictionary entries a filter list allows (undefined list: all). */
function allowed(dict: Dict, values: readonly string[] | undefined): ((i: number) => boolean) | null {
  if (!values) return null;
  const ok = new Set(values.map((v) => dict.find(v)).filter((i) => i !== undefined));
  return (i) => ok.has(i);
}

/** A test for agent slots: present, within the scope and through every filter. */
export function agentMatcher(t: AgentTable, filters: AgentFilters, scope: AgentScope): (a: number) => boolean {
  const staff = scopeStaff(scope);
  const own = staff === null ? null : t.csIndex(staff);
  if (staff !== null && own === undefined) return () => false; // nobody is assigned to them
  const tests: ((a: number) => boolean)[] = [];
  if (own !== null && own !== undefined) tests.push((a) => t.cs[a] === own);
  const add = (dict: Dict, values: readonly string[] | undefined, col: number[]) => {
    const ok = allowed(dict, values);
    if (ok) tests.push((a) => ok(col[a]));
  };
  add(t.levels, filters.levelIds, t.level);
  add(t.provinces, filters.provinces, t.province);
  // 'none' is the empty cs entry: agents assigned to nobody.
  add(t.csUsers, filters.csUserIds?.map((c) => (c === 'none' ? '' : c)), t.cs);
  add(t.sources, filters.sourceChannels, t.source);
  add(t.statuses, filters.statuses, t.status);
  return (a) => {
    if (t.present[a] !== 1) return false;
    for (let i = 0; i < tests.length; i++) if (!tests[i](a)) return false;
    return true;
  };
}
