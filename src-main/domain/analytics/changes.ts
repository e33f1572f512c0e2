import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';

/** agent_id in rollup_changes meaning every agent (written by a rebuild). */
export const ALL_AGENTS = '*';

/**
 * Tell read models (in this and other processes) that these agents changed: their attributes (level, region,
 * cs assignment, status) or their rollups. Call it inside the transaction of the change, like the ledger does
 * for the rollups, so the note commits with it. agents.assign uses it.
 */
export async function noteAgentsChanged(trx: Knex, agentIds: readonly string[]): Promise<void> {
  for (let i = 0; i < agentIds.length; i += 500) await trx('rollup_changes').insert(agentIds.slice(i, i + 500).map((agent_id) => ({ agent_id })));
}

/** Changes logged after `sinceRev`: the latest rev and the agents named; null when nothing moved. */
export function readChanges(conn: Database, sinceRev: number): { rev: number; agents: Set<string> } | null {
  const rev = latestRev(conn);
  if (rev === sinceRev) return null;
  // The log went back (another database, or it was emptied): the caller reloads everything.
  if (rev < sinceRev) return { rev, agents: new Set() };
  const agents = new Set(conn.prepare('SELECT agent_id FROM rollup_changes WHERE rev > ?').pluck().all(sinceRev) as string[]);
  return { rev, agents };
}

export const latestRev = (conn: Database): number => conn.prepare('SELECT COALESCE(MAX(rev), 0) FROM rollup_changes').pluck().get() as number;
