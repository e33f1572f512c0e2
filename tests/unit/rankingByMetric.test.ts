import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type MetricId, type Permission } from '@contract';
import type { Caller } from '../../src-main/app/router';
import { seedMetrics, type MetricsFixture } from '../fixtures/metricsFixture';
import { call, errorOf, openTempApp } from './helpers/tempApp';

// The distributor ranking by every metric on the hand-made channel (values in metrics.test.ts), its ties,
// filters, previous-period ranks and scope.

let app: Awaited<ReturnType<typeof openTempApp>>;
let fx: MetricsFixture;
const P = { from: '2026-03-01', to: '2026-03-08' };

beforeAll(async () => {
  app = await openTempApp();
  await app.env.db('agent_levels').delete();
  fx = await seedMetrics(app.env.db);
});
afterAll(() => app.close());

const codes = (rows: { agentCode: string }[]) => rows.map((r) => r.agentCode);
const ranking = async (input: object) => call(app, 'reports.ranking', { ...P, ...input });

/**
 * Order by each metric (its better end first, empty values last), ties by amount (M02 122500, M01 19000,
 * M05 6000, M06 6000, M03 4800, M07 0), then code. History metrics also rank M07 (orders in 2025 only).
 */
const ORDERS: Record<MetricId, string[]> = {
  amount: ['M02', 'M01', 'M05', 'M06', 'M03'], // M05 and M06 tie at 6000: by code
  orders: ['M01', 'M02', 'M05', 'M06', 'M03'], // 4, 2, 2, 1, 1
  units: ['M02', 'M01', 'M05', 'M06', 'M03'], // 31, 6, 2, 1, 1
  aov: ['M02', 'M06', 'M03', 'M01', 'M05'], // 61250, 6000, 4800, 4750, 3000
  frequency: ['M01', 'M02', 'M05', 'M06', 'M03'],
  activeDays: ['M01', 'M02', 'M05', 'M06', 'M03'], // 3, 2, 2, 1, 1
  medianInterval: ['M01', 'M06', 'M05', 'M02', 'M07', 'M03'], // 4, 4, 5, 21.5, 30, empty
  recency: ['M01', 'M03', 'M05', 'M02', 'M06', 'M07'], // 1, 2, 3, 4, 4, 250
  sellThrough: ['M05', 'M06', 'M01', 'M02', 'M03'], // 1, 1, 3/7, 11/31, 0
  activeSkuRatio: ['M01', 'M02', 'M05', 'M06', 'M03'], // 3/4, 1/4 ×3, 0
  returnRate: ['M02', 'M05', 'M06', 'M01', 'M03'], // 0 ×3, 1/4, empty
  repurchase: ['M01', 'M02', 'M05', 'M06', 'M03'], // 3, 1, 1, 0, 0
  growth: ['M06', 'M01', 'M05', 'M02', 'M03'], // 5, 2.8, −1/3, empty, empty
  churnRisk: ['M03', 'M02', 'M01', 'M05', 'M06', 'M07'], // 1/30, 4/43, 1/8, 3/10, 1/2, 1
  predictedAmount: ['M02', 'M01', 'M05', 'M06', 'M07', 'M03'],
  refund: ['M02', 'M05', 'M06', 'M03', 'M01'], // 0 ×4, 5000
  shippingFee: ['M05', 'M06', 'M03', 'M01', 'M02'], // 0, 0, 600, 800, 1500
};

