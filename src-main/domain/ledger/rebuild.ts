import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import { dropObjects } from '../../db/demo/bulk';
import { type Db, rawConnection, withTempFiles } from '../../db/open';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { ledgerAudit } from './audit';
import { ChangeSet } from './changes';
import type { LedgerActor } from './context';
import { agentRanges, rebuildAgentDays } from './rebuildAgentDays';
import { rebuildProductDays } from './rebuildProductDays';

/** Tables derived from the facts: never copied by a restore (rebuilt instead), never written outside the ledger. */
export const DERIVED_TABLES = ['agent_day_stats', 'product_day_stats', 'agent_sku_days', 'product_agent_days', 'rollup_changes'] as const;

/** The order facts: written by domain/ledger only (tests/unit/ledgerGuard.test.ts), besides the bulk paths that rebuild. */
export const FACT_TABLES = ['orders', 'order_lines', 'order_events', 'after_sales', 'after_sales_lines', 'sellthrough_reports', 'stock_movements'] as const;

/**
 * Bump when what the rollups hold changes: a database built by an older version is rebuilt on open. 2: no all-zero
 * rows. 3: product_agent_days.
 */
export const ROLLUPS_VERSION = 3;
const VERSION_KEY = 'analytics.rollupsVersion';

/**
 * The connection settings of a rebuild, restored after it: SQLite's sorter and index builds spill to temporary
 * files (temp_store FILE; with MEMORY those "files" are RAM: 640 MB peak at 5 M lines) in runs the size of a small
 * page cache, with a helper thread. Rebuilding touches each page about once, so a big cache would only grow memory.
 * SQLite refuses to change temp_store inside a transaction ("temporary storage cannot be changed from within a
 * transaction"), and a rebuild always runs in its caller's: the callers that open it set temp_store before
 * (withTempFiles: rebuildAnalytics, ensureRollups); elsewhere it stays as it is.
 */
const REBUILD_PRAGMAS = { temp_store: 'FILE', cache_size: -8192, threads: 2 } as const;

async function withRebuildPragmas<T>(conn: Database, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(REBUILD_PRAGMAS).map((k) => [k, conn.pragma(k, { simple: true })]));
  const set = (name: string, value: unknown) => {
    try {
      conn.pragma(`${name} = ${value}`);
    } catch {
      // "temporary storage cannot be changed from within a transaction": keep the current setting.
    }
  };
  for (const [k, v] of Object.entries(REBUILD_PRAGMAS)) set(k, v);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) set(k, v);
  }
}

/** One step of a rebuild, synchronous on the connection; between steps progress goes out and a cancel comes in. */
type Step = (conn: Database) => void;

/**
 * The rebuild as steps: every rollup recomputed from the facts (orders, lines, after-sales, sell-through reports).
 * The column meanings are in the migration 20261202090000_analytics_rollups; the ledger's incremental updates must
 * always equal what this computes (a property test holds them to it), and tests/unit/rebuild.test.ts holds it to
 * the plain GROUP BY definitions. A key whose sums are all zero gets no row (a refund-free case without lines,
 * say): the ledger deletes rows its deltas bring to zero, and both must agree.
 *
 * The derived tables' secondary indexes are dropped first and built once at the end (sorting each once instead
 * of inserting into them row by row, in random order), and every table is written in its key order.
 */
function rebuildSteps(conn: Database): Step[] {
  let indexes: string[] = [];
  const ranges = agentRanges(conn);
  return [
    (c) => {
      indexes = dropObjects(c, 'index', DERIVED_TABLES);
      for (const t of DERIVED_TABLES) c.exec(`DELETE FROM ${t}`);
    },
    ...ranges.map((r): Step => (c) => rebuildAgentDays(c, [r])),
    (c) => rebuildProductDays(c),
    (c) => {
      for (const sql of indexes) c.exec(sql);
      markRollupsRebuilt(c);
    },
  ];
}

/** What every recompute of all rollups ends with (the rebuild's, the demo load's): the rollups' version, and '*' in rollup_changes. */
export function markRollupsRebuilt(conn: Database): void {
  // '*': every agent changed; a read model that sees it reloads everything.
  conn.exec(`INSERT INTO rollup_changes (agent_id) VALUES ('*')`);
  conn.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(VERSION_KEY, String(ROLLUPS_VERSION));
}

/** Rebuild on the raw connection (bulk loads), inside the caller's transaction; progress in phase 'rollups'. */
export async function rebuildRollupsOn(conn: Database, job: JobControl = {}): Promise<void> {
  await withRebuildPragmas(conn, async () => {
    const steps = rebuildSteps(conn);
    for (const [i, step] of steps.entries()) {
      job.progress?.(i, steps.length, 'rollups');
      step(conn);
      if (job.signal) {
        await yieldToLoop(); // lets a cancel request in
        throwIfCancelled(job.signal);
      }
    }
    job.progress?.(steps.length, steps.length, 'rollups');
  });
}

/** Rebuild through knex, inside the caller's transaction `trx`; progress and cancel between steps. */
export async function rebuildRollups(trx: Knex, job: JobControl = {}): Promise<void> {
  await rawConnection(trx, (conn) => rebuildRollupsOn(conn, job));
}

/** `analytics rebuild`: every rollup recomputed in one transaction, audited in it; a cancel rolls it all back. */
export async function rebuildAnalytics(db: Db, actor: LedgerActor, job: JobControl = {}, now = Date.now) {
  const started = performance.now();
  return withTempFiles(db, () =>
    db.transaction(async (trx) => {
      await rebuildRollups(trx, job);
      const count = async (t: string) => Number((await trx(t).count({ n: '*' }).first())?.n ?? 0);
      const result = { agentDays: await count('agent_day_stats'), productDays: await count('product_day_stats'), agentSkuDays: await count('agent_sku_days') };
      const ms = Math.round(performance.now() - started);
      await ledgerAudit({ trx, actor }, now(), 'rollups_rebuild', 'analytics', { ...result, ms });
      return { ...result, ms };
    }),
  );
}

/** On open: rollups missing (a database from before them, or from an older rollup version) are built now. */
export async function ensureRollups(db: Db): Promise<boolean> {
  const row = await db('settings').where({ key: VERSION_KEY }).first('value');
  if (row && Number(JSON.parse(row.value)) === ROLLUPS_VERSION) return false;
  await withTempFiles(db, () => db.transaction((trx) => rebuildRollups(trx)));
  return true;
}

/** What a rebuild changed: every rollup table, for every agent (the facts themselves did not change). */
export function rollupsRebuilt(): ChangeSet {
  const c = new ChangeSet();
  c.touch(DERIVED_TABLES, ['*']);
  return c;
}
