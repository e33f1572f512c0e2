import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumberOf } from '@contract/days';
import { type Db, openDb, rawConnection } from '../../src-main/db/open';
import { generateDemo } from '../../src-main/db/demo/generate';
import { DERIVED_TABLES, ensureRollups, rebuildRollups } from '../../src-main/domain/ledger/rebuild';
import { wipeBusinessData } from '../../src-main/domain/system/data';

const TZ = 'Asia/Shanghai';
let dir: string;
let db: Db;
const rows = <T = Record<string, number>>(sql: string) => rawConnection(db, (c) => c.prepare(sql).all() as T[]);
const one = async (sql: string) => (await rows(sql))[0];
/** Every row of a table in key order, to compare a table before and after a rebuild. */
const dump = (t: string) => rows(`SELECT * FROM ${t} ORDER BY 1, 2, 3`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-rollups-'));
  db = await openDb(dir);
  await generateDemo(db, { agents: 200, lines: 8_000, seed: 3, until: '2026-11-20', timeZone: TZ });
}, 60_000);
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('rollups from the demo load', () => {
  it('the demo sets the local shipping day of every shipped order', async () => {
    const shipped = await rows<{ shipped_at: number; shipped_day: number }>('SELECT shipped_at, shipped_day FROM orders WHERE shipped_at IS NOT NULL');
    expect(shipped.length).toBeGreaterThan(100);
    for (const o of shipped) expect(o.shipped_day).toBe(dayNumberOf(o.shipped_at, TZ));
    expect(await one('SELECT COUNT(*) AS n FROM orders WHERE shipped_at IS NULL AND shipped_day IS NOT NULL')).toEqual({ n: 0 });
  });

  it('agent-day totals equal the facts, per agent', async () => {
    const fromRollup = await rows(`SELECT agent_id, SUM(orders) o, SUM(goods_fen) g, SUM(units) u, SUM(stock_units) su, SUM(shipping_fen) sh,
      SUM(shipped_units) shu, SUM(dropship_shipped_units) dshu, SUM(refund_fen) rf, SUM(returned_units) ru, SUM(reported_units) rp
      FROM agent_day_stats GROUP BY agent_id ORDER BY agent_id`);
    const direct = await rows(`SELECT a.id AS agent_id,
      (SELECT COUNT(*) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled') o,
      (SELECT COALESCE(SUM(goods_amount_fen), 0) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled') g,
      (SELECT COALESCE(SUM(units), 0) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled') u,
      (SELECT COALESCE(SUM(units), 0) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled' AND kind = 'stock') su,
      (SELECT COALESCE(SUM(shipping_fee_fen), 0) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled') sh,
      (SELECT COALESCE(SUM(units), 0) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled' AND shipped_at IS NOT NULL) shu,
      (SELECT COALESCE(SUM(units), 0) FROM orders o WHERE o.agent_id = a.id AND status <> 'cancelled' AND shipped_at IS NOT NULL AND kind = 'dropship') dshu,
      (SELECT COALESCE(SUM(refund_fen), 0) FROM after_sales s WHERE s.agent_id = a.id) rf,
      (SELECT COALESCE(SUM(returned_units), 0) FROM after_sales s WHERE s.agent_id = a.id) ru,
      (SELECT COALESCE(SUM(units), 0) FROM sellthrough_reports r WHERE r.agent_id = a.id) rp
      FROM agents a WHERE a.id IN (SELECT agent_id FROM agent_day_stats) ORDER BY a.id`);
    expect(fromRollup.length).toBeGreaterThan(50);
    expect(fromRollup).toEqual(direct);
    // The demo has every kind of fact, so no column is trivially zero.
    for (const k of ['o', 'g', 'su', 'dshu', 'rf', 'ru', 'rp']) expect(fromRollup.some((r) => r[k] > 0)).toBe(true);
  });

  it('product-day totals equal the counted lines and returns per product', async () => {
    const fromRollup = await rows('SELECT product_id, SUM(lines) n, SUM(goods_fen) g, SUM(units) u, SUM(returned_units) ru FROM product_day_stats GROUP BY product_id ORDER BY product_id');
    const direct = await rows(`SELECT p.id AS product_id,
      (SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = p.id AND o.status <> 'cancelled') n,
      (SELECT COALESCE(SUM(l.quantity * l.unit_price_fen), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = p.id AND o.status <> 'cancelled') g,
      (SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = p.id AND o.status <> 'cancelled') u,
      (SELECT COALESCE(SUM(sl.quantity), 0) FROM after_sales_lines sl JOIN order_lines l ON l.id = sl.order_line_id WHERE l.product_id = p.id) ru
      FROM products p WHERE p.id IN (SELECT product_id FROM product_day_stats) ORDER BY p.id`);
    expect(fromRollup).toEqual(direct);
  });

  it('a rebuild changes nothing, and a database without current rollups gets them on open', async () => {
    const before = await Promise.all(DERIVED_TABLES.filter((t) => t !== 'rollup_changes').map(dump));
    await db.transaction((trx) => rebuildRollups(trx));
    expect(await Promise.all(DERIVED_TABLES.filter((t) => t !== 'rollup_changes').map(dump))).toEqual(before);
    expect(await ensureRollups(db)).toBe(false);
    await db('agent_day_stats').delete();
    await db('settings').where({ key: 'analytics.rollupsVersion' }).delete();
    expect(await ensureRollups(db)).toBe(true);
    expect(await dump('agent_day_stats')).toEqual(before[0]);
  });

  it('a rebuild tells read models that every agent changed', async () => {
    const last = await one("SELECT agent_id FROM rollup_changes ORDER BY rev DESC LIMIT 1");
    expect(last).toEqual({ agent_id: '*' });
  });

  it('clearing all data empties the rollups in the same transaction', async () => {
    await wipeBusinessData(db);
    for (const t of ['agent_day_stats', 'product_day_stats', 'agent_sku_days']) expect(await one(`SELECT COUNT(*) AS n FROM ${t}`)).toEqual({ n: 0 });
  });
});
