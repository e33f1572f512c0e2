import type { Database } from 'better-sqlite3';

/** agent_id in rollup_changes meaning every agent (written by a rebuild). */
export const EVERY_AGENT = '*';

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
