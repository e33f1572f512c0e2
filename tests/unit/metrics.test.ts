import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type MetricValues, type Permission } from '@contract';
import type { Caller } from '../../src-main/app/router';
import { seedMetrics, type MetricsFixture } from '../fixtures/metricsFixture';
import { call, errorOf, openTempApp } from './helpers/tempApp';

// Every metric of domain.md through the API, for P = [2026-03-01, 2026-03-08) of the hand-made channel in
// tests/fixtures/metricsFixture.ts; each figure is worked out by hand in the comments.

let app: Awaited<ReturnType<typeof openTempApp>>;
let fx: MetricsFixture;
const P = { from: '2026-03-01', to: '2026-03-08' };

beforeAll(async () => {
  app = await openTempApp();
  await app.env.db('agent_levels').delete();
  fx = await seedMetrics(app.env.db);
});
afterAll(() => app.close());

/** 365.1 / 365: order value × orders per 30 days over 365 days × 12.17 = amount × 30 × 12.17 / 365. */
const predicted = (amount365: number) => Math.round((amount365 * 30 * 12.17) / 365);

const EXPECTED: Record<string, MetricValues> = {
  // Counted in P: o3 (03-01 00:00:00), o4, o5 (03-03 twice), o7 (03-07 23:59:59); o6 cancelled, o8 on 03-08.
  // Refund in P: 5000 of o2 (placed 02-25); the refund of 03-09 is outside. Shipped in P: o3 (2 units), o4 (2).
  M01: {
    amount: 24000 - 5000, orders: 4, units: 7 - 1, aov: 4750, frequency: (4 * 30) / 7, activeDays: 3,
    medianInterval: 4, // intervals 46, 4, 2, 0, 4 (01-10, 02-25, 03-01, 03-03 ×2, 03-07)
    recency: 1, sellThrough: (4 - 1) / 7, activeSkuRatio: 3 / 4, // P1, P3 (unlisted, sold), P2 of P1 P2 P3 P5
    returnRate: 1 / 4, repurchase: 3, growth: (19000 - 5000) / 5000, churnRisk: 1 / 8, predictedAmount: predicted(35000 - 5000),
    refund: 5000, shippingFee: 800,
  },
  // Stock orders s2 (30 units) and a dropship d1; sell-through reported 10 in P (and 2 on 02-25, 5 on 02-10).
  M02: {
    amount: 122500, orders: 2, units: 31, aov: 61250, frequency: (2 * 30) / 7, activeDays: 2,
    medianInterval: 21.5, // 01-20 → 03-02 = 41, → 03-04 = 2
    recency: 4, sellThrough: (1 + 10) / 31, activeSkuRatio: 1 / 4, returnRate: 0, repurchase: 1, growth: null, // nothing bought before
    churnRisk: 4 / 43, predictedAmount: predicted(272500), refund: 0, shippingFee: 1500,
  },
  // One order, not shipped.
  M03: {
    amount: 4800, orders: 1, units: 1, aov: 4800, frequency: 30 / 7, activeDays: 1, medianInterval: null, recency: 2,
    sellThrough: 0, activeSkuRatio: 0, returnRate: null, repurchase: 0, growth: null, churnRisk: 2 / 60, predictedAmount: predicted(4800),
    refund: 0, shippingFee: 600,
  },
  // 9000 on 02-23 in the previous period, 3000 + 3000 in P.
  M05: {
    amount: 6000, orders: 2, units: 2, aov: 3000, frequency: (2 * 30) / 7, activeDays: 2, medianInterval: 5, recency: 3,
    sellThrough: 1, activeSkuRatio: 1 / 4, returnRate: 0, repurchase: 1, growth: (6000 - 9000) / 9000, churnRisk: 3 / 10,
    predictedAmount: predicted(15000), refund: 0, shippingFee: 0,
  },
  // 1000 on 02-28 23:59:59 (previous period), 6000 in P: ties M05 on amount.
  M06: {
    amount: 6000, orders: 1, units: 1, aov: 6000, frequency: 30 / 7, activeDays: 1, medianInterval: 4, recency: 4,
    sellThrough: 1, activeSkuRatio: 1 / 4, returnRate: 0, repurchase: 0, growth: 5, churnRisk: 4 / 8,
    predictedAmount: predicted(7000), refund: 0, shippingFee: 0,
  },
  // Two orders in 2025 (06-01, 07-01), nothing since.
  M07: {
    amount: 0, orders: 0, units: 0, aov: null, frequency: 0, activeDays: 0, medianInterval: 30, recency: 250,
    sellThrough: null, activeSkuRatio: 0, returnRate: null, repurchase: 0, growth: null, churnRisk: 1,
    predictedAmount: predicted(6000), refund: 0, shippingFee: 0,
  },
};