describe('ranking by any metric', () => {
  for (const [metric, order] of Object.entries(ORDERS))
    it(`by ${metric}`, async () => {
      const r = await ranking({ metric });
      expect(codes(r.rows)).toEqual(order);
      expect(r.rows.map((x) => x.rank)).toEqual(order.map((_, i) => i + 1));
      expect(r.rows.every((x) => x.value === x.values[metric as MetricId])).toBe(true);
      expect(r.total).toBe(order.length);
    });

  it('an unknown metric id is a validation error naming the known ones', async () => {
    const e = await errorOf(ranking({ metric: 'popularity' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toMatch(/metric: unknown metric; use one of amount, orders/);
  });
});

describe('previous-period ranks', () => {
  it('each row carries its previous rank and movement; 新上榜 when not ranked then', async () => {
    // Previous period [02-22, 03-01) by amount: M05 9000, M01 5000, M06 1000, M02 0 (a report on 02-25).
    const r = await ranking({ compare: true });
    expect(r.rows.map((x) => [x.agentCode, x.rank, x.prevRank, x.movement])).toEqual([
      ['M02', 1, 4, 3],
      ['M01', 2, 2, 0],
      ['M05', 3, 1, -2],
      ['M06', 4, 3, -1],
      ['M03', 5, null, null],
    ]);
    const plain = await ranking({});
    expect(plain.rows.every((x) => x.prevRank === null && x.movement === null)).toBe(true);
  });

  it('compares by the same metric', async () => {
    // Orders in the previous period: M01 1, M05 1, M06 1 (ties by amount 9000, 5000, 1000), M02 0.
    const r = await ranking({ metric: 'orders', compare: true });
    expect(r.rows.map((x) => [x.agentCode, x.prevRank])).toEqual([['M01', 2], ['M02', 4], ['M05', 1], ['M06', 3], ['M03', null]]);
  });
});

describe('filters', () => {
  it('by level, province, cs staff (or nobody), source channel and status', async () => {
    expect(codes((await ranking({ filters: { levelIds: [fx.levels.L2] } })).rows)).toEqual(['M01', 'M05']);
    expect(codes((await ranking({ filters: { provinces: ['广东'] } })).rows)).toEqual(['M02', 'M05']);
    expect(codes((await ranking({ filters: { csUserIds: ['none'] } })).rows)).toEqual(['M06']);
    expect(codes((await ranking({ filters: { csUserIds: [fx.staff.cs2, 'none'] } })).rows)).toEqual(['M02', 'M05', 'M06']);
    expect(codes((await ranking({ filters: { sourceChannels: ['朋友圈'] } })).rows)).toEqual(['M01', 'M03']);
    expect(codes((await ranking({ filters: { statuses: ['onboarding'] } })).rows)).toEqual(['M03']);
    const both = await ranking({ filters: { provinces: ['浙江'], levelIds: [fx.levels.L1] } });
    expect(codes(both.rows)).toEqual(['M03']);
    expect(both.totals).toMatchObject({ agents: 1, amount: 4800 });
    expect((await ranking({ filters: { provinces: ['西藏'] } })).total).toBe(0);
  });

  it('compare applies the filters to the previous period too', async () => {
    const r = await ranking({ filters: { provinces: ['广东'] }, compare: true });
    expect(r.rows.map((x) => [x.agentCode, x.prevRank])).toEqual([['M02', 2], ['M05', 1]]);
  });
});

describe('data scope', () => {
  const clerk = (): Caller => ({
    transport: 'test',
    permissions: new Set<Permission>(PERMISSIONS),
    user: { id: fx.staff.cs1, login: 'kefu-cs1' },
    scope: { csUserId: fx.staff.cs1 },
  });

  it('a scoped clerk sees only their agents, ranked among themselves', async () => {
    const reply = await app.router.call('reports.ranking', { ...P, compare: true }, clerk());
    if (!reply.ok) throw new Error(reply.error.message);
    const r = reply.data as Awaited<ReturnType<typeof ranking>>;
    expect(r.rows.map((x) => [x.agentCode, x.rank, x.prevRank])).toEqual([['M01', 1, 1], ['M03', 2, null]]);
    expect(r.totals).toMatchObject({ agents: 2, amount: 23800, orders: 5 });
  });

  it('a missing scope is an error, not every agent', async () => {
    const q = { ...P, metric: 'amount' as const, filters: {}, compare: false, page: 1, pageSize: 50 };
    await expect(app.env.analytics.rankingPage(q, undefined as never)).rejects.toThrow(/scope missing/);
  });

  it('agents.assign moves an agent into a clerk\'s ranking at once', async () => {
    const before = await app.router.call('reports.ranking', P, clerk());
    expect(before.ok && codes((before.data as { rows: { agentCode: string }[] }).rows)).toEqual(['M01', 'M03']);
    await call(app, 'agents.assign', { agentIds: [fx.agents.M06], csUserId: fx.staff.cs1 });
    const after = await app.router.call('reports.ranking', P, clerk());
    expect(after.ok && codes((after.data as { rows: { agentCode: string }[] }).rows)).toEqual(['M01', 'M06', 'M03']);
    expect(codes((await ranking({ filters: { csUserIds: ['none'] } })).rows)).toEqual([]);
    await call(app, 'agents.assign', { agentIds: [fx.agents.M06], csUserId: null });
    const back = await app.router.call('reports.ranking', P, clerk());
    expect(back.ok && codes((back.data as { rows: { agentCode: string }[] }).rows)).toEqual(['M01', 'M03']);
  });
});

describe('the export of the new ranking', () => {
  it('has the chosen columns after the ranked metric and, with compare, the previous rank and movement (持平 as on screen)', async () => {
    const columns = ['levelName', 'orders', 'amount', 'units', 'aov', 'refund', 'shippingFee'] as const;
    const res = await call(app, 'reports.exportRanking', { ...P, metric: 'sellThrough', compare: true, filters: { provinces: ['广东', '江苏'] }, columns: [...columns], jobId: 'metric-export-1' });
    expect(res.rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(app.env.exportsDir, res.fileName));
    const ws = wb.getWorksheet('分销商排行')!;
    expect(ws.getRow(1).values).toEqual([undefined, '排名', '上期排名', '名次变化', '代理编号', '代理', '动销率', '等级', '订单数', '进货额', '件数', '客单价', '退款', '运费']);
    // By sell-through among 广东 and 江苏: M05 1, M06 1 (tie: amount, then code), M02 11/31; the previous
    // period in the same order (M05 1, M06 0, M02 empty).
    const rows = [2, 3, 4].map((i) => (ws.getRow(i).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[5]])).toEqual([[1, 1, '持平', 'M05', 1], [2, 2, '持平', 'M06', 1], [3, 3, '持平', 'M02', 11 / 31]]);
    expect(ws.getRow(2).getCell(6).numFmt).toBe('0.0%');
    const summary = Object.fromEntries(wb.getWorksheet('汇总')!.getSheetValues().filter(Boolean).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(summary).toMatchObject({ 报表: '分销商排行（按动销率）', '筛选：省份': '广东、江苏', 对比上一期: expect.stringMatching(/^是（/), 代理数: 3 });
    const audit = await call(app, 'audit.list', { action: 'export' });
    expect(audit.rows[0].details).toMatchObject({ metric: 'sellThrough', compare: true, filters: { provinces: ['广东', '江苏'] }, rows: 3 });
  });
});
