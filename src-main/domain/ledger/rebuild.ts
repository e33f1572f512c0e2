import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import type { Db } from '../../db/open';
import { throwIfCancelled, yieldToLoop, type JobControl } from '../common/job';
import { ledgerAudit } from './audit';
import { ChangeSet } from './changes';
import type { LedgerActor } from './context';

/** Tables derived from the facts: never copied by a restore (rebuilt instead), never written outside the ledger. */
export const DERIVED_TABLES = ['agent_day_stats', 'product_day_stats', 'agent_sku_days', 'rollup_changes'] as const;

/** The order facts: written by domain/ledger only (tests/unit/ledgerGuard.test.ts), besides the bulk paths that rebuild. */
export const FACT_TABLES = ['orders', 'order_lines', 'order_events', 'after_sales', 'after_sales_lines', 'sellthrough_reports', 'stock_movements'] as const;

/** Bump when what the rollups hold changes: a database built by an older version is rebuilt on open. */
export const ROLLUPS_VERSION = 1;
const VERSION_KEY = 'analytics.rollupsVersion';

/** Each counted order (or line) twice: on the day it was placed (placed = 1) and on the day it shipped (0). */
const TWICE = `CROSS JOIN (SELECT 1 AS placed UNION ALL SELECT 0) k`;
const dayOfK = `CASE k.placed WHEN 1 THEN o.placed_day ELSE o.shipped_day END`;
const counted = `o.status <> 'cancelled' AND (k.placed = 1 OR o.shipped_day IS NOT NULL)`;
const add = (cols: string[]) => cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');

/**
 * Recompute every rollup from the facts (orders, lines, after-sales, sell-through reports): `analytics
 * rebuild`, and the last step of the bulk paths (demo load, restore, clear), inside their own transaction.
 * The column meanings are in the migration 20261202090000_analytics_rollups; the ledger's incremental
 * updates must always equal what this computes (a property test holds them to it).
 *
 * Why upserts and not GROUP BY: SQLite groups by sorting, and sorting 7 M wide rows by agent took most of a
 * minute at 5 M lines. Rows are added in the facts' storage order (about the order they happened), and the
 * tables are keyed by day first, so each upsert lands on a page that is already in the cache. The secondary
 * indexes are dropped for the fill and built once after it. No branch adds a row of zeros (every fact counted
 * here has at least one unit or order), as the ledger deletes rows that fall back to zero.
 */