const codes = (rows: { agentCode: string }[]) => rows.map((r) => r.agentCode);

describe('every metric of domain.md for a period, by hand', () => {
  it('the ranking rows carry every metric as worked out by hand', async () => {
    const r = await call(app, 'reports.ranking', { ...P, metric: 'recency' }); // history metric: M07 is ranked too
    expect(codes(r.rows)).toEqual(['M01', 'M03', 'M05', 'M02', 'M06', 'M07']);
    for (const row of r.rows) expect([row.agentCode, row.values]).toEqual([row.agentCode, EXPECTED[row.agentCode]]);
    expect(r.rows.map((x) => x.value)).toEqual([1, 2, 3, 4, 4, 250]);
  });

  it('totals are over the ranked agents: facts in P, or also counted orders before its end for history metrics', async () => {
    const byAmount = await call(app, 'reports.ranking', P);
    expect(byAmount.totals).toEqual({ agents: 5, orders: 10, amount: 158300, units: 41, aov: 15830, refund: 5000, shippingFee: 2900 });
    const byRecency = await call(app, 'reports.ranking', { ...P, metric: 'recency' });
    expect(byRecency.totals).toEqual({ ...byAmount.totals, agents: 6 });
  });

  it('flags, RFM segments and stock piling', async () => {
    const r = await call(app, 'reports.ranking', { ...P, metric: 'recency' });
    const by = Object.fromEntries(r.rows.map((x) => [x.agentCode, x]));
    // R/F/M quintile scores over the six agents who ever ordered, H above the mean score (2.5, 2.5, 2.67).
    expect(Object.fromEntries(r.rows.map((x) => [x.agentCode, x.rfmSegment]))).toEqual({
      M01: 'champion', // R5 F5 M4
      M02: 'loyal', // R1 F3 M5
      M03: 'regularGrow', // R4 F1 M1
      M05: 'champion', // R3 F3 M3
      M06: 'lost', // R1 F2 M2
      M07: 'lost', // R1 F1 M1
    });
    expect(r.rows.filter((x) => x.dormant).map((x) => x.agentCode)).toEqual(['M07']); // 250 ≥ max(2 × 30, 30)
    // M02: 90 stock units in the 60 days before 03-08, sell-through (1 + 17) / 91 < 30 %.
    expect(r.rows.filter((x) => x.stockPiling).map((x) => x.agentCode)).toEqual(['M02']);
    expect(by.M01).toMatchObject({ agentName: '张三', levelName: '银牌代理', province: '浙江', status: 'active', csName: '客服一' });
    expect(by.M06.csName).toBeNull();
  });

  it('the agent page: both periods, months, intervals, expected next order and alerts', async () => {
    const m = await call(app, 'agents.metrics', { agentId: fx.agents.M01, ...P });
    expect(m.agent).toMatchObject({ code: 'M01', name: '张三', levelName: '银牌代理', status: 'active', province: '浙江', city: '杭州', csName: '客服一' });
    expect(m.period).toEqual(P);
    expect(m.previous).toEqual({ from: '2026-02-22', to: '2026-03-01' });
    expect(m.current).toEqual(EXPECTED.M01);
    expect(m.prior).toEqual({
      amount: 5000, orders: 1, units: 1, aov: 5000, frequency: 30 / 7, activeDays: 1,
      medianInterval: 46, recency: 4, sellThrough: 1, // o2 shipped 02-26
      activeSkuRatio: 1 / 3, // P2 of P1 P2 P5 (P3 sold by nobody then)
      returnRate: 0, repurchase: 0, growth: null, churnRisk: 4 / 92, predictedAmount: predicted(11000), refund: 0, shippingFee: 0,
    });
    expect(m.monthly).toHaveLength(12);
    expect(m.monthly[0].month).toBe('2025-04');
    expect(m.monthly.slice(-3)).toEqual([
      { month: '2026-01', amount: 6000, orders: 1 },
      { month: '2026-02', amount: 5000, orders: 1 },
      { month: '2026-03', amount: 19000, orders: 4 }, // cut at the period's end: o8 of 03-08 is not in it
    ]);
    expect(m.monthly.slice(0, 9).every((x) => x.amount === 0 && x.orders === 0)).toBe(true);
    expect(m.intervals).toEqual([46, 4, 2, 0, 4]);
    expect(m.expectedNextOrder).toBe('2026-03-11'); // 03-07 + 4
    expect(m).toMatchObject({ rfmSegment: 'champion', dormant: false, churned: false, stockPiling: null });

    const m2 = await call(app, 'agents.metrics', { agentId: fx.agents.M02, ...P });
    expect(m2.stockPiling).toEqual({ stockUnits: 90, sellThrough: 18 / 91 });
    expect(m2.expectedNextOrder).toBe('2026-03-26'); // 03-04 + round(21.5)
    const m7 = await call(app, 'agents.metrics', { agentId: fx.agents.M07, ...P });
    expect(m7).toMatchObject({ dormant: true, churned: true, rfmSegment: 'lost', expectedNextOrder: '2025-07-31' });
    expect(m7.current).toEqual(EXPECTED.M07);
  });

  it('an agent with no purchase has empty figures, and an unknown agent is NOT_FOUND', async () => {
    const m = await call(app, 'agents.metrics', { agentId: fx.agents.M04, ...P });
    expect(m.current).toMatchObject({ amount: 0, orders: 0, aov: null, medianInterval: null, recency: null, sellThrough: null, churnRisk: null, predictedAmount: null });
    expect(m).toMatchObject({ intervals: [], expectedNextOrder: null, rfmSegment: null, dormant: false, churned: false, stockPiling: null });
    expect((await errorOf(call(app, 'agents.metrics', { agentId: 'nobody', ...P }))).code).toBe('NOT_FOUND');
  });

  it('churn and stock piling follow the settings an admin edits (设置 → 代理分析)', async () => {
    await call(app, 'settings.update', { churnDays: 300, stockPilingSellThrough: 0.15 });
    expect((await call(app, 'agents.metrics', { agentId: fx.agents.M07, ...P })).churned).toBe(false); // 250 < 300
    expect((await call(app, 'agents.metrics', { agentId: fx.agents.M02, ...P })).stockPiling).toBeNull(); // 18/91 ≥ 15 %
    await call(app, 'settings.update', { churnDays: 180, stockPilingSellThrough: 0.3 });
    expect((await call(app, 'agents.metrics', { agentId: fx.agents.M07, ...P })).churned).toBe(true);
    expect((await call(app, 'agents.metrics', { agentId: fx.agents.M02, ...P })).stockPiling).not.toBeNull();
  });

  it('product ranking: units, amount and sell-through per product', async () => {
    const byAmount = await call(app, 'reports.productRanking', { ...P, metric: 'amount' });
    expect(byAmount.total).toBe(3);
    expect(byAmount.rows.map(({ rank, sku, units, amount, returnedUnits, sellThrough }) => ({ rank, sku, units, amount, returnedUnits, sellThrough }))).toEqual([
      // o4 10000 + s2 120000 + M03 4800 + g1 6000; 1 unit returned in P; dropship shipped 3 − returned 1 over 34 bought.
      { rank: 1, sku: 'F-002', units: 34 - 1, amount: 140800, returnedUnits: 1, sellThrough: 2 / 34 },
      // 12000 (M01) + 2500 (M02) + 6000 (M05); shipped to consumers 4 + 10 reported, over 7 bought.
      { rank: 2, sku: 'F-001', units: 7, amount: 20500, returnedUnits: 0, sellThrough: 14 / 7 },
      { rank: 3, sku: 'F-003', units: 1, amount: 2000, returnedUnits: 0, sellThrough: 1 },
    ]);
    expect((await call(app, 'reports.productRanking', { ...P, metric: 'sellThrough' })).rows.map((r) => r.sku)).toEqual(['F-001', 'F-003', 'F-002']);
    expect((await call(app, 'reports.productRanking', { ...P, metric: 'units', pageSize: 1, page: 2 })).rows.map((r) => [r.rank, r.sku])).toEqual([[2, 'F-001']]);
  });

  it('the dashboard: funnel against the previous period, days, counts, tops, provinces, stock piling', async () => {
    const d = await call(app, 'analytics.dashboard', P);
    expect(d.previous).toEqual({ from: '2026-02-22', to: '2026-03-01' });
    expect(d.funnel.current).toEqual({
      newAgents: 1, converted: 0, conversionRate: 0, // M04 joined 03-02, never ordered
      orderingAgents: 5, orders: 10, aov: 15830, ordersPerAgent: 2, amount: 158300,
      repurchaseShare: 1, // M01, M05, M06 ordered in the previous period, and all three again
    });
    expect(d.funnel.previous).toEqual({
      newAgents: 1, converted: 1, conversionRate: 1, // M03 joined 02-27, first order 03-06 < 02-27 + 14
      orderingAgents: 3, orders: 3, aov: 5000, ordersPerAgent: 1, amount: 15000, repurchaseShare: null,
    });
    expect(d.daily).toEqual([
      { day: '2026-03-01', amount: 5000, orders: 1 },
      { day: '2026-03-02', amount: 120000 + 3000 - 5000, orders: 2 },
      { day: '2026-03-03', amount: 13000, orders: 2 },
      { day: '2026-03-04', amount: 8500, orders: 2 },
      { day: '2026-03-05', amount: 3000, orders: 1 },
      { day: '2026-03-06', amount: 4800, orders: 1 },
      { day: '2026-03-07', amount: 6000, orders: 1 },
    ]);
    expect(d.agentCounts).toEqual({ new: 1, active: 5, dormant: 1, churned: 1 });
    expect(d.topAgents.map((a) => [a.agentCode, a.amount, a.orders])).toEqual([['M02', 122500, 2], ['M01', 19000, 4], ['M05', 6000, 2], ['M06', 6000, 1], ['M03', 4800, 1]]);
    expect(d.topProducts.map((p) => p.sku)).toEqual(['F-002', 'F-001', 'F-003']);
    expect(d.byProvince).toEqual([
      { province: '广东', amount: 128500, agents: 2 },
      { province: '浙江', amount: 23800, agents: 2 },
      { province: '江苏', amount: 6000, agents: 1 },
    ]);
    expect(d.stockPiling).toEqual({ count: 1, rows: [{ agentId: fx.agents.M02, agentCode: 'M02', agentName: '李四', stockUnits: 90, sellThrough: 18 / 91 }] });
  });

  it('a scoped clerk sees the dashboard and agent pages of their own agents only', async () => {
    const clerk: Caller = { transport: 'test', permissions: new Set<Permission>(PERMISSIONS), user: { id: fx.staff.cs1, login: 'kefu-cs1' }, scope: { csUserId: fx.staff.cs1 } };
    const reply = await app.router.call('analytics.dashboard', P, clerk);
    expect(reply.ok).toBe(true);
    const d = (reply as { data: { topAgents: { agentCode: string }[]; agentCounts: unknown; funnel: { current: { amount: number } } } }).data;
    expect(codes(d.topAgents)).toEqual(['M01', 'M03']);
    expect(d.agentCounts).toEqual({ new: 0, active: 2, dormant: 1, churned: 1 });
    expect(d.funnel.current.amount).toBe(19000 + 4800);
    const other = await app.router.call('agents.metrics', { agentId: fx.agents.M02, ...P }, clerk);
    expect(other.ok ? null : other.error.code).toBe('NOT_FOUND');
  });
});
