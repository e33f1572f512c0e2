import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, periodMs } from '@contract/days';
import { previousPeriod } from '@contract/periods';
import { rawConnection } from '../../src-main/db/open';
import { cancelOrder, recordOrder, setOrderStatus } from '../../src-main/domain/ledger';
import { exportProductSales } from '../../src-main/domain/reports/productSales';
import { seedLedger, TZ, write, type LedgerSeed } from './helpers/ledger';
import { openTempApp, tempDir } from './helpers/tempApp';
import { rng } from '../support/rng';

// The product sales report's orders and ordering agents per product come from the product_agent_days rollup; they
// must be exactly what the report computed before from the facts (COUNT(DISTINCT) over the period's counted lines),
// on a random dataset written through the ledger: orders with a product on two lines, cancelled and shipped ones,
// orders at the edges of local days.

const DAY = 86_400_000;
const START = Date.parse('2026-08-01T00:00:00+08:00');
let app: Awaited<ReturnType<typeof openTempApp>>;
let seed: LedgerSeed;

/** The report's figures before the rollup: from the facts, placed_at against the period's local midnights. */
function factsBuyers(fromDay: string, toDay: string) {
  const { fromMs, toMs } = periodMs(fromDay, toDay, TZ);
  return rawConnection(app.env.db, (c) =>
    c
      .prepare(
        `SELECT p.sku, COUNT(DISTINCT l.order_id) AS orders, COUNT(DISTINCT o.agent_id) AS agents
         FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
         WHERE o.placed_at >= ? AND o.placed_at < ? AND o.status <> 'cancelled' GROUP BY l.product_id`,
      )
      .all(fromMs, toMs) as { sku: string; orders: number; agents: number }[],
  );
}

beforeAll(async () => {
  app = await openTempApp();
  await app.env.db('agent_levels').delete();
  seed = await seedLedger(app.env.db, { agents: 12, products: 5, stock: [1e6, 1e6, 1e6, 1e6, 1e6], at: START - DAY });
  const r = rng(20261205);
  const pick = (n: number) => Math.floor(r() * n);
  for (let k = 0; k < 400; k++) {
    // Over 120 days; a fifth of them in the minute around a local midnight.
    const day = pick(120);
    const at = START + day * DAY + (r() < 0.2 ? (r() < 0.5 ? -1 : 1) * pick(60_000) : pick(DAY));
    const lines = Array.from({ length: 1 + pick(3) }, () => ({ productId: seed.products[pick(5)], quantity: 1 + pick(4) }));
    const kind = r() < 0.3 ? 'stock' : 'dropship';
    const { value } = await write(app.env.db, at, (ctx) =>
      recordOrder(ctx, {
        agentId: seed.agents[pick(12)], kind, lines, shippingFeeFen: 0, placedAt: at,
        receiver: kind === 'stock' ? undefined : { name: '李四', phone: '13900001111', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' },
      }),
    );
    const fate = r();
    if (fate < 0.15) await write(app.env.db, at + 1000, (ctx) => cancelOrder(ctx, value.id, { reason: '代理取消' }));
    else if (fate < 0.6) await write(app.env.db, at + DAY, (ctx) => setOrderStatus(ctx, value.id, 'shipped'));
  }
}, 120_000);
afterAll(() => app.close());

async function exported(p: { from: string; to: string }, job = {}) {
  const file = path.join(tempDir(), 'p.xlsx');
  await exportProductSales(app.env.db, TZ, { ...p, locale: 'zh-CN' }, file, job);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = wb.worksheets[0].getSheetValues().slice(2) as unknown[][];
  // Columns: 1 SKU … 10 orders, 11 previous orders, 12 agents, 13 previous agents.
  return rows.map((v) => ({ sku: v[1] as string, orders: v[10], prevOrders: v[11], agents: v[12], prevAgents: v[13] }));
}

describe('product sales report: orders and agents from product_agent_days', () => {
  it('the dataset has what makes distinct counts differ from line counts', async () => {
    const dup = await rawConnection(app.env.db, (c) =>
      c.prepare(`SELECT COUNT(*) FROM (SELECT order_id FROM order_lines GROUP BY order_id, product_id HAVING COUNT(*) > 1)`).pluck().get() as number,
    );
    expect(dup).toBeGreaterThan(20);
    expect(Number((await app.env.db('orders').where({ status: 'cancelled' }).count({ n: '*' }).first())?.n)).toBeGreaterThan(20);
  });

  it('equal the old COUNT(DISTINCT) over the facts for periods of every length, and their previous periods', async () => {
    const r = rng(7);
    const periods = [
      { from: '2026-08-01', to: '2026-12-01' }, // everything
      { from: '2026-09-01', to: '2026-09-02' }, // one day
      ...Array.from({ length: 10 }, () => {
        const from = addDays('2026-07-20', Math.floor(r() * 130));
        return { from, to: addDays(from, 1 + Math.floor(r() * 60)) };
      }),
    ];
    let compared = 0;
    for (const p of periods) {
      const prev = previousPeriod(p);
      const cur = new Map((await factsBuyers(p.from, p.to)).map((b) => [b.sku, b]));
      const before = new Map((await factsBuyers(prev.from, prev.to)).map((b) => [b.sku, b]));
      const rows = await exported(p);
      for (const row of rows) {
        expect(row, `${p.from}–${p.to} ${row.sku}`).toEqual({
          sku: row.sku,
          orders: cur.get(row.sku)?.orders ?? 0,
          prevOrders: before.get(row.sku)?.orders ?? 0,
          agents: cur.get(row.sku)?.agents ?? 0,
          prevAgents: before.get(row.sku)?.agents ?? 0,
        });
        compared += Number(row.orders) + Number(row.prevOrders);
      }
      // Every product with an order in either period has its row.
      for (const sku of [...cur.keys(), ...before.keys()]) expect(rows.map((x) => x.sku)).toContain(sku);
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('reports progress per product in phase query, and a cancel between steps leaves no file', async () => {
    const seen: [number, number, string][] = [];
    await exported({ from: '2026-08-01', to: '2026-12-01' }, { progress: (d: number, t: number, ph: string) => seen.push([d, t, ph]) });
    const query = seen.filter((s) => s[2] === 'query');
    expect(query.at(-1)).toEqual([5, 5, 'query']);
    const dir = tempDir();
    const ctrl = new AbortController();
    const job = { signal: ctrl.signal, progress: (_d: number, t: number, ph: string) => ph === 'query' && t > 0 && ctrl.abort() };
    await expect(exportProductSales(app.env.db, TZ, { from: '2026-08-01', to: '2026-12-01', locale: 'en' }, path.join(dir, 'p.xlsx'), job)).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
