import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@contract';
import { dayNumberOf, dayOf } from '@contract/days';
import { recordOrder } from '../../src-main/domain/ledger/orders';
import { cancelOrder, setOrderStatus } from '../../src-main/domain/ledger/status';
import { recordAfterSales } from '../../src-main/domain/ledger/afterSales';
import { recordSellThrough } from '../../src-main/domain/ledger/sellThrough';
import { moveStock } from '../../src-main/domain/ledger/stock';
import { rebuildRollups } from '../../src-main/domain/ledger/rebuild';
import type { LedgerContext } from '../../src-main/domain/ledger/context';
import { setSetting } from '../../src-main/domain/system/settings';
import { wipeBusinessData } from '../../src-main/domain/system/data';
import { openTempApp } from './helpers/tempApp';
import { TZ, dumpRollups, expectConsistent, rebuiltRollups, seedLedger, write, type LedgerSeed } from './helpers/ledger';

// Random sequences of writes through the ledger over a small random dataset, with the clock crossing local
// midnights (16:00 UTC in Shanghai): afterwards every rollup is exactly what a rebuild computes from the facts,
// stock is the sum of its movements, and each transaction logged exactly the agents whose rollups it changed.

let app: Awaited<ReturnType<typeof openTempApp>>;
beforeAll(async () => (app = await openTempApp()));
afterAll(() => app.close());

const MINUTE = 60_000;
/** 22:00 in Shanghai: the first steps of the clock already cross into the next local day. */
const START = Date.parse('2026-03-10T14:00:00Z');

const pick = fc.nat({ max: 9 });
const command = fc.record({
  /** Minutes the clock moves before the write: up to 11 h, so sequences span several local days. */
  after: fc.nat({ max: 660 }),
  op: fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('create' as const), agent: pick, kind: fc.constantFrom('dropship' as const, 'stock' as const),
      lines: fc.array(fc.record({ product: pick, quantity: fc.integer({ min: 1, max: 4 }), price: fc.option(fc.nat({ max: 5000 }), { nil: undefined }) }), { minLength: 1, maxLength: 3 }),
      shipping: fc.nat({ max: 1200 }), placedBefore: fc.constantFrom(0, 0, 30, 600) }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('shipped' as const), order: pick }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('delivered' as const, 'completed' as const), order: pick }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel' as const), order: pick }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('afterSales' as const), order: pick, lines: fc.array(fc.record({ line: pick, quantity: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2 }),
      refund: fc.constantFrom(0, 0, 100, 2500, 100_000), restock: fc.boolean() }) },
    // Of the agent and first product of an order made in the run (a shipped stock order, often enough to succeed).
    { weight: 2, arbitrary: fc.record({ type: fc.constant('sellThrough' as const), order: pick, units: fc.integer({ min: 1, max: 4 }), daysBack: fc.constantFrom(0, 0, 1, 3) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('stock' as const), product: pick, delta: fc.integer({ min: -6, max: 12 }).filter((d) => d !== 0), cause: fc.constantFrom('receipt' as const, 'count' as const, 'adjust' as const) }) },
  ),
});
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const world = fc.record({
  agents: fc.integer({ min: 1, max: 3 }),
  products: fc.integer({ min: 1, max: 3 }),
  stock: fc.array(fc.nat({ max: 15 }), { minLength: 3, maxLength: 3 }),
  backorders: fc.boolean(),
});

const at = <T>(list: T[], i: number) => list[i % list.length];

/** The write a command stands for, against what the run has made so far (`orders`: ids in creation order). */
async function run(ctx: LedgerContext, c: Command['op'], s: LedgerSeed, orders: string[], now: number): Promise<void> {
  switch (c.type) {
    case 'create': {
      const o = await recordOrder(ctx, {
        agentId: at(s.agents, c.agent), kind: c.kind, shippingFeeFen: c.shipping, placedAt: now - c.placedBefore * MINUTE,
        lines: c.lines.map((l) => ({ productId: at(s.products, l.product), quantity: l.quantity, unitPriceFen: l.price })),
        receiver: { name: '收件人', phone: '13800000000', address: '某路 1 号' },
      });
      orders.push(o.id);
      return;
    }
    case 'shipped':
    case 'delivered':
    case 'completed':
      if (orders.length) await setOrderStatus(ctx, at(orders, c.order), c.type, c.type === 'shipped' ? { carrier: '中通', trackingNo: 'ZT1' } : {});
      return;
    case 'cancel':
      if (orders.length) await cancelOrder(ctx, at(orders, c.order), { reason: '测试' });
      return;
    case 'afterSales': {
      if (!orders.length) return;
      const orderId = at(orders, c.order);
      const lines = await ctx.trx('order_lines').where({ order_id: orderId }).orderBy('id').select('id');
      const chosen = [...new Map(c.lines.map((l) => [at(lines, l.line).id as string, l.quantity])).entries()];
      await recordAfterSales(ctx, { orderId, reason: '售后', refundFen: c.refund, restock: c.restock && chosen.length > 0,
        lines: chosen.map(([orderLineId, quantity]) => ({ orderLineId, quantity })) });
      return;
    }
    case 'sellThrough': {
      if (!orders.length) return;
      const o = await ctx.trx('orders as o').join('order_lines as l', 'l.order_id', 'o.id').where('o.id', at(orders, c.order)).first('o.agent_id', 'l.product_id');
      await recordSellThrough(ctx, { agentId: o.agent_id, productId: o.product_id, units: c.units, day: dayOf(now - c.daysBack * 86_400_000, TZ) });
      return;
    }
    case 'stock':
      await moveStock(ctx, { productId: at(s.products, c.product), delta: c.delta, cause: c.cause, reason: '盘点' });
  }
}

