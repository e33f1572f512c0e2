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

/** Bump when what the rollups hold changes: a database built by an older version is rebuilt on open. 2: no all-zero rows. */
export const ROLLUPS_VERSION = 2;
const VERSION_KEY = 'analytics.rollupsVersion';

/**
 * Recompute every rollup from the facts (orders, lines, after-sales, sell-through reports): `analytics
 * rebuild`, and the last step of the bulk paths (demo load, restore, clear), inside their own transaction.
 * The column meanings are in the migration 20261202090000_analytics_rollups; the ledger's incremental
 * updates must always equal what this computes (a property test holds them to it).
 *
 * Order lines are read once per target table with their order looked up (one pass over 5M lines each); the
 * union branches are summed per key, never joined to each other. A key whose sums are all zero gets no row (a
 * refund-free case without lines, say): the ledger deletes rows its deltas bring to zero, and both must agree. The
 * HAVING tests only the columns the others are parts of (stock/dropship units are parts of units).
 */
export const REBUILD_SQL: readonly string[] = [
  ...DERIVED_TABLES.map((t) => `DELETE FROM ${t}`),
  `INSERT INTO agent_day_stats (agent_id, day, orders, goods_fen, units, stock_units, dropship_units, shipping_fen,
     shipped_units, dropship_shipped_units, refund_fen, returned_units, returned_dropship_units, reported_units)
   SELECT agent_id, day, SUM(o), SUM(g), SUM(u), SUM(su), SUM(du), SUM(sh), SUM(shu), SUM(dshu), SUM(rf), SUM(ru), SUM(rdu), SUM(rp)
   FROM (
     SELECT agent_id, placed_day AS day, 1 AS o, goods_amount_fen AS g, units AS u,
            CASE kind WHEN 'stock' THEN units ELSE 0 END AS su, CASE kind WHEN 'dropship' THEN units ELSE 0 END AS du,
            shipping_fee_fen AS sh, 0 AS shu, 0 AS dshu, 0 AS rf, 0 AS ru, 0 AS rdu, 0 AS rp
     FROM orders WHERE status <> 'cancelled'
     UNION ALL
     SELECT agent_id, shipped_day, 0, 0, 0, 0, 0, 0, units, CASE kind WHEN 'dropship' THEN units ELSE 0 END, 0, 0, 0, 0
     FROM orders WHERE status <> 'cancelled' AND shipped_day IS NOT NULL
     UNION ALL
     SELECT s.agent_id, s.created_day, 0, 0, 0, 0, 0, 0, 0, 0, s.refund_fen, s.returned_units,
            CASE o.kind WHEN 'dropship' THEN s.returned_units ELSE 0 END, 0
     FROM after_sales s JOIN orders o ON o.id = s.order_id
     UNION ALL
     SELECT agent_id, day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, units FROM sellthrough_reports)
   GROUP BY agent_id, day
   HAVING SUM(o) <> 0 OR SUM(g) <> 0 OR SUM(u) <> 0 OR SUM(sh) <> 0 OR SUM(shu) <> 0 OR SUM(rf) <> 0 OR SUM(ru) <> 0 OR SUM(rp) <> 0`,
  `INSERT INTO product_day_stats (product_id, day, lines, goods_fen, units, stock_units, dropship_units,
     shipped_units, dropship_shipped_units, returned_units, returned_dropship_units, reported_units)
   SELECT product_id, day, SUM(n), SUM(g), SUM(u), SUM(su), SUM(du), SUM(shu), SUM(dshu), SUM(ru), SUM(rdu), SUM(rp)
   FROM (
     -- Each counted line twice: on the day it was placed, and on the day its order shipped.
     SELECT l.product_id, CASE k.placed WHEN 1 THEN o.placed_day ELSE o.shipped_day END AS day,
            k.placed AS n, k.placed * l.quantity * l.unit_price_fen AS g, k.placed * l.quantity AS u,
            CASE o.kind WHEN 'stock' THEN k.placed * l.quantity ELSE 0 END AS su,
            CASE o.kind WHEN 'dropship' THEN k.placed * l.quantity ELSE 0 END AS du,
            (1 - k.placed) * l.quantity AS shu, CASE o.kind WHEN 'dropship' THEN (1 - k.placed) * l.quantity ELSE 0 END AS dshu,
            0 AS ru, 0 AS rdu, 0 AS rp
     FROM order_lines l CROSS JOIN orders o ON o.id = l.order_id CROSS JOIN (SELECT 1 AS placed UNION ALL SELECT 0) k
     WHERE o.status <> 'cancelled' AND (k.placed = 1 OR o.shipped_day IS NOT NULL)
     UNION ALL
     SELECT l.product_id, s.created_day, 0, 0, 0, 0, 0, 0, 0, sl.quantity, CASE o.kind WHEN 'dropship' THEN sl.quantity ELSE 0 END, 0
     FROM after_sales_lines sl JOIN after_sales s ON s.id = sl.case_id JOIN order_lines l ON l.id = sl.order_line_id
     JOIN orders o ON o.id = s.order_id
     UNION ALL
     SELECT product_id, day, 0, 0, 0, 0, 0, 0, 0, 0, 0, units FROM sellthrough_reports)
   GROUP BY product_id, day
   HAVING SUM(n) <> 0 OR SUM(g) <> 0 OR SUM(u) <> 0 OR SUM(shu) <> 0 OR SUM(ru) <> 0 OR SUM(rp) <> 0`,
  `INSERT INTO agent_sku_days (agent_id, day, product_id, consumer_units)
   SELECT agent_id, day, product_id, SUM(units)
   FROM (
     SELECT o.agent_id, o.shipped_day AS day, l.product_id, l.quantity AS units
     FROM order_lines l CROSS JOIN orders o ON o.id = l.order_id
     WHERE o.kind = 'dropship' AND o.status <> 'cancelled' AND o.shipped_day IS NOT NULL
     UNION ALL
     SELECT agent_id, day, product_id, units FROM sellthrough_reports)
   GROUP BY agent_id, day, product_id
   HAVING SUM(units) > 0`,
  // '*': every agent changed; a read model that sees it reloads everything.
  `INSERT INTO rollup_changes (agent_id) VALUES ('*')`,
  `INSERT INTO settings (key, value) VALUES ('${VERSION_KEY}', '${ROLLUPS_VERSION}') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
];

/** Rebuild on the raw connection (bulk loads), inside the caller's transaction. */
export function rebuildRollupsOn(conn: Database): void {
  for (const sql of REBUILD_SQL) conn.exec(sql);
}

/** Rebuild through knex, inside the caller's transaction `trx`; progress and cancel between statements. */
export async function rebuildRollups(trx: Knex, job: JobControl = {}): Promise<void> {
  for (const [i, sql] of REBUILD_SQL.entries()) {
    job.progress?.(i, REBUILD_SQL.length, 'rollups');
    await trx.raw(sql);
    if (job.signal) {
      await yieldToLoop(); // lets a cancel request in
      throwIfCancelled(job.signal);
    }
  }
  job.progress?.(REBUILD_SQL.length, REBUILD_SQL.length, 'rollups');
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
