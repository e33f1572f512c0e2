import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openHandmadeApp } from './helpers/tempApp';

let app: Awaited<ReturnType<typeof openHandmadeApp>>;
beforeAll(async () => {
  app = await openHandmadeApp();
});
afterAll(() => app.close());

describe('distributor ranking (domain.md figures, worked out by hand)', () => {
  it('ranks by purchase amount net of refunds in P, ties by agent code', async () => {
    const r = await call(app, 'reports.ranking', { from: '2026-03-01', to: '2026-03-08' });
    const brief = r.rows.map((x) => [x.rank, x.agentCode, x.values.orders, x.values.amount, x.values.units, x.values.aov, x.values.refund, x.values.shippingFee]);
    expect(brief).toEqual([
      [1, 'A002', 1, 43200, 13, 43200, 2800, 1200], // 46000 − refund 2800 of an order placed before P
      [2, 'A003', 3, 17000, 5, 5667, 0, 500], // 17000 ÷ 3 = 5666.67 → 5667
      [3, 'A005', 1, 17000, 5, 17000, 0, 0], // same amount as A003, later code
      [4, 'A001', 2, 9000, 3, 4500, 5000, 800], // cancelled order not counted
    ]);
    expect(r.total).toBe(4);
    expect(r.totals).toEqual({ agents: 4, orders: 7, amount: 86200, units: 26, aov: 12314, refund: 7800, shippingFee: 2500 });
    expect(r.rows[0]).toMatchObject({ agentName: '李四', levelName: '银牌代理' });
  });

  it('cuts days in the supplier time zone: 23:59:59 local on 02-28 belongs to 02-28', async () => {
    const r = await call(app, 'reports.ranking', { from: '2026-02-28', to: '2026-03-01' });
    expect(r.rows.map((x) => [x.agentCode, x.values.orders, x.values.amount])).toEqual([['A002', 1, 2800]]);
  });

  it('gives the figures of a long period', async () => {
    const r = await call(app, 'reports.ranking', { from: '2026-02-01', to: '2026-04-01' }); // 59 days
    expect(r.rows.map((x) => [x.agentCode, x.values.orders, x.values.amount, x.values.units, x.values.refund])).toEqual([
      ['A002', 3, 48800, 15, 2800], // o4 + o5 + o6 = 51600 − 2800
      ['A003', 3, 17000, 5, 0],
      ['A005', 1, 17000, 5, 0],
      ['A001', 2, 9000, 3, 5000],
    ]);
  });

  it('pages with totals for the whole period, also past the last page', async () => {
    const p2 = await call(app, 'reports.ranking', { from: '2026-03-01', to: '2026-03-08', page: 2, pageSize: 3 });
    expect(p2.rows.map((x) => [x.rank, x.agentCode])).toEqual([[4, 'A001']]);
    expect(p2.totals.amount).toBe(86200);
    const p9 = await call(app, 'reports.ranking', { from: '2026-03-01', to: '2026-03-08', page: 9, pageSize: 3 });
    expect(p9).toMatchObject({ rows: [], total: 4 });
    expect(p9.totals.orders).toBe(7);
  });

  it('an empty period has no rows and an empty order value', async () => {
    const r = await call(app, 'reports.ranking', { from: '2025-01-01', to: '2025-02-01' });
    expect(r).toEqual({ rows: [], total: 0, totals: { agents: 0, orders: 0, amount: 0, units: 0, aov: null, refund: 0, shippingFee: 0 } });
  });

  it('refuses a period whose end is not after its start', async () => {
    await expect(call(app, 'reports.ranking', { from: '2026-03-08', to: '2026-03-01' })).rejects.toThrow(/VALIDATION_FAILED/);
  });
});
