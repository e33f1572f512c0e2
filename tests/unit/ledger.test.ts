import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dayNumberOf } from '@contract/days';
import type { DataChangedEvent } from '@contract';
import { recordOrder } from '../../src-main/domain/ledger/orders';
import { cancelOrder, setOrderStatus } from '../../src-main/domain/ledger/status';
import { recordAfterSales } from '../../src-main/domain/ledger/afterSales';
import { recordSellThrough } from '../../src-main/domain/ledger/sellThrough';
import { moveStock, moveStockBulk } from '../../src-main/domain/ledger/stock';
import { ledgerContext } from '../../src-main/domain/ledger/context';
import { ChangeSet } from '../../src-main/domain/ledger/changes';
import { setSetting } from '../../src-main/domain/system/settings';
import { wipeBusinessData } from '../../src-main/domain/system/data';
import { publishChanges } from '../../src-main/app/events';
import { call, openTempApp } from './helpers/tempApp';
import { ACTOR, TZ, count, expectConsistent, refusal, seedLedger, stockOf, write, type LedgerSeed } from './helpers/ledger';

let app: Awaited<ReturnType<typeof openTempApp>>;
let db: Awaited<ReturnType<typeof openTempApp>>['env']['db'];
let s: LedgerSeed;
/** The last audit entry before the test: the log is append-only, so each test reads only its own entries. */
let auditMark = '';
const T = (iso: string) => Date.parse(iso);
const DAY1 = T('2026-03-10T10:00:00+08:00');
const RECEIVER = { name: '王女士', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 1 号' };

beforeAll(async () => {
  app = await openTempApp();
  db = app.env.db;
});
afterAll(() => app.close());
beforeEach(async () => {
  await wipeBusinessData(db);
  await setSetting(db, 'allowBackorders', false);
  s = await seedLedger(db, { agents: 3, products: 3, stock: [10, 5, 0], at: DAY1 - 86_400_000 });
  auditMark = (await db('audit_log').max({ id: 'id' }).first())?.id ?? '';
});

const order = (agent: number, lines: [number, number, number?][], extra: Record<string, unknown> = {}) => ({
  agentId: s.agents[agent],
  kind: 'dropship' as const,
  lines: lines.map(([p, quantity, unitPriceFen]) => ({ productId: s.products[p], quantity, unitPriceFen })),
  shippingFeeFen: 800,
  receiver: RECEIVER,
  ...extra,
});
const place = (now: number, input: ReturnType<typeof order>) => write(db, now, (ctx) => recordOrder(ctx, input)).then((r) => r.value);
const ship = (now: number, id: string, opts = {}) => write(db, now, (ctx) => setOrderStatus(ctx, id, 'shipped', { carrier: '顺丰', trackingNo: 'SF1001', ...opts }));
const audits = (action: string) => db('audit_log').where({ action }).where('id', '>', auditMark).orderBy('id').select('*');
const auditCount = async (action: string) => (await audits(action)).length;
/** rollup_changes rows of the ledger's writes ('*' is the rebuild of the wipe before each test). */
const rollupChanges = async () => (await db('rollup_changes').whereNot({ agent_id: '*' }).orderBy('rev').select('agent_id')).map((r) => r.agent_id as string);

describe('recordOrder', () => {
  it('prices lines at the agent level, sums them, takes the goods from stock and records timeline, audit and rollups', async () => {
    const { value: o, changes } = await write(db, DAY1, (ctx) => recordOrder(ctx, order(1, [[0, 2], [1, 1]])));
    // Agent 1 is on level 2: 2800 and 2900 fen.
    expect(o).toMatchObject({ status: 'pending', goodsAmountFen: 2 * 2800 + 2900, units: 3, orderNo: 'DS2026031000000001' });
    const row = await db('orders').where({ id: o.id }).first();
    expect(row).toMatchObject({ placed_day: 20260310, status: 'pending', receiver_name: '王女士', shipping_fee_fen: 800, source: 'manual' });
    expect(await stockOf(db, s.products[0])).toBe(8);
    expect(await db('stock_movements').where({ ref_id: o.id }).orderBy('delta').select('delta', 'cause')).toEqual([
      { delta: -2, cause: 'order' },
      { delta: -1, cause: 'order' },
    ]);
    expect(await db('order_events').where({ order_id: o.id }).select('kind', 'from_status', 'to_status', 'user_login')).toEqual([
      { kind: 'created', from_status: null, to_status: 'pending', user_login: 'tester' },
    ]);
    const [a] = await audits('order_create');
    expect(a).toMatchObject({ target: `order:${o.orderNo}`, user_login: 'tester', at: DAY1 });
    expect(JSON.parse(a.details)).toEqual({ orderId: o.id, agent: 'A002', kind: 'dropship', lines: 2, units: 3, goodsAmountFen: 8500, shippingFeeFen: 800 });
    expect(JSON.stringify(JSON.parse(a.details))).not.toContain('王女士'); // no personal data in the audit entry
    expect(await db('agent_day_stats').where({ agent_id: s.agents[1] }).select('day', 'orders', 'goods_fen', 'units', 'dropship_units', 'shipping_fen')).toEqual([
      { day: 20260310, orders: 1, goods_fen: 8500, units: 3, dropship_units: 3, shipping_fen: 800 },
    ]);
    expect(changes.toEvent()).toEqual({
      type: 'data.changed',
      tables: ['agent_day_stats', 'order_events', 'order_lines', 'orders', 'product_agent_days', 'product_day_stats', 'products', 'rollup_changes', 'stock_movements'],
      agentIds: [s.agents[1]],
    });
    await expectConsistent(db);
  });

  it('numbers orders per local day after the highest number of that day, the demo’s included', async () => {
    const first = await place(DAY1, order(0, [[0, 1]]));
    await db('orders').where({ id: first.id }).update({ order_no: 'DS2026031000012345' });
    expect((await place(DAY1, order(0, [[0, 1]]))).orderNo).toBe('DS2026031000012346');
    // 00:30 on the 11th in Shanghai is still the 10th in UTC: the number follows the local day.
    expect((await place(T('2026-03-11T00:30:00+08:00'), order(0, [[0, 1]]))).orderNo).toBe('DS2026031100000001');
  });

  it('takes a price override, a client id and a past placing time', async () => {
    const id = '019cd1a2-0000-7000-8000-000000000001';
    const placedAt = T('2026-03-09T23:59:00+08:00');
    const o = await place(DAY1, order(0, [[0, 1, 100]], { id, placedAt, kind: 'stock', receiver: undefined }));
    expect(o).toMatchObject({ id, goodsAmountFen: 100 });
    expect(await db('orders').where({ id }).first('placed_day', 'kind')).toEqual({ placed_day: 20260309, kind: 'stock' });
    expect(JSON.parse((await audits('order_create'))[0].details)).toMatchObject({ priceOverrides: 1 });
    expect(await refusal(place(DAY1, order(0, [[0, 1]], { id })))).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses bad input naming each field', async () => {
    const issues = async (input: unknown) => (await refusal(place(DAY1, input as ReturnType<typeof order>))).details.issues.map((i: { path: string }) => i.path);
    expect(await issues(order(0, []))).toEqual(['lines']);
    expect(await issues(order(0, [[0, 0], [1, 1.5]]))).toEqual(['lines.0.quantity', 'lines.1.quantity']);
    expect(await issues(order(0, [[0, 1, -5]], { shippingFeeFen: 1.5 }))).toEqual(['lines.0.unitPriceFen', 'shippingFeeFen']);
    expect(await issues(order(0, [[0, 1]], { receiver: { name: '', phone: '', address: '' } }))).toEqual(['receiver.name', 'receiver.phone', 'receiver.address']);
    expect(await issues(order(0, [[0, 1]], { placedAt: DAY1 + 60_000 }))).toEqual(['placedAt']);
    const e = await refusal(place(DAY1, order(0, [[0, 0]])));
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', message: 'lines.0.quantity: must be at least 1' });
    expect(await refusal(place(DAY1, { ...order(0, [[0, 1]]), agentId: 'nobody' }))).toMatchObject({
      code: 'NOT_FOUND', message: 'agent nobody does not exist (agentId)', details: { path: 'agentId' },
    });
    const unknownProduct = order(0, [[0, 1]]);
    unknownProduct.lines.push({ productId: 'no-such', quantity: 1, unitPriceFen: undefined });
    expect(await refusal(place(DAY1, unknownProduct))).toMatchObject({ code: 'NOT_FOUND', details: { path: 'lines.1.productId', id: 'no-such' } });
    await db('product_prices').where({ product_id: s.products[1] }).delete();
    expect(await refusal(place(DAY1, order(0, [[1, 1]])))).toMatchObject({
      code: 'VALIDATION_FAILED', message: "lines.0.unitPriceFen: P-002 has no price for agent A001's level; give the unit price",
    });
    expect(await count(db, 'orders')).toBe(0);
  });

  it('never takes stock below zero (two lines of one product count together), unless back-orders are allowed', async () => {
    const e = await refusal(place(DAY1, order(0, [[1, 3], [1, 3]])));
    expect(e).toMatchObject({ code: 'STOCK_INSUFFICIENT', message: 'lines.0.quantity: only 5 of P-002 in stock, 6 needed (back-orders are off)', details: { onHand: 5, requested: 6 } });
    // The refused order left nothing: no order, movement, audit entry, rollup or timeline.
    for (const t of ['orders', 'order_lines', 'order_events', 'agent_day_stats']) expect(await count(db, t), t).toBe(0);
    expect(await rollupChanges()).toEqual([]);
    expect(await auditCount('order_create')).toBe(0);
    expect(await stockOf(db, s.products[1])).toBe(5);
    await setSetting(db, 'allowBackorders', true);
    await place(DAY1, order(0, [[1, 3], [1, 3], [2, 1]]));
    expect([await stockOf(db, s.products[1]), await stockOf(db, s.products[2])]).toEqual([-1, -1]);
    await expectConsistent(db);
  });
});

describe('setOrderStatus and cancelOrder', () => {
  it('ships forward only, one step or skipping delivered; shipping stamps the local day, carrier and tracking', async () => {
    const o = await place(DAY1, order(0, [[0, 2]]));
    expect(await refusal(write(db, DAY1, (ctx) => setOrderStatus(ctx, o.id, 'delivered')))).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'order DS2026031000000001 is pending: ship it first (status shipped, with carrier and tracking number)',
      details: { from: 'pending', to: 'delivered', allowed: ['shipped'] },
    });
    // 16:30 UTC is 00:30 the next day in Shanghai.
    const shipAt = T('2026-03-10T16:30:00Z');
    const { value } = await ship(shipAt, o.id);
    expect(await db('orders').where({ id: o.id }).first('status', 'shipped_at', 'shipped_day', 'carrier', 'tracking_no', 'updated_at')).toEqual({
      status: 'shipped', shipped_at: shipAt, shipped_day: 20260311, carrier: '顺丰', tracking_no: 'SF1001', updated_at: value.updatedAt,
    });
    expect(await db('agent_day_stats').where({ agent_id: s.agents[0] }).orderBy('day').select('day', 'orders', 'shipped_units', 'dropship_shipped_units')).toEqual([
      { day: 20260310, orders: 1, shipped_units: 0, dropship_shipped_units: 0 },
      { day: 20260311, orders: 0, shipped_units: 2, dropship_shipped_units: 2 },
    ]);
    expect(await db('agent_sku_days').select('day', 'consumer_units')).toEqual([{ day: 20260311, consumer_units: 2 }]);
    await expectConsistent(db);
    expect(await refusal(ship(shipAt, o.id))).toMatchObject({ code: 'INVALID_TRANSITION', message: `order ${o.orderNo} is already shipped` });
    expect(await refusal(write(db, shipAt, (ctx) => setOrderStatus(ctx, o.id, 'delivered', { trackingNo: 'X' })))).toMatchObject({
      code: 'VALIDATION_FAILED', details: { issues: [{ path: 'trackingNo' }] },
    });
    expect(await refusal(write(db, shipAt, (ctx) => setOrderStatus(ctx, o.id, 'completed', { expectedUpdatedAt: value.updatedAt - 1 })))).toMatchObject({
      code: 'CONFLICT', details: { reason: 'stale' },
    });
    await write(db, shipAt + 1000, (ctx) => setOrderStatus(ctx, o.id, 'completed', { expectedUpdatedAt: value.updatedAt }));
    expect(await refusal(write(db, shipAt, (ctx) => setOrderStatus(ctx, o.id, 'delivered')))).toMatchObject({
      code: 'INVALID_TRANSITION', message: `order ${o.orderNo} is completed, its last status`,
    });
    expect(await db('order_events').where({ order_id: o.id }).orderBy('at').select('kind', 'from_status', 'to_status', 'note')).toEqual([
      { kind: 'created', from_status: null, to_status: 'pending', note: '' },
      { kind: 'status', from_status: 'pending', to_status: 'shipped', note: '顺丰 SF1001' },
      { kind: 'status', from_status: 'shipped', to_status: 'completed', note: '' },
    ]);
    expect((await audits('order_status')).map((a) => JSON.parse(a.details))).toEqual([
      { orderId: o.id, from: 'pending', to: 'shipped' },
      { orderId: o.id, from: 'shipped', to: 'completed' },
    ]);
    await expectConsistent(db);
  });

  it('cancels a pending order only: the stock comes back and the rollups lose it', async () => {
    const o = await place(DAY1, order(0, [[0, 4]]));
    expect(await refusal(write(db, DAY1, (ctx) => cancelOrder(ctx, o.id, { reason: ' ' })))).toMatchObject({
      code: 'VALIDATION_FAILED', message: 'reason: say why the order is cancelled',
    });
    const { changes } = await write(db, DAY1 + 1000, (ctx) => cancelOrder(ctx, o.id, { reason: '客户不要了' }));
    expect(await stockOf(db, s.products[0])).toBe(10);
    expect(await db('stock_movements').where({ ref_id: o.id }).orderBy('delta').select('delta', 'cause')).toEqual([
      { delta: -4, cause: 'order' },
      { delta: 4, cause: 'cancel' },
    ]);
    expect(await count(db, 'agent_day_stats')).toBe(0); // all zero again: deleted, as a rebuild would have none
    expect(await count(db, 'product_day_stats')).toBe(0);
    expect(changes.agentIds).toEqual(new Set([s.agents[0]]));
    expect(await db('orders').where({ id: o.id }).first('status', 'cancelled_at')).toEqual({ status: 'cancelled', cancelled_at: DAY1 + 1000 });
    await expectConsistent(db);
    expect(await refusal(write(db, DAY1, (ctx) => cancelOrder(ctx, o.id, { reason: 'again' })))).toMatchObject({
      code: 'INVALID_TRANSITION', message: `order ${o.orderNo} is already cancelled`,
    });
    expect(await refusal(write(db, DAY1, (ctx) => setOrderStatus(ctx, o.id, 'shipped')))).toMatchObject({
      code: 'INVALID_TRANSITION', message: `order ${o.orderNo} was cancelled; a cancelled order does not change any more`,
    });

    const shipped = await place(DAY1, order(0, [[0, 1]]));
    await ship(T('2026-03-10T12:00:00+08:00'), shipped.id);
    expect(await refusal(write(db, DAY1, (ctx) => cancelOrder(ctx, shipped.id, { reason: 'late' })))).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: `order ${shipped.orderNo} shipped on 2026-03-10 12:00 and can no longer be cancelled; record an after-sales case (return, refund) instead`,
    });
  });
});

