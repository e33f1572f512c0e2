import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb, rawConnection } from '../../src-main/db/open';
import { generateDemo } from '../../src-main/db/demo/generate';
import { rebuildRollups } from '../../src-main/domain/ledger/rebuild';
import { agentRanges, rebuildAgentDays } from '../../src-main/domain/ledger/rebuildAgentDays';
import { rebuildProductDays } from '../../src-main/domain/ledger/rebuildProductDays';
import { REFERENCE_SQL } from '../fixtures/rollupsReference';

// The rebuild computes agent_day_stats per range of agent ids and product_day_stats in a hash table; the result must
// be exactly the plain GROUP BY definitions (tests/fixtures/rollupsReference.ts), for any cut of the agents into
// ranges, with facts of every odd kind.

const TZ = 'Asia/Shanghai';
let dir: string;
let db: Db;
type Conn = import('better-sqlite3').Database;
const TABLES = Object.keys(REFERENCE_SQL) as (keyof typeof REFERENCE_SQL)[];
const dump = (c: Conn, t: string) => c.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all();
const reference = (c: Conn) => Object.fromEntries(TABLES.map((t) => [t, c.prepare(REFERENCE_SQL[t]).all()]));
const rebuilt = (c: Conn) => Object.fromEntries(TABLES.map((t) => [t, dump(c, t)]));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropship-rebuild-'));
  db = await openDb(dir);
  await generateDemo(db, { agents: 300, lines: 12_000, seed: 7, until: '2026-11-20', timeZone: TZ });
}, 60_000);
afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('analytics rebuild', () => {
  it('the demo load leaves exactly the reference rollups', async () => {
    await rawConnection(db, (c) => {
      const ref = reference(c);
      expect(ref.agent_day_stats.length).toBeGreaterThan(1000);
      expect(ref.product_day_stats.length).toBeGreaterThan(100);
      expect(ref.agent_sku_days.length).toBeGreaterThan(1000);
      expect(ref.product_agent_days.length).toBeGreaterThan(1000);
      expect(rebuilt(c)).toEqual(ref);
    });
  });

  it('agent ranges cover every id once, and any cut gives the same agent days', async () => {
    await rawConnection(db, (c) => {
      const ref = c.prepare(REFERENCE_SQL.agent_day_stats).all();
      for (const perRange of [1_000_000, 5_000, 700, 50]) {
        const ranges = agentRanges(c, perRange);
        // Contiguous, unbounded at both ends.
        expect(ranges[0][0]).toBeNull();
        expect(ranges.at(-1)![1]).toBeNull();
        for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
        if (perRange === 50) expect(ranges.length).toBeGreaterThan(100);
        c.exec('SAVEPOINT cut');
        c.exec('DELETE FROM agent_day_stats');
        const steps: number[] = [];
        rebuildAgentDays(c, ranges, (done) => steps.push(done));
        expect(steps).toEqual(ranges.map((_, i) => i + 1));
        expect(dump(c, 'agent_day_stats')).toEqual(ref);
        c.exec('ROLLBACK TO cut');
        c.exec('RELEASE cut');
      }
    });
  });

  it('odd facts: agents missing from the agents table, other order kinds, cancelled, orphan cases and lines, all-zero keys', async () => {
    await rawConnection(db, (c) => {
      c.pragma('foreign_keys = OFF');
      const [lo, hi] = c.prepare('SELECT MIN(id), MAX(id) FROM agents').raw().get() as [string, string];
      const mid = c.prepare('SELECT id FROM agents ORDER BY id LIMIT 1 OFFSET 150').pluck().get() as string;
      const product = c.prepare('SELECT id FROM products LIMIT 1').pluck().get() as string;
      // Agent ids before the first agent, between two, after the last: the unbounded ranges and a cut must catch them.
      const ghosts = ['!' + lo, mid + '~', hi + '~'];
      let n = 0;
      const order = (agent: string, kind: string, status: string, placedDay: number, shippedDay: number | null, q: number) => {
        const id = `odd-order-${++n}`;
        c.prepare(`INSERT INTO orders (id, order_no, agent_id, kind, status, goods_amount_fen, units, shipping_fee_fen, placed_at, placed_day,
          shipped_day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, 0)`).run(id, id, agent, kind, status, q * 500, q, 300, placedDay, shippedDay);
        c.prepare('INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_fen) VALUES (?, ?, ?, ?, 500)').run(`${id}-l`, id, product, q);
        return id;
      };
      const kase = (agent: string, orderId: string, day: number, refund: number, units: number) => {
        const id = `odd-case-${++n}`;
        c.prepare(`INSERT INTO after_sales (id, order_id, agent_id, refund_fen, returned_units, created_at, created_day, updated_at)
          VALUES (?, ?, ?, ?, ?, 0, ?, 0)`).run(id, orderId, agent, refund, units, day);
        if (units) c.prepare('INSERT INTO after_sales_lines (id, case_id, order_line_id, quantity) VALUES (?, ?, ?, ?)').run(`${id}-l`, id, `${orderId}-l`, units);
      };
      const report = (agent: string, day: number, units: number) =>
        c.prepare(`INSERT INTO sellthrough_reports (id, agent_id, product_id, day, units, created_at) VALUES (?, ?, ?, ?, ?, 0)`).run(`odd-report-${++n}`, agent, product, day, units);
      for (const g of ghosts) {
        const shipped = order(g, 'dropship', 'shipped', 20261101, 20261102, 2);
        // A second line of the same product: one order of it (product_agent_days), two lines (product_day_stats).
        c.prepare('INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_fen) VALUES (?, ?, ?, 1, 450)').run(`${shipped}-l2`, shipped, product);
        order(g, 'stock', 'completed', 20261101, 20261101, 30);
        order(g, 'sample', 'delivered', 20261103, 20261105, 1); // neither stock nor dropship
        const cancelled = order(g, 'dropship', 'cancelled', 20261104, 20261104, 5); // shipped, then cancelled: not counted
        order(g, 'dropship', 'pending', 20261106, null, 0); // no units at all, still an order
        kase(g, shipped, 20261110, 1000, 2);
        kase(g, cancelled, 20261111, 0, 1); // a case of a cancelled order still counts its return
        kase(g, 'no-such-order', 20261112, 700, 1); // its order is gone: no row
        kase(g, shipped, 20261113, 0, 0); // all zero: no row
        report(g, 20261120, 3);
        report(g, 20261121, 0); // all zero: no row
        report(g, 20261120, -1); // a correction: agent_sku_days sums it with the day's 3
        report(g, 20261105, -200); // below zero on its day: no agent_sku_days row
        order(g, 'dropship', 'shipped', 20261103, 20261105, 200_000); // more units than 16 bits
      }
      // A line whose order is gone.
      c.prepare('INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price_fen) VALUES (?, ?, ?, 4, 100)').run('odd-line', 'no-such-order', product);
      c.pragma('foreign_keys = ON');
    });
    await db.transaction((trx) => rebuildRollups(trx));
    await rawConnection(db, (c) => {
      const ref = reference(c);
      const ghostRows = (ref.agent_day_stats as { agent_id: string }[]).filter((r) => !c.prepare('SELECT 1 FROM agents WHERE id = ?').get(r.agent_id));
      expect(ghostRows.length).toBe(3 * 8); // 1101, 1102, 1103, 1105, 1106 (orders), 1110, 1111 (cases), 1120 (report)
      const ghostSkus = (ref.agent_sku_days as { agent_id: string; day: number; consumer_units: number }[]).filter((r) => r.agent_id.endsWith('~') || r.agent_id.startsWith('!'));
      expect(ghostSkus.map((r) => [r.day, r.consumer_units])).toEqual(Array(3).fill([[20261102, 3], [20261105, 199_800], [20261120, 2]]).flat());
      expect(rebuilt(c)).toEqual(ref);
      for (const perRange of [100, 1_000_000]) {
        c.exec('SAVEPOINT cut');
        c.exec('DELETE FROM agent_day_stats');
        rebuildAgentDays(c, agentRanges(c, perRange));
        expect(dump(c, 'agent_day_stats')).toEqual(ref.agent_day_stats);
        c.exec('ROLLBACK TO cut');
        c.exec('RELEASE cut');
      }
      // product_agent_days and agent_sku_days spilled per range of agents: one range, a few, one per agent or so (the
      // ghosts in the last).
      for (const perRange of [1_000_000, 3_000, 40]) {
        c.exec('SAVEPOINT cut');
        c.exec('DELETE FROM product_agent_days; DELETE FROM product_day_stats; DELETE FROM agent_sku_days');
        rebuildProductDays(c, perRange);
        expect(dump(c, 'product_agent_days')).toEqual(ref.product_agent_days);
        expect(dump(c, 'agent_sku_days')).toEqual(ref.agent_sku_days);
        expect(dump(c, 'product_day_stats')).toEqual(ref.product_day_stats);
        c.exec('ROLLBACK TO cut');
        c.exec('RELEASE cut');
      }
      // The ghosts' order with two lines of one product counts once.
      const twice = c.prepare(`SELECT a.orders FROM product_agent_days a JOIN orders o ON o.id = 'odd-order-1' AND a.agent_id = o.agent_id AND a.day = o.placed_day
        WHERE a.product_id = (SELECT product_id FROM order_lines WHERE order_id = o.id LIMIT 1)`).pluck().all();
      expect(twice).toEqual([2]); // that order and the stock order of the same day, not 3
    });
  });

  it('keeps the secondary indexes of the rollups and the connection settings it changed', async () => {
    const state = () =>
      rawConnection(db, (c) => ({
        indexes: c.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('agent_day_stats', 'product_day_stats', 'agent_sku_days') ORDER BY name").all(),
        pragmas: ['temp_store', 'cache_size', 'threads'].map((p) => c.pragma(p, { simple: true })),
      }));
    const before = await state();
    expect(before.indexes.length).toBeGreaterThanOrEqual(2);
    await db.transaction((trx) => rebuildRollups(trx));
    expect(await state()).toEqual(before);
  });
});
