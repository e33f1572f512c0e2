import type { Knex } from 'knex';
import { DEFAULT_TIME_ZONE } from '@contract/days';
import { localDaySql, offsetSpans } from '../offsetSpans';

/**
 * Rollups of the order facts (analytics issue), kept current by domain/ledger in the transaction that writes
 * the facts and recomputed from them by `analytics rebuild`. They are derived data: no foreign keys, so that
 * clearing or restoring never has to order them, and every table is rebuilt whole when in doubt.
 *
 * Days are local days (supplier's time zone) as yyyymmdd. Counted orders = not cancelled (domain.md).
 * - agent_day_stats, one row per agent per day with any fact, keyed (agent_id, day) so one agent's history
 *   and a whole-table load per agent are range reads; (day) indexed for a short period across agents:
 *   orders / goods_fen / units / stock_units / dropship_units / shipping_fen: counted orders placed that day;
 *   shipped_units / dropship_shipped_units: units of counted orders shipped that day (orders.shipped_day);
 *   refund_fen / returned_units / returned_dropship_units: after-sales cases created that day;
 *   reported_units: sell-through reports for that day.
 * - product_day_stats, the same per product per day (lines = counted order lines; returns from case lines).
 * - agent_sku_days: the products an agent got to consumers on a day (dropship units shipped + reported
 *   units), for the active-SKU ratio (distinct SKUs cannot be summed from per-day totals).
 * - rollup_changes: one row per agent whose rollups a transaction changed, in commit order, so that an
 *   in-memory read model (in this or another process) can refresh just those agents; agent_id '*' (written
 *   by a rebuild) means every agent.
 */
const SUMS = [
  'orders', 'goods_fen', 'units', 'stock_units', 'dropship_units', 'shipping_fen',
  'shipped_units', 'dropship_shipped_units', 'refund_fen', 'returned_units', 'returned_dropship_units', 'reported_units',
];
const PRODUCT_SUMS = [
  'lines', 'goods_fen', 'units', 'stock_units', 'dropship_units',
  'shipped_units', 'dropship_shipped_units', 'returned_units', 'returned_dropship_units', 'reported_units',
];
const sums = (cols: string[]) => cols.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => t.integer('shipped_day').nullable());
  const tz = await timeZoneOf(knex);
  const range = await knex('orders').whereNotNull('shipped_at').first(knex.raw('MIN(shipped_at) AS lo'), knex.raw('MAX(shipped_at) AS hi'));
  if (range?.lo != null)
    for (const s of offsetSpans(Number(range.lo), Number(range.hi), tz))
      await knex.raw(`UPDATE orders SET shipped_day = ${localDaySql('shipped_at')} WHERE shipped_at >= ? AND shipped_at < ?`, [s.offsetMs, s.fromMs, s.toMs]);

  await knex.raw(`CREATE TABLE agent_day_stats (agent_id TEXT NOT NULL, day INTEGER NOT NULL, ${sums(SUMS)}, PRIMARY KEY (agent_id, day)) WITHOUT ROWID`);
  await knex.raw('CREATE INDEX agent_day_stats_day ON agent_day_stats (day)');
  await knex.raw(`CREATE TABLE product_day_stats (product_id TEXT NOT NULL, day INTEGER NOT NULL, ${sums(PRODUCT_SUMS)}, PRIMARY KEY (product_id, day)) WITHOUT ROWID`);
  await knex.raw('CREATE INDEX product_day_stats_day ON product_day_stats (day)');
  await knex.raw('CREATE TABLE agent_sku_days (agent_id TEXT NOT NULL, day INTEGER NOT NULL, product_id TEXT NOT NULL, consumer_units INTEGER NOT NULL, PRIMARY KEY (agent_id, day, product_id)) WITHOUT ROWID');
  await knex.raw('CREATE TABLE rollup_changes (rev INTEGER PRIMARY KEY AUTOINCREMENT, agent_id TEXT NOT NULL)');
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['rollup_changes', 'agent_sku_days', 'product_day_stats', 'agent_day_stats']) await knex.schema.dropTableIfExists(t);
  await knex.raw('ALTER TABLE orders DROP COLUMN shipped_day');
}

async function timeZoneOf(knex: Knex): Promise<string> {
  const row = await knex('settings').where({ key: 'timeZone' }).first('value');
  return row ? (JSON.parse(row.value) as string) : DEFAULT_TIME_ZONE;
}