describe('recordAfterSales', () => {
  it('needs a shipped order, returns at most what is left per line, refunds at most the goods amount left', async () => {
    const o = await place(DAY1, order(0, [[0, 3], [1, 1]]));
    const lines = await db('order_lines').where({ order_id: o.id }).orderBy('id').select('id', 'product_id');
    const line0 = lines.find((l) => l.product_id === s.products[0])!.id;
    const line1 = lines.find((l) => l.product_id === s.products[1])!.id;
    const caseOf = (input: Record<string, unknown>, now = DAY1) =>
      write(db, now, (ctx) => recordAfterSales(ctx, { orderId: o.id, reason: '破损', ...input } as never));
    expect(await refusal(caseOf({ lines: [{ orderLineId: line0, quantity: 1 }] }))).toMatchObject({
      code: 'INVALID_TRANSITION', message: `order ${o.orderNo} has not shipped yet: cancel it instead of recording an after-sales case`,
    });
    await ship(DAY1 + 3600_000, o.id);
    expect((await refusal(caseOf({ lines: [], refundFen: 0 }))).details.issues).toEqual([{ path: 'lines', code: 'invalid', message: 'a case returns units or refunds money (or both)' }]);
    expect(await refusal(caseOf({ lines: [{ orderLineId: 'x', quantity: 1 }] }))).toMatchObject({ code: 'NOT_FOUND', details: { path: 'lines.0.orderLineId' } });

    // Returned late in the evening UTC = the next local day.
    const at = T('2026-03-11T16:10:00Z');
    const { value: c } = await caseOf({ lines: [{ orderLineId: line0, quantity: 2 }], refundFen: 5000, restock: true }, at);
    expect(await db('after_sales').where({ id: c.id }).first('created_day', 'returned_units', 'refund_fen', 'agent_id')).toEqual({
      created_day: 20260312, returned_units: 2, refund_fen: 5000, agent_id: s.agents[0],
    });
    expect(await stockOf(db, s.products[0])).toBe(10 - 3 + 2);
    expect(await db('stock_movements').where({ ref_id: c.id }).select('delta', 'cause')).toEqual([{ delta: 2, cause: 'return' }]);
    expect(await db('order_events').where({ order_id: o.id, kind: 'after_sales' }).first('ref_id', 'note')).toEqual({ ref_id: c.id, note: '破损' });
    await expectConsistent(db);

    expect(await refusal(caseOf({ lines: [{ orderLineId: line0, quantity: 2 }] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'lines.0.quantity: at most 1 more of P-001 can be returned (ordered 3, already returned 2)',
      details: { limit: { ordered: 3, returned: 2, max: 1 } },
    });
    // Goods: 3 × 3000 + 3100 = 12100; 5000 refunded.
    expect(await refusal(caseOf({ lines: [], refundFen: 7101 }))).toMatchObject({
      code: 'VALIDATION_FAILED', message: `refundFen: at most 7100 fen can be refunded on ${o.orderNo} (goods 12100, already refunded 5000)`,
    });
    await caseOf({ lines: [{ orderLineId: line1, quantity: 1 }], refundFen: 7100 }, at + 60_000); // no restock: stock stays
    expect(await stockOf(db, s.products[1])).toBe(4);
    expect(await count(db, 'after_sales')).toBe(2);
    expect((await audits('after_sales')).map((a) => JSON.parse(a.details).units)).toEqual([2, 1]);
    await expectConsistent(db);
  });

  it('refuses a cancelled order, and returns from a stock order beyond what the agent still holds', async () => {
    const gone = await place(DAY1, order(0, [[0, 1]]));
    await write(db, DAY1, (ctx) => cancelOrder(ctx, gone.id, { reason: 'x' }));
    expect(await refusal(write(db, DAY1, (ctx) => recordAfterSales(ctx, { orderId: gone.id, reason: 'x', refundFen: 100 })))).toMatchObject({
      code: 'INVALID_TRANSITION', message: `order ${gone.orderNo} was cancelled: nothing was sent, so nothing can be returned or refunded`,
    });
    const stock = await place(DAY1, order(2, [[0, 5]], { kind: 'stock' }));
    await ship(DAY1 + 1000, stock.id);
    await write(db, DAY1 + 2000, (ctx) => recordSellThrough(ctx, { agentId: s.agents[2], productId: s.products[0], day: '2026-03-10', units: 4 }));
    const [line] = await db('order_lines').where({ order_id: stock.id }).select('id');
    expect(await refusal(write(db, DAY1 + 3000, (ctx) => recordAfterSales(ctx, { orderId: stock.id, reason: '退货', lines: [{ orderLineId: line.id, quantity: 2 }] })))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'lines.0.quantity: at most 1 of P-001 can come back: the agent got 5 in stock orders, returned 0 and reported 4 sold',
    });
    await write(db, DAY1 + 3000, (ctx) => recordAfterSales(ctx, { orderId: stock.id, reason: '退货', lines: [{ orderLineId: line.id, quantity: 1 }], restock: true }));
    await expectConsistent(db);
  });
});

describe('recordSellThrough', () => {
  it('reports at most what the agent received in shipped stock orders, minus returns and earlier reports', async () => {
    const report = (units: number, day = '2026-03-10', now = DAY1) =>
      write(db, now, (ctx) => recordSellThrough(ctx, { agentId: s.agents[1], productId: s.products[0], day, units, note: '朋友圈' }));
    expect(await refusal(report(1))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'units: agent A002 can report at most 0 more of P-001 as sold: got 0 in shipped stock orders, returned 0, already reported 0',
    });
    const o = await place(DAY1, order(1, [[0, 6]], { kind: 'stock' }));
    expect(await refusal(report(1))).toMatchObject({ details: { limit: { bought: 0 } } }); // pending: not received yet
    await place(DAY1, order(1, [[0, 2]])); // dropship orders are no stock of the agent's
    await ship(DAY1, o.id);
    await report(4);
    expect(await refusal(report(3))).toMatchObject({
      message: 'units: agent A002 can report at most 2 more of P-001 as sold: got 6 in shipped stock orders, returned 0, already reported 4',
      details: { limit: { bought: 6, returned: 0, reported: 4, max: 2 } },
    });
    expect(await refusal(report(1, '2026-03-11'))).toMatchObject({ code: 'VALIDATION_FAILED', message: 'day: 2026-03-11 is in the future (today is 2026-03-10)' });
    expect((await refusal(report(0))).details.issues[0].path).toBe('units');
    await report(2, '2026-03-11', T('2026-03-10T16:00:00Z')); // midnight in Shanghai: the 11th has begun
    expect(await db('agent_day_stats').where({ agent_id: s.agents[1] }).orderBy('day').select('day', 'reported_units')).toEqual([
      { day: 20260310, reported_units: 4 },
      { day: 20260311, reported_units: 2 },
    ]);
    expect(JSON.parse((await audits('sellthrough_report'))[0].details)).toMatchObject({ product: 'P-001', day: '2026-03-10', units: 4 });
    await expectConsistent(db);
  });
});