/** Each agent's rollup rows (agent-day and agent-SKU-day), to see whose changed. */
async function agentRollups(): Promise<Map<string, string>> {
  const db = app.env.db;
  const rows = [
    ...(await db('agent_day_stats').orderBy(['agent_id', 'day']).select('*')),
    ...(await db('agent_sku_days').orderBy(['agent_id', 'day', 'product_id']).select('*')),
  ];
  const by = new Map<string, string>();
  for (const r of rows) by.set(r.agent_id, (by.get(r.agent_id) ?? '') + JSON.stringify(r));
  return by;
}

const lastRev = async () => Number((await app.env.db('rollup_changes').max({ rev: 'rev' }).first())?.rev ?? 0);

describe('ledger property: incremental rollups equal a rebuild', () => {
  it('after any sequence of writes, the rollups, stock and change log agree with the facts', async () => {
    let refused = 0;
    let done = 0;
    await fc.assert(
      fc.asyncProperty(world, fc.array(command, { minLength: 4, maxLength: 24 }), async (w, commands) => {
        const db = app.env.db;
        await wipeBusinessData(db);
        await setSetting(db, 'allowBackorders', w.backorders);
        const s = await seedLedger(db, { agents: w.agents, products: w.products, stock: w.stock.slice(0, w.products), at: START - 86_400_000 });
        const orders: string[] = [];
        let now = START;
        for (const c of commands) {
          now += c.after * MINUTE;
          const before = await agentRollups();
          const rev = await lastRev();
          const audits = Number((await db('audit_log').count({ n: '*' }).first())?.n);
          try {
            await write(db, now, (ctx) => run(ctx, c.op, s, orders, now));
            done++;
          } catch (e) {
            if (!(e instanceof ApiError) || e.code === 'INTERNAL') throw e; // a refusal is fine; a crash or drift is not
            refused++;
            expect(Number((await db('audit_log').count({ n: '*' }).first())?.n)).toBe(audits);
          }
          // The rows this transaction appended name exactly the agents whose rollups it changed, once each.
          const after = await agentRollups();
          const changed = [...new Set([...before.keys(), ...after.keys()])].filter((a) => before.get(a) !== after.get(a)).sort();
          const logged = (await db('rollup_changes').where('rev', '>', rev).orderBy('rev').select('agent_id')).map((r) => r.agent_id as string);
          expect(logged.length).toBe(new Set(logged).size);
          expect([...logged].sort()).toEqual(changed);
        }
        // Days are cut in the supplier's zone (a rebuild reads them as stored, so it could not tell).
        for (const o of await db('orders').select('placed_at', 'placed_day', 'shipped_at', 'shipped_day')) {
          expect(o.placed_day).toBe(dayNumberOf(o.placed_at, TZ));
          expect(o.shipped_day).toBe(o.shipped_at === null ? null : dayNumberOf(o.shipped_at, TZ));
        }
        for (const c of await db('after_sales').select('created_at', 'created_day')) expect(c.created_day).toBe(dayNumberOf(c.created_at, TZ));
        await expectConsistent(db); // every rollup table equals a rebuild's, stock = sum of movements
        const incremental = await dumpRollups(db);
        await db.transaction((trx) => rebuildRollups(trx));
        expect(await dumpRollups(db)).toEqual(incremental);
        expect(await rebuiltRollups(db)).toEqual(incremental);
      }),
      { numRuns: 60 },
    );
    // The generators reach both outcomes often enough to mean something.
    expect(done).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(20);
  }, 180_000);
});