const FILL_SQL: readonly string[] = [
  `INSERT INTO agent_day_stats (day, agent_id, orders, goods_fen, units, stock_units, dropship_units, shipping_fen, shipped_units, dropship_shipped_units)
   SELECT ${dayOfK}, o.agent_id, k.placed, k.placed * o.goods_amount_fen, k.placed * o.units,
          CASE o.kind WHEN 'stock' THEN k.placed * o.units ELSE 0 END, CASE o.kind WHEN 'dropship' THEN k.placed * o.units ELSE 0 END,
          k.placed * o.shipping_fee_fen, (1 - k.placed) * o.units, CASE o.kind WHEN 'dropship' THEN (1 - k.placed) * o.units ELSE 0 END
   FROM orders o ${TWICE}
   WHERE ${counted}
   ON CONFLICT (day, agent_id) DO UPDATE SET ${add(['orders', 'goods_fen', 'units', 'stock_units', 'dropship_units', 'shipping_fen', 'shipped_units', 'dropship_shipped_units'])}`,
  `INSERT INTO agent_day_stats (day, agent_id, refund_fen, returned_units, returned_dropship_units)
   SELECT s.created_day, s.agent_id, s.refund_fen, s.returned_units, CASE o.kind WHEN 'dropship' THEN s.returned_units ELSE 0 END
   FROM after_sales s JOIN orders o ON o.id = s.order_id
   WHERE s.refund_fen <> 0 OR s.returned_units <> 0
   ON CONFLICT (day, agent_id) DO UPDATE SET ${add(['refund_fen', 'returned_units', 'returned_dropship_units'])}`,
  `INSERT INTO agent_day_stats (day, agent_id, reported_units)
   SELECT day, agent_id, units FROM sellthrough_reports WHERE units <> 0
   ON CONFLICT (day, agent_id) DO UPDATE SET ${add(['reported_units'])}`,

  `INSERT INTO product_day_stats (day, product_id, lines, goods_fen, units, stock_units, dropship_units, shipped_units, dropship_shipped_units)
   SELECT ${dayOfK}, l.product_id, k.placed, k.placed * l.quantity * l.unit_price_fen, k.placed * l.quantity,
          CASE o.kind WHEN 'stock' THEN k.placed * l.quantity ELSE 0 END, CASE o.kind WHEN 'dropship' THEN k.placed * l.quantity ELSE 0 END,
          (1 - k.placed) * l.quantity, CASE o.kind WHEN 'dropship' THEN (1 - k.placed) * l.quantity ELSE 0 END
   FROM order_lines l CROSS JOIN orders o ON o.id = l.order_id ${TWICE}
   WHERE ${counted}
   ON CONFLICT (day, product_id) DO UPDATE SET ${add(['lines', 'goods_fen', 'units', 'stock_units', 'dropship_units', 'shipped_units', 'dropship_shipped_units'])}`,
  `INSERT INTO product_day_stats (day, product_id, returned_units, returned_dropship_units)
   SELECT s.created_day, l.product_id, sl.quantity, CASE o.kind WHEN 'dropship' THEN sl.quantity ELSE 0 END
   FROM after_sales_lines sl JOIN after_sales s ON s.id = sl.case_id JOIN order_lines l ON l.id = sl.order_line_id JOIN orders o ON o.id = s.order_id
   WHERE sl.quantity <> 0
   ON CONFLICT (day, product_id) DO UPDATE SET ${add(['returned_units', 'returned_dropship_units'])}`,
  `INSERT INTO product_day_stats (day, product_id, reported_units)
   SELECT day, product_id, units FROM sellthrough_reports WHERE units <> 0
   ON CONFLICT (day, product_id) DO UPDATE SET ${add(['reported_units'])}`,

  `INSERT INTO agent_sku_days (day, agent_id, product_id, consumer_units)
   SELECT o.shipped_day, o.agent_id, l.product_id, l.quantity
   FROM order_lines l CROSS JOIN orders o ON o.id = l.order_id
   WHERE o.kind = 'dropship' AND o.status <> 'cancelled' AND o.shipped_day IS NOT NULL AND l.quantity <> 0
   ON CONFLICT (day, agent_id, product_id) DO UPDATE SET ${add(['consumer_units'])}`,
  `INSERT INTO agent_sku_days (day, agent_id, product_id, consumer_units)
   SELECT day, agent_id, product_id, units FROM sellthrough_reports WHERE units <> 0
   ON CONFLICT (day, agent_id, product_id) DO UPDATE SET ${add(['consumer_units'])}`,

  // '*': every agent changed; a read model that sees it reloads everything.
  `INSERT INTO rollup_changes (agent_id) VALUES ('*')`,
  `INSERT INTO settings (key, value) VALUES ('${VERSION_KEY}', '${ROLLUPS_VERSION}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
];

/** The two ways in: better-sqlite3 inside a bulk load, knex inside a transaction. */
interface Sql {
  exec(sql: string): Promise<unknown> | unknown;
  indexSql(): Promise<string[]> | string[];
}

const INDEXES_OF_DERIVED = `SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${DERIVED_TABLES.map((t) => `'${t}'`).join(', ')})`;

/** Progress per statement and a cancel between them (a rebuild at 5 M lines takes tens of seconds). */
async function rebuildWith(db: Sql, job: JobControl = {}): Promise<void> {
  const indexes = await db.indexSql();
  for (const sql of indexes) await db.exec(`DROP INDEX IF EXISTS ${/^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(\S+)/i.exec(sql)![1]}`);
  for (const t of DERIVED_TABLES) await db.exec(`DELETE FROM ${t}`);
  const steps = [...FILL_SQL, ...indexes];
  for (const [i, sql] of steps.entries()) {
    job.progress?.(i, steps.length, 'rollups');
    await db.exec(sql);
    if (job.signal) {
      await yieldToLoop(); // lets a cancel request in
      throwIfCancelled(job.signal);
    }
  }
  job.progress?.(steps.length, steps.length, 'rollups');
}

/** Rebuild on the raw connection (bulk loads), inside the caller's transaction. */
export function rebuildRollupsOn(conn: Database): Promise<void> {
  return rebuildWith({
    exec: (sql) => conn.exec(sql),
    indexSql: () => conn.prepare(INDEXES_OF_DERIVED).pluck().all() as string[],
  });
}

/** Rebuild through knex, inside the caller's transaction `trx`. */
export function rebuildRollups(trx: Knex, job: JobControl = {}): Promise<void> {
  return rebuildWith(
    {
      exec: (sql) => trx.raw(sql),
      indexSql: async () => ((await trx.raw(INDEXES_OF_DERIVED)) as { sql: string }[]).map((r) => r.sql),
    },
    job,
  );
}

/** `analytics rebuild`: every rollup recomputed in one transaction, audited in it; a cancel rolls it all back. */
export async function rebuildAnalytics(db: Db, actor: LedgerActor, job: JobControl = {}, now = Date.now) {
  const started = performance.now();
  return db.transaction(async (trx) => {
    await rebuildRollups(trx, job);
    const count = async (t: string) => Number((await trx(t).count({ n: '*' }).first())?.n ?? 0);
    const result = { agentDays: await count('agent_day_stats'), productDays: await count('product_day_stats'), agentSkuDays: await count('agent_sku_days') };
    const ms = Math.round(performance.now() - started);
    await ledgerAudit({ trx, actor }, now(), 'rollups_rebuild', 'analytics', { ...result, ms });
    return { ...result, ms };
  });
}

/** On open: rollups missing (a database from before them, or from an older rollup version) are built now. */
export async function ensureRollups(db: Knex): Promise<boolean> {
  const row = await db('settings').where({ key: VERSION_KEY }).first('value');
  if (row && Number(JSON.parse(row.value)) === ROLLUPS_VERSION) return false;
  await db.transaction((trx) => rebuildRollups(trx));
  return true;
}

/** What a rebuild changed: every rollup table, for every agent (the facts themselves did not change). */
export function rollupsRebuilt(): ChangeSet {
  const c = new ChangeSet();
  c.touch(DERIVED_TABLES, ['*']);
  return c;
}