describe('moveStock', () => {
  it('moves stock with a cause, never below zero, audited with before and after', async () => {
    const { value } = await write(db, DAY1, (ctx) => moveStock(ctx, { productId: s.products[2], delta: 12, cause: 'receipt', reason: '到货' }));
    expect(value).toEqual({ productId: s.products[2], stockOnHand: 12 });
    expect(await db('stock_movements').where({ product_id: s.products[2] }).select('delta', 'cause', 'note')).toEqual([{ delta: 12, cause: 'receipt', note: '到货' }]);
    expect(JSON.parse((await audits('stock_move'))[0].details)).toEqual({ productId: s.products[2], cause: 'receipt', delta: 12, stock: [0, 12], reason: '到货' });
    expect(await refusal(write(db, DAY1, (ctx) => moveStock(ctx, { productId: s.products[2], delta: -13, cause: 'count' })))).toMatchObject({
      code: 'STOCK_INSUFFICIENT', message: 'delta: only 12 of P-003 in stock, 13 needed (back-orders are off)',
    });
    expect((await refusal(write(db, DAY1, (ctx) => moveStock(ctx, { productId: s.products[2], delta: -1, cause: 'adjust' })))).details.issues).toEqual([
      { path: 'reason', code: 'invalid', message: 'say why the stock is adjusted' },
    ]);
    expect((await refusal(write(db, DAY1, (ctx) => moveStock(ctx, { productId: s.products[2], delta: 0, cause: 'receipt' })))).details.issues[0].path).toBe('delta');
    expect(await refusal(write(db, DAY1, (ctx) => moveStock(ctx, { productId: 'nope', delta: 1, cause: 'receipt' })))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(write(db, DAY1, (ctx) => moveStock(ctx, { productId: s.products[2], delta: 1, cause: 'order' as never })))).toMatchObject({ code: 'VALIDATION_FAILED' });
    await write(db, DAY1, (ctx) => moveStock(ctx, { productId: s.products[2], delta: -12, cause: 'adjust', reason: '过期报废' }));
    expect(await stockOf(db, s.products[2])).toBe(0);
    await expectConsistent(db);
  });

  it('moves many at once with one audit entry', async () => {
    const rows = s.products.map((productId, i) => ({ productId, delta: i + 1, cause: 'count' as const }));
    const { value, changes } = await write(db, DAY1, (ctx) => moveStockBulk(ctx, rows));
    expect(value).toEqual({ rows: 3, units: 6 });
    expect(await auditCount('stock_move')).toBe(1);
    expect([...changes.tables].sort()).toEqual(['products', 'stock_movements']);
    expect(await refusal(write(db, DAY1, (ctx) => moveStockBulk(ctx, [{ productId: s.products[0], delta: -100, cause: 'count' }])))).toMatchObject({
      code: 'STOCK_INSUFFICIENT', message: '0.delta: only 11 of P-001 in stock, 100 needed (back-orders are off)',
    });
    await expectConsistent(db);
  });
});

describe('one transaction per write', () => {
  it('a refused write inside a larger transaction leaves nothing, the others stay; one rollup_changes row per agent', async () => {
    const changes = new ChangeSet();
    await db.transaction(async (trx) => {
      const ctx = ledgerContext(trx, { actor: ACTOR, timeZone: TZ, now: () => DAY1, changes });
      await recordOrder(ctx, order(0, [[0, 1]]));
      await expect(recordOrder(ctx, order(0, [[1, 99]]))).rejects.toMatchObject({ code: 'STOCK_INSUFFICIENT' });
      await recordOrder(ctx, order(0, [[1, 1]]));
      await recordOrder(ctx, order(1, [[1, 1]]));
    });
    expect(await count(db, 'orders')).toBe(3);
    expect(await auditCount('order_create')).toBe(3);
    expect((await rollupChanges()).sort()).toEqual([s.agents[0], s.agents[1]].sort());
    expect(changes.agentIds).toEqual(new Set([s.agents[0], s.agents[1]]));
    await expectConsistent(db);
  });

  it('a transaction that rolls back publishes nothing; a committed one publishes one data.changed to all sessions', async () => {
    const sent: { e: unknown; to: unknown }[] = [];
    const off = app.env.events.on((e, to) => sent.push({ e, to }));
    await expect(
      write(db, DAY1, async (ctx) => {
        await recordOrder(ctx, order(0, [[0, 1]]));
        throw new Error('the handler failed after the write');
      }).then((r) => publishChanges(app.env.events, r.changes)),
    ).rejects.toThrow('the handler failed');
    expect(await count(db, 'orders')).toBe(0);
    expect(sent).toEqual([]);
    const { changes } = await write(db, DAY1, (ctx) => recordOrder(ctx, order(0, [[0, 1]])));
    publishChanges(app.env.events, changes);
    publishChanges(app.env.events, new ChangeSet()); // nothing changed: nothing sent
    off();
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual({ allSessions: true });
    expect((sent[0].e as DataChangedEvent).agentIds).toEqual([s.agents[0]]);
  });
});

describe('through the router', () => {
  it('analytics.rebuild recomputes the rollups in one audited job and tells every session', async () => {
    const o = await place(DAY1, order(0, [[0, 2]]));
    await ship(DAY1, o.id);
    await db('agent_day_stats').delete(); // as if the rollups had drifted
    const sent: DataChangedEvent[] = [];
    const phases: string[] = [];
    const off = app.env.events.on((e) => (e.type === 'data.changed' ? sent.push(e) : phases.push(e.phase)));
    const r = await call(app, 'analytics.rebuild', { jobId: 'rebuild-job-1' });
    off();
    expect(r).toMatchObject({ agentDays: 1, productDays: 1, agentSkuDays: 1 });
    expect(phases).toContain('rollups');
    expect(sent).toEqual([{ type: 'data.changed', tables: ['agent_day_stats', 'agent_sku_days', 'product_agent_days', 'product_day_stats', 'rollup_changes'], agentIds: ['*'] }]);
    expect(JSON.parse((await audits('rollups_rebuild'))[0].details)).toMatchObject({ agentDays: 1, productDays: 1, agentSkuDays: 1 });
    await expectConsistent(db);
  });

  it('products.create writes its initial stock as a movement through the ledger and says so', async () => {
    const sent: DataChangedEvent[] = [];
    const off = app.env.events.on((e) => e.type === 'data.changed' && sent.push(e));
    const p = await call(app, 'products.create', { sku: 'NEW-1', name: '新品', category: '食品', retailPriceFen: 1000, minRetailPriceFen: 900, initialStock: 7 });
    off();
    expect(p.stockOnHand).toBe(7);
    expect(await db('stock_movements').where({ product_id: p.id }).select('delta', 'cause')).toEqual([{ delta: 7, cause: 'initial' }]);
    expect((await audits('stock_move')).map((a) => a.target)).toEqual(['product:NEW-1']);
    expect(sent).toEqual([{ type: 'data.changed', tables: ['product_prices', 'products', 'stock_movements'], agentIds: [] }]);
    await expectConsistent(db);
  });
});

it('cuts days in the context’s time zone', async () => {
  const at = T('2026-03-10T03:00:00Z');
  const { value } = await inZone('America/New_York', at);
  expect((await db('orders').where({ id: value.id }).first('placed_day')).placed_day).toBe(dayNumberOf(at, 'America/New_York'));
  expect(dayNumberOf(at, 'America/New_York')).toBe(20260309);
});
const inZone = (timeZone: string, now: number) =>
  db.transaction((trx) => recordOrder(ledgerContext(trx, { actor: ACTOR, timeZone, now: () => now }), order(0, [[0, 1]]))).then((value) => ({ value }));

describe('data.changed', () => {
  it('names tables and agents, says * for a bulk write, and tells a view whether it is concerned', async () => {
    const { touches } = await import('@contract');
    const c = new ChangeSet();
    c.touch(['orders', 'orders'], ['b', 'a']);
    expect(c.toEvent()).toEqual({ type: 'data.changed', tables: ['orders'], agentIds: ['a', 'b'] });
    const many = new ChangeSet();
    many.touch(['orders'], Array.from({ length: 1001 }, (_, i) => `agent-${i}`));
    expect(many.toEvent().agentIds).toEqual(['*']);
    const e = c.toEvent();
    expect([touches(e, ['orders']), touches(e, ['products']), touches(e, ['orders'], 'a'), touches(e, ['orders'], 'z')]).toEqual([true, false, true, false]);
    expect(touches({ type: 'data.changed', tables: ['*'], agentIds: ['*'] }, ['products'], 'z')).toBe(true);
  });
});
